// NoticeWorker: the delivery worker inside complaint-desk. A round claims the due notices
// (NoticeStore::claim_due: a lease, so of several desks on one database one works each
// notice), works out who gets each (recipients by role and department, notify_config.h, from
// the staff accounts' addresses), sends one message per channel and recipient through the
// NoticeSenders, and records every delivery with its audit event before the next send. A
// round that left a recipient unsent is retried after backoff_delay (base, cap and jitter
// from [notify]); after max_attempts the notice is failed and the console shows the
// provider's answer. A recipient recorded as delivered is never sent the notice again, so
// a retry or a restart does not send twice; a desk killed between a send and its record
// sends that one message again (an SMTP server offers no way to ask what it accepted).
// Time comes from the Clock; the jitter from the function given.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/base/clock.h"
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
  Result<void> work(const Notice& notice, const std::vector<StaffUser>& users, NoticeRound& round);
  Result<void> finish_failed(const Notice& notice, const std::string& error, NoticeRound& round);

  Parts m_parts;
  NotifyConfig m_config;
  std::vector<NoticeSender*> m_senders;
  std::string m_worker;
  std::function<double()> m_jitter;
};

}  // namespace complaint
