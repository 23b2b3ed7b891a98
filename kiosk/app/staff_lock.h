// StaffLock: the staff PIN check. The PIN is stored as a crypt(3) hash ([kiosk]
// staff_pin_hash); after `staff_pin_attempts` wrong PINs in a row every attempt is refused
// until `staff_lock_seconds` have passed on the injected Clock.
#pragma once

#include <string_view>

#include "core/base/clock.h"
#include "kiosk/kiosk_config.h"

namespace complaint {

enum class PinVerdict { accepted, rejected, locked, disabled };

class StaffLock {
 public:
  StaffLock(const KioskConfig& config, const Clock& clock) : m_config(config), m_clock(clock) {}
  PinVerdict try_pin(std::string_view pin);
  bool locked() const;
  Instant locked_until() const { return m_locked_until; }
  int attempts_left() const { return m_config.staff_pin_attempts - m_failures; }

 private:
  const KioskConfig& m_config;
  const Clock& m_clock;
  int m_failures = 0;
  Instant m_locked_until{};
};

// crypt(3) with the stored hash as setting; true when it reproduces the hash.
bool pin_matches(std::string_view pin, std::string_view hash);

}  // namespace complaint
