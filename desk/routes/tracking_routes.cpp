// The page behind the receipt's QR code (mobile-first HTML, zh-CN/English):
//   GET  /t/{number}?k=TOKEN[&lang=en]   the ticket's progress (tracking_page.h)
//   POST /t/{number}/rating              the customer's rating: satisfaction + comment (its own
//                                        event; the staff callback unless [policy] says it suffices)
// Every lookup failure (unknown or malformed number, wrong token) is the same 404 page, after
// the same work (TrackingLookup, core/tracking/tracking_lookup.h, shared with the kiosk). Each client
// address has two token buckets: every look-up counts against a loose one (429 before any
// look-up: the store's load), a failed look-up also against a strict one (429 instead of the
// 404: a guesser is told to stop). Customers behind one carrier address load their own pages
// while a guesser beside them is refused. The form is CSRF-safe: a signed, expiring form token
// plus the browser's Origin / Sec-Fetch-Site; a refused or invalid post changes nothing.
#include <memory>

#include "core/base/utf8.h"
#include "core/calendar/work_calendar.h"
#include "core/desk_state/desk_secrets.h"
#include "core/domain/taxonomy.h"
#include "core/domain/tracking_token.h"
#include "core/i18n/catalog.h"
#include "core/tracking/tracking_lookup.h"
#include "core/workflow/workflow.h"
#include "desk/rate_limiter.h"
#include "desk/routes/routes.h"
#include "desk/tracking_page.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

constexpr std::int64_t kFormLifetimeSeconds = 24 * 3600;

class TrackingRoutes {
 public:
  explicit TrackingRoutes(DeskContext& context)
      : m_context(context),
        m_limiter(RateLimit{context.settings.tracking_rate_per_minute, context.settings.tracking_burst}),
        m_failures(RateLimit{context.settings.tracking_failures_per_minute,
                             context.settings.tracking_failure_burst}),
        m_secrets(context.state, [&context] { return context.signer.new_nonce(); }),
        m_resources(context.resources),
        m_lookup(context.tickets, context.resources.taxonomy, context.clock) {}

  DeskResponse show(const DeskRequest& request) {
    const Catalog& texts = texts_for(request, request.query_value("lang"));
    if (!m_limiter.allow(request.remote_address, std::chrono::steady_clock::now())) return too_many(texts);
    auto ticket = m_lookup.find(request.params.at("number"), TrackingProof{request.query_value("k"), {}});
    if (!ticket.ok()) return busy(texts);
    if (!*ticket) return not_found(request, texts);
    RatingForm form;
    auto csrf = form_token((*ticket)->number, m_context.clock.now());
    if (!csrf.ok()) return busy(texts);
    form.csrf = std::move(*csrf);
    return page(texts, **ticket, request.query_value("k"), std::move(form), 200,
                request.query_value("rated") == "1");
  }

