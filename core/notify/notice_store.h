// NoticeStore: the desk store's notification outbox as the delivery worker
// (core/notify/notice_worker.h) and the console see it. SqliteDeskStore and PgDeskStore
// implement it; the notices themselves are written by the ticket writes that cause them
// (TicketRepository::insert_new and apply, DeskRepository::store_synced), never here.
// Exactly once among several desks on one database: claim_due leases each notice to one
// worker (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: its one writer), and a delivery is
// recorded under a unique (notice, channel, recipient) key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/notify/notice.h"

namespace complaint {

// A notice the scheduler found due, with the event that records it on the ticket, if any.
struct ScheduledNotice {
  Notice notice;
  std::optional<TicketEvent> event;
};

// How a worked notice ends its round.
struct NoticeOutcome {
  NoticeState state = NoticeState::delivered;  // pending: try again at retry_at
  int attempts = 0;                            // the notice's failed rounds, this one included
  Instant retry_at{};
  std::string error;  // the provider's answer when the round failed
  Instant at{};       // now
};

// A delivery made and the event that records it on the ticket (none for a notice without one).
struct RecordedDelivery {
  NoticeDelivery delivery;
  std::optional<TicketEvent> audit;
};

// What a round did with one notice: the deliveries made, and how the notice ends the round
// (none: it has messages still in flight, a later record of the round ends it).
struct NoticeResult {
  std::int64_t notice_id = 0;
  std::vector<RecordedDelivery> deliveries;
  std::optional<NoticeOutcome> outcome;
};

class NoticeStore {
 public:
  virtual ~NoticeStore() = default;

  // Leases to `worker` until `lease_until` at most `limit` pending notices due at `now`
  // whose earlier lease (if any) has run out, oldest due first. A notice leased to one
  // worker is not handed to another until its lease runs out.
  virtual Result<std::vector<Notice>> claim_due(Instant now, Instant lease_until, const std::string& worker,
                                                int limit) = 0;
  // Adds the notices a scheduler round found due (reminders, overdue steps), each with the
  // event that records it on the ticket if any, in one transaction; a notice whose key is
  // there already (another desk's round, or an earlier one of this) is skipped with its event.
  // Whether each was added, in order.
  virtual Result<std::vector<bool>> add_scheduled(const std::vector<ScheduledNotice>& batch) = 0;
  // The deliveries recorded for a notice (a retried round skips these recipients).
  virtual Result<std::vector<NoticeDelivery>> deliveries(std::int64_t notice_id) = 0;
  // Records a round's results in one transaction: for each notice, its deliveries, each with
  // its audit event (notice.h delivery_event; one recorded before under the same (notice,
  // channel, recipient) is skipped with its event), then, when it has one, its outcome, which
  // ends `worker`'s lease on it. For each record, in order: false when it had an outcome and
  // the lease was no longer the worker's (it ran out and another worker took the notice): its
  // deliveries are recorded, the notice is left as it is.
  virtual Result<std::vector<bool>> record_results(const std::string& worker,
                                                   const std::vector<NoticeResult>& results) = 0;
  // A ticket's notices, oldest first (the console's "notified" box).
  virtual Result<std::vector<Notice>> ticket_notices(const std::string& ticket_number) = 0;
  // The deliveries of every notice of a ticket, in delivery order.
  virtual Result<std::vector<NoticeDelivery>> ticket_deliveries(const std::string& ticket_number) = 0;
  // Notices that failed at least once and are not delivered, newest problem first (console).
  virtual Result<std::vector<Notice>> troubled_notices(int limit) = 0;
};

}  // namespace complaint
