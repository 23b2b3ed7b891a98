// Staff sign-in state of the console: StaffSessions (random ids, a CSRF token per
// session, idle and absolute expiry) and LoginThrottle (failed logins counted per account
// and per client address in a sliding window). Both are in memory and thread-safe: a
// desk restart signs everyone out, which is the safe direction.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/base/clock.h"
#include "core/workflow/workflow.h"

namespace complaint::desk {

struct StaffSession {
  std::string id;    // the cookie value: 256 random bits as hex
  std::string csrf;  // must come back with every POST of this session
  std::string user;
  Role role = Role::intake_clerk;
  Instant created_at{};
  Instant last_seen{};
};

struct SessionLimits {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{12 * 60 * 60};
};

class StaffSessions {
 public:
  // `random_hex` returns fresh unpredictable hex (the desk passes its signer's nonces).
  StaffSessions(std::function<std::string()> random_hex, SessionLimits limits = {});

  StaffSession start(const std::string& user, Role role, Instant now);
  // The live session with this id (its idle clock restarted), or nothing when unknown or
  // expired; expired sessions are forgotten here.
  std::optional<StaffSession> touch(const std::string& id, Instant now);
  void end(const std::string& id);
  std::size_t size() const;

 private:
  std::string new_token() const;
  std::function<std::string()> m_random_hex;
  SessionLimits m_limits;
  mutable std::mutex m_mutex;
  std::map<std::string, StaffSession> m_sessions;
};

struct ThrottleLimits {
  int per_account = 5;   // failures of one account name within the window
  int per_address = 20;  // failures from one client address within the window
  std::chrono::seconds window{15 * 60};
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleLimits limits = {});
  // Seconds until a login for this account from this address may be tried again; 0: it may
  // go ahead now, and it is counted as a failure at once, under the same lock as the check,
  // so parallel attempts cannot all pass before any is counted. Checked before the
  // password, so a locked account costs no argon2 work.
  std::chrono::seconds admit(const std::string& account, const std::string& address, Instant now);
  // The admitted attempt (at `attempt_at`) had the right password: the account's failures
  // are cleared and this attempt's count on the address is taken back (earlier failures
  // from the address stay).
  void succeeded(const std::string& account, const std::string& address, Instant attempt_at);
  // The admitted attempt ended before its password was checked (the store failed): both
  // counts are taken back.
  void abandoned(const std::string& account, const std::string& address, Instant attempt_at);

 private:
  std::chrono::seconds wait_for(std::deque<Instant>& failures, int limit, Instant now) const;
  void take_back(std::map<std::string, std::deque<Instant>>& failures, const std::string& key, Instant at);
  ThrottleLimits m_limits;
  std::mutex m_mutex;
  std::map<std::string, std::deque<Instant>> m_by_account;
  std::map<std::string, std::deque<Instant>> m_by_address;
};

}  // namespace complaint::desk
