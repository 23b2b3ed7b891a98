// store_sync_batch and read_change_feed; see desk_sync_batch.h and docs/SYNC.md.
#include "core/sync/desk_sync_batch.h"

#include <map>
#include <set>

namespace complaint {
namespace {

// The ticket's snapshot, once per batch: inserted when the desk does not hold the ticket,
// overwriting the desk's copy while the desk has not acted on it, ignored afterwards.
Result<void> store_snapshot(DeskSyncPort& port, const std::string& kiosk_id, const Ticket& snapshot,
                            StoredBatch& stored) {
  TRY_ASSIGN(const std::optional<Ticket> current, port.find_ticket(snapshot.number));
  if (!current) {
    Ticket fresh = snapshot;
    fresh.revision = 1;
    TRY_VOID(port.insert_ticket(fresh));
    ++stored.tickets_added;
    return Ok{};
  }
  if (current->kiosk_id != kiosk_id) return foreign_ticket_error(snapshot.number);
  TRY_ASSIGN(const bool desk_owned, port.desk_has_changed(snapshot.number));
  if (desk_owned) return Ok{};
  return port.update_ticket(snapshot, current->revision);
}

}  // namespace

Result<StoredBatch> store_sync_batch(DeskSyncPort& port, const SyncBatch& batch, Instant at) {
  std::map<std::string, const Ticket*> snapshots;
  for (const Ticket& ticket : batch.tickets) snapshots[ticket.number] = &ticket;
  StoredBatch stored;
  std::set<std::string> snapshot_written;
  for (const SyncItem& item : batch.items) {
    stored.acknowledged.push_back(item.outbox_id);
    TRY_ASSIGN(const bool held, port.holds_item(batch.kiosk_id, item.outbox_id));
    if (held) {
      ++stored.duplicates;
      continue;
    }
    const auto snapshot = snapshots.find(item.ticket_number);
    if (snapshot == snapshots.end()) return item_without_ticket_error(item.ticket_number);
    if (snapshot_written.insert(item.ticket_number).second) {
      TRY_VOID(store_snapshot(port, batch.kiosk_id, *snapshot->second, stored));
    }
    std::optional<std::int64_t> desk_event_id;
    if (item.event) {
      TicketEvent event = *item.event;
      event.ticket_number = item.ticket_number;
      TRY_ASSIGN(desk_event_id, port.insert_event(event));
      ++stored.events_added;
    }
    TRY_VOID(port.record_item(batch.kiosk_id, item, desk_event_id, at));
  }
  TRY_VOID(port.mark_kiosk_synced(batch.kiosk_id, at));
  return stored;
}

Result<ChangeFeed> read_change_feed(DeskSyncPort& port, const std::string& kiosk_id, std::int64_t cursor,
                                    int limit) {
  // One more than the limit tells whether the limit cut the feed.
  TRY_ASSIGN(std::vector<TicketEvent> events, port.desk_events_after(kiosk_id, cursor, limit + 1));
  ChangeFeed feed;
  feed.cursor = cursor;
  if (static_cast<int>(events.size()) > limit) {
    feed.more = true;
    events.resize(static_cast<std::size_t>(limit));
  }
  std::map<std::string, std::size_t> update_of;
  for (TicketEvent& event : events) {
    feed.cursor = event.id;
    auto [slot, added] = update_of.try_emplace(event.ticket_number, feed.updates.size());
    if (added) feed.updates.push_back(StatusUpdate{});
    feed.updates[slot->second].events.push_back(RemoteEvent{event.id, std::move(event)});
  }
  for (StatusUpdate& update : feed.updates) {
    const std::string& number = update.events.front().event.ticket_number;
    TRY_ASSIGN(const std::optional<Ticket> ticket, port.find_ticket(number));
    if (!ticket) return Error::make(ErrorCode::internal, "event for missing ticket " + number);
    update.ticket = *ticket;
  }
  if (!feed.more) {
    // Nothing left for this kiosk up to the newest event: jump there, so the next request
    // does not rescan the kiosk-made events it skipped.
    TRY_ASSIGN(const std::int64_t newest, port.newest_event_id());
    if (newest > feed.cursor) feed.cursor = newest;
  }
  return feed;
}

}  // namespace complaint
