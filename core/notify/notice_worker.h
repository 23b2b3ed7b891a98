// NoticeWorker: the delivery worker inside complaint-desk. A round claims the due notices
// (NoticeStore::claim_due: a lease, so of several desks on one database one works each
// notice), works out who gets each (recipients by role and department, notify_config.h, from
// the staff accounts' addresses), and sends one message per channel and recipient through the
// NoticeSenders, [notify] send_parallel at a time (each sender is thread-safe). The answers
// are recorded as they come back, while later sends are in flight: each record is one
// transaction (NoticeStore::record_results) holding every delivery answered since the last,
// with its audit event, and the outcome of each notice whose last send it holds. A round that
// left a recipient unsent is retried after backoff_delay (base, cap and jitter from
// [notify]); after max_attempts the notice is failed and the console shows the provider's
// answer. A recipient recorded as delivered is never sent the notice again, so a retry or a
// restart does not send twice; a desk killed between a send and its record (at most the
// sends in flight plus those answered during one record) sends those messages again, with
// the same idempotency key (the webhook's Idempotency-Key, the email's Message-ID): a JSON
// webhook receiver drops the repeat, an SMTP server offers no way to ask what it accepted.
// Time comes from the Clock; the jitter from the function given (both on the calling thread).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/clock.h"
#include "core/notify/customer_notice.h"
#include "core/notify/notice_sender.h"
#include "core/notify/notice_store.h"
#include "core/notify/notice_text.h"
#include "core/notify/notify_config.h"
#include "core/store/ticket_repository.h"
#include "core/sync/desk_repository.h"

namespace complaint {

// One recipient on one channel.
struct NoticeRecipient {
  std::string channel;
  std::string address;
};

// The addresses an account may be given: an email address as one "local@domain" with no
// white space or control character (it becomes an SMTP header), an IM user id and a
// department of printable text; empty ones are allowed (not reached that way).
Result<void> check_staff_contact(const StaffContact& contact);

// Who gets `notice`: for email, the address of every staff account whose role the config
// names for the reason (forwarded: only the ticket's department's), each once; for each
// enabled group channel ([notify] wecom_*, dingtalk_*, feishu_*, webhook_*) whose reasons
// include the notice's, the group's name, once. Only channels in `channels` (the senders').
std::vector<NoticeRecipient> notice_recipients(const Notice& notice, const std::vector<StaffUser>& users,
                                               const NotifyConfig& config,
                                               const std::vector<std::string>& channels);

struct NoticeRound {
  int claimed = 0;
  int sent = 0;       // messages that left this round
  int delivered = 0;  // notices finished delivered
  int retrying = 0;   // notices put back for a later round
  int failed = 0;     // notices that reached max_attempts
};

class NoticeWorker {
 public:
  struct Parts {
    NoticeStore& notices;
    TicketRepository& tickets;
    DeskRepository& desk;
    const NoticeTextContext& text;
    const Clock& clock;
  };
  // `worker_id` names this desk in the leases (host and pid); `jitter` gives [0, 1).
  NoticeWorker(Parts parts, NotifyConfig config, std::vector<NoticeSender*> senders, std::string worker_id,
               std::function<double()> jitter);

  // Claims and works one batch of due notices. An error is the store's (the round stops;
  // the notices' leases run out and a later round takes them again).
  Result<NoticeRound> run_once();

 private:
  // A claimed notice in this round: its ticket, the sends still out, the errors so far.
  struct Work {
    Notice notice;
    std::optional<Ticket> ticket;
    int left = 0;
    std::string errors;
  };
  // One message to one recipient.
  struct Send {
    std::size_t notice;  // in the round's works
    NoticeSender* sender;
    std::string channel;
    NoticeMessage message;
    std::string shown{};  // the recipient as recorded (a customer's masked); empty: message.recipient
  };
  // The notice's sends (recipients not delivered before); none when it ends at once.
  Result<void> plan(Work& work, std::size_t index, const std::vector<StaffUser>& users,
                    std::vector<Send>& sends);
  // plan for a customer notice (customer_notice.h): the ticket's own email and phone only.
  void plan_customer(Work& work, std::size_t index, const std::vector<NoticeDelivery>& done,
                     std::vector<Send>& sends);
  // Sends on up to send_parallel threads; records answers and outcomes as they come back.
  Result<void> deliver(std::vector<Work>& works, const std::vector<Send>& sends,
                       std::vector<NoticeResult> ready, NoticeRound& round);
  static void add_error(Work& work, const std::string& error);
  // How the notice ends the round: delivered, or retried after a backoff, or failed.
  NoticeOutcome outcome(const Work& work, NoticeRound& round);

  Parts m_parts;
  NotifyConfig m_config;
  std::vector<NoticeSender*> m_senders;
  std::string m_worker;
  std::function<double()> m_jitter;
};

}  // namespace complaint
