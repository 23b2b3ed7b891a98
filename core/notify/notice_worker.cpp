// NoticeWorker; see notice_worker.h.
#include "core/notify/notice_worker.h"

#include <algorithm>
#include <set>

#include "core/base/backoff.h"

namespace complaint {
namespace {

bool has_role(const std::vector<Role>& roles, Role role) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool printable(std::string_view text, bool spaces) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || (!spaces && c == ' ')) return false;
  }
  return true;
}

// The roles [notify] names for the notice's reason.
const std::vector<Role>& roles_told(const Notice& notice, const NotifyConfig& config) {
  if (notice.reason == "forwarded") return config.forwarded_roles;
  if (notice.reason == k_reminder_reason) {
    const auto clock = scheduled_clock(notice);
    return clock && clock->clock == "forward_by" ? config.forward_reminder_roles : config.reminder_roles;
  }
  if (notice.reason == k_overdue_reason) return config.overdue_roles;
  if (notice.reason == k_escalated_reason) return config.escalate_roles;
  return config.major_roles;
}

}  // namespace

Result<void> check_staff_contact(const StaffContact& contact) {
  const std::string& email = contact.email;
  if (!email.empty()) {
    const auto at = email.find('@');
    const bool ok = email.size() <= 254 && at != std::string::npos && at > 0 && at + 1 < email.size() &&
                    email.find('@', at + 1) == std::string::npos && printable(email, false) &&
                    email.find_first_of("<>,;\"()[]") == std::string::npos;
    if (!ok) return Error::invalid("email", "desk.error.email", "'" + email + "' is not an email address");
  }
  if (contact.im_user_id.size() > 128 || !printable(contact.im_user_id, false))
    return Error::invalid("im_user_id", "desk.error.im_user_id",
                          "an IM user id has 1-128 printable characters");
  return Ok{};
}

std::vector<NoticeRecipient> notice_recipients(const Notice& notice, const std::vector<StaffUser>& users,
                                               const NotifyConfig& config,
                                               const std::vector<std::string>& channels) {
  std::vector<NoticeRecipient> recipients;
  std::set<std::pair<std::string, std::string>> seen;
  const bool forwarded = notice.reason == "forwarded";
  const std::vector<Role>& roles = roles_told(notice, config);
  for (const StaffUser& user : users) {
    if (user.disabled || !has_role(roles, user.role)) continue;
    const bool member = std::find(user.departments.begin(), user.departments.end(), notice.department) !=
                        user.departments.end();
    // A forward tells its department; of the others, handlers hear of their departments' only.
    if ((forwarded || user.role == Role::handler) && !member) continue;
    for (const std::string& channel : channels) {
      if (channel != "email" || user.email.empty()) continue;
      if (seen.emplace(channel, user.email).second) recipients.push_back({channel, user.email});
    }
  }
  // Each group channel that takes the reason: one recipient, the group.
  for (const GroupChannel& group : config.groups) {
    if (!group.enabled || !group.takes(notice.reason)) continue;
    const std::string channel = to_string(group.kind);
    if (std::find(channels.begin(), channels.end(), channel) == channels.end()) continue;
    if (seen.emplace(channel, group.name).second) recipients.push_back({channel, group.name});
  }
  return recipients;
}

NoticeWorker::NoticeWorker(Parts parts, NotifyConfig config, std::vector<NoticeSender*> senders,
                           std::string worker_id, std::function<double()> jitter)
    : m_parts(parts),
      m_config(std::move(config)),
      m_senders(std::move(senders)),
      m_worker(std::move(worker_id)),
      m_jitter(std::move(jitter)) {}

Result<NoticeRound> NoticeWorker::run_once() {
  const Instant now = m_parts.clock.now();
  NoticeRound round;
  TRY_ASSIGN(const std::vector<Notice> claimed,
             m_parts.notices.claim_due(now, now + std::chrono::seconds(m_config.lease_seconds), m_worker,
                                       m_config.batch));
  round.claimed = static_cast<int>(claimed.size());
  if (claimed.empty()) return round;
  TRY_ASSIGN(const std::vector<StaffUser> users, m_parts.desk.users());
  for (const Notice& notice : claimed) TRY_VOID(work(notice, users, round));
  return round;
}

