// The staff console under /console: sign-in (throttled, pre-login CSRF cookie), sign-out,
// language switch, the queue, a ticket page and its actions, the statistics page with its
// downloads and the tickets behind each figure (supervisors and executives; dispatchers their
// departments'), the console's static files.
// Every POST carries the session's CSRF token; every action goes through
// FilingService::act, so the workflow's role table is enforced on the server whatever
// the page offered. Refusals are answered in the user's language and change nothing.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <limits>
#include <set>
#include <unordered_map>
#include <variant>

#include "core/base/utf8.h"
#include "core/desk_state/staff_accounts.h"
#include "core/escalation/group_complaints.h"
#include "core/reports/monthly_trend.h"
#include "core/reports/record_form.h"
#include "core/reports/register_csv.h"
#include "core/reports/report_access.h"
#include "core/reports/report_output.h"
#include "core/reports/report_period.h"
#include "core/reports/statistics_sheet.h"
#include "desk/console_pages.h"
#include "desk/console_state.h"
#include "desk/multipart.h"
#include "desk/routes/console_common.h"
#include "desk/routes/routes.h"
#include "desk/web_forms.h"
#include "drivers/report_pdf/record_form_pdf.h"
#include "drivers/report_pdf/statistics_pdf.h"

namespace complaint::desk {
namespace {

constexpr std::size_t kMaxText = 2000;  // code points of a record-form text
constexpr std::size_t kMaxShort = 64;   // department, repeat number, user name
constexpr std::size_t kQueueRows = 200;
constexpr long kLoginCookieSeconds = 3600;
constexpr int kHelpRows = 200;  // open help requests listed (a lobby has a handful)

// An argon2id hash of a random password nobody knows: unknown names cost the same
// verification as known ones, so timing does not tell which names exist.
constexpr const char* kDummyHash =
    "$argon2id$v=19$m=65536,t=2,p=1$YE2xJLEL05VJW5LLgnfHBg$Ay8d1cGuSn0nksfITQ2LohZlBCDsar+wMLEhN9D69FQ";

using State = std::shared_ptr<ConsoleState>;

}  // namespace

// Shared with the other console areas (console_common.h).
PageContext page_for(ConsoleState& state, const DeskRequest& request, const StaffSession* session) {
  PageContext page{state.catalog_for(request), state.taxonomy, state.calendar.zone(), session,
                   state.context.clock.now()};
  // The missing-year warning is for supervisors, who can have it imported; never for the
  // public pages, which do not come through here.
  if (session != nullptr && session->role == Role::supervisor && state.context.calendar != nullptr) {
    page.calendar_missing = state.context.calendar->missing_years();
  }
  if (session != nullptr) {
    // A customer waiting at a kiosk shows on every page (one indexed query).
    if (auto open = state.context.desk.open_help_requests(kHelpRows); open.ok())
      page.open_help = static_cast<int>(open->size());
  }
  return page;
}

DeskResponse message_page(ConsoleState& state, const DeskRequest& request, const StaffSession* session,
                          int status, const std::string& message) {
  const PageContext page = page_for(state, request, session);
  return html_page(status, render_message(page, page.catalog.text("console.error.title"), message));
}

namespace {

DeskResponse login_page(ConsoleState& state, const DeskRequest& request, int status, const std::string& name,
                        const std::string& error) {
  const std::string token = state.context.signer.new_nonce() + state.context.signer.new_nonce();
  DeskResponse response =
      html_page(status, render_login(page_for(state, request, nullptr), token, name, error));
  response.headers.emplace_back(
      "Set-Cookie", session_cookie(kLoginCookie, token, kLoginCookieSeconds, state.secure_cookies));
  return response;
}

DeskResponse post_login(ConsoleState& state, const DeskRequest& request) {
  const Catalog& catalog = state.catalog_for(request);
  const auto form = parse_form(request.http.body);
  const auto field = [&form](const char* name) {
    const auto found = form.find(name);
    return found == form.end() ? std::string() : found->second;
  };
  const std::string name = field("name");
  if (!same_token(field("csrf"), cookie_value(request.http.header("Cookie"), kLoginCookie))) {
    return login_page(state, request, 403, name, catalog.text("console.error.csrf"));
  }
  const Instant now = state.context.clock.now();
  const auto unavailable = [&](const std::string& what, const Error& error) {
    state.context.log("console: " + what + " failed: " + error.message);
    return login_page(state, request, 503, name, catalog.text("console.error.internal"));
  };
  const auto attempt = state.throttle.admit(name, request.remote_address, now);
  if (!attempt.ok()) return unavailable("sign-in throttle", attempt.error());
  if (!attempt->admitted()) {
    const auto wait = attempt->wait;
    const long minutes = (wait.count() + 59) / 60;
    const char* key = minutes == 1 ? "console.login.throttled_one" : "console.login.throttled";
    DeskResponse response =
        login_page(state, request, 429, name, catalog.format(key, {{"minutes", std::to_string(minutes)}}));
    response.headers.emplace_back("Retry-After", std::to_string(wait.count()));
    return response;
  }
  std::optional<StaffUser> user;
  if (!name.empty() && name.size() <= kMaxShort) {
    auto found = state.context.desk.find_user(name);
    if (!found.ok()) {
      (void)state.throttle.abandoned(*attempt);  // at worst the attempt counts as a failure
      return unavailable("login look-up", found.error());
    }
    user = *found;
  }
  const std::string password = field("password");
  // A disabled account is refused like a wrong password (after the same verification).
  const bool verified = state.context.verify_password &&
                        state.context.verify_password(user ? user->password_hash : kDummyHash, password) &&
                        user.has_value() && !user->disabled;
  if (!verified) {
    // A name that is no account is often a password typed into the wrong field: not logged.
    state.context.log("console: failed login for " +
                      (user ? "'" + name + "'" : std::string("an unknown name")) + " from " +
                      request.remote_address);
    return login_page(state, request, 401, name, catalog.text("console.login.failed"));
  }
  // A success that cannot be recorded leaves the attempt counted as a failure: the safe side.
  (void)state.throttle.succeeded(*attempt, name);
  const auto started = state.sessions.start(user->name, user->role, now);
  if (!started.ok()) return unavailable("session start", started.error());
  const StaffSession& session = *started;
  state.context.log("console: " + user->name + " (" + to_string(user->role) + ") signed in from " +
                    request.remote_address);
  DeskResponse response = redirect_to("/console");
  const long lifetime = state.sessions.limits().absolute.count();
  response.headers.emplace_back("Set-Cookie",
                                session_cookie(kSessionCookie, session.id, lifetime, state.secure_cookies));
  response.headers.emplace_back("Set-Cookie", session_cookie(kLoginCookie, "", -1, state.secure_cookies));
  return response;
}

}  // namespace

std::variant<StaffSession, DeskResponse> session_for_post(ConsoleState& state, const DeskRequest& request,
                                                          const std::map<std::string, std::string>& form) {
  const auto session = state.session_for(request);
  const Catalog& catalog = state.catalog_for(request);
  if (!session) return message_page(state, request, nullptr, 401, catalog.text("console.error.session"));
  const auto csrf = form.find("csrf");
  if (csrf == form.end() || !same_token(csrf->second, session->csrf)) {
    return message_page(state, request, &*session, 403, catalog.text("console.error.csrf"));
  }
  return *session;
}

namespace {

bool is_leader(Role role) {
  return role == Role::supervisor || role == Role::executive;
}

// What the account may see, as the store's query spells it (DeskQueueQuery, TicketSearch):
// its departments, and for anyone but leaders no confidential kind or category (the rule
// ticket_page applies to one ticket).
template <class Query>
void scope_query(Query& query, const StaffSession& session, const Taxonomy& taxonomy) {
  query.departments_in = department_scope(session.role, session.departments);
  if (is_leader(session.role)) return;
  query.hidden_kinds.push_back("report");
  for (const TaxonomyEntry& kind : taxonomy.kinds()) {
    if (kind.confidential) query.hidden_kinds.push_back(kind.id);
  }
  for (const TaxonomyEntry& category : taxonomy.categories()) {
    if (category.confidential) query.hidden_categories.push_back(category.id);
  }
}

DeskResponse get_queue(ConsoleState& state, const DeskRequest& request) {
  const auto session = state.session_for(request);
  if (!session) return redirect_to("/console/login");
  const Catalog& catalog = state.catalog_for(request);
  QueuePageInput input;
  input.filter.status = status_from_string(request.query_value("status"));
  input.filter.category = request.query_value("category");
  input.filter.department = request.query_value("department");
  const std::string major = request.query_value("major");
  if (major == "yes" || major == "no") input.filter.major = major == "yes";
  // ?group=yes (the filter's select) or ?group=1 (a link): group complaints only.
  const std::string group = request.query_value("group");
  if (group == "yes" || group == "1") input.filter.group = true;
  if (group == "no" || group == "0") input.filter.group = false;
  input.filter.include_confidential = is_leader(session->role);
  // The store picks the page (a large register is never read whole); the queue module
  // orders and labels it.
  DeskQueueQuery query;
  query.status = input.filter.status;
  query.category = input.filter.category;
  query.department = input.filter.department;
  query.major = input.filter.major;
  query.group = input.filter.group;
  query.now = state.context.clock.now();
  query.limit = static_cast<int>(kQueueRows);
  scope_query(query, *session, state.taxonomy);
  auto page = state.context.desk.queue(query);
  if (!page.ok())
    return message_page(state, request, &*session, 503, state.error_text(catalog, page.error()));
  input.departments = std::move(page->departments);
  if (query.departments_in) {
    // A handler's filter offers their own departments only.
    std::erase_if(input.departments, [&query](const std::string& id) {
      return std::find(query.departments_in->begin(), query.departments_in->end(), id) ==
             query.departments_in->end();
    });
  }
  const Taxonomy& taxonomy = state.taxonomy;
  input.view = build_queue(std::move(page->tickets), input.filter, query.now, kQueueRows,
                           [&taxonomy](const Ticket& ticket) { return is_confidential(ticket, taxonomy); });
  input.view.total = static_cast<std::size_t>(page->total);
  input.view.overdue = static_cast<std::size_t>(page->overdue);
  return html_page(200, render_queue(page_for(state, request, &*session), input));
}

std::optional<int> parse_positive_int(const std::string& text);

// Ticket search (?q= from the header's box, or the form's fields; ?page=N): every role, each
// within its scope (scope_query), archived and withdrawn tickets included.
DeskResponse get_search(ConsoleState& state, const DeskRequest& request) {
  const auto session = state.session_for(request);
  if (!session) return redirect_to("/console/login");
  const Catalog& catalog = state.catalog_for(request);
  SearchPageInput input;
  SearchInput& asked = input.asked;
  asked.any = request.query_value("q");
  asked.number = request.query_value("number");
  asked.check_code = request.query_value("check_code");
  asked.phone = request.query_value("phone");
  asked.name = request.query_value("name");
  asked.words = request.query_value("words");
  asked.from = request.query_value("from");
  asked.to = request.query_value("to");
  asked.state = request.query_value("state");
  const PageContext page = page_for(state, request, &*session);
  if (const std::string page_text = request.query_value("page"); !page_text.empty()) {
    const auto parsed = parse_positive_int(page_text);
    if (!parsed || *parsed > 100000) {
      input.error = catalog.text("error.search.page");
      return html_page(400, render_search(page, input));
    }
    input.page = *parsed;
  }
  input.searched = !asked.any.empty() || !asked.number.empty() || !asked.phone.empty() ||
                   !asked.name.empty() || !asked.words.empty() || !asked.from.empty() || !asked.to.empty() ||
                   !asked.state.empty();
  if (!input.searched) return html_page(200, render_search(page, input));
  auto search = parse_search(asked, state.calendar.zone());
  if (!search.ok()) {
    input.error = state.error_text(catalog, search.error());
    return html_page(400, render_search(page, input));
  }
  scope_query(*search, *session, state.taxonomy);
  search->limit = k_search_page;
  search->offset = (input.page - 1) * k_search_page;
  auto found = state.context.desk.search(*search);
  if (!found.ok()) {
    state.context.log("console: search failed: " + found.error().message);
    return message_page(state, request, &*session, 503, state.error_text(catalog, found.error()));
  }
  input.result = std::move(found).value();
  return html_page(200, render_search(page, input));
}

// What the ticket page and the printed forms show of a ticket, under the same checks: outside a
// handler's departments the ticket does not exist for them (404, nothing to learn), and a
// confidential one is for leaders only.
struct TicketRecord {
  Ticket ticket;
  std::vector<Department> departments;
  std::vector<TicketEvent> events;
  bool attachments_enabled = false;
  std::vector<AttachmentInfo> attachments;
};

std::variant<TicketRecord, DeskResponse> ticket_record(ConsoleState& state, const DeskRequest& request,
                                                       const StaffSession& session) {
  const Catalog& catalog = state.catalog_for(request);
  auto found = state.context.tickets.find(request.params.at("number"));
  if (!found.ok())
    return message_page(state, request, &session, 503, state.error_text(catalog, found.error()));
  if (!*found) return message_page(state, request, &session, 404, catalog.text("error.ticket.not_found"));
  TicketRecord record;
  record.ticket = std::move(**found);
  if (!sees_ticket(session.role, session.departments, record.ticket)) {
    return message_page(state, request, &session, 404, catalog.text("error.ticket.not_found"));
  }
  if (!is_leader(session.role) && is_confidential(record.ticket, state.taxonomy)) {
    return message_page(state, request, &session, 403, catalog.text("error.workflow.confidential"));
  }
  auto departments = state.departments.all();
  if (!departments.ok())
    return message_page(state, request, &session, 503, state.error_text(catalog, departments.error()));
  record.departments = std::move(*departments);
  auto events = state.context.tickets.events(record.ticket.number);
  if (!events.ok())
    return message_page(state, request, &session, 503, state.error_text(catalog, events.error()));
  record.events = std::move(events).value();
  if (state.attachments && state.context.attachments != nullptr) {
    // The checks above are the service's own: the store is read directly.
    auto attachments = state.context.attachments->attachments(record.ticket.number);
    if (!attachments.ok())
      return message_page(state, request, &session, 503, state.error_text(catalog, attachments.error()));
    record.attachments_enabled = true;
    record.attachments = std::move(attachments).value();
  }
  return record;
}

DeskResponse ticket_page(ConsoleState& state, const DeskRequest& request, const StaffSession& session,
                         int status, const std::string& error) {
  const Catalog& catalog = state.catalog_for(request);
  auto loaded = ticket_record(state, request, session);
  if (auto* refusal = std::get_if<DeskResponse>(&loaded)) return std::move(*refusal);
  TicketRecord& record = std::get<TicketRecord>(loaded);
  TicketPageInput input;
  input.ticket = std::move(record.ticket);
  input.departments = std::move(record.departments);
  input.events = std::move(record.events);
  if (state.context.notices != nullptr) {
    auto notices = state.context.notices->ticket_notices(input.ticket.number);
    if (!notices.ok())
      return message_page(state, request, &session, 503, state.error_text(catalog, notices.error()));
    input.notices = std::move(notices).value();
  }
  if (record.attachments_enabled) {
    input.attachments_enabled = true;
    input.attachments = std::move(record.attachments);
    input.attachment_max_bytes = state.attachments->limits().max_bytes;
    input.attachment_max_count = state.attachments->limits().max_count;
  }
  if (!input.ticket.group_id.empty()) {
    TicketQuery members;
    members.group_id = input.ticket.group_id;
    auto group = state.context.tickets.list(members);
    if (!group.ok())
      return message_page(state, request, &session, 503, state.error_text(catalog, group.error()));
    // Every member is counted; only those this page would show the account are listed.
    input.group_size = group->size();
    std::set<std::string> customers;
    for (Ticket& member : *group) {
      if (const std::string key = group_customer_key(member); !key.empty()) customers.insert(key);
      if (!sees_ticket(session.role, session.departments, member)) continue;
      if (!is_leader(session.role) && is_confidential(member, state.taxonomy)) continue;
      input.group_members.push_back(std::move(member));
    }
    input.group_customers = static_cast<int>(customers.size());
  }
  input.allowed = allowed_actions(input.ticket, session.role, state.taxonomy);
  input.missing = missing_record_fields(input.ticket);
  input.extension_limits = extension_limits(state.context.config.deadlines, state.calendar, input.ticket);
  input.error = error;
  return html_page(status, render_ticket(page_for(state, request, &session), input));
}

// The form's inputs as an ActionRequest for this session; invalid_input names the field.
Result<ActionRequest> read_action(const std::map<std::string, std::string>& form, const StaffSession& session,
                                  Instant now, const WorkCalendar& calendar) {
  const auto field = [&form](const char* name) {
    const auto found = form.find(name);
    return found == form.end() ? std::string() : utf8::trim(found->second);
  };
  for (const auto& [name, value] : form) {
    const auto length = utf8::code_points(value);
    if (!length) return Error::invalid(name, "error.text.invalid_utf8", name + " is not valid UTF-8");
    if (*length > kMaxText) return Error::invalid(name, "console.error.too_long", name + " is too long");
  }
  const auto action = action_from_string(field("action"));
  if (!action) return Error::invalid("action", "error.action.unknown", "unknown action");
  ActionRequest request;
  request.action = *action;
  request.role = session.role;
  request.actor = session.user;
  request.at = now;
  request.note = field("note");
  request.department = field("department");
  request.assignee = field("assignee");
  for (const char* name :
       {"department", "assignee", "responsible_department", "responsible_person", "category", "kind"}) {
    if (field(name).size() > kMaxShort) return Error::invalid(name, "console.error.too_long", "too long");
  }
  request.verification = field("verification");
  request.responsible_department = field("responsible_department");
  request.responsible_person = field("responsible_person");
  if (const std::string text = field("substantiated"); !text.empty()) {
    request.substantiated = substantiated_from_string(text);
    if (!request.substantiated || *request.substantiated == Substantiated::none)
      return Error::invalid("substantiated", "error.substantiated.unknown", "substantiated");
  }
  // reclassify: taxonomy ids the workflow checks against the deployment's taxonomy.
  request.category = field("category");
  request.kind = field("kind");
  if (const std::string text = field("severity"); !text.empty()) {
    request.severity = severity_from_string(text);
    if (!request.severity) return Error::invalid("severity", "error.severity.unknown", "severity");
  }
  request.handling_opinion = field("handling_opinion");
  request.handling_result = field("handling_result");
  request.callback_note = field("callback_note");
  request.cause_findings = field("cause_findings");
  request.accountability = field("accountability");
  request.corrective_measures = field("corrective_measures");
  request.handler_phone = field("handler_phone");
  request.customer_answer = field("customer_answer");
  request.repeat_of = field("repeat_of");
  if (const std::string text = field("satisfaction"); !text.empty()) {
    request.satisfaction = satisfaction_from_string(text);
    if (!request.satisfaction)
      return Error::invalid("satisfaction", "error.satisfaction.unknown", "satisfaction");
  }
  if (const std::string text = field("voluntary"); !text.empty()) {
    if (text != "yes" && text != "no")
      return Error::invalid("voluntary", "error.voluntary.invalid", "voluntary");
    request.voluntary = text == "yes";
  }
  request.reason_category = field("reason_category");
  if (request.reason_category.size() > kMaxShort)
    return Error::invalid("reason_category", "console.error.too_long", "too long");
  if (const std::string text = field("resolve_by"); !text.empty()) {
    TRY_ASSIGN(const ExtensionTarget target, parse_extension_target(text, calendar));
    request.resolve_by = target.until;
    request.extend_by = target.by;
  }
  return request;
}

// The action, when the ticket is within the account's departments and the routing inputs name
// a configured department (and an active account of it); else the refusal, nothing changed.
Result<Ticket> act_in_scope(ConsoleState& state, const StaffSession& session, const std::string& number,
                            const ActionRequest& action) {
  TRY_ASSIGN(const std::optional<Ticket> ticket, state.context.tickets.find(number));
  if (!ticket || !sees_ticket(session.role, session.departments, *ticket)) return outside_scope_error(number);
  // The role's refusal first (as the workflow would answer), then the routing inputs.
  TRY_VOID(check_action_allowed(*ticket, session.role, action.action, state.taxonomy));
  TRY_VOID(check_routing(action, state.departments, state.context.desk));
  return state.filing.act(number, action);
}

// A refusal in the user's language; a callback refused as too early names the day it may
// happen, in the site's zone.
std::string refusal_text(ConsoleState& state, const DeskRequest& request, const Error& error,
                         const std::string& number) {
  const Catalog& catalog = state.catalog_for(request);
  if (error.key == "error.workflow.callback_too_early") {
    auto ticket = state.context.tickets.find(number);
    if (ticket.ok() && *ticket && (*ticket)->deadlines.callback_not_before) {
      const PageContext page = page_for(state, request, nullptr);
      return catalog.format(error.key,
                            {{"date", format_local(page, *(*ticket)->deadlines.callback_not_before, true)}});
    }
  }
  return state.error_text(catalog, error);
}

DeskResponse post_action(ConsoleState& state, const DeskRequest& request) {
  const auto form = parse_form(request.http.body);
  auto checked = session_for_post(state, request, form);
  if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
  const StaffSession& session = std::get<StaffSession>(checked);
  const Catalog& catalog = state.catalog_for(request);
  const std::string& number = request.params.at("number");
  const auto action = read_action(form, session, state.context.clock.now(), state.calendar);
  const Result<Ticket> done =
      action.ok() ? act_in_scope(state, session, number, *action) : Result<Ticket>(action.error());
  if (!done.ok()) {
    const Error& error = done.error();
    state.context.log("console: " + session.user + " refused on " + number + ": " + error.message);
    if (error.code == ErrorCode::not_found) {
      return message_page(state, request, &session, 404, catalog.text("error.ticket.not_found"));
    }
    return ticket_page(state, request, session, http_status_for(error),
                       refusal_text(state, request, error, number));
  }
  state.context.log("console: " + session.user + " " + to_string(action->action) + " " + number);
  return redirect_to("/console/tickets/" + url_encode(number));
}

// An attachment refusal in the user's language, with the limits it names.
std::string attachment_error_text(ConsoleState& state, const Catalog& catalog, const Error& error) {
  if (error.key.rfind("error.attachment.", 0) == 0 && catalog.has(error.key) && state.attachments) {
    const AttachmentLimits& limits = state.attachments->limits();
    return catalog.format(error.key, {{"max_size", format_size(limits.max_bytes)},
                                      {"max_count", std::to_string(limits.max_count)}});
  }
  return state.error_text(catalog, error);
}

// The upload form (multipart/form-data): its CSRF token is one of the parts, checked before
// anything else is looked at; then AttachmentService checks scope, state, type and limits.
DeskResponse post_attachment(ConsoleState& state, const DeskRequest& request) {
  const auto boundary = multipart_boundary(request.http.header("Content-Type"));
  std::optional<std::vector<MultipartPart>> parts;
  if (boundary) parts = parse_multipart(*boundary, request.http.body);
  std::map<std::string, std::string> form;
  if (parts) {
    for (const MultipartPart& part : *parts) {
      if (!part.file_name) form.emplace(part.name, part.data);
    }
  }
  auto checked = session_for_post(state, request, form);
  if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
  const StaffSession& session = std::get<StaffSession>(checked);
  const Catalog& catalog = state.catalog_for(request);
  const std::string& number = request.params.at("number");
  if (!state.attachments)
    return message_page(state, request, &session, 503, catalog.text("console.error.internal"));
  Upload upload;
  if (const MultipartPart* file = find_part(*parts, "file"); file != nullptr && file->file_name) {
    upload.file_name = *file->file_name;
    upload.bytes = file->data;
  }
  upload.caption = form.count("caption") != 0 ? form.at("caption") : std::string();
  const Uploader who{session.user, session.role, session.departments};
  const auto added = state.attachments->attach(number, who, upload);
  if (!added.ok()) {
    const Error& error = added.error();
    state.context.log("console: " + session.user + " refused attaching to " + number + ": " + error.message);
    if (error.code == ErrorCode::not_found)
      return message_page(state, request, &session, 404, catalog.text("error.ticket.not_found"));
    return ticket_page(state, request, session, http_status_for(error),
                       attachment_error_text(state, catalog, error));
  }
  state.context.log("console: " + session.user + (added->created ? " attached " : " re-sent attachment ") +
                    std::to_string(added->info.id) + " (" + added->info.content_type + ", " +
                    std::to_string(added->info.size) + " bytes) to " + number);
  return redirect_to("/console/tickets/" + url_encode(number) + "#attachments");
}

std::optional<std::int64_t> parse_positive(const std::string& text, std::int64_t max);

// One attachment's bytes, under the ticket page's checks (a ticket outside the account's
// departments: the same not-found). Served with the sniffed type only, never sniffed again by
// the browser, never cached; images inline in a sandbox, PDFs (which can carry scripts) as a
// download.
DeskResponse get_attachment(ConsoleState& state, const DeskRequest& request) {
  const auto session = state.session_for(request);
  if (!session) return redirect_to("/console/login");
  const Catalog& catalog = state.catalog_for(request);
  const std::string& number = request.params.at("number");
  const auto id = parse_positive(request.params.at("id"), std::numeric_limits<std::int64_t>::max());
  if (!state.attachments || !id)
    return message_page(state, request, &*session, 404, catalog.text("error.attachment.not_found"));
  const Uploader who{session->user, session->role, session->departments};
  auto found = state.attachments->open(number, *id, who);
  if (!found.ok()) {
    const Error& error = found.error();
    if (error.code != ErrorCode::not_found && error.code != ErrorCode::forbidden)
      state.context.log("console: attachment " + number + "/" + request.params.at("id") +
                        " failed: " + error.message);
    return message_page(state, request, &*session, http_status_for(error), state.error_text(catalog, error));
  }
  const bool is_pdf = found->info.content_type == "application/pdf";
  DeskResponse response = DeskResponse::text(200, std::move(found->bytes), found->info.content_type);
  response.headers = {
      {"X-Content-Type-Options", "nosniff"},
      {"Content-Disposition",
       content_disposition(is_pdf ? "attachment" : "inline", download_name(found->info))},
      {"Cache-Control", "private, no-store"},
      {"Content-Security-Policy",
       "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"},
      {"Referrer-Policy", "no-referrer"}};
  return response;
}

// GET /console/tickets/{number}/form.pdf?form=record|transfer: the printed record form
// (客户投诉记录表) or transfer form (转办单), in the user's language, under the ticket page's
// checks. Internal: it carries the text and the customer's name, so never cached.
DeskResponse get_printed_form(ConsoleState& state, const DeskRequest& request) {
  const auto session = state.session_for(request);
  if (!session) return redirect_to("/console/login");
  const Catalog& catalog = state.catalog_for(request);
  const std::string asked = request.query_value("form");
  const std::string form_name = asked.empty() ? "record" : asked;
  const std::optional<FormKind> kind = form_kind_from_string(form_name);
  if (!kind) return message_page(state, request, &*session, 400, catalog.text("error.form.unknown"));
  auto loaded = ticket_record(state, request, *session);
  if (auto* refusal = std::get_if<DeskResponse>(&loaded)) return std::move(*refusal);
  TicketRecord& record = std::get<TicketRecord>(loaded);
  FormInput input{
      std::move(record.ticket),
      std::move(record.events),
      std::move(record.attachments),
      std::move(record.departments),
      catalog.language() == "en" ? state.context.config.site.name_en : state.context.config.site.name_zh,
      state.context.clock.now()};
  const std::string number = input.ticket.number;
  auto pdf = record_form_pdf(printed_form(*kind, input, catalog, state.taxonomy, state.calendar.zone()));
  if (!pdf.ok()) {
    state.context.log("console: " + form_name + " form of " + number + " failed: " + pdf.error().message);
    return message_page(state, request, &*session, 503, catalog.text("console.error.internal"));
  }
  DeskResponse response = DeskResponse::text(200, std::move(*pdf), "application/pdf");
  response.headers = {
      {"Content-Disposition", "attachment; filename=\"" + form_name + "-" + number + ".pdf\""},
      {"Cache-Control", "private, no-store"},
      {"X-Content-Type-Options", "nosniff"}};
  return response;
}

enum class ReportFormat { page, csv, register_csv, pdf };

// The period form names its kind (period=quarter) and sends every kind's field: only the
// named kind's fields count. Links name no kind and give one field (?quarter=2026-Q4).
Result<PeriodChoice> period_asked(const DeskRequest& request) {
  PeriodChoice choice;
  const std::string kind = request.query_value("period");
  if (!kind.empty() && kind != "month" && kind != "quarter" && kind != "year" && kind != "range") {
    return Error::invalid("period", "error.report.options", "unknown period kind '" + kind + "'");
  }
  const auto take = [&](const char* name, std::string& target, const char* of_kind) {
    if (kind.empty() || kind == of_kind) target = request.query_value(name);
  };
  take("month", choice.month, "month");
  take("quarter", choice.quarter, "quarter");
  take("year", choice.year, "year");
  take("from", choice.from, "range");
  take("to", choice.to, "range");
  return choice;
}

// A number from a form or a link: 1 to `max`, digits only.
std::optional<std::int64_t> parse_positive(const std::string& text, std::int64_t max) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 1 || value > max)
    return std::nullopt;
  return value;
}

