// The sync lane's door; see sync_admission.h.
#include "desk/sync_admission.h"

#include <algorithm>
#include <string>

#include "core/sync/sync_protocol.h"

namespace complaint::desk {

Lane lane_of(std::string_view path) {
  return path == kSyncPath ? Lane::sync : Lane::pages;
}

SyncAdmission::SyncAdmission(int threads, int queue_limit)
    : m_capacity(std::max(1, threads) + std::max(0, queue_limit)) {}

bool SyncAdmission::admit() {
  int inside = m_inside.load();
  do {
    if (inside >= m_capacity) return false;
  } while (!m_inside.compare_exchange_weak(inside, inside + 1));
  return true;
}

void SyncAdmission::leave() {
  --m_inside;
}

RetrySchedule::RetrySchedule(int base_seconds, int floor_per_second)
    : m_base(std::max(1, base_seconds)), m_floor(std::max(1, floor_per_second)) {}

void RetrySchedule::answered(TimePoint now) {
  std::lock_guard lock(m_mutex);
  if (now - m_bucket_start >= std::chrono::seconds(1)) {
    // A bucket older than two seconds says the lane was idle in between: its count is no rate.
    m_last_rate = now - m_bucket_start < std::chrono::seconds(2) ? m_bucket_answers : 0;
    m_bucket_start = now;
    m_bucket_answers = 0;
  }
  ++m_bucket_answers;
}

double RetrySchedule::rate() const {
  return static_cast<double>(std::max(m_floor, m_last_rate));
}

int RetrySchedule::retry_after(TimePoint now) {
  std::lock_guard lock(m_mutex);
  const TimePoint slot = std::max(m_next_slot, now + m_base);
  m_next_slot = slot + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                           std::chrono::duration<double>(1.0 / rate()));
  const auto wait = std::chrono::ceil<std::chrono::seconds>(slot - now).count();
  return static_cast<int>(std::clamp<std::int64_t>(wait, m_base.count(), kMaxSeconds));
}

DeskResponse busy_response(int retry_after_seconds) {
  Error error = Error::make(ErrorCode::unavailable,
                            "the desk is answering as many kiosks as it may; nothing was stored, "
                            "send again after Retry-After");
  error.key = kDeskBusyKey;
  DeskResponse response = DeskResponse::json(http_status_for(error), error_to_json(error));
  response.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
  return response;
}

RefusalTally::RefusalTally(std::chrono::steady_clock::duration interval) : m_interval(interval) {}

void RefusalTally::refused(TimePoint now) {
  if (m_count == 0) m_first = now;
  ++m_count;
}

std::optional<RefusalTally::Report> RefusalTally::due(TimePoint now) {
  if (m_count == 0) return std::nullopt;
  if (m_last_report && now - *m_last_report < m_interval) return std::nullopt;
  const Report report{m_count, now - m_first};
  m_count = 0;
  m_last_report = now;
  return report;
}

}  // namespace complaint::desk