  DeskResponse rate(const DeskRequest& request) {
    const auto fields = parse_form(request.http.body);
    const auto field = [&fields](const char* name) {
      const auto found = fields.find(name);
      return found == fields.end() ? std::string() : found->second;
    };
    const Catalog& texts = texts_for(request, field("lang"));
    if (!m_limiter.allow(request.remote_address, std::chrono::steady_clock::now())) return too_many(texts);
    const std::string token = field("k");
    auto found = m_lookup.find(request.params.at("number"), TrackingProof{token, {}});
    if (!found.ok()) return busy(texts);
    if (!*found) return not_found(request, texts);
    const Ticket& ticket = **found;
    const Instant now = m_context.clock.now();

    RatingForm form;
    auto csrf = form_token(ticket.number, now);
    if (!csrf.ok()) return busy(texts);
    form.csrf = std::move(*csrf);
    form.chosen = satisfaction_from_string(field("rating"));
    if (form.chosen == Satisfaction::none) form.chosen.reset();
    const std::string comment = field("comment");
    form.comment = utf8::is_valid(comment) ? comment : std::string();
    const auto refuse = [&](int status, const char* key) {
      form.error_key = key;
      return page(texts, ticket, token, std::move(form), status, false);
    };
    if (!same_origin(request) || !valid_form_token(field("csrf"), ticket.number, now)) {
      return refuse(403, "track.error.form_expired");
    }
    if (!form.chosen) return refuse(400, "track.error.rating_missing");
    if (!utf8::is_valid(comment)) return refuse(400, "track.error.comment_invalid");
    const std::string note = utf8::trim(utf8::strip_controls(comment, utf8::KeepNewlines::yes));
    if (utf8::code_points(note).value_or(0) > kRatingCommentMaxChars) {
      return refuse(400, "track.error.comment_long");
    }
    // Once a round: a second rating (another tab, a replayed form) changes nothing.
    auto progress = m_lookup.progress_of(ticket, now);
    if (!progress.ok()) return busy(texts);
    if (!progress->accepts_rating) return refuse(409, "track.error.not_now");
    // The same service as the console and complaintctl: the deployment's taxonomy and policy decide.
    ActionRequest rating;
    rating.action = Action::customer_rating;
    rating.role = Role::customer;
    rating.actor = "customer";
    rating.at = now;
    rating.note = "customer's rating (tracking page)";
    rating.satisfaction = form.chosen;
    rating.callback_note = note;
    auto stored = m_resources.filing->act(ticket.number, rating);
    if (!stored.ok()) {
      const ErrorCode code = stored.error().code;
      if (code == ErrorCode::forbidden || code == ErrorCode::conflict || code == ErrorCode::invalid_input)
        return refuse(409, "track.error.not_now");
      m_context.log("tracking: storing the rating of " + ticket.number +
                    " failed: " + stored.error().message);
      return busy(texts);
    }
    m_context.log("tracking: " + ticket.number + " rated " + to_string(*form.chosen) + " by the customer");
    DeskResponse response = DeskResponse::text(303, "", "text/plain; charset=utf-8");
    response.headers.emplace_back("Location", "/t/" + url_encode(ticket.number) + "?k=" + url_encode(token) +
                                                  "&lang=" + url_encode(texts.language()) + "&rated=1");
    add_page_headers(response, texts);
    return response;
  }

 private:
  const Catalog& texts_for(const DeskRequest& request, const std::string& override_language) const {
    return m_resources.catalog(choose_language(override_language, request.http.header("Accept-Language")));
  }

  // Signed with a secret the desk's store keeps (made once by the first desk that needs it),
  // so a form loaded from one desk is accepted by another, and by this one after a restart.
  Result<std::string> form_signature(const std::string& number, const std::string& issued) {
    TRY_ASSIGN(const std::string secret, m_secrets.get("tracking_form"));
    return m_context.signer.hmac_sha256_hex(secret, "rating\n" + number + "\n" + issued);
  }

  Result<std::string> form_token(const std::string& number, Instant now) {
    const std::string issued = std::to_string(now.time_since_epoch().count());
    TRY_ASSIGN(const std::string signature, form_signature(number, issued));
    return issued + "." + signature;
  }

  bool valid_form_token(const std::string& token, const std::string& number, Instant now) {
    const std::size_t dot = token.find('.');
    if (dot == std::string::npos || dot == 0 || dot > 12) return false;
    const std::string issued = token.substr(0, dot);
    if (issued.find_first_not_of("0123456789") != std::string::npos) return false;
    const std::int64_t age = now.time_since_epoch().count() - std::stoll(issued);
    if (age < -60 || age > kFormLifetimeSeconds) return false;
    const auto expected = form_signature(number, issued);
    return expected.ok() && constant_time_equal(*expected, token.substr(dot + 1));
  }

