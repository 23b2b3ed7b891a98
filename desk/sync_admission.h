// The sync lane's door, free of the HTTP library (desk/http_server.cpp uses it). lane_of
// sorts a request by its path alone, before it is queued: the kiosks' sync requests go to
// their own pool, everything else (QR pages, console, health) to the other, so a thousand
// kiosks never stand between a customer and the tracking page. SyncAdmission bounds how many
// sync requests the lane holds (being answered plus waiting for a thread); the rest get
// busy_response() at once, before any store work, and come back after its Retry-After.
// RefusalTally turns those refusals into a log line at most once a second, with their count.
// Time is passed in.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string_view>

#include "desk/router.h"

namespace complaint::desk {

enum class Lane { pages, sync };
Lane lane_of(std::string_view path);

// The places of the sync lane: `threads` answering plus `queue_limit` waiting. admit() takes
// one (false: none free), leave() gives it back once the handler returned. Thread-safe.
class SyncAdmission {
 public:
  SyncAdmission(int threads, int queue_limit);

  bool admit();
  void leave();
  int inside() const { return m_inside.load(); }
  int capacity() const { return m_capacity; }

 private:
  const int m_capacity;
  std::atomic<int> m_inside{0};
};

// When each refused kiosk should come back: a crowd (a thousand kiosks after an outage, all
// at once) is spread over the coming seconds at the rate the lane answers, each refusal
// given the next free moment, instead of all being told the same Retry-After and returning
// together to be refused again (measured: bench/desk/sync_load, docs/BENCHMARKS.md). The
// rate is the answers of the last full second, never taken below `floor_per_second` (an
// idle lane's rate says nothing of what it can do). Thread-safe.
class RetrySchedule {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  RetrySchedule(int base_seconds, int floor_per_second);
  // A sync request has been answered.
  void answered(TimePoint now);
  // The Retry-After (seconds, at least base_seconds, at most kMaxSeconds) for a refusal now.
  int retry_after(TimePoint now);
  static constexpr int kMaxSeconds = 120;

 private:
  double rate() const;  // m_mutex held

  const std::chrono::seconds m_base;
  const int m_floor;
  std::mutex m_mutex;
  TimePoint m_bucket_start{};
  int m_bucket_answers = 0;
  int m_last_rate = 0;
  TimePoint m_next_slot{};
};

// 503, the JSON error of every sync failure (key desk.error.busy, code unavailable), and
// Retry-After in seconds.
DeskResponse busy_response(int retry_after_seconds);

// Counts refusals; due() says when to log them: the first at once (the moment the lane
// filled is worth knowing), later ones summed over at least `interval`. Not thread-safe:
// the server's event thread is its only user.
class RefusalTally {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  struct Report {
    int refused = 0;
    std::chrono::steady_clock::duration over{};  // from the first of them to now
  };

  explicit RefusalTally(std::chrono::steady_clock::duration interval = std::chrono::seconds(1));
  void refused(TimePoint now);
  // A report when refusals wait and the last report is `interval` old (or there was none);
  // the count starts again from zero.
  std::optional<Report> due(TimePoint now);

 private:
  std::chrono::steady_clock::duration m_interval;
  int m_count = 0;
  TimePoint m_first{};
  std::optional<TimePoint> m_last_report;
};

}  // namespace complaint::desk
