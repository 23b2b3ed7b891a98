// backoff_delay and jitter_source; see backoff.h.
#include "core/base/backoff.h"

#include <algorithm>
#include <cstdint>
#include <random>

namespace complaint {

std::chrono::milliseconds backoff_delay(int failures, const Backoff& backoff, double unit_random) {
  const int doublings = std::clamp(failures - 1, 0, 30);  // 2^30 * base overflows nothing and exceeds any cap
  const long double raw =
      static_cast<long double>(backoff.base.count()) * static_cast<long double>(1LL << doublings);
  const auto capped = static_cast<std::int64_t>(std::min(raw, static_cast<long double>(backoff.cap.count())));
  const double jitter = std::clamp(unit_random, 0.0, 1.0);
  return std::chrono::milliseconds(capped / 2 +
                                   static_cast<std::int64_t>(static_cast<double>(capped / 2) * jitter));
}

std::chrono::milliseconds retry_after_delay(std::chrono::seconds retry_after, double unit_random,
                                            std::chrono::milliseconds cap) {
  const std::chrono::milliseconds asked = std::min<std::chrono::milliseconds>(retry_after, cap);
  const double jitter = std::clamp(unit_random, 0.0, 1.0);
  const auto extra = static_cast<std::int64_t>(static_cast<double>(asked.count()) * jitter / 2);
  return std::min(asked + std::chrono::milliseconds(extra), cap);
}

std::function<double()> jitter_source() {
  return [engine = std::mt19937_64(std::random_device{}())]() mutable {
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
  };
}

}  // namespace complaint
