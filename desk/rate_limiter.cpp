// RateLimiter; see rate_limiter.h.
#include "desk/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace complaint::desk {
namespace {

double refill(double tokens, double elapsed_seconds, const RateLimit& limit) {
  return std::min(static_cast<double>(limit.burst), tokens + elapsed_seconds * limit.per_minute / 60.0);
}

}  // namespace

bool RateLimiter::allow(const std::string& address, std::chrono::steady_clock::time_point now) {
  if (m_limit.per_minute <= 0) return true;
  std::lock_guard lock(m_mutex);
  if (m_buckets.size() >= m_limit.max_clients && m_buckets.find(address) == m_buckets.end()) {
    forget_full_buckets(now);
  }
  auto [slot, added] = m_buckets.try_emplace(address, Bucket{static_cast<double>(m_limit.burst), now});
  Bucket& bucket = slot->second;
  if (!added) {
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = refill(bucket.tokens, std::max(0.0, elapsed), m_limit);
    bucket.updated = now;
  }
  if (bucket.tokens < 1.0) return false;
  bucket.tokens -= 1.0;
  return true;
}

int RateLimiter::retry_after_seconds() const {
  if (m_limit.per_minute <= 0) return 1;
  return std::max(1, static_cast<int>(std::ceil(60.0 / m_limit.per_minute)));
}

void RateLimiter::forget_full_buckets(std::chrono::steady_clock::time_point now) {
  for (auto it = m_buckets.begin(); it != m_buckets.end();) {
    const double elapsed = std::chrono::duration<double>(now - it->second.updated).count();
    if (refill(it->second.tokens, elapsed, m_limit) >= m_limit.burst) {
      it = m_buckets.erase(it);
    } else {
      ++it;
    }
  }
  // Still full of active clients (a flood from many addresses): start over rather than grow.
  if (m_buckets.size() >= m_limit.max_clients) m_buckets.clear();
}

}  // namespace complaint::desk
