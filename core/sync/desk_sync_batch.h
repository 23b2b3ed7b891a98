// The desk's sync algorithm, once for every desk store: store_sync_batch (a kiosk's batch,
// idempotent on (kiosk_id, outbox_id), with the desk-ownership rule, each new item checked by
// synced_item_rules.h and refused alone when it breaks one) and read_change_feed
// (desk-made events back to a kiosk, grouped per ticket, with the cursor rule). Each store
// implements only DeskSyncPort, the I/O these need, and runs them inside one transaction it
// owns (SqliteDeskStore, PgDeskStore in drivers/postgres). See docs/SYNC.md §5 and §6.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/sync/desk_repository.h"
#include "core/sync/sync_protocol.h"

namespace complaint {

// Statements of one store, all inside the transaction the store opened before the call.
class DeskSyncPort {
 public:
  virtual ~DeskSyncPort() = default;

  // True when (kiosk_id, outbox_id) is in synced_items: the item was stored before.
  virtual Result<bool> holds_item(const std::string& kiosk_id, std::int64_t outbox_id) = 0;
  // A corrupt row is a storage error, never a default value.
  virtual Result<std::optional<Ticket>> find_ticket(const std::string& number) = 0;
  // The site of the first ticket `kiosk_id` synced (the site the desk knows it at); empty
  // before its first.
  virtual Result<std::string> kiosk_site(const std::string& kiosk_id) = 0;
  // True once the ticket has an event no kiosk sent (a staff action at the desk).
  virtual Result<bool> desk_has_changed(const std::string& number) = 0;
  // Inserts every column of `ticket` (revision 1 is set by the caller).
  virtual Result<void> insert_ticket(const Ticket& ticket) = 0;
  // Overwrites the non-identity columns of the row that has `revision`; revision + 1.
  virtual Result<void> update_ticket(const Ticket& ticket, std::int64_t revision) = 0;
  // Appends to the audit trail; the desk's id of the new event.
  virtual Result<std::int64_t> insert_event(const TicketEvent& event) = 0;
  // The synced_items row; desk_event_id for event items.
  virtual Result<void> record_item(const std::string& kiosk_id, const SyncItem& item,
                                   std::optional<std::int64_t> desk_event_id, Instant at) = 0;
  // kiosks.last_sync_at.
  virtual Result<void> mark_kiosk_synced(const std::string& kiosk_id, Instant at) = 0;

  // Events with id > cursor on `kiosk_id`'s tickets that no kiosk sent, in id order, at
  // most `limit`.
  virtual Result<std::vector<TicketEvent>> desk_events_after(const std::string& kiosk_id, std::int64_t cursor,
                                                             int limit) = 0;
  // The largest event id (0 when there is none).
  virtual Result<std::int64_t> newest_event_id() = 0;
};

// DeskRepository::store_synced's rules over a port; the caller commits on success. A refused
// item is in StoredBatch::refused, not in acknowledged; `at` is the desk's clock.
Result<StoredBatch> store_sync_batch(DeskSyncPort& port, const SyncBatch& batch, Instant at);

// DeskRepository::changes_for_kiosk's rules over a port, inside one read snapshot.
Result<ChangeFeed> read_change_feed(DeskSyncPort& port, const std::string& kiosk_id, std::int64_t cursor,
                                    int limit);

}  // namespace complaint
