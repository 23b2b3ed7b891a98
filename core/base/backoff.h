// backoff_delay: the one exponential backoff with jitter, for the kiosk's sync worker
// (core/sync/sync_worker.h) and the desk's database reconnects (core/store/connection_keeper.h).
// retry_after_delay: the wait a server asked for (Retry-After), with jitter on top.
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

// The wait after an answer that said Retry-After: at least that long (what the server asked),
// plus up to half of it again by unit_random, so the clients a busy desk turned away in one
// second do not all return in one second; never longer than `cap`.
std::chrono::milliseconds retry_after_delay(std::chrono::seconds retry_after, double unit_random,
                                            std::chrono::milliseconds cap);

// A source of [0, 1) for backoff_delay, seeded from std::random_device; one per user (not
// thread-safe).
std::function<double()> jitter_source();

}  // namespace complaint
