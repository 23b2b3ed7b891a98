// StaffSessions: the console's sign-in sessions over a DeskStateStore — random 256-bit ids
// stored only as hashes, a CSRF token per session, idle and absolute expiry. Every desk on
// the database sees the same sessions; a restart signs nobody out.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/desk_state/desk_state_store.h"

namespace complaint {

struct StaffSession {
  std::string id;    // the cookie value (never stored)
  std::string csrf;  // must come back with every POST of this session
  std::string user;
  Role role = Role::intake_clerk;
  Instant created_at{};
  Instant last_seen{};
  // The account's departments as they are now (not stored with the session: the console
  // reads the account on every request, core/desk_state/departments.h).
  std::vector<std::string> departments = {};
};

struct SessionLimits {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{12 * 60 * 60};
};

class StaffSessions {
 public:
  // `random_hex`: fresh unpredictable hex, 128 bits a call (the desk's signer's nonces);
  // `hash`: a one-way hash of a session id (the desk's SHA-256 based HMAC).
  StaffSessions(DeskStateStore& store, std::function<std::string()> random_hex,
                std::function<std::string(const std::string&)> hash, SessionLimits limits = {});

  Result<StaffSession> start(const std::string& user, Role role, Instant now);
  // The live session with this id (its idle clock restarted), or nothing when unknown or
  // expired; an expired session is deleted here.
  Result<std::optional<StaffSession>> touch(const std::string& id, Instant now);
  Result<void> end(const std::string& id);
  const SessionLimits& limits() const { return m_limits; }

 private:
  std::string new_token() const;
  DeskStateStore& m_store;
  std::function<std::string()> m_random_hex;
  std::function<std::string(const std::string&)> m_hash;
  SessionLimits m_limits;
};

}  // namespace complaint
