// Which of a ticket's clocks the customer is shown (the kiosk's done screen, the receipt's
// promise, the tracking page): an inquiry is answered, not resolved, so its answer_by stands
// for the resolve clock and the customer reads one answer deadline, not two
// (docs/DOMAIN.md §3, "Deadlines for people"). Staff still see every clock.
#pragma once

#include <string_view>

#include "core/domain/ticket.h"

namespace complaint {

// `clock`: forward_by, contact_by, resolve_by, answer_by, callback_by.
bool customer_sees_clock(std::string_view clock, const Deadlines& deadlines);

}  // namespace complaint
