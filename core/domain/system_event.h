// system_event: an event the desk or the retention run writes on a ticket without changing its
// state (a delivered notice, a missed deadline, a group complaint link, an anonymisation): role
// "system", from and to the ticket's status. One builder, so that every such event reads alike
// on the trail (core/workflow/event_sentence.h) and in the reports.
#pragma once

#include <string>

#include "core/domain/ticket.h"

namespace complaint {

TicketEvent system_event(const Ticket& ticket, std::string action, Instant at, std::string data_json,
                         std::string actor = "desk");

}  // namespace complaint