// A page number from a link: 1 to 1,000,000.
std::optional<int> parse_positive_int(const std::string& text) {
  const auto value = parse_positive(text, 1'000'000);
  return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

// What every report request needs: who asks and what they may see (report_access.h), the
// period asked, and its cohort. A refusal is the answer to send instead.
struct ReportAsked {
  StaffSession session;
  ReportScope scope;
  ReportPeriod period;
  std::vector<TicketHistory> cohort;
};

std::variant<ReportAsked, DeskResponse> report_asked(ConsoleState& state, const DeskRequest& request,
                                                     bool full_rows = false) {
  const auto session = state.session_for(request);
  if (!session) return redirect_to("/console/login");
  const Catalog& catalog = state.catalog_for(request);
  Result<ReportScope> scope = report_scope(session->role, session->departments);
  if (!scope.ok())
    return message_page(state, request, &*session, 403, state.error_text(catalog, scope.error()));
  // The register (full rows, every ticket's content) is for leaders: refused before anything is read.
  if (full_rows && !may_read_register(session->role))
    return message_page(state, request, &*session, 403, catalog.text("error.report.forbidden"));
  const TimeZone& zone = state.calendar.zone();
  const Result<PeriodChoice> choice = period_asked(request);
  const Result<ReportPeriod> period = choice.ok() ? choose_period(*choice, zone, state.context.clock.now())
                                                  : Result<ReportPeriod>(choice.error());
  if (!period.ok())
    return message_page(state, request, &*session, 400, state.error_text(catalog, period.error()));
  // The register lists every ticket's fields: the full rows; the rest needs only the report's.
  auto cohort = full_rows ? load_cohort(state.context.tickets, *period, zone)
                          : load_report_cohort(state.context.tickets, *period, zone);
  if (!cohort.ok()) {
    state.context.log("console: report failed: " + cohort.error().message);
    return message_page(state, request, &*session, 503, catalog.text("console.error.internal"));
  }
  return ReportAsked{*session, std::move(*scope), *period, std::move(*cohort)};
}

// The period's statistics (docs/DOMAIN.md §9) as of now: supervisors and executives every
// department's, a dispatcher the account's departments'.
DeskResponse get_report(ConsoleState& state, const DeskRequest& request, ReportFormat format) {
  auto checked = report_asked(state, request, format == ReportFormat::register_csv);
  if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
  const ReportAsked& asked = std::get<ReportAsked>(checked);
  const StaffSession* session = &asked.session;
  const ReportPeriod* period = &asked.period;
  const auto* cohort = &asked.cohort;
  const Catalog& catalog = state.catalog_for(request);
  const TimeZone& zone = state.calendar.zone();
  const Instant now = state.context.clock.now();
  const MonthlyReport report =
      monthly_report(*cohort, *period, now, zone, state.context.config.assessment, asked.scope);
  const std::string name = period_name(*period);
  if (format == ReportFormat::pdf) {
    const std::string& organisation =
        catalog.language() == "en" ? state.context.config.site.name_en : state.context.config.site.name_zh;
    auto pdf =
        statistics_pdf(statistics_sheet(report, catalog, state.taxonomy, zone, organisation, now),
                       catalog.format("report.sheet.page", {{"page", "{page}"}, {"pages", "{pages}"}}));
    if (!pdf.ok()) {
      state.context.log("console: report PDF failed: " + pdf.error().message);
      return message_page(state, request, session, 503, catalog.text("console.error.internal"));
    }
    DeskResponse response = DeskResponse::text(200, std::move(*pdf), "application/pdf");
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"report-" + name + ".pdf\"");
    return response;
  }
  if (format != ReportFormat::page) {
    // The register holds every ticket's content: leaders only, as confidential tickets are.
    const bool whole_register = format == ReportFormat::register_csv;
    DeskResponse response =
        DeskResponse::text(200,
                           whole_register ? register_to_csv(*cohort, catalog, state.taxonomy, zone, now)
                                          : report_to_csv(report, catalog, state.taxonomy, zone),
                           "text/csv; charset=utf-8");
    response.headers.emplace_back("Content-Disposition", std::string("attachment; filename=\"") +
                                                             (whole_register ? "register-" : "report-") +
                                                             name + ".csv\"");
    return response;
  }
  // The 12 months ending with the period's last, each its own cohort as of now.
  const auto trend = monthly_trend(state.context.tickets, period->to, 12, now, zone,
                                   state.context.config.assessment, asked.scope);
  if (!trend.ok()) {
    state.context.log("console: report trend failed: " + trend.error().message);
    return message_page(state, request, session, 503, catalog.text("console.error.internal"));
  }
  return html_page(200, render_report(page_for(state, request, session), report, *trend));
}

