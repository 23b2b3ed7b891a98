// ConsoleState: loading and the per-request helpers; see console_state.h.
#include "desk/console_state.h"

#include <fstream>
#include <sstream>

#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

constexpr std::pair<const char*, const char*> kStaticFiles[] = {
    {"console.css", "text/css; charset=utf-8"},
    {"console.js", "text/javascript; charset=utf-8"},
};

Result<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::make(ErrorCode::config, "cannot read the console file " + path, "open", errno);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

ConsoleState::ConsoleState(DeskContext& desk_context)
    : context(desk_context), sessions([&desk_context] { return desk_context.signer.new_nonce(); }) {}

Result<std::unique_ptr<ConsoleState>> ConsoleState::create(DeskContext& context) {
  std::unique_ptr<ConsoleState> state(new ConsoleState(context));
  const std::string assets = assets_dir();
  for (const char* language : {"zh-CN", "en"}) {
    TRY_ASSIGN(Catalog catalog, Catalog::load(assets + "/i18n", language));
    state->catalogs.emplace(language, std::move(catalog));
  }
  if (context.config.taxonomy_path.empty()) {
    state->taxonomy = Taxonomy::defaults();
  } else {
    TRY_ASSIGN(state->taxonomy, Taxonomy::load_file(context.config.taxonomy_path));
  }
  TRY_ASSIGN(WorkCalendar calendar, WorkCalendar::create(context.config.calendar));
  state->calendar = std::make_unique<WorkCalendar>(std::move(calendar));
  state->filing = std::make_unique<FilingService>(context.config, state->taxonomy, *state->calendar,
                                                  context.tickets, context.clock);
  for (const auto& [name, type] : kStaticFiles) {
    TRY_ASSIGN(std::string body, read_whole_file(assets + "/desk/" + name));
    state->files[name] = StaticFile{type, std::move(body)};
  }
  state->secure_cookies = !context.config.desk.tls_cert.empty();
  return state;
}

const Catalog& ConsoleState::catalog_for(const DeskRequest& request) const {
  std::string language = cookie_value(request.http.header("Cookie"), kLanguageCookie);
  if (language.empty()) {
    const std::string accept = request.http.header("Accept-Language");
    language = accept.rfind("en", 0) == 0 ? "en" : "zh-CN";
  }
  const auto found = catalogs.find(language);
  return found != catalogs.end() ? found->second : catalogs.at("zh-CN");
}

std::optional<StaffSession> ConsoleState::session_for(const DeskRequest& request) {
  const std::string id = cookie_value(request.http.header("Cookie"), kSessionCookie);
  if (id.empty()) return std::nullopt;
  return sessions.touch(id, context.clock.now());
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
