// Notices: what the desk must tell people about a ticket (a major, report or media ticket
// arriving, a forward to a department), kept in the desk store's notification outbox
// (table notices) and written in the same transaction as the ticket change that causes
// them. Each notice has an idempotency key, unique in the store, so a retried sync batch, a
// retried console action or a desk restart never makes a second one; its deliveries (one per
// channel and recipient, table notice_deliveries) are unique too, so a recipient who has been
// sent a notice is never sent it again. The rules here are pure; the stores call them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar/time_zone.h"
#include "core/domain/ticket.h"

namespace complaint {

enum class NoticeState { pending, delivered, failed };
const char* to_string(NoticeState state);
std::optional<NoticeState> notice_state_from_string(std::string_view text);

struct Notice {
  std::int64_t id = 0;        // store row id; 0 until stored
  std::string key;            // idempotency key: "major:NUMBER", "forward:NUMBER:DEPARTMENT:SECONDS"
  std::string ticket_number;  // empty: a notice about no one ticket (a help request, a digest)
  std::string reason;         // "major" (major, report or media ticket), "forwarded", "help", "digest"
  std::string department;     // forwarded: the department it went to
  // What a notice without a ticket says, fixed when it is made so that a retry sends the same
  // text: a JSON object (help_notice, digest_notice below); "{}" for a ticket's notice.
  std::string data_json = "{}";
  Instant created_at{};
  NoticeState state = NoticeState::pending;
  int attempts = 0;           // failed rounds so far
  Instant next_attempt_at{};  // not worked before this
  std::string last_error;     // the provider's (or the store's) answer to the last failed round
  std::optional<Instant> finished_at;

  bool operator==(const Notice&) const = default;
};

// One message that left the desk: the audit trail and the console show these, never intentions.
struct NoticeDelivery {
  std::int64_t notice_id = 0;
  std::string channel;    // "email", "wecom", "dingtalk", "feishu", "webhook", ...
  std::string recipient;  // an address, an IM user id, or the group channel's name
  Instant delivered_at{};
  std::string answer;  // what the provider said ("250 2.0.0 Ok: queued as ...", "{\"errcode\":0}")

  bool operator==(const NoticeDelivery&) const = default;
};

// A pending notice about `ticket` for `reason` under `key`, due at once (`at`), addressed to
// the ticket's department.
Notice ticket_notice(const Ticket& ticket, std::string reason, std::string key, Instant at);

// Major (escalation), report (举报) and media tickets: the supervisor and the deputy general
// manager are told at once (docs/DOMAIN.md §4).
bool needs_major_notice(const Ticket& ticket);
// The notices a ticket new to the desk causes (filed at the desk or arriving by sync).
std::vector<Notice> notices_for_new_ticket(const Ticket& ticket, Instant at);
// The notices a stored change causes: `ticket` as stored after `event`.
std::vector<Notice> notices_for_event(const Ticket& ticket, const TicketEvent& event);

// Scheduled notices (notice_scheduler.h): a reminder before a deadline, an overdue step, its
// escalation. The key names the reason, the ticket, the clock and the deadline, so each is
// made once whoever finds it first: "reminder:NUMBER:contact_by:1764575999".
inline constexpr const char* k_reminder_reason = "reminder";
inline constexpr const char* k_overdue_reason = "overdue";
inline constexpr const char* k_escalated_reason = "overdue_escalated";
// A dissatisfied callback with the supervisor, or passed on to the executive; an extension
// waiting for a leader's approval. Told to [notify] dissatisfied_supervisor_roles,
// dissatisfied_executive_roles and extension_roles.
inline constexpr const char* k_dissatisfied_supervisor_reason = "dissatisfied_supervisor";
inline constexpr const char* k_dissatisfied_executive_reason = "dissatisfied_executive";
inline constexpr const char* k_extension_requested_reason = "extension_requested";
struct ScheduledClock {
  std::string clock;  // forward_by, contact_by, resolve_by, answer_by, callback_by
  Instant due{};
};
Notice scheduled_notice(const std::string& reason, const Ticket& ticket, const ScheduledClock& clock,
                        Instant now);
// The clock a scheduled notice is about; nullopt for any other notice.
std::optional<ScheduledClock> scheduled_clock(const Notice& notice);
// The event that records a missed step on the ticket (state unchanged), with the overdue notice.
TicketEvent missed_step_event(const Ticket& ticket, const ScheduledClock& clock, Instant now,
                              const TimeZone& zone);
inline constexpr const char* k_deadline_missed_action = "deadline_missed";

// The audit event that records one delivery on the ticket's trail (action "notice_sent",
// role "system", state unchanged); its data names channel, recipient, reason and answer.
TicketEvent delivery_event(const Ticket& ticket, const Notice& notice, const NoticeDelivery& delivery);
inline constexpr const char* k_notice_sent_action = "notice_sent";

}  // namespace complaint
