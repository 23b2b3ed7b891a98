// check_new_ticket and ticket_counter_key: the numbering rules every TicketRepository shares
// (SqliteTicketStore, PgDeskStore, FakeTicketRepository); see ticket_repository.h.
#include "core/store/ticket_repository.h"

#include "core/domain/ticket_number.h"

namespace complaint {
namespace {

Error invalid_station(const std::string& field, const std::string& value) {
  return Error::invalid(
      field, "error.station.invalid",
      field + " '" + value + "' must be 1-8 characters of A-Z and 0-9 (it is part of the number)");
}

}  // namespace

Result<void> check_new_ticket(const NewTicketRequest& request) {
  const Ticket& draft = request.ticket;
  if (!is_valid_station_code(draft.site_code)) return invalid_station("site_code", draft.site_code);
  if (!is_valid_station_code(draft.kiosk_id)) return invalid_station("kiosk_id", draft.kiosk_id);
  if (request.local_date.size() != 8 ||
      request.local_date.find_first_not_of("0123456789") != std::string::npos) {
    return Error::invalid("local_date", "error.date.invalid",
                          "local date must be YYYYMMDD: " + request.local_date);
  }
  return Ok{};
}

std::string ticket_counter_key(const NewTicketRequest& request) {
  return request.ticket.site_code + "-" + request.ticket.kiosk_id + "-" + request.local_date;
}

}  // namespace complaint
