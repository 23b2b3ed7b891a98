// store_sync_batch and read_change_feed; see desk_sync_batch.h and docs/SYNC.md.
#include "core/sync/desk_sync_batch.h"

#include <algorithm>
#include <map>

#include "core/domain/check_code.h"
#include "core/notify/general_notices.h"
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

TicketPlan plan_ticket(const Ticket& snapshot, std::optional<Ticket> current, bool desk_owned,
                       SyncOrigin& origin) {
  TicketPlan plan;
  if (auto identity = check_synced_identity(snapshot, origin); !identity.ok()) {
    plan.refusal = identity.error();
    return plan;
  }
  plan.current = std::move(current);
  if (plan.current && plan.current->kiosk_id != origin.kiosk_id) {
    plan.refusal = foreign_ticket_error(snapshot.number);
    return plan;
  }
  plan.write_snapshot = !desk_owned;
  if (plan.write_snapshot) {
    if (auto checked = check_synced_ticket(snapshot, origin); !checked.ok()) plan.refusal = checked.error();
  }
  // The kiosk's first ticket the desk accepts says which site it is at.
  if (!plan.refusal && origin.site_code.empty()) origin.site_code = snapshot.site_code;
  return plan;
}

// Each new coded ticket's check code station must be its kiosk's alone at its site
// (core/domain/check_code.h): the first kiosk to sync a ticket of a station holds it; a
// second one's tickets are refused, with why, and nothing of them is stored.
Result<void> claim_check_code_stations(DeskSyncPort& port,
                                       const std::map<std::string, const Ticket*>& snapshots,
                                       std::map<std::string, TicketPlan>& plans, const SyncOrigin& origin) {
  std::map<std::pair<std::string, int>, std::string> holders;  // (site, station) -> kiosk
  for (auto& [number, plan] : plans) {
    if (plan.refusal || plan.current || !plan.write_snapshot) continue;
    const Ticket& ticket = *snapshots.at(number);
    if (ticket.check_code.empty()) continue;
    const std::optional<CheckCodeParts> parts = decode_check_code(ticket.site_code, ticket.check_code);
    if (!parts) continue;  // check_synced_ticket refused it
    auto held = holders.find({ticket.site_code, parts->station});
    if (held == holders.end()) {
      TRY_ASSIGN(std::string holder,
                 port.claim_check_code_station(ticket.site_code, parts->station, origin.kiosk_id));
      held = holders.emplace(std::pair{ticket.site_code, parts->station}, std::move(holder)).first;
    }
    if (held->second != origin.kiosk_id)
      plan.refusal = check_code_station_taken(ticket, parts->station, held->second);
  }
  return Ok{};
}

struct ItemVerdict {
  const SyncItem* item = nullptr;
  bool held = false;             // stored by an earlier request
  std::optional<Error> refusal;  // of the item itself (its event); its ticket's is in the plan
};

// The desk's copies of the tickets the new items name, and which of those the desk acted on:
// two look-ups for the whole batch. Numbers that fail the identity rules are not looked up
// (they are refused whatever the desk holds).
struct DeskCopies {
  std::map<std::string, Ticket> tickets;
  std::set<std::string> desk_owned;
};

Result<DeskCopies> read_desk_copies(DeskSyncPort& port, const std::vector<std::string>& numbers,
                                    const std::map<std::string, const Ticket*>& snapshots,
                                    const SyncOrigin& origin) {
  std::vector<std::string> wanted;
  for (const std::string& number : numbers) {
    if (check_synced_identity(*snapshots.at(number), origin).ok()) wanted.push_back(number);
  }
  DeskCopies copies;
  if (wanted.empty()) return copies;
  TRY_ASSIGN(copies.tickets, port.find_tickets(wanted));
  std::vector<std::string> ours;
  for (const auto& [number, ticket] : copies.tickets) {
    if (ticket.kiosk_id == origin.kiosk_id) ours.push_back(number);
  }
  if (!ours.empty()) {
    TRY_ASSIGN(copies.desk_owned, port.desk_changed(ours));
  }
  return copies;
}

