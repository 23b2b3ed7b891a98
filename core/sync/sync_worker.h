// SyncWorker: runs SyncClient::drain on a background thread so the kiosk UI never waits
// on the network. After a failure it waits an exponentially growing delay with jitter
// (capped), after success the normal interval; wake() cuts a wait short (a new ticket). A
// busy desk (desk.error.busy) is up and says when to come back: then the worker waits its
// Retry-After with jitter on top instead (retry_after_delay), and the backoff starts over.
// State lives in the store, so a restart or days offline just resume the outbox.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "core/base/backoff.h"
#include "core/sync/sync_client.h"
#include "core/sync/sync_status.h"

namespace complaint {

// The backoff after failed rounds (base, and a cap of 15 min: the desk may be gone for days;
// core/base/backoff.h), and the interval between rounds while all goes well.
struct BackoffPolicy : Backoff {
  std::chrono::milliseconds interval{30000};
};

class SyncWorker {
 public:
  // random: a source of [0, 1) for the jitter; tests pass a fixed one.
  SyncWorker(SyncClient& client, BackoffPolicy policy, std::function<double()> random = {});
  ~SyncWorker();  // stops and joins
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  void start();
  void stop();
  void wake();
  // After the last round (running, once start() was called); `queued` as that round left it.
  SyncStatus status() const;

 private:
  void run();
  std::chrono::milliseconds wait_after_failure(const SyncRound& round);

  SyncClient& m_client;
  BackoffPolicy m_policy;
  std::function<double()> m_random;
  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  bool m_stopping = false;
  bool m_woken = false;
  SyncStatus m_status;
  int m_backoff_failures = 0;  // failures since the last success or busy answer: the backoff's count
  std::thread m_thread;
};

}  // namespace complaint
