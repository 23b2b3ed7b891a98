// complaintctl's JSON for tickets and events, for people and scripts (the sync wire is
// core/sync/sync_wire.h). The full view has every field of the field table
// (core/domain/ticket_fields.h) under its key, the customer's name as "name" as in `file`'s
// input; instants are ISO 8601 with the site zone's offset and absent ones are left out.
#pragma once

#include <string>

#include "core/calendar/time_zone.h"
#include "core/domain/ticket.h"

namespace complaint {

enum class TicketView {
  full,     // every field of the record form (staff, admin)
  summary,  // list rows: number, kind, category, status, severity, flags, next deadline
};

std::string ticket_to_json(const Ticket& ticket, const TimeZone& zone, TicketView view);
std::string deadlines_to_json(const Deadlines& deadlines, const TimeZone& zone);
std::string event_to_json(const TicketEvent& event, const TimeZone& zone);

}  // namespace complaint
