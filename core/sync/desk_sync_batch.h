// The desk's sync algorithm, once for every desk store: store_sync_batch (a kiosk's batch,
// idempotent on (kiosk_id, outbox_id), with the desk-ownership rule, each new item checked by
// synced_item_rules.h and refused alone when it breaks one) and read_change_feed
// (desk-made events back to a kiosk, grouped per ticket, with the cursor rule). Each store
// implements only DeskSyncPort, the I/O these need, and runs them inside one transaction it
// owns (SqliteDeskStore, PgDeskStore in drivers/postgres). See docs/SYNC.md §5 and §6.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/escalation/group_complaints.h"
#include "core/notify/notice.h"
#include "core/sync/desk_repository.h"
#include "core/sync/sync_protocol.h"

namespace complaint {

// A synced_items row to write: the item, and the desk's id of its event (event items).
struct RecordedItem {
  const SyncItem* item = nullptr;
  std::optional<std::int64_t> desk_event_id;
};

// Statements of one store, all inside the transaction the store opened before the call.
// Set-shaped: one call per batch, not per item, so that a store on a server (PostgreSQL)
// answers a batch in a handful of round trips (measured: docs/BENCHMARKS.md, "Desk at
// scale"); an embedded store may loop.
class DeskSyncPort {
 public:
  virtual ~DeskSyncPort() = default;

  // The group complaint statements (group_complaints.h) on the same transaction, run after
  // the batch's own writes.
  virtual GroupComplaintPort& groups() = 0;

  // Those of `outbox_ids` whose (kiosk_id, outbox_id) is in synced_items: stored before.
  virtual Result<std::set<std::int64_t>> held_items(const std::string& kiosk_id,
                                                    const std::vector<std::int64_t>& outbox_ids) = 0;
  // The desk's copies of those of `numbers` it holds, by number. A corrupt row is a storage
  // error, never a default value.
  virtual Result<std::map<std::string, Ticket>> find_tickets(const std::vector<std::string>& numbers) = 0;
  // The site of the first ticket `kiosk_id` synced (the site the desk knows it at); empty
  // before its first.
  virtual Result<std::string> kiosk_site(const std::string& kiosk_id) = 0;
  // Claims check code `station` of `site_code` (core/domain/check_code.h) for `kiosk_id`
  // unless a kiosk holds it (core/store/check_code_stations_sql.h); the kiosk holding it after.
  virtual Result<std::string> claim_check_code_station(const std::string& site_code, int station,
                                                       const std::string& kiosk_id) = 0;
  // Those of `numbers` with an event no kiosk sent (a staff action at the desk).
  virtual Result<std::set<std::string>> desk_changed(const std::vector<std::string>& numbers) = 0;
  // Inserts every column of each ticket (revision 1 is set by the caller).
  virtual Result<void> insert_tickets(const std::vector<Ticket>& tickets) = 0;
  // Inserts the notices the new tickets cause (core/notify/notice.h), each unless its key
  // is stored already.
  virtual Result<void> insert_notices(const std::vector<Notice>& notices) = 0;
  // Overwrites the non-identity columns of the row that has `revision`; revision + 1.
  virtual Result<void> update_ticket(const Ticket& ticket, std::int64_t revision) = 0;
  // Appends events a kiosk sent to the audit trail, marked as the kiosk's (never in a
  // feed); their desk ids, in the order given, increasing.
  virtual Result<std::vector<std::int64_t>> insert_kiosk_events(const std::vector<TicketEvent>& events) = 0;
  // The synced_items rows.
  virtual Result<void> record_items(const std::string& kiosk_id, const std::vector<RecordedItem>& items,
                                    Instant at) = 0;
  // kiosks.last_sync_at.
  virtual Result<void> mark_kiosk_synced(const std::string& kiosk_id, Instant at) = 0;
  // Stores the kiosk's help requests received `at`, each unless (kiosk_id, its id) is held.
  virtual Result<void> insert_help_requests(const std::string& kiosk_id,
                                            const std::vector<HelpRequest>& requests, Instant at) = 0;

  // Events with id > cursor on `kiosk_id`'s tickets that no kiosk sent, in id order, at
  // most `limit`.
  virtual Result<std::vector<TicketEvent>> desk_events_after(const std::string& kiosk_id, std::int64_t cursor,
                                                             int limit) = 0;
  // An event id that no desk-made event committed later can be at or below: where the feed
  // may jump when nothing is left. The newest event id where writes are serialised (SQLite);
  // on PostgreSQL the newest desk-made one (desk-made events commit in id order, kiosk
  // batches run in parallel and are never in a feed).
  virtual Result<std::int64_t> feed_horizon() = 0;
};

// DeskRepository::store_synced's rules over a port; the caller commits on success. A refused
// item is in StoredBatch::refused, not in acknowledged; `at` is the desk's clock. The desk,
// not the kiosk, decides group complaints: a new ticket's group fields are cleared and the
// batch's new tickets are run through link_group_complaints by `groups`.
Result<StoredBatch> store_sync_batch(DeskSyncPort& port, const SyncBatch& batch, Instant at,
                                     const GroupPolicy& groups = {});

// DeskRepository::changes_for_kiosk's rules over a port, inside one read snapshot.
Result<ChangeFeed> read_change_feed(DeskSyncPort& port, const std::string& kiosk_id, std::int64_t cursor,
                                    int limit);

}  // namespace complaint
