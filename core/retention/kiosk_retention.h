// KioskRetention: the kiosk's periodic clean-up (docs/DOMAIN.md §11). The sync loop calls
// tick() often; at most once per interval of its Clock it runs run_kiosk_retention, so a
// ticket's personal data leaves the kiosk within an interval of the reprint window's end
// (once the desk acknowledged it). The result of the last run is kept for the staff menu
// and the log.
#pragma once

#include <mutex>
#include <optional>

#include "core/base/clock.h"
#include "core/retention/retention_run.h"

namespace complaint {

class KioskRetention {
 public:
  static constexpr std::chrono::hours kInterval{1};

  // `tickets`, `clock` must outlive this object.
  KioskRetention(TicketRepository& tickets, RetentionPolicy policy, const Clock& clock,
                 PhoneHasher hash_phone);

  // Runs when the interval since the last run passed (the first call always runs); returns
  // the run's report, or nullopt when it was not due.
  std::optional<Result<RetentionReport>> tick();

 private:
  TicketRepository& m_tickets;
  RetentionPolicy m_policy;
  const Clock& m_clock;
  PhoneHasher m_hash_phone;
  std::mutex m_mutex;
  std::optional<Instant> m_last_run;
};

}  // namespace complaint
