// FakeDeskStateStore; see fake_desk_state_store.h.
#include "core/desk_state/fake_desk_state_store.h"

#include <algorithm>

namespace complaint {

namespace {

class FakePort final : public DeskStatePort {
 public:
  FakePort(FakeDeskStateStore::State& state, FaultScript<DeskStateStep>& script)
      : m_state(state), m_script(script) {}

  Result<void> insert_session(const StoredSession& session) override {
    if (auto error = m_script.on_call(DeskStateStep::insert_session)) return *error;
    if (!m_state.sessions.emplace(session.id_hash, session).second)
      return Error::make(ErrorCode::conflict, "session exists");
    return Ok{};
  }
  Result<std::optional<StoredSession>> find_session(const std::string& id_hash) override {
    if (auto error = m_script.on_call(DeskStateStep::find_session)) return *error;
    const auto found = m_state.sessions.find(id_hash);
    if (found == m_state.sessions.end()) return std::optional<StoredSession>();
    return std::optional<StoredSession>(found->second);
  }
  Result<void> set_last_seen(const std::string& id_hash, Instant at) override {
    if (auto error = m_script.on_call(DeskStateStep::set_last_seen)) return *error;
    if (const auto found = m_state.sessions.find(id_hash); found != m_state.sessions.end())
      found->second.last_seen = at;
    return Ok{};
  }
  Result<void> delete_session(const std::string& id_hash) override {
    m_state.sessions.erase(id_hash);
    return Ok{};
  }
  Result<void> delete_expired_sessions(Instant idle_before, Instant created_before) override {
    std::erase_if(m_state.sessions, [&](const auto& entry) {
      return entry.second.last_seen < idle_before || entry.second.created_at < created_before;
    });
    return Ok{};
  }
  Result<void> lock_sign_ins() override { return Ok{}; }  // transactions are serial already
  Result<void> delete_attempts_before(Instant before) override {
    std::erase_if(m_state.attempts, [&](const auto& entry) { return entry.second.at < before; });
    return Ok{};
  }
  Result<std::vector<Instant>> account_attempts(const std::string& account) override {
    return times([&](const FakeDeskStateStore::Attempt& attempt) {
      return attempt.account == account && !attempt.account_cleared;
    });
  }
  Result<std::vector<Instant>> address_attempts(const std::string& address) override {
    return times([&](const FakeDeskStateStore::Attempt& attempt) { return attempt.address == address; });
  }
  Result<std::int64_t> insert_attempt(const std::string& account, const std::string& address,
                                      Instant at) override {
    if (auto error = m_script.on_call(DeskStateStep::insert_attempt)) return *error;
    const std::int64_t id = m_state.next_attempt++;
    m_state.attempts[id] = FakeDeskStateStore::Attempt{account, address, at, false};
    return id;
  }
  Result<void> delete_attempt(std::int64_t id) override {
    m_state.attempts.erase(id);
    return Ok{};
  }
  Result<void> clear_account_attempts(const std::string& account) override {
    for (auto& [id, attempt] : m_state.attempts)
      if (attempt.account == account) attempt.account_cleared = true;
    return Ok{};
  }
  Result<std::optional<std::string>> find_secret(const std::string& name) override {
    if (auto error = m_script.on_call(DeskStateStep::find_secret)) return *error;
    const auto found = m_state.secrets.find(name);
    if (found == m_state.secrets.end()) return std::optional<std::string>();
    return std::optional<std::string>(found->second);
  }
  Result<void> insert_secret_if_absent(const std::string& name, const std::string& value) override {
    m_state.secrets.emplace(name, value);
    return Ok{};
  }
  Result<std::optional<StoredCalendar>> find_calendar() override { return m_state.calendar; }
  Result<void> save_calendar(const StoredCalendar& calendar) override {
    if (auto error = m_script.on_call(DeskStateStep::save_calendar)) return *error;
    m_state.calendar = calendar;
    return Ok{};
  }
  Result<std::vector<Department>> departments() override {
    std::vector<Department> out;
    for (const auto& [id, department] : m_state.departments) out.push_back(department);
    return out;
  }
  Result<void> save_department(const Department& department) override {
    if (auto error = m_script.on_call(DeskStateStep::save_department)) return *error;
    m_state.departments[department.id] = department;
    return Ok{};
  }

 private:
  template <class Predicate>
  std::vector<Instant> times(Predicate matches) const {
    std::vector<Instant> found;
    for (const auto& [id, attempt] : m_state.attempts)
      if (matches(attempt)) found.push_back(attempt.at);
    std::sort(found.begin(), found.end());
    return found;
  }
  FakeDeskStateStore::State& m_state;
  FaultScript<DeskStateStep>& m_script;
};

}  // namespace

Result<void> FakeDeskStateStore::transact(const std::function<Result<void>(DeskStatePort&)>& work) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_script.on_call(DeskStateStep::transact)) return *error;
  State working = m_state;
  FakePort port(working, m_script);
  TRY_VOID(work(port));
  m_state = std::move(working);
  return Ok{};
}

std::size_t FakeDeskStateStore::sessions() const {
  std::lock_guard lock(m_mutex);
  return m_state.sessions.size();
}

std::size_t FakeDeskStateStore::attempts() const {
  std::lock_guard lock(m_mutex);
  return m_state.attempts.size();
}

bool FakeDeskStateStore::holds_session_hash(const std::string& id_hash) const {
  std::lock_guard lock(m_mutex);
  return m_state.sessions.contains(id_hash);
}

}  // namespace complaint
