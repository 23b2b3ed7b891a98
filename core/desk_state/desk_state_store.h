// DeskStateStore: the console's shared state kept in the desk's database, so that several
// desks on one PostgreSQL server (or a desk restarted) agree on it — staff sessions, the
// sign-in throttle's attempts, the desk-wide secrets behind form tokens, the holiday calendar
// and the department list. The rules are
// core/desk_state/{staff_sessions,login_throttle,desk_secrets}.cpp, once for every engine;
// each store implements only DeskStatePort, the statements they need, and runs them inside
// one transaction it owns (SqliteDeskStateStore, PgDeskStateStore in drivers/postgres,
// FakeDeskStateStore for tests).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/calendar/holiday_data.h"
#include "core/workflow/workflow.h"

namespace complaint {

// A staff session as stored: the cookie's id only as a hash, so a copy of the database
// does not let anyone act as a signed-in user.
struct StoredSession {
  std::string id_hash;
  std::string csrf;  // must come back with every POST of this session
  std::string user;
  Role role = Role::intake_clerk;
  Instant created_at{};
  Instant last_seen{};
};

// A department of the organisation, as configured on the desk (core/desk_state/departments.h):
// tickets are forwarded to it by id, staff accounts belong to it.
struct Department {
  std::string id;
  std::string name_zh;
  std::string name_en;
  bool operator==(const Department&) const = default;
};

// Statements of one store, all inside the transaction the store opened for the call.
class DeskStatePort {
 public:
  virtual ~DeskStatePort() = default;

  virtual Result<void> insert_session(const StoredSession& session) = 0;
  virtual Result<std::optional<StoredSession>> find_session(const std::string& id_hash) = 0;
  virtual Result<void> set_last_seen(const std::string& id_hash, Instant at) = 0;
  virtual Result<void> delete_session(const std::string& id_hash) = 0;
  // Sessions last seen before `idle_before` or created before `created_before`.
  virtual Result<void> delete_expired_sessions(Instant idle_before, Instant created_before) = 0;

  // Serialises sign-in attempts among every desk on the database until the transaction ends
  // (PostgreSQL: an advisory lock; SQLite's write transaction already does).
  virtual Result<void> lock_sign_ins() = 0;
  virtual Result<void> delete_attempts_before(Instant before) = 0;
  // Times of the attempts that count against an account (not cleared by a success) or an
  // address, oldest first.
  virtual Result<std::vector<Instant>> account_attempts(const std::string& account) = 0;
  virtual Result<std::vector<Instant>> address_attempts(const std::string& address) = 0;
  virtual Result<std::int64_t> insert_attempt(const std::string& account, const std::string& address,
                                              Instant at) = 0;
  virtual Result<void> delete_attempt(std::int64_t id) = 0;
  // The account's attempts stop counting against it (they still count for their addresses).
  virtual Result<void> clear_account_attempts(const std::string& account) = 0;

  virtual Result<std::optional<std::string>> find_secret(const std::string& name) = 0;
  // Inserts unless the name exists (another desk may have made it first): no error then.
  virtual Result<void> insert_secret_if_absent(const std::string& name, const std::string& value) = 0;

  virtual Result<std::optional<StoredCalendar>> find_calendar() = 0;
  virtual Result<void> save_calendar(const StoredCalendar& calendar) = 0;

  // The configured departments, sorted by id.
  virtual Result<std::vector<Department>> departments() = 0;
  // Inserts, or renames the department with this id.
  virtual Result<void> save_department(const Department& department) = 0;
};

class DeskStateStore {
 public:
  virtual ~DeskStateStore() = default;
  // Runs `work` in one write transaction: committed when it succeeds, rolled back when it
  // (or the commit) fails.
  virtual Result<void> transact(const std::function<Result<void>(DeskStatePort&)>& work) = 0;
};

}  // namespace complaint