// The tickets behind one figure (?figure=KEY, core/reports/report_figure.h), a page at a time
// (?page=N); confidential ones counted but listed only to those who may see them.
DeskResponse get_report_tickets(ConsoleState& state, const DeskRequest& request) {
  auto checked = report_asked(state, request);
  if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
  ReportAsked& asked = std::get<ReportAsked>(checked);
  const Catalog& catalog = state.catalog_for(request);
  const std::string figure = request.query_value("figure");
  const std::string page_text = request.query_value("page");
  int page_number = 1;
  if (!page_text.empty()) {
    const auto parsed = parse_positive_int(page_text);
    if (!parsed)
      return message_page(state, request, &asked.session, 400, catalog.text("error.report.options"));
    page_number = *parsed;
  }
  if (figure.empty()) {
    return message_page(state, request, &asked.session, 400, catalog.text("error.report.figure"));
  }
  const Instant now = state.context.clock.now();
  asked.scope.drill = figure;
  const MonthlyReport report = monthly_report(asked.cohort, asked.period, now, state.calendar.zone(),
                                              state.context.config.assessment, asked.scope);
  std::unordered_map<std::string, const Ticket*> by_number;
  for (const TicketHistory& history : asked.cohort) by_number.emplace(history.ticket.number, &history.ticket);
  ReportTicketsInput input;
  input.period = asked.period;
  input.as_of = now;
  input.figure = figure;
  input.total = static_cast<int>(report.drilled.size());
  input.first = (page_number - 1) * k_report_tickets_page;
  int listable = 0;
  for (const std::string& number : report.drilled) {
    const Ticket& ticket = *by_number.at(number);
    if (!lists_ticket(asked.session.role, ticket, state.taxonomy)) {
      ++input.confidential;
      continue;
    }
    if (listable >= input.first && listable < input.first + k_report_tickets_page) {
      // The ticket as it is now (the cohort's copy may hold only what the report reads).
      auto stored = state.context.tickets.find(number);
      if (!stored.ok()) {
        state.context.log("console: report tickets failed: " + stored.error().message);
        return message_page(state, request, &asked.session, 503, catalog.text("console.error.internal"));
      }
      if (*stored) input.tickets.push_back(**stored);
    }
    ++listable;
  }
  input.more = listable > input.first + k_report_tickets_page;
  return html_page(200, render_report_tickets(page_for(state, request, &asked.session), input));
}