  // Browsers say where a form post comes from; a cross-site post is refused even with a
  // valid form token. Clients that send neither header (curl) rely on the form token.
  static bool same_origin(const DeskRequest& request) {
    const std::string site = request.http.header("Sec-Fetch-Site");
    if (!site.empty() && site != "same-origin" && site != "none") return false;
    const std::string origin = request.http.header("Origin");
    if (origin.empty()) return true;
    const std::size_t scheme_end = origin.find("://");
    return scheme_end != std::string::npos && origin.substr(scheme_end + 3) == request.http.header("Host");
  }

  DeskResponse page(const Catalog& texts, const Ticket& ticket, const std::string& token, RatingForm form,
                    int status, bool just_rated) {
    const Instant now = m_context.clock.now();
    auto found = m_lookup.progress_of(ticket, now);
    if (!found.ok()) return busy(texts);
    const PublicProgress& progress = *found;
    const SiteConfig& site = m_context.config.site;
    const TrackingPage view{
        progress,
        texts,
        m_resources.calendar->zone(),
        token,
        site.hotline,
        now,
        std::move(form),
        just_rated,
        texts.language() == "en" ? site.name_en : site.name_zh,
        m_resources.logo_data_uri,
        subject_label(m_resources.taxonomy, ticket.kind, ticket.category, texts.language(), ticket.topic)};
    return html(status, render_tracking_page(view), texts);
  }

  static DeskResponse html(int status, std::string body, const Catalog& texts) {
    DeskResponse response = DeskResponse::text(status, std::move(body), "text/html; charset=utf-8");
    add_page_headers(response, texts);
    return response;
  }

  static void add_page_headers(DeskResponse& response, const Catalog& texts) {
    response.headers.insert(response.headers.end(),
                            {
                                {"Cache-Control", "no-store"},
                                {"Content-Language", texts.language()},
                                {"Vary", "Accept-Language"},
                                // The URL carries the token: it must not leak to other sites through Referer.
                                {"Referrer-Policy", "same-origin"},
                                {"X-Content-Type-Options", "nosniff"},
                                {"X-Frame-Options", "DENY"},
                                {"Content-Security-Policy",
                                 "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action "
                                 "'self'; frame-ancestors 'none'; "
                                 "base-uri 'none'"},
                            });
  }

  // A failed look-up: the 404, or 429 once the address has failed too often. The guesser
  // learns nothing more from the 429 than from the 404 (the same work was done).
  DeskResponse not_found(const DeskRequest& request, const Catalog& texts) {
    if (!m_failures.allow(request.remote_address, std::chrono::steady_clock::now())) {
      return refused(texts, "track.too_many_failures.title", "track.too_many_failures.body", m_failures);
    }
    return html(404, render_message_page(texts, "track.not_found.title", "track.not_found.body"), texts);
  }
  DeskResponse too_many(const Catalog& texts) const {
    return refused(texts, "track.rate_limited.title", "track.rate_limited.body", m_limiter);
  }
  static DeskResponse refused(const Catalog& texts, const char* title, const char* body,
                              const RateLimiter& limit) {
    DeskResponse response = html(429, render_message_page(texts, title, body), texts);
    response.headers.emplace_back("Retry-After", std::to_string(limit.retry_after_seconds()));
    return response;
  }
  static DeskResponse busy(const Catalog& texts) {
    return html(503, render_message_page(texts, "track.error.title", "track.error.busy"), texts);
  }

  DeskContext& m_context;
  RateLimiter m_limiter;   // every look-up, loosely
  RateLimiter m_failures;  // failed look-ups, strictly
  DeskSecrets m_secrets;   // the rating form's key, shared by every desk on the database
  DeskResources& m_resources;
  TrackingLookup m_lookup;
};

}  // namespace

void add_tracking_routes(Router& router, DeskContext& context) {
  auto routes = std::make_shared<TrackingRoutes>(context);
  router.add("GET", "/t/{number}", [routes](const DeskRequest& request) { return routes->show(request); });
  router.add("POST", "/t/{number}/rating",
             [routes](const DeskRequest& request) { return routes->rate(request); });
}

}  // namespace complaint::desk
