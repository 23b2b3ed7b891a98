// Intake at the desk (issue 15): a call-centre agent or receptionist files a phone, hotline,
// letter, email, opinion-box, media or referral complaint from the console, as the kiosk's
// staff mode does in the lobby. Server-side: the account's role (takes_complaints), the
// session's CSRF token, the form's idempotency token, then FilingService::file with the
// kiosk's validation; the ticket and its `file` event (actor, role, channel, referrer) commit
// together. The number is shown only after that commit (303 to the result page), and a form
// sent twice files once (the token is the store's intake key). The result page prints the
// kiosk's receipt (build_receipt: name and phone masked, never the complaint text) on the
// [desk] receipt_printer CUPS queue or hands it out as a PDF.
#include <variant>

#include "core/desk_state/staff_accounts.h"
#include "core/domain/ticket_number.h"
#include "core/printing/print_service.h"
#include "desk/intake_form.h"
#include "desk/routes/console_common.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

using State = std::shared_ptr<ConsoleState>;

// The desk's receipt: the kiosk's layout in a PDF (a CUPS driver queue renders it for its
// printer), the customer copy only: the staff copy carries the complaint text.
PrinterConfig desk_receipt_config() {
  PrinterConfig config;
  config.format = ReceiptFormat::pdf;
  config.staff_copy = false;
  return config;
}

ReceiptCatalogs receipt_catalogs(const ConsoleState& state) {
  return ReceiptCatalogs{state.catalogs.at("zh-CN"), state.catalogs.at("en")};
}

// The signed-in account when it takes complaints (a POST's also with its CSRF token), else
// the answer to send: the sign-in page, or 403 in the user's language.
std::variant<StaffSession, DeskResponse> intake_session(ConsoleState& state, const DeskRequest& request,
                                                        const std::map<std::string, std::string>* form) {
  std::optional<StaffSession> session;
  if (form != nullptr) {
    auto checked = session_for_post(state, request, *form);
    if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
    session = std::get<StaffSession>(std::move(checked));
  } else {
    session = state.session_for(request);
    if (!session) return redirect_to("/console/login");
  }
  if (!takes_complaints(session->role)) {
    return message_page(state, request, &*session, 403,
                        state.catalog_for(request).text("console.intake.forbidden"));
  }
  return *session;
}

DeskResponse form_page(ConsoleState& state, const DeskRequest& request, const StaffSession& session,
                       int status, IntakeForm form, const Error* error) {
  const Catalog& catalog = state.catalog_for(request);
  IntakePageInput input{std::move(form), error != nullptr ? state.error_text(catalog, *error) : "",
                        error != nullptr ? error->field : "", state.context.config.retention};
  return html_page(status, render_intake(page_for(state, request, &session), input));
}

DeskResponse get_form(ConsoleState& state, const DeskRequest& request) {
  auto checked = intake_session(state, request, nullptr);
  if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
  IntakeForm form;
  // Issued with the form and sent back with it: the store files once per token.
  form.token = state.context.signer.new_nonce();
  form.language = "zh-CN";
  return form_page(state, request, std::get<StaffSession>(checked), 200, std::move(form), nullptr);
}

DeskResponse post_form(ConsoleState& state, const DeskRequest& request) {
  const auto fields = parse_form(request.http.body);
  auto checked = intake_session(state, request, &fields);
  if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
  const StaffSession& session = std::get<StaffSession>(checked);
  IntakeForm form = read_intake_form(fields);
  auto draft = intake_draft(form, state.calendar, state.context.clock.now());
  if (!draft.ok()) return form_page(state, request, session, 400, std::move(form), &draft.error());
  FilingContext filing;
  filing.recorded_by = session.user;
  filing.role = session.role;
  filing.intake_key = form.token;
  filing.station = state.context.settings.intake_station;
  auto ticket = state.filing.file(*draft, filing);
  if (!ticket.ok()) {
    const Error& error = ticket.error();
    if (error.code != ErrorCode::invalid_input) {
      state.context.log("console: intake by " + session.user + " failed: " + error.message);
    }
    return form_page(state, request, session, http_status_for(error), std::move(form), &error);
  }
  state.context.log("console: " + session.user + " (" + to_string(session.role) + ") filed " +
                    ticket->number + " at the desk, channel " + ticket->channel);
  // Committed: only now does anyone see the number. A redirect, so a reload of the result
  // page sends nothing again.
  return redirect_to("/console/intake/" + ticket->number);
}

// The signed-in account that may take complaints and a ticket it filed at the desk, or the
// answer to send (the same 404 for a ticket that does not exist and one someone else filed).
struct OwnTicket {
  StaffSession session;
  Ticket ticket;
};
std::variant<OwnTicket, DeskResponse> own_ticket(ConsoleState& state, const DeskRequest& request,
                                                 const std::map<std::string, std::string>* form) {
  auto checked = intake_session(state, request, form);
  if (auto* refusal = std::get_if<DeskResponse>(&checked)) return std::move(*refusal);
  StaffSession& session = std::get<StaffSession>(checked);
  const Catalog& catalog = state.catalog_for(request);
  const auto not_found = [&] {
    return message_page(state, request, &session, 404, catalog.text("error.ticket.not_found"));
  };
  auto number = normalize_ticket_number(request.params.at("number"));
  if (!number.ok()) return not_found();
  auto found = state.context.tickets.find(*number);
  if (!found.ok())
    return message_page(state, request, &session, 503, state.error_text(catalog, found.error()));
  if (!*found || (*found)->recorded_by != session.user) return not_found();
  return OwnTicket{std::move(session), std::move(**found)};
}