// The supervisors' pages: departments and staff accounts. Anyone else: 403, nothing shown.
std::variant<StaffSession, DeskResponse> supervisor_session(ConsoleState& state, const DeskRequest& request,
                                                            const std::map<std::string, std::string>* form) {
  std::variant<StaffSession, DeskResponse> checked;
  if (form != nullptr) {
    checked = session_for_post(state, request, *form);
  } else if (auto session = state.session_for(request)) {
    checked = *session;
  } else {
    return redirect_to("/console/login");
  }
  if (auto* session = std::get_if<StaffSession>(&checked);
      session != nullptr && session->role != Role::supervisor) {
    return message_page(state, request, session, 403,
                        state.catalog_for(request).text("console.departments.forbidden"));
  }
  return checked;
}

DeskResponse departments_page(ConsoleState& state, const DeskRequest& request, const StaffSession& session,
                              int status, const std::string& error) {
  const Catalog& catalog = state.catalog_for(request);
  auto departments = state.departments.all();
  if (!departments.ok())
    return message_page(state, request, &session, 503, state.error_text(catalog, departments.error()));
  return html_page(status, render_departments(page_for(state, request, &session), *departments, error));
}

DeskResponse post_department(ConsoleState& state, const DeskRequest& request) {
  const auto form = parse_form(request.http.body);
  auto checked = supervisor_session(state, request, &form);
  if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
  const StaffSession& session = std::get<StaffSession>(checked);
  const auto field = [&form](const char* name) {
    const auto found = form.find(name);
    return found == form.end() ? std::string() : utf8::trim(found->second);
  };
  const Department department{field("id"), field("name_zh"), field("name_en")};
  if (auto saved = state.departments.save(department); !saved.ok()) {
    return departments_page(state, request, session, http_status_for(saved.error()),
                            state.error_text(state.catalog_for(request), saved.error()));
  }
  state.context.log("console: " + session.user + " saved department " + department.id);
  return redirect_to("/console/departments");
}

