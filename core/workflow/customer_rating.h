// The customer's own rating (action customer_rating, from the tracking page) as staff and the
// customer see it beside the callback: the latest of the current round, read from the trail.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain/ticket.h"

namespace complaint {

struct CustomerRating {
  Instant at{};
  Satisfaction satisfaction = Satisfaction::none;
  std::string comment;
  bool counted_as_callback = false;  // [policy] customer_rating_suffices moved the ticket on
};

// The customer's latest rating since the latest reply (a reopen starts a new round and a new
// reply with it), or none. `events` in stored order.
std::optional<CustomerRating> current_customer_rating(const std::vector<TicketEvent>& events);

}  // namespace complaint
