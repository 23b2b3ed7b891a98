// SyncWorker; see sync_worker.h.
#include "core/sync/sync_worker.h"

#include <algorithm>

namespace complaint {

SyncWorker::SyncWorker(SyncClient& client, BackoffPolicy policy, std::function<double()> random)
    : m_client(client), m_policy(policy), m_random(std::move(random)) {
  if (!m_random) m_random = jitter_source();
}

SyncWorker::~SyncWorker() {
  stop();
}

void SyncWorker::start() {
  std::lock_guard lock(m_mutex);
  if (m_thread.joinable()) return;
  m_stopping = false;
  m_status.running = true;
  m_thread = std::thread([this] { run(); });
}

void SyncWorker::stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_changed.notify_all();
  if (m_thread.joinable()) m_thread.join();
  std::lock_guard lock(m_mutex);
  m_status.running = false;
}

void SyncWorker::wake() {
  {
    std::lock_guard lock(m_mutex);
    m_woken = true;
  }
  m_changed.notify_all();
}

SyncStatus SyncWorker::status() const {
  std::lock_guard lock(m_mutex);
  return m_status;
}

void SyncWorker::run() {
  while (true) {
    // A drain in progress finishes its current request even when stop() is called; the
    // transport's timeout bounds how long that takes.
    const SyncRound round = m_client.drain();
    std::unique_lock lock(m_mutex);
    ++m_status.rounds;
    m_status.queued = round.remaining;
    m_status.last_error = round.error;
    m_status.refusals = round.refusals;
    if (!round.error) m_status.last_success = round.finished_at;
    if (round.error) {
      ++m_status.consecutive_failures;
      m_status.next_wait = backoff_delay(m_status.consecutive_failures, m_policy, m_random());
    } else {
      m_status.consecutive_failures = 0;
      m_status.next_wait = m_policy.interval;
    }
    // A wake() during a failure backoff does not cut it short: a desk that is down
    // should not be hammered once per filed ticket.
    if (!round.error) m_changed.wait_for(lock, m_status.next_wait, [this] { return m_stopping || m_woken; });
    if (round.error) m_changed.wait_for(lock, m_status.next_wait, [this] { return m_stopping; });
    m_woken = false;
    if (m_stopping) return;
  }
}

}  // namespace complaint