DeskResponse staff_page(ConsoleState& state, const DeskRequest& request, const StaffSession& session,
                        int status, const std::string& error) {
  const Catalog& catalog = state.catalog_for(request);
  auto users = state.context.desk.users();
  if (!users.ok())
    return message_page(state, request, &session, 503, state.error_text(catalog, users.error()));
  auto departments = state.departments.all();
  if (!departments.ok())
    return message_page(state, request, &session, 503, state.error_text(catalog, departments.error()));
  return html_page(status, render_staff(page_for(state, request, &session), *users, *departments, error));
}

DeskResponse notice_problems_page(ConsoleState& state, const DeskRequest& request,
                                  const StaffSession& session) {
  const Catalog& catalog = state.catalog_for(request);
  std::vector<Notice> notices;
  if (state.context.notices != nullptr) {
    auto troubled = state.context.notices->troubled_notices(200);
    if (!troubled.ok())
      return message_page(state, request, &session, 503, state.error_text(catalog, troubled.error()));
    notices = std::move(troubled).value();
  }
  return html_page(200, render_notice_problems(page_for(state, request, &session), notices));
}

// Withdrawals not voluntary with their investigation open: supervisors and executives, every
// department (an investigation looks at how staff treated the customer, above departments).
DeskResponse investigations_page(ConsoleState& state, const DeskRequest& request) {
  const auto session = state.session_for(request);
  if (!session) return redirect_to("/console/login");
  const Catalog& catalog = state.catalog_for(request);
  if (!is_leader(session->role))
    return message_page(state, request, &*session, 403, catalog.text("console.investigations.forbidden"));
  TicketQuery query;
  query.status = Status::withdrawn;
  query.investigation = Investigation::open;
  query.limit = static_cast<int>(kQueueRows);
  auto open = state.context.tickets.list(query);
  if (!open.ok())
    return message_page(state, request, &*session, 503, state.error_text(catalog, open.error()));
  return html_page(200, render_investigations(page_for(state, request, &*session), *open));
}

