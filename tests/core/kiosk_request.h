// A filing request as a kiosk makes it (site WH01, kiosk K1, a complaint about service
// quality), for the tests of the in-memory repository and of what sits on it.
#pragma once

#include <string>

#include "core/store/ticket_repository.h"

namespace complaint {

inline NewTicketRequest kiosk_request(const std::string& token, Instant filed,
                                      const std::string& local_date = "20261120") {
  NewTicketRequest r;
  r.ticket.tracking_token = token;
  r.ticket.kind = "complaint";
  r.ticket.channel = "kiosk";
  r.ticket.category = "service_quality";
  r.ticket.site_code = "WH01";
  r.ticket.kiosk_id = "K1";
  r.ticket.filed_at = filed;
  r.ticket.recorded_at = filed;
  r.first_event.at = filed;
  r.first_event.action = "file";
  r.local_date = local_date;
  return r;
}

}  // namespace complaint
