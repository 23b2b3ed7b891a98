// complaintctl show / list / validate: read-only views of the register.
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/deadlines/pending_deadlines.h"
#include "core/domain/ticket_number.h"
#include "ctl/commands.h"
#include "ctl/ticket_json.h"

namespace complaint::ctl {
using nlohmann::json;

int cmd_show(CtlContext& context, Args args) {
  if (args.size() != 1) return report_error(usage_error("show takes one ticket number"));
  auto number = normalize_ticket_number(args[0]);
  if (!number.ok()) return report_error(number.error());
  auto ticket = context.store().find(*number);
  if (!ticket.ok()) return report_error(ticket.error());
  if (!*ticket) {
    return report_error(Error::not_found("number", "error.ticket.not_found", "no ticket " + *number));
  }
  auto events = context.store().events(*number);
  if (!events.ok()) return report_error(events.error());
  const TimeZone& zone = context.calendar().zone();
  json out = json::parse(ticket_to_json(**ticket, zone, TicketView::full));
  out["events"] = json::array();
  for (const TicketEvent& event : *events) out["events"].push_back(json::parse(event_to_json(event, zone)));
  std::cout << (context.options().json ? out.dump() : out.dump(2)) << std::endl;
  return kExitOk;
}

int cmd_list(CtlContext& context, Args args) {
  TicketQuery query;
  auto status = take_option(args, "--status");
  auto overdue = take_option(args, "--overdue-at");
  // --overdue: as of now, which --now sets for a what-if list.
  if (take_flag(args, "--overdue") && overdue.ok() && !overdue->has_value()) {
    overdue = std::optional<std::string>(context.calendar().zone().format_iso8601(context.clock().now()));
  }
  auto category = take_option(args, "--category");
  for (auto* option : {&status, &overdue, &category}) {
    if (!option->ok()) return report_error(option->error());
  }
  if (!args.empty()) return report_error(usage_error("unknown argument '" + args[0] + "'"));
  const TimeZone& zone = context.calendar().zone();
  if (status->has_value()) {
    query.status = status_from_string(**status);
    if (!query.status) {
      return report_error(Error::invalid("status", "error.status.unknown",
                                         "unknown status '" + **status +
                                             "'; valid: filed, forwarded, in_progress, replied, called_back, "
                                             "archived, withdrawn"));
    }
  }
  if (overdue->has_value()) {
    auto at = zone.parse_iso8601(**overdue);
    if (!at.ok()) return report_error(Error::invalid("overdue_at", "error.date.invalid", at.error().message));
    query.overdue_at = *at;
  }
  if (category->has_value()) query.category = **category;

  auto tickets = context.store().list(query);
  if (!tickets.ok()) return report_error(tickets.error());
  if (context.options().json) {
    json out = json::array();
    for (const Ticket& t : *tickets) out.push_back(json::parse(ticket_to_json(t, zone, TicketView::summary)));
    std::cout << out.dump() << std::endl;
    return kExitOk;
  }
  for (const Ticket& t : *tickets) {
    const auto next = next_deadline(t);  // the pending one (core/deadlines), as the console shows
    std::cout << std::left << std::setw(26) << t.number << std::setw(12) << to_string(t.status)
              << std::setw(12) << t.kind << std::setw(24) << t.category
              << (next ? zone.format_iso8601(next->at) : "-") << (t.major ? "  MAJOR" : "") << "\n";
  }
  std::cout << tickets->size() << " ticket(s)" << std::endl;
  return kExitOk;
}

int cmd_validate(Args args) {
  if (args.size() != 1) return report_error(usage_error("validate takes one ticket number"));
  auto number = normalize_ticket_number(args[0]);
  if (!number.ok()) return report_error(number.error());
  std::cout << *number << std::endl;
  return kExitOk;
}

}  // namespace complaint::ctl
