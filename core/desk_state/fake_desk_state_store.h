// FakeDeskStateStore: DeskStateStore in memory for tests of the session, throttle and
// secret rules. Transactions are serial (one mutex, as a database's write lock) and roll
// back: a failed transaction leaves the state as it was. Steps fail on a FaultScript.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "core/base/fault_script.h"
#include "core/desk_state/desk_state_store.h"

namespace complaint {

enum class DeskStateStep {
  transact,
  insert_session,
  find_session,
  set_last_seen,
  insert_attempt,
  find_secret,
  save_calendar,
  save_department
};

class FakeDeskStateStore final : public DeskStateStore {
 public:
  FaultScript<DeskStateStep>& script() { return m_script; }
  Result<void> transact(const std::function<Result<void>(DeskStatePort&)>& work) override;

  // Inspection.
  std::size_t sessions() const;
  std::size_t attempts() const;
  // The session stored under this hash (tests check that ids are not stored in clear).
  bool holds_session_hash(const std::string& id_hash) const;

  struct Attempt {
    std::string account;
    std::string address;
    Instant at{};
    bool account_cleared = false;
  };
  struct State {
    std::map<std::string, StoredSession> sessions;  // by id hash
    std::map<std::int64_t, Attempt> attempts;
    std::int64_t next_attempt = 1;
    std::map<std::string, std::string> secrets;
    std::optional<StoredCalendar> calendar;
    std::map<std::string, Department> departments;  // by id
  };

 private:
  mutable std::mutex m_mutex;
  State m_state;
  FaultScript<DeskStateStep> m_script;
};

}  // namespace complaint
