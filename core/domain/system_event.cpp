#include "core/domain/system_event.h"

namespace complaint {

TicketEvent system_event(const Ticket& ticket, std::string action, Instant at, std::string data_json,
                         std::string actor) {
  TicketEvent event;
  event.ticket_number = ticket.number;
  event.at = at;
  event.actor = std::move(actor);
  event.role = "system";
  event.action = std::move(action);
  event.from = ticket.status;
  event.to = ticket.status;
  event.data_json = std::move(data_json);
  return event;
}

}  // namespace complaint
