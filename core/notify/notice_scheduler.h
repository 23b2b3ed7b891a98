// NoticeScheduler: the deadlines that act (docs/DOMAIN.md §4a). A round, run by complaint-desk
// beside the delivery worker, walks the open tickets earliest deadline first (the console
// queue's order, DeskRepository::queue) and for each pending deadline adds
//   - a reminder when the deadline is near ([notify] forward_reminder_minutes before forward_by,
//     contact_reminder_minutes before contact_by, from resolve_reminder_hour on the day of
//     resolve_by / answer_by, callback_reminder_minutes before callback_by);
//   - an overdue notice when it has passed, with a deadline_missed event on the ticket;
//   - an escalation when it is still not done escalate_after_hours later;
// and on a working day, from [notify] digest_time, the supervisors' daily digest (once a day:
// its key names the date).
// Each is a notice whose key names the ticket, the clock and the deadline
// (notice.h scheduled_notice), added by NoticeStore::add_scheduled only when no notice has
// that key: a second desk on the same database, a restart or the next round adds nothing, so
// each is delivered once by the worker. A deadline moved (an extension, a reopen) is a new key.
#pragma once

#include "core/base/clock.h"
#include "core/calendar/time_zone.h"
#include "core/calendar/work_calendar.h"
#include "core/notify/general_notices.h"
#include "core/notify/notice_store.h"
#include "core/notify/notify_config.h"
#include "core/sync/desk_repository.h"

namespace complaint {

struct ScheduleRound {
  int scanned = 0;                                // open tickets looked at
  int reminders = 0, overdue = 0, escalated = 0;  // notices added this round
  int digests = 0;
};

class NoticeScheduler {
 public:
  struct Parts {
    DeskRepository& desk;
    NoticeStore& notices;
    const Clock& clock;
    const TimeZone& zone;
    // The working days, for the daily digest; null: no digest.
    const WorkCalendar* calendar = nullptr;
  };
  NoticeScheduler(Parts parts, NotifyConfig config);

  Result<ScheduleRound> run_once();

 private:
  // Today's digest when it is due (a working day, from [notify] digest_time on), counted over
  // the open tickets of the round's scan; nullopt otherwise.
  std::optional<DailyDigest> due_digest(const DeskQueuePage& page, Instant now) const;
  // When a reminder of `deadline` is due; nullopt when none is configured.
  std::optional<Instant> reminder_at(const std::string& clock, Instant due) const;

  Parts m_parts;
  NotifyConfig m_config;
};

}  // namespace complaint
