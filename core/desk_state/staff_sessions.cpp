// StaffSessions; see staff_sessions.h.
#include "core/desk_state/staff_sessions.h"

namespace complaint {

namespace {

// last_seen is written at most this often, so most console page views change no row. (They
// still run in DeskStateStore::transact, which on SQLite takes the write lock briefly: a
// read-only path for touch is left to do.) The idle limit is therefore exact to within this
// step, which is far below the 30 minutes it guards.
constexpr std::chrono::seconds kLastSeenStep{60};

bool expired(const StoredSession& session, const SessionLimits& limits, Instant now) {
  return now - session.last_seen > limits.idle || now - session.created_at > limits.absolute;
}

}  // namespace

StaffSessions::StaffSessions(DeskStateStore& store, std::function<std::string()> random_hex,
                             std::function<std::string(const std::string&)> hash, SessionLimits limits)
    : m_store(store), m_random_hex(std::move(random_hex)), m_hash(std::move(hash)), m_limits(limits) {}

std::string StaffSessions::new_token() const {
  return m_random_hex() + m_random_hex();  // two 128-bit nonces: 256 bits
}

Result<StaffSession> StaffSessions::start(const std::string& user, Role role, Instant now) {
  StaffSession session{new_token(), new_token(), user, role, now, now};
  const StoredSession stored{m_hash(session.id), session.csrf, user, role, now, now};
  TRY_VOID(m_store.transact([&](DeskStatePort& port) -> Result<void> {
    // Expired sessions go whenever someone signs in, so the table cannot grow without bound.
    TRY_VOID(port.delete_expired_sessions(now - m_limits.idle, now - m_limits.absolute));
    return port.insert_session(stored);
  }));
  return session;
}

Result<std::optional<StaffSession>> StaffSessions::touch(const std::string& id, Instant now) {
  std::optional<StaffSession> live;
  if (id.empty()) return live;
  const std::string id_hash = m_hash(id);
  TRY_VOID(m_store.transact([&](DeskStatePort& port) -> Result<void> {
    TRY_ASSIGN(const auto found, port.find_session(id_hash));
    if (!found) return Ok{};
    if (expired(*found, m_limits, now)) return port.delete_session(id_hash);
    if (now - found->last_seen >= kLastSeenStep) TRY_VOID(port.set_last_seen(id_hash, now));
    live = StaffSession{id, found->csrf, found->user, found->role, found->created_at, now};
    return Ok{};
  }));
  return live;
}

Result<void> StaffSessions::end(const std::string& id) {
  if (id.empty()) return Ok{};
  const std::string id_hash = m_hash(id);
  return m_store.transact([&](DeskStatePort& port) { return port.delete_session(id_hash); });
}

}  // namespace complaint
