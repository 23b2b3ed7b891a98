// NoticeScheduler; see notice_scheduler.h.
#include "core/notify/notice_scheduler.h"

#include "core/deadlines/pending_deadlines.h"

namespace complaint {

using std::chrono::hours;
using std::chrono::minutes;

NoticeScheduler::NoticeScheduler(Parts parts, NotifyConfig config)
    : m_parts(parts), m_config(std::move(config)) {}

std::optional<Instant> NoticeScheduler::reminder_at(const std::string& clock, Instant due) const {
  const auto before = [due](int lead) -> std::optional<Instant> {
    if (lead <= 0) return std::nullopt;
    return due - minutes{lead};
  };
  if (clock == "forward_by") return before(m_config.forward_reminder_minutes);
  if (clock == "contact_by") return before(m_config.contact_reminder_minutes);
  if (clock == "callback_by") return before(m_config.callback_reminder_minutes);
  if (m_config.resolve_reminder_hour < 0) return std::nullopt;
  // The morning of the deadline's last day: a deadline at 24:00 belongs to the day before.
  const LocalSeconds local = m_parts.zone.to_local(due - std::chrono::seconds{1});
  const auto day = std::chrono::floor<std::chrono::days>(local);
  return m_parts.zone.to_instant(LocalSeconds{day + hours{m_config.resolve_reminder_hour}});
}

Result<ScheduleRound> NoticeScheduler::run_once() {
  const Instant now = m_parts.clock.now();
  ScheduleRound round;
  DeskQueueQuery query;
  query.now = now;
  query.limit = m_config.schedule_scan_limit;
  TRY_ASSIGN(const DeskQueuePage page, m_parts.desk.queue(query));
  const auto add = [this](const Notice& notice, const std::optional<TicketEvent>& event,
                          int& counter) -> Result<void> {
    TRY_ASSIGN(const bool added, m_parts.notices.add_scheduled(notice, event));
    if (added) ++counter;
    return Ok{};
  };
  for (const Ticket& ticket : page.tickets) {
    const std::vector<PendingDeadline> pending = pending_deadlines(ticket);
    if (pending.empty()) continue;
    ++round.scanned;
    for (const PendingDeadline& deadline : pending) {
      const ScheduledClock clock{deadline.name, deadline.at};
      if (deadline.at <= now) {
        TRY_VOID(add(scheduled_notice(k_overdue_reason, ticket, clock, now),
                     missed_step_event(ticket, clock, now, m_parts.zone), round.overdue));
        if (now >= deadline.at + hours{m_config.escalate_after_hours}) {
          TRY_VOID(
              add(scheduled_notice(k_escalated_reason, ticket, clock, now), std::nullopt, round.escalated));
        }
      } else if (const auto remind = reminder_at(deadline.name, deadline.at); remind && *remind <= now) {
        TRY_VOID(add(scheduled_notice(k_reminder_reason, ticket, clock, now), std::nullopt, round.reminders));
      }
    }
  }
  return round;
}

}  // namespace complaint
