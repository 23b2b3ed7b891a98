// complaintctl transition NUMBER ACTION: one workflow action, as a given role; --at names when
// it happened when it is entered later (FilingService::act_at). SQLite file or PostgreSQL desk.
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/services/filing_service.h"
#include "core/workflow/extension.h"
#include "ctl/commands.h"
#include "ctl/ticket_json.h"

namespace complaint::ctl {

int cmd_transition(CtlContext& context, Args args) {
  ActionRequest request;
  struct TextOption {
    const char* flag;
    std::string ActionRequest::*member;
  };
  const TextOption text_options[] = {
      {"--note", &ActionRequest::note},
      {"--actor", &ActionRequest::actor},
      {"--department", &ActionRequest::department},
      {"--assignee", &ActionRequest::assignee},
      {"--verification", &ActionRequest::verification},
      {"--opinion", &ActionRequest::handling_opinion},
      {"--result", &ActionRequest::handling_result},
      {"--callback-note", &ActionRequest::callback_note},
      {"--cause", &ActionRequest::cause_findings},
      {"--customer-answer", &ActionRequest::customer_answer},
      {"--accountability", &ActionRequest::accountability},
      {"--measures", &ActionRequest::corrective_measures},
      {"--handler-phone", &ActionRequest::handler_phone},
      {"--repeat-of", &ActionRequest::repeat_of},
      {"--responsible-department", &ActionRequest::responsible_department},
      {"--responsible-person", &ActionRequest::responsible_person},
      {"--category", &ActionRequest::category},
      {"--kind", &ActionRequest::kind},
      {"--reason-category", &ActionRequest::reason_category},
  };
  for (const TextOption& option : text_options) {
    auto value = take_option(args, option.flag);
    if (!value.ok()) return report_error(value.error());
    if (value->has_value()) request.*(option.member) = **value;
  }
  auto role = take_option(args, "--role");
  auto satisfaction = take_option(args, "--satisfaction");
  auto voluntary = take_option(args, "--voluntary");
  auto happened = take_option(args, "--at");
  auto substantiated = take_option(args, "--substantiated");
  auto severity = take_option(args, "--severity");
  auto resolve_by = take_option(args, "--resolve-by");  // extend: a date, an ISO time or a period
  for (auto* option : {&role, &satisfaction, &voluntary, &happened, &substantiated, &severity, &resolve_by}) {
    if (!option->ok()) return report_error(option->error());
  }
  if (args.size() != 2) return report_error(usage_error("transition takes NUMBER ACTION"));

  const auto action = action_from_string(args[1]);
  if (!action)
    return report_error(Error::invalid("action", "error.action.unknown", "unknown action '" + args[1] + "'"));
  request.action = *action;
  request.role = Role::supervisor;  // the admin CLI acts with the supervisor's authority by default
  if (role->has_value()) {
    const auto parsed = role_from_string(**role);
    if (!parsed)
      return report_error(Error::invalid("role", "error.role.unknown", "unknown role '" + **role + "'"));
    request.role = *parsed;
  }
  if (satisfaction->has_value()) {
    request.satisfaction = satisfaction_from_string(**satisfaction);
    if (!request.satisfaction) {
      return report_error(
          Error::invalid("satisfaction", "error.satisfaction.unknown",
                         "satisfaction must be satisfied, basically_satisfied or dissatisfied"));
    }
  }
  if (substantiated->has_value()) {
    request.substantiated = substantiated_from_string(**substantiated);
    if (!request.substantiated || *request.substantiated == Substantiated::none) {
      return report_error(Error::invalid("substantiated", "error.substantiated.unknown",
                                         "substantiated must be substantiated, unsubstantiated or partly"));
    }
  }
  if (severity->has_value()) {
    request.severity = severity_from_string(**severity);
    if (!request.severity) {
      return report_error(
          Error::invalid("severity", "error.severity.unknown", "severity must be light, general or major"));
    }
  }
  if (voluntary->has_value()) {
    if (**voluntary != "yes" && **voluntary != "no") {
      return report_error(
          Error::invalid("voluntary", "error.voluntary.invalid", "--voluntary takes yes or no"));
    }
    request.voluntary = **voluntary == "yes";
  }
  if (resolve_by->has_value()) {
    auto target = parse_extension_target(**resolve_by, context.calendar());
    if (!target.ok()) return report_error(target.error());
    request.resolve_by = target->until;
    request.extend_by = target->by;
  }
  if (request.actor.empty()) request.actor = "complaintctl";
  request.at = context.clock().now();
  const TimeZone& zone = context.calendar().zone();
  std::optional<Instant> happened_at;
  if (happened->has_value()) {
    auto parsed = zone.parse_iso8601(**happened);
    if (!parsed.ok()) {
      return report_error(Error::invalid("at", "error.at.invalid",
                                         "--at must be an ISO 8601 time, e.g. 2026-11-23T14:00:00+08:00"));
    }
    happened_at = *parsed;
  }

  auto tickets = context.tickets();
  if (!tickets.ok()) return report_error(tickets.error());
  if (auto used = context.use_organisation_calendar(); !used.ok()) return report_error(used.error());
  FilingService service(context.config(), context.taxonomy(), context.calendar(), **tickets, context.clock());
  auto ticket = happened_at ? service.act_at(args[0], request, *happened_at) : service.act(args[0], request);
  if (!ticket.ok()) return report_error(ticket.error());
  if (context.options().json) {
    std::cout << ticket_to_json(*ticket, zone, TicketView::summary) << std::endl;
  } else {
    std::cout << ticket->number << " " << to_string(ticket->status) << std::endl;
  }
  return kExitOk;
}

}  // namespace complaint::ctl