// One change of one account: op=save (role and the dept:ID boxes), disable, enable, password.
Result<AccountChange> read_account_change(ConsoleState& state,
                                          const std::map<std::string, std::string>& form) {
  const auto field = [&form](const char* name) {
    const auto found = form.find(name);
    return found == form.end() ? std::string() : found->second;
  };
  AccountChange change;
  const std::string op = field("op");
  if (op == "save") {
    TRY_ASSIGN(change.role, staff_role(field("role")));
    std::string ids;
    for (const auto& [name, value] : form) {
      if (name.rfind("dept:", 0) == 0 && value == "1") ids += name.substr(5) + ",";
    }
    TRY_ASSIGN(change.departments, department_ids(ids, state.departments));
  } else if (op == "disable" || op == "enable") {
    change.disabled = op == "disable";
  } else if (op == "password") {
    const std::string password = field("password");
    TRY_VOID(check_new_password(password));
    if (!state.context.hash_password)
      return Error::make(ErrorCode::internal, "no password hashing configured");
    TRY_ASSIGN(change.password_hash, state.context.hash_password(password));
  } else {
    return Error::invalid("op", "console.error.invalid", "unknown account change '" + op + "'");
  }
  return change;
}

DeskResponse post_staff(ConsoleState& state, const DeskRequest& request) {
  const auto form = parse_form(request.http.body);
  auto checked = supervisor_session(state, request, &form);
  if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
  const StaffSession& session = std::get<StaffSession>(checked);
  const auto named = form.find("name");
  const std::string name = named == form.end() ? std::string() : named->second;
  auto change = read_account_change(state, form);
  const Result<StaffUser> changed = change.ok()
                                        ? change_account(state.context.desk, name, *change, session.user)
                                        : Result<StaffUser>(change.error());
  if (!changed.ok()) {
    state.context.log("console: " + session.user + " refused changing account " + name + ": " +
                      changed.error().message);
    return staff_page(state, request, session, http_status_for(changed.error()),
                      state.error_text(state.catalog_for(request), changed.error()));
  }
  const auto op = form.find("op");
  state.context.log("console: " + session.user + " changed account " + name + " (" + op->second + ")");
  return redirect_to("/console/staff");
}

