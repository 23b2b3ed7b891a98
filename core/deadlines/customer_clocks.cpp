// The customer's clocks (see header).
#include "core/deadlines/customer_clocks.h"

namespace complaint {

bool customer_sees_clock(std::string_view clock, const Deadlines& deadlines) {
  return !(clock == "resolve_by" && deadlines.answer_by.has_value());
}

}  // namespace complaint
