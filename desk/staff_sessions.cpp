// StaffSessions and LoginThrottle; see staff_sessions.h.
#include "desk/staff_sessions.h"

#include <algorithm>

namespace complaint::desk {

StaffSessions::StaffSessions(std::function<std::string()> random_hex, SessionLimits limits)
    : m_random_hex(std::move(random_hex)), m_limits(limits) {}

std::string StaffSessions::new_token() const {
  return m_random_hex() + m_random_hex();  // two 128-bit nonces: 256 bits
}

StaffSession StaffSessions::start(const std::string& user, Role role, Instant now) {
  StaffSession session{new_token(), new_token(), user, role, now, now};
  std::lock_guard lock(m_mutex);
  // Forget expired sessions now and then so the map cannot grow without bound.
  std::erase_if(m_sessions, [&](const auto& entry) {
    const StaffSession& old = entry.second;
    return now - old.last_seen > m_limits.idle || now - old.created_at > m_limits.absolute;
  });
  m_sessions[session.id] = session;
  return session;
}

std::optional<StaffSession> StaffSessions::touch(const std::string& id, Instant now) {
  std::lock_guard lock(m_mutex);
  const auto found = m_sessions.find(id);
  if (found == m_sessions.end()) return std::nullopt;
  StaffSession& session = found->second;
  if (now - session.last_seen > m_limits.idle || now - session.created_at > m_limits.absolute) {
    m_sessions.erase(found);
    return std::nullopt;
  }
  session.last_seen = now;
  return session;
}

void StaffSessions::end(const std::string& id) {
  std::lock_guard lock(m_mutex);
  m_sessions.erase(id);
}

std::size_t StaffSessions::size() const {
  std::lock_guard lock(m_mutex);
  return m_sessions.size();
}

LoginThrottle::LoginThrottle(ThrottleLimits limits) : m_limits(limits) {}

std::chrono::seconds LoginThrottle::wait_for(std::deque<Instant>& failures, int limit, Instant now) const {
  while (!failures.empty() && now - failures.front() >= m_limits.window) failures.pop_front();
  if (static_cast<int>(failures.size()) < limit) return std::chrono::seconds{0};
  // Locked until the oldest failure that still counts leaves the window.
  const auto oldest = failures[failures.size() - static_cast<std::size_t>(limit)];
  return std::max(std::chrono::seconds{1}, m_limits.window - (now - oldest));
}

std::chrono::seconds LoginThrottle::admit(const std::string& account, const std::string& address,
                                          Instant now) {
  std::lock_guard lock(m_mutex);
  // Looks only at keys that have failures, and forgets those whose failures all expired,
  // so sign-in attempts cannot grow the maps without bound.
  const auto check = [&](std::map<std::string, std::deque<Instant>>& failures, const std::string& key,
                         int limit) {
    const auto found = failures.find(key);
    if (found == failures.end()) return std::chrono::seconds{0};
    const auto wait = wait_for(found->second, limit, now);
    if (found->second.empty()) failures.erase(found);
    return wait;
  };
  const auto wait = std::max(check(m_by_account, account, m_limits.per_account),
                             check(m_by_address, address, m_limits.per_address));
  if (wait.count() > 0) return wait;  // a refused attempt is not counted: no password is tried
  m_by_account[account].push_back(now);
  m_by_address[address].push_back(now);
  return wait;
}

void LoginThrottle::take_back(std::map<std::string, std::deque<Instant>>& failures, const std::string& key,
                              Instant at) {
  const auto found = failures.find(key);
  if (found == failures.end()) return;
  std::deque<Instant>& times = found->second;
  if (const auto it = std::find(times.begin(), times.end(), at); it != times.end()) times.erase(it);
  if (times.empty()) failures.erase(found);
}

void LoginThrottle::succeeded(const std::string& account, const std::string& address, Instant attempt_at) {
  std::lock_guard lock(m_mutex);
  m_by_account.erase(account);
  take_back(m_by_address, address, attempt_at);
}

void LoginThrottle::abandoned(const std::string& account, const std::string& address, Instant attempt_at) {
  std::lock_guard lock(m_mutex);
  take_back(m_by_account, account, attempt_at);
  take_back(m_by_address, address, attempt_at);
}

}  // namespace complaint::desk
