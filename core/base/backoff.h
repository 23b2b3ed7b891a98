// backoff_delay: the one exponential backoff with jitter, for the kiosk's sync worker
// (core/sync/sync_worker.h) and the desk's database reconnects (core/store/connection_keeper.h).
// jitter_source: the [0, 1) random numbers it takes, from a seeded engine; tests pass a fixed one.
#pragma once

#include <chrono>
#include <functional>

namespace complaint {

struct Backoff {
  std::chrono::milliseconds base{2000};   // the first retry waits about this long
  std::chrono::milliseconds cap{900000};  // never longer than this
};

// The wait after `failures` consecutive failures (>= 1): base * 2^(failures-1), capped, then
// "equal jitter": half fixed, half scaled by unit_random in [0, 1), so clients that lost
// their peer together do not all return in the same second.
std::chrono::milliseconds backoff_delay(int failures, const Backoff& backoff, double unit_random);

// A source of [0, 1) for backoff_delay, seeded from std::random_device; one per user (not
// thread-safe).
std::function<double()> jitter_source();

}  // namespace complaint
