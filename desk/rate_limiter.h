// RateLimiter: a token bucket per client address (the tracking page's per-address
// limit). Thread-safe; memory stays bounded: when it tracks more than max_clients
// addresses, the buckets that have refilled completely are forgotten first.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/base/clock.h"

namespace complaint::desk {

struct RateLimit {
  int per_minute = 60;  // sustained requests per minute and address; 0: no limit
  int burst = 20;       // requests an address may make at once
  std::size_t max_clients = 100000;
};

class RateLimiter {
 public:
  explicit RateLimiter(RateLimit limit) : m_limit(limit) {}

  // True when `address` may make a request at `now` (and counts it); false: answer 429.
  bool allow(const std::string& address, std::chrono::steady_clock::time_point now);
  // Seconds until `address` has a token again (for Retry-After); at least 1.
  int retry_after_seconds() const;

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point updated;
  };
  void forget_full_buckets(std::chrono::steady_clock::time_point now);

  RateLimit m_limit;
  std::mutex m_mutex;
  std::unordered_map<std::string, Bucket> m_buckets;
};

}  // namespace complaint::desk
