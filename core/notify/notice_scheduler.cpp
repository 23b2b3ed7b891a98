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

std::optional<DailyDigest> NoticeScheduler::due_digest(const DeskQueuePage& page, Instant now) const {
  const WorkCalendar* calendar = m_parts.calendar;
  if (calendar == nullptr || !m_config.digest_time) return std::nullopt;
  const LocalDays today = calendar->local_day(now);
  if (!calendar->is_working_day(today)) return std::nullopt;
  const auto at = [&](LocalDays day) {
    return m_parts.zone.to_instant(LocalSeconds{day} + *m_config.digest_time);
  };
  if (now < at(today)) return std::nullopt;
  // New since the previous working day's digest: a Monday's counts the weekend too.
  LocalDays previous = today - std::chrono::days{1};
  for (int i = 0; i < 60 && !calendar->is_working_day(previous); ++i) previous -= std::chrono::days{1};
  const Instant since = at(previous);
  const Instant day_ends = m_parts.zone.to_instant(LocalSeconds{today + std::chrono::days{1}});
  DailyDigest digest;
  digest.date = format_local_date(today);
  digest.overdue = static_cast<int>(page.overdue);  // counted by the store over every open ticket
  for (const Ticket& ticket : page.tickets) {
    if (ticket.filed_at >= since) ++digest.filed;
    if (ticket.satisfaction == Satisfaction::dissatisfied) ++digest.dissatisfied;
    for (const PendingDeadline& deadline : pending_deadlines(ticket)) {
      if (deadline.at > now && deadline.at <= day_ends) {
        ++digest.due_today;
        break;
      }
    }
  }
  return digest;
}

Result<ScheduleRound> NoticeScheduler::run_once() {
  const Instant now = m_parts.clock.now();
  ScheduleRound round;
  DeskQueueQuery query;
  query.now = now;
  query.limit = m_config.schedule_scan_limit;
  TRY_ASSIGN(const DeskQueuePage page, m_parts.desk.queue(query));
  std::vector<ScheduledNotice> batch;
  std::vector<int*> counters;  // the round's counter of each notice in the batch
  for (const Ticket& ticket : page.tickets) {
    const std::vector<PendingDeadline> pending = pending_deadlines(ticket);
    if (pending.empty()) continue;
    ++round.scanned;
    for (const PendingDeadline& deadline : pending) {
      const ScheduledClock clock{deadline.name, deadline.at};
      if (deadline.at <= now) {
        batch.push_back({scheduled_notice(k_overdue_reason, ticket, clock, now),
                         missed_step_event(ticket, clock, now, m_parts.zone)});
        counters.push_back(&round.overdue);
        if (now >= deadline.at + hours{m_config.escalate_after_hours}) {
          batch.push_back({scheduled_notice(k_escalated_reason, ticket, clock, now), std::nullopt});
          counters.push_back(&round.escalated);
        }
      } else if (const auto remind = reminder_at(deadline.name, deadline.at); remind && *remind <= now) {
        batch.push_back({scheduled_notice(k_reminder_reason, ticket, clock, now), std::nullopt});
        counters.push_back(&round.reminders);
      }
    }
  }
  const std::optional<DailyDigest> digest = due_digest(page, now);
  if (digest) {
    batch.push_back({digest_notice(*digest, now), std::nullopt});
    counters.push_back(&round.digests);
  }
  // One transaction for the round (one per notice was most of a round of 10,000 reminders:
  // an fsync each, docs/BENCHMARKS.md).
  if (batch.empty()) return round;
  TRY_ASSIGN(const std::vector<bool> added, m_parts.notices.add_scheduled(batch));
  for (std::size_t i = 0; i < added.size() && i < counters.size(); ++i) *counters[i] += added[i] ? 1 : 0;
  return round;
}

}  // namespace complaint
