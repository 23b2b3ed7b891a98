// store_sync_batch and read_change_feed; see desk_sync_batch.h and docs/SYNC.md.
#include "core/sync/desk_sync_batch.h"

#include <map>

#include "core/sync/synced_item_rules.h"

namespace complaint {
namespace {

// What the desk does with one ticket of the batch, decided once per batch: its snapshot
// inserted (new to the desk), written over the desk's copy (the desk has not acted on it) or
// ignored (desk-owned); or every item of it refused, with why.
struct TicketPlan {
  std::optional<Ticket> current;  // the desk's copy
  bool write_snapshot = false;
  std::optional<Error> refusal;
  bool written = false;
};

Result<TicketPlan> plan_ticket(DeskSyncPort& port, const Ticket& snapshot, SyncOrigin& origin) {
  TicketPlan plan;
  if (auto identity = check_synced_identity(snapshot, origin); !identity.ok()) {
    plan.refusal = identity.error();
    return plan;
  }
  TRY_ASSIGN(plan.current, port.find_ticket(snapshot.number));
  if (plan.current && plan.current->kiosk_id != origin.kiosk_id) {
    plan.refusal = foreign_ticket_error(snapshot.number);
    return plan;
  }
  bool desk_owned = false;
  if (plan.current) {
    TRY_ASSIGN(desk_owned, port.desk_has_changed(snapshot.number));
  }
  plan.write_snapshot = !desk_owned;
  if (plan.write_snapshot) {
    if (auto checked = check_synced_ticket(snapshot, origin); !checked.ok()) plan.refusal = checked.error();
  }
  // The kiosk's first ticket the desk accepts says which site it is at.
  if (!plan.refusal && origin.site_code.empty()) origin.site_code = snapshot.site_code;
  return plan;
}

Result<void> write_snapshot(DeskSyncPort& port, const Ticket& snapshot, const TicketPlan& plan,
                            StoredBatch& stored) {
  if (!plan.current) {
    Ticket fresh = snapshot;
    fresh.revision = 1;
    TRY_VOID(port.insert_ticket(fresh));
    ++stored.tickets_added;
    return Ok{};
  }
  if (!plan.write_snapshot) return Ok{};
  return port.update_ticket(snapshot, plan.current->revision);
}

struct ItemVerdict {
  const SyncItem* item = nullptr;
  bool held = false;             // stored by an earlier request
  std::optional<Error> refusal;  // of the item itself (its event); its ticket's is in the plan
};

}  // namespace

Result<StoredBatch> store_sync_batch(DeskSyncPort& port, const SyncBatch& batch, Instant at) {
  std::map<std::string, const Ticket*> snapshots;
  for (const Ticket& ticket : batch.tickets) snapshots[ticket.number] = &ticket;
  SyncOrigin origin{batch.kiosk_id, {}, at};
  TRY_ASSIGN(origin.site_code, port.kiosk_site(batch.kiosk_id));

  // First every verdict, so that a new ticket is stored whole or not at all: its ticket item
  // is refused too when its "file" event is.
  std::map<std::string, TicketPlan> plans;
  std::vector<ItemVerdict> verdicts;
  for (const SyncItem& item : batch.items) {
    ItemVerdict& verdict = verdicts.emplace_back(ItemVerdict{&item, false, std::nullopt});
    TRY_ASSIGN(verdict.held, port.holds_item(batch.kiosk_id, item.outbox_id));
    if (verdict.held) continue;
    const auto snapshot = snapshots.find(item.ticket_number);
    if (snapshot == snapshots.end()) return item_without_ticket_error(item.ticket_number);
    auto plan = plans.find(item.ticket_number);
    if (plan == plans.end()) {
      TRY_ASSIGN(TicketPlan planned, plan_ticket(port, *snapshot->second, origin));
      plan = plans.emplace(item.ticket_number, std::move(planned)).first;
    }
    if (plan->second.refusal || !item.event) continue;
    if (auto checked = check_synced_event(*item.event, *snapshot->second, origin); !checked.ok()) {
      verdict.refusal = checked.error();
      if (!plan->second.current) plan->second.refusal = checked.error();
    }
  }

  StoredBatch stored;
  for (const ItemVerdict& verdict : verdicts) {
    const SyncItem& item = *verdict.item;
    if (verdict.held) {
      stored.acknowledged.push_back(item.outbox_id);
      ++stored.duplicates;
      continue;
    }
    TicketPlan& plan = plans.at(item.ticket_number);
    if (const std::optional<Error>& refusal = verdict.refusal ? verdict.refusal : plan.refusal) {
      stored.refused.push_back(ItemRefusal{item.outbox_id, item.ticket_number, *refusal});
      continue;
    }
    if (!plan.written) {
      TRY_VOID(write_snapshot(port, *snapshots.at(item.ticket_number), plan, stored));
      plan.written = true;
    }
    std::optional<std::int64_t> desk_event_id;
    if (item.event) {
      TicketEvent event = *item.event;
      event.ticket_number = item.ticket_number;
      TRY_ASSIGN(desk_event_id, port.insert_event(event));
      ++stored.events_added;
    }
    TRY_VOID(port.record_item(batch.kiosk_id, item, desk_event_id, at));
    stored.acknowledged.push_back(item.outbox_id);
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