Result<void> NoticeWorker::work(const Notice& notice, const std::vector<StaffUser>& users,
                                NoticeRound& round) {
  TRY_ASSIGN(const std::optional<Ticket> ticket, m_parts.tickets.find(notice.ticket_number));
  if (!ticket) return finish_failed(notice, "no ticket " + notice.ticket_number, round);
  std::vector<std::string> channels;
  for (const NoticeSender* sender : m_senders) channels.push_back(sender->channel());
  const std::vector<NoticeRecipient> recipients = notice_recipients(notice, users, m_config, channels);
  if (recipients.empty()) {
    return finish_failed(notice,
                         "no recipient: no staff account of the roles [notify] names for '" + notice.reason +
                             "' has an address for a configured channel, and no group channel takes it",
                         round);
  }
  TRY_ASSIGN(const std::vector<NoticeDelivery> done, m_parts.notices.deliveries(notice.id));
  std::set<std::pair<std::string, std::string>> delivered;
  for (const NoticeDelivery& delivery : done) delivered.emplace(delivery.channel, delivery.recipient);

  NoticeMessage message = notice_message(m_parts.text, notice, *ticket);
  std::string errors;
  for (const NoticeRecipient& recipient : recipients) {
    if (delivered.count({recipient.channel, recipient.address}) > 0) continue;
    NoticeSender* sender = nullptr;
    for (NoticeSender* candidate : m_senders) {
      if (candidate->channel() == recipient.channel) sender = candidate;
    }
    if (sender == nullptr) continue;
    message.recipient = recipient.address;
    if (is_group_channel(recipient.channel)) {
      // Everyone in a group reads it: a template that let the customer in is refused, not sent.
      const std::string leak = group_message_leaks(message, *ticket);
      if (!leak.empty()) {
        errors += (errors.empty() ? "" : "; ") + recipient.channel + " " + recipient.address +
                  ": refused: the message would show the group " + leak;
        continue;
      }
    }
    auto answer = sender->send(message);
    if (!answer.ok()) {
      errors += (errors.empty() ? "" : "; ") + recipient.channel + " " + recipient.address + ": " +
                answer.error().message;
      continue;
    }
    ++round.sent;
    const NoticeDelivery delivery{notice.id, recipient.channel, recipient.address, m_parts.clock.now(),
                                  *answer};
    TRY_VOID(m_parts.notices.record_delivery(delivery, delivery_event(*ticket, notice, delivery)));
  }
  if (!errors.empty()) return finish_failed(notice, errors, round);
  NoticeOutcome outcome;
  outcome.state = NoticeState::delivered;
  outcome.attempts = notice.attempts;
  outcome.at = m_parts.clock.now();
  TRY_VOID(m_parts.notices.finish_notice(notice.id, m_worker, outcome));
  ++round.delivered;
  return Ok{};
}

Result<void> NoticeWorker::finish_failed(const Notice& notice, const std::string& error, NoticeRound& round) {
  NoticeOutcome outcome;
  outcome.attempts = notice.attempts + 1;
  outcome.error = error;
  outcome.at = m_parts.clock.now();
  if (outcome.attempts >= m_config.max_attempts) {
    outcome.state = NoticeState::failed;
    ++round.failed;
  } else {
    outcome.state = NoticeState::pending;
    const Backoff backoff{std::chrono::seconds(m_config.retry_base_seconds),
                          std::chrono::seconds(m_config.retry_max_seconds)};
    const auto wait = backoff_delay(outcome.attempts, backoff, m_jitter());
    // Whole seconds (Instant's unit), at least one.
    outcome.retry_at = outcome.at + std::max(std::chrono::seconds(1),
                                             std::chrono::duration_cast<std::chrono::seconds>(wait));
    ++round.retrying;
  }
  TRY_VOID(m_parts.notices.finish_notice(notice.id, m_worker, outcome));
  return Ok{};
}

}  // namespace complaint
