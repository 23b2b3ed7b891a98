// StaffLock over libcrypt (crypt_r): yescrypt/sha512-crypt hashes as mkpasswd writes them.
#include "kiosk/app/staff_lock.h"

#include <crypt.h>

#include <memory>
#include <string>

#include "core/domain/tracking_token.h"

namespace complaint {

bool pin_matches(std::string_view pin, std::string_view hash) {
  if (hash.empty() || pin.empty()) return false;
  auto data = std::make_unique<crypt_data>();
  data->initialized = 0;
  const std::string key(pin);
  const std::string setting(hash);
  const char* result = crypt_r(key.c_str(), setting.c_str(), data.get());
  if (result == nullptr || result[0] == '*') return false;
  return constant_time_equal(result, hash);
}

bool StaffLock::locked() const {
  return m_clock.now() < m_locked_until;
}

PinVerdict StaffLock::try_pin(std::string_view pin) {
  if (m_config.staff_pin_hash.empty()) return PinVerdict::disabled;
  if (locked()) return PinVerdict::locked;
  if (pin_matches(pin, m_config.staff_pin_hash)) {
    m_failures = 0;
    return PinVerdict::accepted;
  }
  if (++m_failures >= m_config.staff_pin_attempts) {
    m_failures = 0;
    m_locked_until = m_clock.now() + std::chrono::seconds(m_config.staff_lock_seconds);
    return PinVerdict::locked;
  }
  return PinVerdict::rejected;
}

}  // namespace complaint