// Kiosks' help requests: every signed-in role sees them and may mark one attended.
DeskResponse help_page(ConsoleState& state, const DeskRequest& request, const StaffSession& session,
                       int status, const std::string& error) {
  const Catalog& catalog = state.catalog_for(request);
  auto open = state.context.desk.open_help_requests(kHelpRows);
  if (!open.ok()) return message_page(state, request, &session, 503, state.error_text(catalog, open.error()));
  return html_page(status, render_help_requests(page_for(state, request, &session), *open, error));
}

DeskResponse post_help_attended(ConsoleState& state, const DeskRequest& request) {
  const auto form = parse_form(request.http.body);
  auto checked = session_for_post(state, request, form);
  if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
  const StaffSession& session = std::get<StaffSession>(checked);
  const Catalog& catalog = state.catalog_for(request);
  const auto id_field = form.find("id");
  // A row id of help_requests.
  const std::optional<std::int64_t> id =
      id_field == form.end() ? std::nullopt
                             : parse_positive(id_field->second, std::numeric_limits<std::int64_t>::max());
  if (!id) return help_page(state, request, session, 400, catalog.text("console.help.bad_id"));
  auto attended = state.context.desk.attend_help_request(*id, session.user, state.context.clock.now());
  if (!attended.ok())
    return help_page(state, request, session, 503, state.error_text(catalog, attended.error()));
  if (!*attended) return help_page(state, request, session, 409, catalog.text("console.help.gone"));
  state.context.log("console: " + session.user + " attended help request " + std::to_string(*id));
  return redirect_to("/console/help");
}

}  // namespace

