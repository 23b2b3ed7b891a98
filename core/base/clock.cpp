// SystemClock and FixedClock (see clock.h).
#include "core/base/clock.h"

namespace complaint {

Instant SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

Instant FixedClock::now() const {
  std::lock_guard lock(m_mutex);
  return m_now;
}

void FixedClock::set(Instant at) {
  std::lock_guard lock(m_mutex);
  m_now = at;
}

void FixedClock::advance(std::chrono::seconds by) {
  std::lock_guard lock(m_mutex);
  m_now += by;
}

}  // namespace complaint
