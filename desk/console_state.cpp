// ConsoleState: loading and the per-request helpers; see console_state.h.
#include "desk/console_state.h"

#include "desk/web_forms.h"

namespace complaint::desk {
ConsoleState::ConsoleState(DeskContext& desk_context)
    : context(desk_context),
      catalogs(desk_context.resources.catalogs),
      taxonomy(desk_context.resources.taxonomy),
      calendar(*desk_context.resources.calendar),
      filing(*desk_context.resources.filing),
      files(desk_context.resources.console_files),
      sessions(
          desk_context.state, [&desk_context] { return desk_context.signer.new_nonce(); },
          // The cookie's id is stored only as this hash: a copy of the database holds no
          // session anyone could present.
          [&desk_context](const std::string& id) {
            return desk_context.signer.hmac_sha256_hex("complaint-desk session id", id);
          }),
      throttle(desk_context.state),
      departments(desk_context.state),
      secure_cookies(!desk_context.settings.tls_cert.empty()) {
  if (context.attachments != nullptr) {
    attachments = std::make_unique<AttachmentService>(
        context.tickets, *context.attachments, taxonomy, context.sha256_hex, context.clock,
        AttachmentLimits{context.settings.attachment_max_bytes, context.settings.attachment_max_count});
  }
}

const Catalog& ConsoleState::catalog_for(const DeskRequest& request) const {
  return context.resources.catalog(choose_language(
      cookie_value(request.http.header("Cookie"), kLanguageCookie), request.http.header("Accept-Language")));
}

std::optional<StaffSession> ConsoleState::session_for(const DeskRequest& request) {
  const std::string id = cookie_value(request.http.header("Cookie"), kSessionCookie);
  if (id.empty()) return std::nullopt;
  auto touched = sessions.touch(id, context.clock.now());
  if (!touched.ok()) {
    context.log("console: session look-up failed: " + touched.error().message);
    return std::nullopt;
  }
  auto session = std::move(*touched);
  if (!session) return std::nullopt;
  // The account as it is now: a deleted or disabled account, or one whose role changed, ends the session
  // at once instead of acting on with what it had at sign-in. A store that cannot answer
  // refuses the request (fail closed) but keeps the session for when it is back.
  auto account = context.desk.find_user(session->user);
  if (!account.ok()) return std::nullopt;
  if (!account->has_value() || (*account)->role != session->role || (*account)->disabled) {
    (void)sessions.end(id);  // a store failure here leaves a session the next request ends
    return std::nullopt;
  }
  session->departments = (*account)->departments;
  return session;
}

std::string ConsoleState::error_text(const Catalog& catalog, const Error& error) const {
  if (!error.key.empty() && catalog.has(error.key)) return catalog.text(error.key);
  switch (error.code) {
    case ErrorCode::invalid_input:
      return catalog.text("console.error.invalid");
    case ErrorCode::not_found:
      return catalog.text("console.error.not_found");
    case ErrorCode::forbidden:
      return catalog.text("console.error.forbidden");
    case ErrorCode::conflict:
      return catalog.text("console.error.conflict");
    default:
      return catalog.text("console.error.internal");
  }
}

bool same_token(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

DeskResponse html_page(int status, std::string body) {
  DeskResponse response = DeskResponse::text(status, std::move(body), "text/html; charset=utf-8");
  response.headers = {
      {"Content-Security-Policy",
       "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
  };
  return response;
}

DeskResponse redirect_to(const std::string& location) {
  DeskResponse response = html_page(303, "");
  response.headers.emplace_back("Location", location);
  return response;
}

}  // namespace complaint::desk
