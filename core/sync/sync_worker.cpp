// SyncWorker; see sync_worker.h.
#include "core/sync/sync_worker.h"

#include <algorithm>

#include "core/sync/sync_protocol.h"

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

// A busy desk answered and asked for a pause: it gets that pause (and jitter), not the
// backoff, which is for a desk that cannot be heard and would grow with every busy answer
// until the kiosk waited minutes behind a desk that had room again after seconds. Any
// other failure waits the backoff, but never less than a Retry-After its answer carried (a
// desk whose database is away says when it tries again).
std::chrono::milliseconds SyncWorker::wait_after_failure(const SyncRound& round) {
  const double random = m_random();
  if (round.retry_after && round.error && round.error->key == kDeskBusyKey) {
    m_backoff_failures = 0;
    return retry_after_delay(*round.retry_after, random, m_policy.cap);
  }
  ++m_backoff_failures;
  const std::chrono::milliseconds backoff = backoff_delay(m_backoff_failures, m_policy, random);
  if (!round.retry_after) return backoff;
  return std::max(backoff, retry_after_delay(*round.retry_after, random, m_policy.cap));
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
      m_status.next_wait = wait_after_failure(round);
    } else {
      m_status.consecutive_failures = 0;
      m_backoff_failures = 0;
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
