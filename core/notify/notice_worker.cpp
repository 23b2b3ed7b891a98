// NoticeWorker; see notice_worker.h.
#include "core/notify/notice_worker.h"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "core/base/backoff.h"
#include "core/notify/general_notices.h"
#include "core/validation/ticket_validation.h"

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
  if (notice.reason == k_dissatisfied_supervisor_reason) return config.dissatisfied_supervisor_roles;
  if (notice.reason == k_dissatisfied_executive_reason) return config.dissatisfied_executive_roles;
  if (notice.reason == k_extension_requested_reason) return config.extension_roles;
  if (notice.reason == k_help_reason) return config.help_roles;
  if (notice.reason == k_digest_reason) return config.digest_roles;
  return config.major_roles;  // major, report, media; and a group complaint (群体投诉)
}

}  // namespace

Result<void> check_staff_contact(const StaffContact& contact) {
  const std::string& email = contact.email;
  if (!email.empty()) {
    if (!is_email_address(email))
      return Error::invalid("email", "desk.error.email", "'" + email + "' is not an email address");
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
  std::vector<Work> works(claimed.size());
  std::vector<Send> sends;
  std::vector<NoticeResult> ready;  // notices that end without a send
  for (std::size_t i = 0; i < claimed.size(); ++i) {
    works[i].notice = claimed[i];
    TRY_VOID(plan(works[i], i, users, sends));
    if (works[i].left == 0) ready.push_back(NoticeResult{claimed[i].id, {}, outcome(works[i], round)});
  }
  if (sends.empty()) {
    TRY_VOID(m_parts.notices.record_results(m_worker, ready));
    return round;
  }
  TRY_VOID(deliver(works, sends, std::move(ready), round));
  return round;
}

Result<void> NoticeWorker::plan(Work& work, std::size_t index, const std::vector<StaffUser>& users,
                                std::vector<Send>& sends) {
  const Notice& notice = work.notice;
  std::optional<NoticeMessage> general;
  if (notice.ticket_number.empty()) {
    // A help request or a digest: its text is in the notice (general_notices.h).
    general = general_notice_message(m_parts.text, notice);
    if (!general) {
      work.errors = "the notice '" + notice.key + "' carries nothing to say";
      return Ok{};
    }
  } else {
    TRY_ASSIGN(work.ticket, m_parts.tickets.find(notice.ticket_number));
    if (!work.ticket) {
      work.errors = "no ticket " + notice.ticket_number;
      return Ok{};
    }
  }
  if (is_customer_reason(notice.reason)) {
    TRY_ASSIGN(const std::vector<NoticeDelivery> done, m_parts.notices.deliveries(notice.id));
    plan_customer(work, index, done, sends);
    return Ok{};
  }
  std::vector<std::string> channels;
  for (const NoticeSender* sender : m_senders) channels.push_back(sender->channel());
  const std::vector<NoticeRecipient> recipients = notice_recipients(notice, users, m_config, channels);
  if (recipients.empty()) {
    work.errors = "no recipient: no staff account of the roles [notify] names for '" + notice.reason +
                  "' has an address for a configured channel, and no group channel takes it";
    return Ok{};
  }
  TRY_ASSIGN(const std::vector<NoticeDelivery> done, m_parts.notices.deliveries(notice.id));
  std::set<std::pair<std::string, std::string>> delivered;
  for (const NoticeDelivery& delivery : done) delivered.emplace(delivery.channel, delivery.recipient);

  NoticeMessage message = general ? *general : notice_message(m_parts.text, notice, *work.ticket);
  for (const NoticeRecipient& recipient : recipients) {
    if (delivered.count({recipient.channel, recipient.address}) > 0) continue;
    NoticeSender* sender = nullptr;
    for (NoticeSender* candidate : m_senders) {
      if (candidate->channel() == recipient.channel) sender = candidate;
    }
    if (sender == nullptr) continue;
    message.recipient = recipient.address;
    if (is_group_channel(recipient.channel) && work.ticket) {
      // Everyone in a group reads it: a template that let the customer in is refused, not sent.
      const std::string leak = group_message_leaks(message, *work.ticket);
      if (!leak.empty()) {
        add_error(work, recipient.channel + " " + recipient.address +
                            ": refused: the message would show the group " + leak);
        continue;
      }
    }
    sends.push_back(Send{index, sender, recipient.channel, message});
    ++work.left;
  }
  return Ok{};
}

void NoticeWorker::plan_customer(Work& work, std::size_t index, const std::vector<NoticeDelivery>& done,
                                 std::vector<Send>& sends) {
  std::vector<std::string> channels;
  for (const NoticeSender* sender : m_senders) channels.push_back(sender->channel());
  const Ticket& ticket = *work.ticket;
  const std::vector<CustomerRecipient> recipients = customer_recipients(ticket, m_config, channels);
  if (recipients.empty()) {
    // Opted out since, anonymised, or no channel for what the customer gave: nothing to send.
    if (!ticket.notify_customer || ticket.anonymous) return;
    work.errors =
        "no channel for the customer: email needs [notify] smtp_url and an address, SMS needs "
        "[notify] customer_sms_channel";
    return;
  }
  NoticeMessage message = customer_notice_message(m_parts.text, work.notice, ticket);
  if (const std::string leak = customer_message_leaks(message, ticket); !leak.empty()) {
    work.errors = "refused: the customer's message would hold " + leak;
    return;
  }
  for (const CustomerRecipient& recipient : recipients) {
    const bool delivered = std::any_of(done.begin(), done.end(), [&](const NoticeDelivery& d) {
      return d.channel == recipient.channel && d.recipient == recipient.shown;
    });
    if (delivered) continue;
    for (NoticeSender* sender : m_senders) {
      if (sender->channel() != recipient.channel) continue;
      message.recipient = recipient.address;
      sends.push_back(Send{index, sender, recipient.channel, message, recipient.shown});
      ++work.left;
      break;
    }
  }
}

Result<void> NoticeWorker::deliver(std::vector<Work>& works, const std::vector<Send>& sends,
                                   std::vector<NoticeResult> ready, NoticeRound& round) {
  // Sender threads take the sends in order and queue the answers; this thread records what
  // has come back, each time in one transaction, while the next sends are in flight.
  std::mutex mutex;
  std::condition_variable answered;
  std::vector<std::pair<std::size_t, Result<std::string>>> answers;
  std::size_t next = 0;
  bool stopping = false;
  const auto send_loop = [&] {
    for (;;) {
      std::size_t index = 0;
      {
        std::lock_guard lock(mutex);
        if (stopping || next >= sends.size()) return;
        index = next++;
      }
      Result<std::string> answer = sends[index].sender->send(sends[index].message);
      {
        std::lock_guard lock(mutex);
        answers.emplace_back(index, std::move(answer));
      }
      answered.notify_one();
    }
  };
  const std::size_t threads =
      std::min(sends.size(), static_cast<std::size_t>(std::max(1, m_config.send_parallel)));
  std::vector<std::thread> pool;
  for (std::size_t i = 0; i < threads; ++i) pool.emplace_back(send_loop);
  const auto join = [&] {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    for (std::thread& thread : pool) thread.join();
  };

  std::size_t recorded = 0;
  while (recorded < sends.size()) {
    std::vector<std::pair<std::size_t, Result<std::string>>> batch;
    {
      std::unique_lock lock(mutex);
      answered.wait(lock, [&] { return !answers.empty(); });
      batch.swap(answers);
    }
    recorded += batch.size();
    std::vector<NoticeResult> results = std::move(ready);
    ready.clear();
    std::map<std::size_t, std::size_t> result_of;  // a notice's place in results
    for (auto& [index, answer] : batch) {
      const Send& send = sends[index];
      Work& work = works[send.notice];
      auto [slot, added] = result_of.emplace(send.notice, results.size());
      if (added) results.push_back(NoticeResult{work.notice.id, {}, std::nullopt});
      NoticeResult& result = results[slot->second];
      if (answer.ok()) {
        ++round.sent;
        const NoticeDelivery delivery{work.notice.id, send.channel,
                                      send.shown.empty() ? send.message.recipient : send.shown,
                                      m_parts.clock.now(), *answer};
        // A notice about no one ticket has no trail to record it on; its deliveries are kept.
        std::optional<TicketEvent> audit;
        if (work.ticket) audit = delivery_event(*work.ticket, work.notice, delivery);
        result.deliveries.push_back({delivery, std::move(audit)});
      } else {
        add_error(work, send.channel + " " + (send.shown.empty() ? send.message.recipient : send.shown) +
                            ": " + answer.error().message);
      }
      if (--work.left == 0) result.outcome = outcome(work, round);
    }
    const auto stored = m_parts.notices.record_results(m_worker, results);
    if (!stored.ok()) {
      join();
      return stored.error();
    }
  }
  join();
  return Ok{};
}

void NoticeWorker::add_error(Work& work, const std::string& error) {
  work.errors += (work.errors.empty() ? "" : "; ") + error;
}

NoticeOutcome NoticeWorker::outcome(const Work& work, NoticeRound& round) {
  NoticeOutcome outcome;
  outcome.at = m_parts.clock.now();
  if (work.errors.empty()) {
    outcome.state = NoticeState::delivered;
    outcome.attempts = work.notice.attempts;
    ++round.delivered;
    return outcome;
  }
  outcome.attempts = work.notice.attempts + 1;
  outcome.error = work.errors;
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
  return outcome;
}

}  // namespace complaint
