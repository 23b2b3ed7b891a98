// apply_action: checks the table and guards (workflow_rules.cpp), then the action's inputs, and
// returns the updated ticket with exactly one audit event. Pure: nothing is stored here and the
// revision is left for the store to bump.
#include "core/workflow/workflow.h"

#include <nlohmann/json.hpp>

#include "core/base/utf8.h"
#include "core/deadlines/ticket_deadlines.h"
#include "core/domain/ticket_number.h"
#include "core/workflow/extension.h"
#include "core/workflow/intake_correction.h"

namespace complaint {
namespace {

using nlohmann::json;

struct Context {
  const ActionRequest& request;
  const DeadlinePolicy& policy;
  const WorkCalendar& calendar;
  const Taxonomy& taxonomy;
  json& data;  // the event's data_json: the action's inputs and what it decided
};

Error missing(const char* field, const ActionRequest& request) {
  return Error::invalid(field, std::string("error.workflow.") + field + "_missing",
                        std::string(to_string(request.action)) + " requires " + field);
}

std::string iso(const Context& context, const std::optional<Instant>& at) {
  return at ? context.calendar.zone().format_iso8601(*at) : std::string();
}

// The handler (经办人) on the record form is the first staff member who actually handles it.
void claim_handler(Ticket& ticket, const ActionRequest& request) {
  if (ticket.handler.empty()) ticket.handler = request.actor;
}

// Sets the record-form fields the request carries; returns how many it set.
int take_record_fields(Ticket& ticket, const Context& context) {
  const ActionRequest& request = context.request;
  int taken = 0;
  const auto take = [&](const std::string& value, std::string& target, const char* field) {
    if (value.empty()) return;
    target = value;
    context.data[field] = value;
    ++taken;
  };
  take(request.verification, ticket.verification, "verification");
  take(request.handling_opinion, ticket.handling_opinion, "handling_opinion");
  take(request.handling_result, ticket.handling_result, "handling_result");
  return taken;
}

// The verification's judgement (docs/DOMAIN.md §9); a change keeps the previous values in the
// event. Returns how many of the three it set.
int take_judgement(Ticket& ticket, const Context& context) {
  const ActionRequest& request = context.request;
  int taken = 0;
  if (request.substantiated && *request.substantiated != Substantiated::none) {
    if (ticket.substantiated != Substantiated::none && ticket.substantiated != *request.substantiated) {
      context.data["previous_substantiated"] = to_string(ticket.substantiated);
    }
    ticket.substantiated = *request.substantiated;
    context.data["substantiated"] = to_string(ticket.substantiated);
    ++taken;
  }
  const auto take = [&](const std::string& value, std::string& target, const char* field) {
    if (value.empty()) return;
    if (!target.empty() && target != value) context.data[std::string("previous_") + field] = target;
    target = value;
    context.data[field] = value;
    ++taken;
  };
  take(request.responsible_department, ticket.responsible_department, "responsible_department");
  take(request.responsible_person, ticket.responsible_person, "responsible_person");
  return taken;
}

Result<void> do_forward(Ticket& ticket, const Context& context) {
  if (context.request.department.empty()) return missing("department", context.request);
  ticket.department = context.request.department;
  ticket.status = Status::forwarded;
  context.data["department"] = ticket.department;
  return Ok{};
}

// To another department and/or person. The handler on the record form becomes the person
// named, or nobody yet when only the department changes (its handler claims it by acting).
Result<void> do_reassign(Ticket& ticket, const Context& context) {
  const ActionRequest& request = context.request;
  if (request.department.empty()) return missing("department", request);
  if (request.note.empty()) return missing("reason", request);
  const bool new_department = request.department != ticket.department;
  const bool new_person = !request.assignee.empty() && request.assignee != ticket.handler;
  if (!new_department && !new_person) {
    return Error::invalid("department", "error.workflow.reassign_same",
                          "reassign names the department and person the ticket already has");
  }
  context.data["from_department"] = ticket.department;
  context.data["department"] = request.department;
  context.data["reason"] = request.note;
  if (!ticket.handler.empty()) context.data["previous_handler"] = ticket.handler;
  if (!request.assignee.empty()) context.data["assignee"] = request.assignee;
  ticket.department = request.department;
  if (!request.assignee.empty()) {
    ticket.handler = request.assignee;
  } else if (new_department) {
    ticket.handler.clear();
  }
  return Ok{};
}

Result<void> do_notify_major(Ticket& ticket, const Context& context) {
  ticket.major_notified = true;
  // 先上报客户服务部主管并通报公司副总经理后处理 (seed 000, art. 12): a leader confirms that the
  // report was made. It names nobody as notified: what reached whom is recorded by the
  // deliveries themselves (core/notify, events "notice_sent").
  context.data["report_confirmed"] = true;
  context.data["major_reasons"] = ticket.major_reasons;
  return Ok{};
}

Result<void> do_contact(Ticket& ticket, const Context& context) {
  // An anonymous customer cannot be reached: the action only starts handling, and no contact
  // time is recorded that statistics could mistake for a real one.
  const bool first = !ticket.anonymous && !ticket.first_contact_at;
  if (first) ticket.first_contact_at = context.request.at;
  claim_handler(ticket, context.request);
  ticket.status = Status::in_progress;
  context.data["first_contact"] = first;
  if (ticket.anonymous) context.data["anonymous"] = true;
  return Ok{};
}

Result<void> do_record(Ticket& ticket, const Context& context) {
  const int judged = take_judgement(ticket, context);
  if (take_record_fields(ticket, context) + judged == 0) {
    return Error::invalid("verification", "error.workflow.record_empty",
                          "record requires verification, handling_opinion, handling_result, substantiated or "
                          "a responsible department or person");
  }
  claim_handler(ticket, context.request);
  return Ok{};
}

// The customer's answer goes to a public page: a run of 7 digits is a phone or an ID number,
// which the page must never show (DOMAIN §6), so it is refused rather than masked.
Result<void> take_customer_answer(const Context& context) {
  const std::string& answer = context.request.customer_answer;
  if (answer.empty()) return Ok{};
  const auto length = utf8::code_points(answer);
  if (!length || *length > kCustomerAnswerMaxChars) {
    return Error::invalid("customer_answer", "error.workflow.customer_answer_long",
                          "customer_answer is longer than " + std::to_string(kCustomerAnswerMaxChars));
  }
  int digits_in_a_row = 0;
  for (const char c : answer) {
    digits_in_a_row = (c >= '0' && c <= '9') ? digits_in_a_row + 1 : 0;
    if (digits_in_a_row >= 7) {
      return Error::invalid("customer_answer", "error.workflow.customer_answer_number",
                            "customer_answer holds 7 or more digits in a row");
    }
  }
  context.data["customer_answer"] = answer;
  return Ok{};
}

// The transfer form's fields a reply carries (workflow.h); only the event keeps them.
Result<void> take_transfer_fields(const Context& context) {
  const ActionRequest& request = context.request;
  const std::string& phone = request.handler_phone;
  if (!phone.empty()) {
    const bool well_formed = phone.size() >= 3 && phone.size() <= 20 &&
                             phone.find_first_not_of("0123456789 +-()") == std::string::npos &&
                             phone.find_first_of("0123456789") != std::string::npos;
    if (!well_formed) {
      return Error::invalid("handler_phone", "error.workflow.handler_phone_invalid",
                            "handler_phone must be 3-20 digits, spaces, + - ( )");
    }
    context.data["handler_phone"] = phone;
  }
  TRY_VOID(take_customer_answer(context));
  if (!request.cause_findings.empty()) context.data["cause_findings"] = request.cause_findings;
  if (!request.accountability.empty()) context.data["accountability"] = request.accountability;
  if (!request.corrective_measures.empty()) context.data["corrective_measures"] = request.corrective_measures;
  if (request.satisfaction && *request.satisfaction != Satisfaction::none)
    context.data["reported_satisfaction"] = to_string(*request.satisfaction);
  return Ok{};
}

Result<void> do_reply(Ticket& ticket, const Context& context) {
  TRY_VOID(take_transfer_fields(context));
  take_record_fields(ticket, context);
  if (ticket.handling_result.empty()) return missing("handling_result", context.request);
  claim_handler(ticket, context.request);
  ticket.replied_at = context.request.at;
  // Anonymous tickets are never called back, so no callback clock runs for them.
  if (!ticket.anonymous) {
    compute_callback_deadlines(context.policy, context.calendar, context.request.at, ticket.deadlines);
  }
  ticket.status = Status::replied;
  return Ok{};
}

// A new round of handling (再次投诉): the previous round stays in the event, the ticket carries
// only the current one. Shared by reopen and a dissatisfied callback under the "reopen" policy.
void start_new_round(Ticket& ticket, const Context& context) {
  context.data["previous_satisfaction"] = to_string(ticket.satisfaction);
  context.data["previous_callback_note"] = ticket.callback_note;
  context.data["previous_replied_at"] = iso(context, ticket.replied_at);
  context.data["previous_resolve_by"] = iso(context, ticket.deadlines.resolve_by);
  // A report as of a time before this reopen evaluates the round it ends (docs/DOMAIN.md §9).
  context.data["previous_callback_by"] = iso(context, ticket.deadlines.callback_by);
  if (ticket.escalation != Escalation::none)
    context.data["previous_escalation"] = to_string(ticket.escalation);
  ticket.satisfaction = Satisfaction::none;
  ticket.callback_note.clear();
  ticket.replied_at.reset();
  ticket.deadlines.callback_by.reset();
  ticket.deadlines.callback_not_before.reset();
  ticket.escalation = Escalation::none;

  // A new resolve period runs from the reopening, chosen as at filing (major/complex/general).
  ticket.deadlines.resolve_by =
      compute_filing_deadlines(context.policy, context.calendar,
                               deadline_input_of(ticket, context.taxonomy, context.request.at))
          .resolve_by;
  // The new round's extensions count from its own promise, as if none had been made.
  if (ticket.resolve_by_original)
    context.data["previous_resolve_by_original"] = iso(context, ticket.resolve_by_original);
  ticket.resolve_by_original.reset();
  ticket.extension_reason.clear();

  ++ticket.reopen_count;
  ticket.status = Status::in_progress;
  context.data["reopen_count"] = ticket.reopen_count;
  context.data["resolve_by"] = iso(context, ticket.deadlines.resolve_by);
}

// The callback's outcome on the ticket (the staff callback, or the customer's rating where the
// policy lets it stand for one). Dissatisfied never leads quietly to the archive: by policy the
// ticket goes back to handling, or to the supervisor until a leader settles it.
void take_callback(Ticket& ticket, const Context& context, Satisfaction satisfaction) {
  ticket.satisfaction = satisfaction;
  if (!context.request.callback_note.empty()) ticket.callback_note = context.request.callback_note;
  ticket.status = Status::called_back;
  context.data["satisfaction"] = to_string(satisfaction);
  if (!context.request.callback_note.empty()) context.data["callback_note"] = ticket.callback_note;
  if (satisfaction != Satisfaction::dissatisfied) return;
  if (context.policy.dissatisfied_callback == DissatisfiedCallback::reopen) {
    context.data["reopened"] = true;
    start_new_round(ticket, context);
    return;
  }
  ticket.escalation = Escalation::supervisor;
  context.data["escalated_to"] = to_string(Escalation::supervisor);
}

Result<void> do_callback(Ticket& ticket, const Context& context) {
  const ActionRequest& request = context.request;
  const auto& satisfaction = request.satisfaction;
  if (!satisfaction || *satisfaction == Satisfaction::none) return missing("satisfaction", request);
  // The procedures call back 1-3 working days after the reply: not before the window opens.
  const auto& earliest = ticket.deadlines.callback_not_before;
  if (earliest && request.at < *earliest) {
    Error error =
        Error::make(ErrorCode::forbidden, "callback before the window opens at " + iso(context, earliest));
    error.key = "error.workflow.callback_too_early";
    error.field = "callback_not_before";
    return error;
  }
  take_callback(ticket, context, *satisfaction);
  return Ok{};
}

// The customer's own rating: always its own event with the satisfaction and comment; it stands
// for the staff callback only where the policy says so.
Result<void> do_customer_rating(Ticket& ticket, const Context& context) {
  const ActionRequest& request = context.request;
  if (!request.satisfaction || *request.satisfaction == Satisfaction::none)
    return missing("satisfaction", request);
  if (context.policy.customer_rating_suffices) {
    context.data["counts_as_callback"] = true;
    take_callback(ticket, context, *request.satisfaction);
    return Ok{};
  }
  context.data["satisfaction"] = to_string(*request.satisfaction);
  if (!request.callback_note.empty()) context.data["comment"] = request.callback_note;
  return Ok{};
}

Result<void> do_escalate(Ticket& ticket, const Context& context) {
  if (context.request.note.empty()) return missing("note", context.request);
  ticket.escalation = Escalation::executive;
  context.data["escalated_to"] = to_string(Escalation::executive);
  return Ok{};
}

// The leader's finding is the note; the ticket may then be archived (or reopened).
Result<void> do_settle_escalation(Ticket& ticket, const Context& context) {
  if (context.request.note.empty()) return missing("finding", context.request);
  context.data["previous_escalation"] = to_string(ticket.escalation);
  context.data["finding"] = context.request.note;
  ticket.escalation = Escalation::settled;
  return Ok{};
}

Result<void> do_close_investigation(Ticket& ticket, const Context& context) {
  if (context.request.note.empty()) return missing("finding", context.request);
  context.data["finding"] = context.request.note;
  ticket.investigation = Investigation::closed;
  return Ok{};
}

Result<void> do_archive(Ticket& ticket, const Context& context) {
  if (ticket.status == Status::replied) context.data["without_callback"] = "anonymous";
  ticket.status = Status::archived;
  return Ok{};
}

// Resolved on the spot means archived at once: the customer's satisfaction and every field the
// archive requires must be there (docs/DOMAIN.md §5), else nothing changes.
Result<void> do_resolve_on_spot(Ticket& ticket, const Context& context) {
  const ActionRequest& request = context.request;
  if (request.note.empty()) return missing("note", request);
  take_record_fields(ticket, context);
  if (ticket.handling_result.empty()) return missing("handling_result", request);
  if (!ticket.anonymous && (!request.satisfaction || *request.satisfaction == Satisfaction::none)) {
    return missing("satisfaction", request);
  }
  if (request.satisfaction && *request.satisfaction != Satisfaction::none) {
    ticket.satisfaction = *request.satisfaction;
    context.data["satisfaction"] = to_string(*request.satisfaction);
  }
  // A customer dissatisfied with the answer given on the spot is not resolved: forward it.
  if (ticket.satisfaction == Satisfaction::dissatisfied) {
    return Error::invalid("satisfaction", "error.workflow.spot_dissatisfied",
                          "resolve_on_spot with a dissatisfied customer: forward the ticket instead");
  }
  claim_handler(ticket, request);
  const std::vector<std::string> absent = missing_record_fields(ticket);
  if (!absent.empty()) {
    return Error::invalid(
        absent.front(), "error.workflow.record_incomplete",
        "resolve_on_spot archives the ticket: record incomplete, missing " + join_fields(absent));
  }
  ticket.resolved_on_the_spot = true;
  ticket.status = Status::archived;
  return Ok{};
}

Result<void> do_withdraw(Ticket& ticket, const Context& context) {
  // Staff must say whether it was voluntary: a withdrawal under pressure is investigated.
  if (!context.request.voluntary) return missing("voluntary", context.request);
  ticket.withdrawn_at = context.request.at;
  ticket.withdrawn_voluntarily = *context.request.voluntary;
  ticket.status = Status::withdrawn;
  context.data["voluntary"] = *context.request.voluntary;
  if (!*context.request.voluntary) {
    context.data["investigate"] = true;
    ticket.investigation = Investigation::open;  // the supervisors' list (docs/DOMAIN.md §2)
  }
  return Ok{};
}

Result<void> do_reopen(Ticket& ticket, const Context& context) {
  start_new_round(ticket, context);
  return Ok{};
}

Result<void> do_mark_repeat(Ticket& ticket, const Context& context) {
  if (context.request.repeat_of.empty()) return missing("repeat_of", context.request);
  auto normalized = normalize_ticket_number(context.request.repeat_of);
  if (!normalized.ok()) {
    Error error = normalized.error();
    error.field = "repeat_of";  // the parser names its own input "number", which is this ticket's
    return error;
  }
  const std::string earlier = std::move(normalized).value();
  if (earlier == ticket.number) {
    return Error::invalid("repeat_of", "error.repeat_of.self", "a ticket cannot repeat itself");
  }
  if (!ticket.repeat_of.empty()) context.data["previous_repeat_of"] = ticket.repeat_of;
  ticket.repeat_of = earlier;
  context.data["repeat_of"] = earlier;
  return Ok{};
}

Result<void> dispatch(Ticket& ticket, const Context& context) {
  switch (context.request.action) {
    case Action::forward:
      return do_forward(ticket, context);
    case Action::notify_major:
      return do_notify_major(ticket, context);
    case Action::contact:
      return do_contact(ticket, context);
    case Action::record:
      return do_record(ticket, context);
    case Action::reply:
      return do_reply(ticket, context);
    case Action::callback:
      return do_callback(ticket, context);
    case Action::archive:
      return do_archive(ticket, context);
    case Action::resolve_on_spot:
      return do_resolve_on_spot(ticket, context);
    case Action::withdraw:
      return do_withdraw(ticket, context);
    case Action::reopen:
      return do_reopen(ticket, context);
    case Action::mark_repeat:
      return do_mark_repeat(ticket, context);
    case Action::reassign:
      return do_reassign(ticket, context);
    case Action::customer_rating:
      return do_customer_rating(ticket, context);
    case Action::escalate:
      return do_escalate(ticket, context);
    case Action::settle_escalation:
      return do_settle_escalation(ticket, context);
    case Action::close_investigation:
      return do_close_investigation(ticket, context);
    case Action::reclassify:
    case Action::declare_major:
    case Action::clear_major:
      return correct_intake(ticket, context.request, context.policy, context.calendar, context.taxonomy,
                            context.data);
    case Action::extend:
      return request_extension(ticket, context.request, context.policy, context.calendar, context.data);
    case Action::approve_extension:
    case Action::deny_extension:
      return settle_extension(ticket, context.request, context.policy, context.calendar,
                              context.request.action == Action::approve_extension, context.data);
  }
  return Error::make(ErrorCode::internal, "unhandled workflow action");
}

}  // namespace

Result<Transition> apply_action(const Ticket& ticket, const ActionRequest& request,
                                const DeadlinePolicy& policy, const WorkCalendar& calendar,
                                const Taxonomy& taxonomy) {
  TRY_VOID(check_action_allowed(ticket, request.role, request.action, taxonomy));
  // The audit trail must say who (docs/DOMAIN.md §2); the tracking page passes e.g. "customer".
  if (request.actor.empty()) return missing("actor", request);

  Transition out{ticket, TicketEvent{}};
  json data = json::object();
  const Context context{request, policy, calendar, taxonomy, data};
  // The supervisor (主管领导) on the record form is the first leader who acts on the ticket;
  // set first, so that an action that archives (resolve_on_spot) finds the form complete.
  if ((request.role == Role::supervisor || request.role == Role::executive) &&
      out.ticket.supervisor.empty()) {
    out.ticket.supervisor = request.actor;
  }
  TRY_VOID(dispatch(out.ticket, context));
  // resolve_by stops counting outside these states, and a request to move it with it.
  if (out.ticket.status != Status::filed && out.ticket.status != Status::forwarded &&
      out.ticket.status != Status::in_progress) {
    drop_pending_extension(out.ticket, calendar, data);
  }

  if (request.recorded_at) data["recorded_at"] = calendar.zone().format_iso8601(*request.recorded_at);

  TicketEvent& event = out.event;
  event.ticket_number = ticket.number;
  event.at = request.at;
  event.actor = request.actor;
  event.role = to_string(request.role);
  event.action = to_string(request.action);
  event.from = ticket.status;
  event.to = out.ticket.status;
  event.note = request.note;
  event.data_json = data.dump();
  return out;
}

}  // namespace complaint