DeskResponse done_page(ConsoleState& state, const DeskRequest& request, const StaffSession& session,
                       Ticket ticket, int status, std::string message, bool is_error) {
  IntakeDoneInput input{std::move(ticket), state.context.receipt_printer != nullptr, std::move(message),
                        is_error};
  return html_page(status, render_intake_done(page_for(state, request, &session), input));
}

DeskResponse get_done(ConsoleState& state, const DeskRequest& request) {
  auto owned = own_ticket(state, request, nullptr);
  if (auto* refusal = std::get_if<DeskResponse>(&owned)) return std::move(*refusal);
  OwnTicket& own = std::get<OwnTicket>(owned);
  return done_page(state, request, own.session, std::move(own.ticket), 200, "", false);
}

DeskResponse post_print(ConsoleState& state, const DeskRequest& request) {
  const auto fields = parse_form(request.http.body);
  auto owned = own_ticket(state, request, &fields);
  if (auto* refusal = std::get_if<DeskResponse>(&owned)) return std::move(*refusal);
  const StaffSession& session = std::get<OwnTicket>(owned).session;
  Ticket ticket = std::move(std::get<OwnTicket>(owned).ticket);
  const Catalog& catalog = state.catalog_for(request);
  DeskContext& context = state.context;
  if (context.receipt_printer == nullptr || context.receipt_renderer == nullptr) {
    return done_page(state, request, session, std::move(ticket), 409,
                     catalog.text("console.intake.no_printer"), true);
  }
  static const PrinterConfig printer_config = desk_receipt_config();
  PrintService printing(context.config, printer_config, state.taxonomy, state.calendar, context.tickets,
                        *context.receipt_printer, *context.receipt_renderer, context.clock,
                        receipt_catalogs(state));
  auto outcome = printing.print_receipt(ticket.number);
  if (!outcome.ok()) {
    return done_page(state, request, session, std::move(ticket), http_status_for(outcome.error()),
                     state.error_text(catalog, outcome.error()), true);
  }
  context.log("console: receipt of " + ticket.number + " for " + session.user + " on " +
              context.receipt_printer->name() + ": " +
              (outcome->printed() ? std::string("printed") : outcome->reason + " (" + outcome->detail + ")"));
  if (outcome->printed()) {
    return done_page(state, request, session, std::move(ticket), 200, catalog.text("console.intake.printed"),
                     false);
  }
  const std::string reason =
      catalog.has(outcome->reason_key) ? catalog.text(outcome->reason_key) : outcome->reason;
  return done_page(state, request, session, std::move(ticket), 502,
                   catalog.format("console.intake.print_failed", {{"reason", reason}}), true);
}

DeskResponse get_receipt_pdf(ConsoleState& state, const DeskRequest& request) {
  auto owned = own_ticket(state, request, nullptr);
  if (auto* refusal = std::get_if<DeskResponse>(&owned)) return std::move(*refusal);
  const StaffSession& session = std::get<OwnTicket>(owned).session;
  const Ticket& ticket = std::get<OwnTicket>(owned).ticket;
  const Catalog& catalog = state.catalog_for(request);
  DeskContext& context = state.context;
  if (context.receipt_renderer == nullptr) {
    return message_page(state, request, &session, 503, catalog.text("console.error.internal"));
  }
  const ReceiptSources base{context.config, state.taxonomy, state.calendar.zone(),
                            catalog,        catalog,        context.clock.now()};
  // The ticket own_ticket read: its receipt, not a second read of the row.
  const ReceiptLayout layout = ticket_receipt_layout(ticket, base, receipt_catalogs(state), StaffCopy::omit);
  auto document = context.receipt_renderer->render(layout, render_options(desk_receipt_config()));
  if (!document.ok()) {
    context.log("console: receipt PDF of " + ticket.number + " failed: " + document.error().message);
    return message_page(state, request, &session, 500, catalog.text("console.error.internal"));
  }
  DeskResponse response = DeskResponse::text(200, std::move(document->bytes), "application/pdf");
  response.headers = {{"Content-Disposition", "attachment; filename=\"receipt-" + ticket.number + ".pdf\""},
                      {"Cache-Control", "private, no-store"},
                      {"X-Content-Type-Options", "nosniff"}};
  return response;
}

}  // namespace

void add_intake_routes(Router& router, const State& state) {
  router.add("GET", "/console/intake",
             [state](const DeskRequest& request) { return get_form(*state, request); });
  router.add("POST", "/console/intake",
             [state](const DeskRequest& request) { return post_form(*state, request); });
  router.add("GET", "/console/intake/{number}",
             [state](const DeskRequest& request) { return get_done(*state, request); });
  router.add("POST", "/console/intake/{number}/print",
             [state](const DeskRequest& request) { return post_print(*state, request); });
  router.add("GET", "/console/intake/{number}/receipt.pdf",
             [state](const DeskRequest& request) { return get_receipt_pdf(*state, request); });
}

}  // namespace complaint::desk
