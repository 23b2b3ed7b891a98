// KioskRetention (see kiosk_retention.h).
#include "core/retention/kiosk_retention.h"

namespace complaint {

KioskRetention::KioskRetention(TicketRepository& tickets, RetentionPolicy policy, const Clock& clock,
                               PhoneHasher hash_phone)
    : m_tickets(tickets), m_policy(std::move(policy)), m_clock(clock), m_hash_phone(std::move(hash_phone)) {}

std::optional<Result<RetentionReport>> KioskRetention::tick() {
  std::lock_guard lock(m_mutex);
  const Instant now = m_clock.now();
  // A clock set back (or a fake one in tests) runs again rather than waiting an hour past it.
  if (m_last_run && now >= *m_last_run && now - *m_last_run < kInterval) return std::nullopt;
  m_last_run = now;
  return run_kiosk_retention(m_tickets, m_policy, now, m_hash_phone);
}

}  // namespace complaint