// The writes of the accepted items, in the order the foreign keys need: tickets, events,
// synced_items.
Result<void> write_accepted(DeskSyncPort& port, const SyncBatch& batch,
                            const std::map<std::string, const Ticket*>& snapshots,
                            std::map<std::string, TicketPlan>& plans,
                            const std::vector<ItemVerdict>& verdicts, Instant at, const GroupPolicy& groups,
                            StoredBatch& stored) {
  std::vector<Ticket> fresh;
  std::vector<TicketEvent> events;
  std::vector<RecordedItem> recorded;
  for (const ItemVerdict& verdict : verdicts) {
    const SyncItem& item = *verdict.item;
    if (verdict.held) continue;
    TicketPlan& plan = plans.at(item.ticket_number);
    if (verdict.refusal || plan.refusal) continue;
    if (!plan.written) {
      plan.written = true;
      const Ticket& snapshot = *snapshots.at(item.ticket_number);
      if (!plan.current) {
        fresh.push_back(snapshot);
        fresh.back().revision = 1;
        // Group complaints are the desk's (a kiosk from before flagged its own file's count).
        fresh.back().group = false;
        fresh.back().group_id.clear();
      } else if (plan.write_snapshot) {
        Ticket updated = snapshot;
        updated.group = plan.current->group;
        updated.group_id = plan.current->group_id;
        TRY_VOID(port.update_ticket(updated, plan.current->revision));
      }
    }
    if (item.event) {
      events.push_back(*item.event);
      events.back().ticket_number = item.ticket_number;
    }
    recorded.push_back(RecordedItem{&item, std::nullopt});
  }
  if (!fresh.empty()) {
    TRY_VOID(port.insert_tickets(fresh));
    // A major, report or media ticket's notice, in the batch's transaction (notice.h).
    std::vector<Notice> notices;
    for (const Ticket& ticket : fresh) {
      for (Notice& notice : notices_for_new_ticket(ticket, at)) notices.push_back(std::move(notice));
    }
    if (!notices.empty()) TRY_VOID(port.insert_notices(notices));
  }
  stored.tickets_added = static_cast<int>(fresh.size());
  std::vector<std::int64_t> event_ids;
  if (!events.empty()) {
    TRY_ASSIGN(event_ids, port.insert_kiosk_events(events));
    if (event_ids.size() != events.size()) {
      return Error::make(ErrorCode::internal, "the store returned " + std::to_string(event_ids.size()) +
                                                  " ids for " + std::to_string(events.size()) + " events");
    }
  }
  stored.events_added = static_cast<int>(events.size());
  std::size_t next_event = 0;
  for (RecordedItem& row : recorded) {
    if (row.item->event) row.desk_event_id = event_ids[next_event++];
  }
  if (!recorded.empty()) TRY_VOID(port.record_items(batch.kiosk_id, recorded, at));
  // Last, so a new ticket's "group" event follows its "file" event on the trail.
  if (!fresh.empty()) TRY_VOID(link_group_complaints(port.groups(), fresh, groups, at));
  return Ok{};
}

}  // namespace

