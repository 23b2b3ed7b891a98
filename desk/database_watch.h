// DatabaseWatch: a thread beside the desk's server that pings its database (PostgreSQL):
// every few seconds while it is up, so a connection lost while no request came is noticed;
// every second while it is away, so the desk reconnects as soon as the backoff allows, even
// when no request comes. It calls give_up once the database reports given_up ([desk]
// db_give_up_seconds; complaint-desk then stops and exits 1 for systemd to restart it, the
// last resort). On SQLite (no state) it only waits.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "core/base/result.h"
#include "core/store/connection_keeper.h"

namespace complaint::desk {

class DatabaseWatch {
 public:
  DatabaseWatch(std::function<std::optional<DatabaseState>()> state, std::function<Result<void>()> ping,
                std::function<void()> give_up);
  ~DatabaseWatch();  // stops and joins
  DatabaseWatch(const DatabaseWatch&) = delete;
  DatabaseWatch& operator=(const DatabaseWatch&) = delete;

  bool gave_up() const;

  static constexpr int kUpPingSeconds = 5;

 private:
  void run();

  std::function<std::optional<DatabaseState>()> m_state;
  std::function<Result<void>()> m_ping;
  std::function<void()> m_give_up;
  mutable std::mutex m_mutex;
  std::condition_variable m_stopping_changed;
  bool m_stopping = false;
  bool m_gave_up = false;
  std::thread m_thread;
};

}  // namespace complaint::desk
