// The notice rules; see notice.h.
#include "core/notify/notice.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "core/domain/system_event.h"
#include "core/notify/customer_notice.h"

namespace complaint {

const char* to_string(NoticeState state) {
  switch (state) {
    case NoticeState::pending:
      return "pending";
    case NoticeState::delivered:
      return "delivered";
    case NoticeState::failed:
      return "failed";
  }
  return "pending";
}

std::optional<NoticeState> notice_state_from_string(std::string_view text) {
  for (const NoticeState state : {NoticeState::pending, NoticeState::delivered, NoticeState::failed}) {
    if (text == to_string(state)) return state;
  }
  return std::nullopt;
}

Notice ticket_notice(const Ticket& ticket, std::string reason, std::string key, Instant at) {
  Notice notice;
  notice.key = std::move(key);
  notice.ticket_number = ticket.number;
  notice.reason = std::move(reason);
  notice.department = ticket.department;
  notice.created_at = at;
  notice.next_attempt_at = at;
  return notice;
}

bool needs_major_notice(const Ticket& ticket) {
  return ticket.major || ticket.kind == "report" || ticket.channel == "media";
}

std::vector<Notice> notices_for_new_ticket(const Ticket& ticket, Instant at) {
  std::vector<Notice> notices;
  if (!needs_major_notice(ticket)) return notices;
  Notice notice;
  notice.key = "major:" + ticket.number;
  notice.ticket_number = ticket.number;
  notice.reason = "major";
  notice.created_at = at;
  notice.next_attempt_at = at;
  notices.push_back(std::move(notice));
  return notices;
}

namespace {

Notice leader_notice(const Ticket& ticket, const TicketEvent& event, const char* reason,
                     const std::string& tail) {
  return ticket_notice(ticket, reason, std::string(reason) + ":" + ticket.number + ":" + tail, event.at);
}

std::string seconds_of(Instant at) {
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count());
}

// The leaders a change of the ticket needs: a dissatisfied callback passed to the supervisor
// or on to the executive (docs/DOMAIN.md §2, "escalated_to" in the event), and an extension
// beyond what a handler may grant alone, waiting for a leader ("pending").
void leader_notices(const Ticket& ticket, const TicketEvent& event, std::vector<Notice>& notices) {
  const auto data = nlohmann::json::parse(event.data_json, nullptr, false);
  if (!data.is_object()) return;
  const auto escalated_to = data.find("escalated_to");
  if (escalated_to != data.end() && escalated_to->is_string()) {
    const std::string level = escalated_to->get<std::string>();
    // Keyed by the level and the time: a second dissatisfied round is news again.
    if (level == "supervisor")
      notices.push_back(leader_notice(ticket, event, k_dissatisfied_supervisor_reason, seconds_of(event.at)));
    if (level == "executive")
      notices.push_back(leader_notice(ticket, event, k_dissatisfied_executive_reason, seconds_of(event.at)));
  }
  if (event.action == "extend" && data.value("pending", false) && ticket.extension_requested_until) {
    notices.push_back(leader_notice(ticket, event, k_extension_requested_reason,
                                    seconds_of(*ticket.extension_requested_until)));
  }
}

}  // namespace

std::vector<Notice> notices_for_event(const Ticket& ticket, const TicketEvent& event) {
  if (event.action == "file") return notices_for_new_ticket(ticket, event.at);
  // A ticket staff made major (or a report) is reported like one filed so; the notice's key
  // is the ticket's, so one reported before is not reported twice.
  std::vector<Notice> notices;
  if (event.action == "reclassify" || event.action == "declare_major")
    notices = notices_for_new_ticket(ticket, event.at);
  if (event.action == "forward" && !ticket.department.empty()) {
    // A ticket forwarded twice to one department at one second is one notice.
    notices.push_back(ticket_notice(ticket, "forwarded",
                                    "forward:" + ticket.number + ":" + ticket.department + ":" +
                                        std::to_string(event.at.time_since_epoch().count()),
                                    event.at));
  }
  leader_notices(ticket, event, notices);
  for (Notice& notice : customer_notices_for_event(ticket, event)) notices.push_back(std::move(notice));
  return notices;
}

TicketEvent delivery_event(const Ticket& ticket, const Notice& notice, const NoticeDelivery& delivery) {
  const nlohmann::json data = {{"reason", notice.reason},
                               {"channel", delivery.channel},
                               {"recipient", delivery.recipient},
                               {"answer", delivery.answer},
                               {"notice", notice.key}};
  return system_event(ticket, k_notice_sent_action, delivery.delivered_at, data.dump());
}

Notice scheduled_notice(const std::string& reason, const Ticket& ticket, const ScheduledClock& clock,
                        Instant now) {
  return ticket_notice(
      ticket, reason,
      reason + ":" + ticket.number + ":" + clock.clock + ":" +
          std::to_string(
              std::chrono::duration_cast<std::chrono::seconds>(clock.due.time_since_epoch()).count()),
      now);
}

std::optional<ScheduledClock> scheduled_clock(const Notice& notice) {
  if (notice.reason != k_reminder_reason && notice.reason != k_overdue_reason &&
      notice.reason != k_escalated_reason) {
    return std::nullopt;
  }
  // reason:NUMBER:clock:seconds; the number has no colon (ticket_number.h).
  const std::size_t last = notice.key.rfind(':');
  if (last == std::string::npos || last == 0) return std::nullopt;
  const std::size_t before = notice.key.rfind(':', last - 1);
  if (before == std::string::npos) return std::nullopt;
  std::int64_t seconds = 0;
  const char* first = notice.key.data() + last + 1;
  const char* end = notice.key.data() + notice.key.size();
  const auto [stop, error] = std::from_chars(first, end, seconds);
  if (error != std::errc{} || stop != end) return std::nullopt;
  return ScheduledClock{notice.key.substr(before + 1, last - before - 1),
                        Instant{std::chrono::seconds{seconds}}};
}

TicketEvent missed_step_event(const Ticket& ticket, const ScheduledClock& clock, Instant now,
                              const TimeZone& zone) {
  return system_event(ticket, k_deadline_missed_action, now,
                      nlohmann::json{{"clock", clock.clock}, {"due", zone.format_iso8601(clock.due)}}.dump());
}

}  // namespace complaint
