// LoginThrottle: failed console sign-ins counted per account and per client address in a
// sliding window, over a DeskStateStore, so the limit holds for every desk on the database
// together (N desks do not allow N times the guesses) and across restarts. The check and
// the count are one transaction under the store's sign-in lock, so parallel attempts cannot
// pass the limit before any of them is counted.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/desk_state/desk_state_store.h"

namespace complaint {

struct ThrottleLimits {
  int per_account = 5;   // failures of one account name within the window
  int per_address = 20;  // failures from one client address within the window
  std::chrono::seconds window{15 * 60};
};

// An admitted attempt (wait 0, counted as a failure until it succeeds or is abandoned), or a
// refused one (wait > 0: seconds until the account and address may try again).
struct SignInAttempt {
  std::chrono::seconds wait{0};
  std::int64_t id = 0;
  bool admitted() const { return wait.count() == 0; }
};

// Seconds until fewer than `limit` of `times` (oldest first, all within the window) remain
// in the window; 0 when fewer already do.
std::chrono::seconds throttle_wait(const std::vector<Instant>& times, int limit, std::chrono::seconds window,
                                   Instant now);

class LoginThrottle {
 public:
  LoginThrottle(DeskStateStore& store, ThrottleLimits limits = {});

  // Checked before the password, so a locked account costs no argon2 work. A refused
  // attempt is not counted: no password is tried.
  Result<SignInAttempt> admit(const std::string& account, const std::string& address, Instant now);
  // The attempt had the right password: the account's failures stop counting and this
  // attempt is taken back (earlier failures from the address stay).
  Result<void> succeeded(const SignInAttempt& attempt, const std::string& account);
  // The attempt ended before its password was checked (the store failed): taken back.
  Result<void> abandoned(const SignInAttempt& attempt);

 private:
  DeskStateStore& m_store;
  ThrottleLimits m_limits;
};

}  // namespace complaint
