// DatabaseWatch; see database_watch.h.
#include "desk/database_watch.h"

namespace complaint::desk {

DatabaseWatch::DatabaseWatch(std::function<std::optional<DatabaseState>()> state,
                             std::function<Result<void>()> ping, std::function<void()> give_up)
    : m_state(std::move(state)), m_ping(std::move(ping)), m_give_up(std::move(give_up)) {
  m_thread = std::thread([this] { run(); });
}

DatabaseWatch::~DatabaseWatch() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_stopping_changed.notify_all();
  m_thread.join();
}

bool DatabaseWatch::gave_up() const {
  std::lock_guard lock(m_mutex);
  return m_gave_up;
}

void DatabaseWatch::run() {
  std::unique_lock lock(m_mutex);
  int idle_seconds = 0;
  while (!m_stopping_changed.wait_for(lock, std::chrono::seconds(1), [this] { return m_stopping; })) {
    lock.unlock();
    std::optional<DatabaseState> state = m_state();
    // While the database is away, every second: before the next attempt is due the keeper
    // refuses the ping at once, costing nothing. While it is up, every kUpPingSeconds: a
    // connection lost while no request came is noticed (and the give-up clock started).
    if (state && (!state->up || ++idle_seconds >= kUpPingSeconds)) {
      idle_seconds = 0;
      (void)m_ping();
      state = m_state();
    }
    const bool give_up = state && !state->up && state->given_up;
    lock.lock();
    if (give_up && !m_gave_up) {
      m_gave_up = true;
      lock.unlock();
      m_give_up();
      lock.lock();
    }
  }
}

}  // namespace complaint::desk