void add_console_routes(Router& router, DeskContext& context) {
  State state = std::make_shared<ConsoleState>(context);
  router.add("GET", "/console/login", [state](const DeskRequest& request) {
    if (state->session_for(request)) return redirect_to("/console");
    return login_page(*state, request, 200, "", "");
  });
  router.add("POST", "/console/login",
             [state](const DeskRequest& request) { return post_login(*state, request); });
  router.add("POST", "/console/logout", [state](const DeskRequest& request) {
    const auto form = parse_form(request.http.body);
    auto checked = session_for_post(*state, request, form);
    if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
    if (auto ended = state->sessions.end(std::get<StaffSession>(checked).id); !ended.ok()) {
      state->context.log("console: sign-out failed: " + ended.error().message);
      return message_page(*state, request, nullptr, 503,
                          state->catalog_for(request).text("console.error.internal"));
    }
    DeskResponse response = redirect_to("/console/login");
    response.headers.emplace_back("Set-Cookie",
                                  session_cookie(kSessionCookie, "", -1, state->secure_cookies));
    return response;
  });
  router.add("GET", "/console/lang/{language}", [state](const DeskRequest& request) {
    const std::string& language = request.params.at("language");
    DeskResponse response = redirect_to("/console");
    if (state->catalogs.count(language) != 0) {
      response.headers.emplace_back(
          "Set-Cookie", session_cookie(kLanguageCookie, language, 365L * 86400, state->secure_cookies));
    }
    return response;
  });
  router.add("GET", "/console", [state](const DeskRequest& request) { return get_queue(*state, request); });
  router.add("GET", "/console/search",
             [state](const DeskRequest& request) { return get_search(*state, request); });
  router.add("GET", "/console/tickets/{number}", [state](const DeskRequest& request) {
    const auto session = state->session_for(request);
    if (!session) return redirect_to("/console/login");
    return ticket_page(*state, request, *session, 200, "");
  });
  router.add("GET", "/console/reports",
             [state](const DeskRequest& request) { return get_report(*state, request, ReportFormat::page); });
  router.add("GET", "/console/reports/tickets",
             [state](const DeskRequest& request) { return get_report_tickets(*state, request); });
  router.add("GET", "/console/reports.csv",
             [state](const DeskRequest& request) { return get_report(*state, request, ReportFormat::csv); });
  router.add("GET", "/console/reports.pdf",
             [state](const DeskRequest& request) { return get_report(*state, request, ReportFormat::pdf); });
  router.add("GET", "/console/register.csv", [state](const DeskRequest& request) {
    return get_report(*state, request, ReportFormat::register_csv);
  });
  router.add("GET", "/console/help", [state](const DeskRequest& request) {
    const auto session = state->session_for(request);
    if (!session) return redirect_to("/console/login");
    return help_page(*state, request, *session, 200, "");
  });
  router.add("POST", "/console/help/attend",
             [state](const DeskRequest& request) { return post_help_attended(*state, request); });
  router.add("GET", "/console/departments", [state](const DeskRequest& request) {
    auto checked = supervisor_session(*state, request, nullptr);
    if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
    return departments_page(*state, request, std::get<StaffSession>(checked), 200, "");
  });
  router.add("POST", "/console/departments",
             [state](const DeskRequest& request) { return post_department(*state, request); });
  router.add("GET", "/console/staff", [state](const DeskRequest& request) {
    auto checked = supervisor_session(*state, request, nullptr);
    if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
    return staff_page(*state, request, std::get<StaffSession>(checked), 200, "");
  });
  router.add("GET", "/console/notices", [state](const DeskRequest& request) {
    auto checked = supervisor_session(*state, request, nullptr);
    if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
    return notice_problems_page(*state, request, std::get<StaffSession>(checked));
  });
  router.add("GET", "/console/investigations",
             [state](const DeskRequest& request) { return investigations_page(*state, request); });
  router.add("POST", "/console/staff",
             [state](const DeskRequest& request) { return post_staff(*state, request); });
  router.add("POST", "/console/tickets/{number}/act",
             [state](const DeskRequest& request) { return post_action(*state, request); });
  router.add("POST", "/console/tickets/{number}/attachments",
             [state](const DeskRequest& request) { return post_attachment(*state, request); });
  router.add("GET", "/console/tickets/{number}/form.pdf",
             [state](const DeskRequest& request) { return get_printed_form(*state, request); });
  router.add("GET", "/console/tickets/{number}/attachments/{id}",
             [state](const DeskRequest& request) { return get_attachment(*state, request); });
  router.add("GET", "/console/assets/{file}", [state](const DeskRequest& request) {
    const auto found = state->files.find(request.params.at("file"));
    if (found == state->files.end()) return DeskResponse::text(404, "not found");
    DeskResponse response = DeskResponse::text(200, found->second.body, found->second.content_type);
    response.headers = {{"X-Content-Type-Options", "nosniff"}, {"Cache-Control", "max-age=300"}};
    return response;
  });
  add_intake_routes(router, state);
}

}  // namespace complaint::desk