Result<StoredBatch> store_sync_batch(DeskSyncPort& port, const SyncBatch& batch, Instant at,
                                     const GroupPolicy& groups) {
  if (batch.items.empty() && batch.help_requests.empty()) {
    // A poll: one statement (PgDeskStore runs it without a transaction).
    TRY_VOID(port.mark_kiosk_synced(batch.kiosk_id, at));
    return StoredBatch{};
  }
  StoredBatch stored;
  if (!batch.help_requests.empty()) {
    // Each once by (kiosk, the kiosk's id); a retried batch's are held already and
    // acknowledged again, so the kiosk stops sending them either way.
    TRY_VOID(port.insert_help_requests(batch.kiosk_id, batch.help_requests, at));
    // The lobby staff are told in the same transaction; the notice's key is the request's, so
    // a retried batch makes none again (general_notices.h).
    std::vector<Notice> notices;
    for (const HelpRequest& request : batch.help_requests) {
      stored.help_acknowledged.push_back(request.id);
      notices.push_back(help_notice(batch.kiosk_id, request, at));
    }
    TRY_VOID(port.insert_notices(notices));
  }
  if (batch.items.empty()) {
    TRY_VOID(port.mark_kiosk_synced(batch.kiosk_id, at));
    return stored;
  }
  std::map<std::string, const Ticket*> snapshots;
  for (const Ticket& ticket : batch.tickets) snapshots[ticket.number] = &ticket;
  SyncOrigin origin{batch.kiosk_id, {}, at};
  TRY_ASSIGN(origin.site_code, port.kiosk_site(batch.kiosk_id));

  std::vector<std::int64_t> outbox_ids;
  for (const SyncItem& item : batch.items) outbox_ids.push_back(item.outbox_id);
  std::set<std::int64_t> held;
  if (!outbox_ids.empty()) {
    TRY_ASSIGN(held, port.held_items(batch.kiosk_id, outbox_ids));
  }
  std::vector<std::string> numbers;  // of the new items' tickets, in order of first mention
  for (const SyncItem& item : batch.items) {
    if (held.count(item.outbox_id) > 0) continue;
    if (snapshots.count(item.ticket_number) == 0) return item_without_ticket_error(item.ticket_number);
    if (std::find(numbers.begin(), numbers.end(), item.ticket_number) == numbers.end())
      numbers.push_back(item.ticket_number);
  }
  TRY_ASSIGN(DeskCopies copies, read_desk_copies(port, numbers, snapshots, origin));

  // First every verdict, so that a new ticket is stored whole or not at all: its ticket item
  // is refused too when its "file" event is.
  std::map<std::string, TicketPlan> plans;
  std::vector<ItemVerdict> verdicts;
  for (const SyncItem& item : batch.items) {
    ItemVerdict& verdict =
        verdicts.emplace_back(ItemVerdict{&item, held.count(item.outbox_id) > 0, std::nullopt});
    if (verdict.held) continue;
    const Ticket& snapshot = *snapshots.at(item.ticket_number);
    auto plan = plans.find(item.ticket_number);
    if (plan == plans.end()) {
      const auto copy = copies.tickets.find(item.ticket_number);
      std::optional<Ticket> current;
      if (copy != copies.tickets.end()) current = copy->second;
      plan = plans
                 .emplace(item.ticket_number,
                          plan_ticket(snapshot, std::move(current),
                                      copies.desk_owned.count(item.ticket_number) > 0, origin))
                 .first;
    }
    if (plan->second.refusal || !item.event) continue;
    if (auto checked = check_synced_event(*item.event, snapshot, origin); !checked.ok()) {
      verdict.refusal = checked.error();
      if (!plan->second.current) plan->second.refusal = checked.error();
    }
  }

  TRY_VOID(claim_check_code_stations(port, snapshots, plans, origin));
  TRY_VOID(write_accepted(port, batch, snapshots, plans, verdicts, at, groups, stored));
  for (const ItemVerdict& verdict : verdicts) {
    const SyncItem& item = *verdict.item;
    if (verdict.held) {
      stored.acknowledged.push_back(item.outbox_id);
      ++stored.duplicates;
      continue;
    }
    const TicketPlan& plan = plans.at(item.ticket_number);
    if (const std::optional<Error>& refusal = verdict.refusal ? verdict.refusal : plan.refusal) {
      stored.refused.push_back(ItemRefusal{item.outbox_id, item.ticket_number, *refusal});
      continue;
    }
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
  if (!feed.updates.empty()) {
    std::vector<std::string> numbers;
    for (const StatusUpdate& update : feed.updates)
      numbers.push_back(update.events.front().event.ticket_number);
    using TicketsByNumber = std::map<std::string, Ticket>;
    TRY_ASSIGN(TicketsByNumber tickets, port.find_tickets(numbers));
    for (StatusUpdate& update : feed.updates) {
      const std::string& number = update.events.front().event.ticket_number;
      const auto ticket = tickets.find(number);
      if (ticket == tickets.end())
        return Error::make(ErrorCode::internal, "event for missing ticket " + number);
      update.ticket = std::move(ticket->second);
    }
  }
  if (!feed.more) {
    // Nothing left for this kiosk up to the horizon: jump there, so the next request does
    // not rescan the events it skipped.
    TRY_ASSIGN(const std::int64_t horizon, port.feed_horizon());
    if (horizon > feed.cursor) feed.cursor = horizon;
  }
  return feed;
}

}  // namespace complaint
