// ConnectionKeeper; see connection_keeper.h.
#include "core/store/connection_keeper.h"

#include <algorithm>

namespace complaint {
namespace {

std::string seconds_text(std::chrono::seconds seconds) {
  return std::to_string(seconds.count()) + " s";
}

}  // namespace

ConnectionKeeper::ConnectionKeeper(const Clock& clock, ReconnectPolicy policy, DatabaseLog log,
                                   std::function<double()> jitter)
    : m_clock(clock), m_policy(policy), m_log(std::move(log)), m_jitter(std::move(jitter)) {
  if (!m_jitter) m_jitter = jitter_source();
}

Result<void> ConnectionKeeper::open(DatabaseLink& link, Generation& generation) {
  const Instant now = m_clock.now();
  auto opened = link.connect();
  {
    std::lock_guard lock(m_mutex);
    m_up = opened.ok();
    m_down_since = now;
    m_next_attempt = now;
    m_failed_attempts = 0;
    m_last_error.clear();
    if (opened.ok()) generation = m_generation;
  }
  if (!opened.ok()) failed_attempt(now, opened.error().message);
  return opened;
}

Result<void> ConnectionKeeper::ensure(DatabaseLink& link, Generation& generation) {
  const Instant now = m_clock.now();
  {
    std::lock_guard lock(m_mutex);
    if (m_up && generation == m_generation) return Ok{};
    // Up, but this link connected before the last loss (another link found the server
    // gone and reconnected): its connection is suspect, replace it now.
    if (!m_up && now < m_next_attempt) return unavailable(now);
  }
  auto connected = link.connect();
  if (!connected.ok()) {
    failed_attempt(now, connected.error().message);
    std::lock_guard lock(m_mutex);
    return unavailable(now);
  }
  std::lock_guard lock(m_mutex);
  if (!m_up && m_log) {
    m_log("database: reconnected after " + seconds_text(now - m_down_since) + " (" +
          std::to_string(m_failed_attempts) + " failed attempts)");
  }
  if (!m_up) {
    m_up = true;
    m_failed_attempts = 0;
    m_last_error.clear();
  }
  generation = m_generation;
  return Ok{};
}

void ConnectionKeeper::lost(DatabaseLink& link, const std::string& why) {
  link.disconnect();
  const Instant now = m_clock.now();
  std::lock_guard lock(m_mutex);
  if (!m_up) return;
  m_up = false;
  ++m_generation;
  m_down_since = now;
  m_next_attempt = now;  // the first attempt at once: a restart may already be over
  m_failed_attempts = 0;
  m_last_error = why;
  if (m_log) m_log("database: connection lost: " + why);
}

void ConnectionKeeper::failed_attempt(Instant now, const std::string& why) {
  std::lock_guard lock(m_mutex);
  if (m_up) {  // a suspect link of a pool could not reconnect: the server is gone for all
    m_up = false;
    ++m_generation;
    m_down_since = now;
    m_failed_attempts = 0;
  }
  ++m_failed_attempts;
  const auto delay = backoff_delay(m_failed_attempts, m_policy.backoff, m_jitter());
  // The clock counts whole seconds: round up, so no attempt comes before its delay.
  m_next_attempt = now + std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(delay));
  m_last_error = why;
  if (m_log) {
    m_log("database: reconnect attempt " + std::to_string(m_failed_attempts) + " failed, next in " +
          seconds_text(m_next_attempt - now) + ": " + why);
  }
}

Error ConnectionKeeper::unavailable(Instant now) const {
  const auto wait = std::max(std::chrono::seconds(1), m_next_attempt - now);
  return Error::make(ErrorCode::unavailable,
                     "the database is unreachable (for " + seconds_text(now - m_down_since) +
                         "; next attempt in " + seconds_text(wait) + "): " + m_last_error,
                     "reconnect");
}

DatabaseState ConnectionKeeper::state() const {
  const Instant now = m_clock.now();
  std::lock_guard lock(m_mutex);
  DatabaseState state;
  state.up = m_up;
  state.last_error = m_last_error;
  if (m_up) return state;
  state.down_since = m_down_since;
  state.failed_attempts = m_failed_attempts;
  state.retry_after = std::max(std::chrono::seconds(1), m_next_attempt - now);
  state.given_up = m_policy.give_up_after.count() > 0 && now - m_down_since >= m_policy.give_up_after;
  return state;
}

}  // namespace complaint
