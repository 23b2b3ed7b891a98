// JSON text for tickets and events, shared by complaintctl, the kiosk's sync and the
// desk. Instants are ISO 8601 with the site zone's offset. Returns text, so callers
// need not share a JSON library type across the layer boundary.
#pragma once

#include <string>

#include "core/calendar/time_zone.h"
#include "core/domain/ticket.h"

namespace complaint {

enum class TicketView {
  full,     // every field of the record form (staff, admin, sync)
  summary,  // list rows: number, kind, category, status, severity, flags, next deadline
};

std::string ticket_to_json(const Ticket& ticket, const TimeZone& zone, TicketView view);
std::string deadlines_to_json(const Deadlines& deadlines, const TimeZone& zone);
std::string event_to_json(const TicketEvent& event, const TimeZone& zone);

}  // namespace complaint
