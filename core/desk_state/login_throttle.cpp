// LoginThrottle; see login_throttle.h.
#include "core/desk_state/login_throttle.h"

#include <algorithm>

namespace complaint {

std::chrono::seconds throttle_wait(const std::vector<Instant>& times, int limit, std::chrono::seconds window,
                                   Instant now) {
  if (limit <= 0 || static_cast<int>(times.size()) < limit) return std::chrono::seconds{0};
  // Locked until the oldest failure that still counts leaves the window.
  const Instant oldest = times[times.size() - static_cast<std::size_t>(limit)];
  return std::max(std::chrono::seconds{1}, window - (now - oldest));
}

LoginThrottle::LoginThrottle(DeskStateStore& store, ThrottleLimits limits)
    : m_store(store), m_limits(limits) {}

Result<SignInAttempt> LoginThrottle::admit(const std::string& account, const std::string& address,
                                           Instant now) {
  SignInAttempt attempt;
  TRY_VOID(m_store.transact([&](DeskStatePort& port) -> Result<void> {
    TRY_VOID(port.lock_sign_ins());
    // Attempts that left the window count for nothing: forgetting them keeps the table small.
    TRY_VOID(port.delete_attempts_before(now - m_limits.window + std::chrono::seconds{1}));
    TRY_ASSIGN(const auto by_account, port.account_attempts(account));
    TRY_ASSIGN(const auto by_address, port.address_attempts(address));
    attempt.wait = std::max(throttle_wait(by_account, m_limits.per_account, m_limits.window, now),
                            throttle_wait(by_address, m_limits.per_address, m_limits.window, now));
    if (!attempt.admitted()) return Ok{};
    TRY_ASSIGN(attempt.id, port.insert_attempt(account, address, now));
    return Ok{};
  }));
  return attempt;
}

Result<void> LoginThrottle::succeeded(const SignInAttempt& attempt, const std::string& account) {
  return m_store.transact([&](DeskStatePort& port) -> Result<void> {
    TRY_VOID(port.clear_account_attempts(account));
    return port.delete_attempt(attempt.id);
  });
}

Result<void> LoginThrottle::abandoned(const SignInAttempt& attempt) {
  return m_store.transact([&](DeskStatePort& port) { return port.delete_attempt(attempt.id); });
}

}  // namespace complaint
