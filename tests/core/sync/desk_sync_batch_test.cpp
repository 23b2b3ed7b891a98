// store_sync_batch and read_change_feed over FakeDeskSyncPort: the desk's sync rules with
// no database (the same rules run on SQLite and PostgreSQL in tests/desk/desk_store_test.cpp).
#include <gtest/gtest.h>

#include "core/sync/fake_desk_sync_port.h"

namespace complaint {
namespace {

const Instant kNow = Instant{std::chrono::seconds{1795400000}};

Ticket ticket(const std::string& number, const std::string& kiosk_id = "K1") {
  Ticket t;
  t.number = number;
  t.tracking_token = "token-" + number;
  t.site_code = "WH01";
  t.kiosk_id = kiosk_id;
  t.content = "kiosk text";
  t.revision = 7;  // the kiosk's own count: the desk numbers its revisions itself
  return t;
}

TicketEvent event(const std::string& number, const std::string& action) {
  TicketEvent e;
  e.ticket_number = number;
  e.action = action;
  e.at = kNow;
  return e;
}

SyncItem ticket_item(std::int64_t outbox_id, const std::string& number) {
  return SyncItem{outbox_id, SyncItemKind::ticket, number, std::nullopt};
}

SyncItem event_item(std::int64_t outbox_id, const std::string& number, const std::string& action) {
  return SyncItem{outbox_id, SyncItemKind::event, number, event(number, action)};
}

SyncBatch batch_of(std::vector<Ticket> tickets, std::vector<SyncItem> items,
                   const std::string& kiosk = "K1") {
  SyncBatch batch;
  batch.kiosk_id = kiosk;
  batch.tickets = std::move(tickets);
  batch.items = std::move(items);
  return batch;
}

TEST(DeskSyncBatch, StoresNewItemsOnceAndAcknowledgesEveryItemEveryTime) {
  FakeDeskSyncPort port;
  const SyncBatch batch = batch_of(
      {ticket("A"), ticket("B")},
      {ticket_item(1, "A"), event_item(2, "A", "file"), ticket_item(3, "B"), event_item(4, "B", "file")});
  const auto first = store_sync_batch(port, batch, kNow);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->acknowledged, (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(first->tickets_added, 2);
  EXPECT_EQ(first->events_added, 2);
  EXPECT_EQ(first->duplicates, 0);
  EXPECT_EQ(port.ticket("A")->revision, 1);
  EXPECT_EQ(port.items(), 4u);
  EXPECT_EQ(port.last_sync("K1"), kNow);

  const auto again = store_sync_batch(port, batch, kNow + std::chrono::seconds(30));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->acknowledged, first->acknowledged);
  EXPECT_EQ(again->duplicates, 4);
  EXPECT_EQ(again->tickets_added + again->events_added, 0);
  EXPECT_EQ(port.events().size(), 2u);
  EXPECT_EQ(port.last_sync("K1"), kNow + std::chrono::seconds(30));
}

TEST(DeskSyncBatch, AnItemWhoseTicketTheBatchLacksIsASchemaError) {
  FakeDeskSyncPort port;
  const auto refused = store_sync_batch(port, batch_of({ticket("A")}, {event_item(1, "B", "note")}), kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(refused.error().key, "desk.error.schema");
  EXPECT_EQ(port.events().size(), 0u);
}

TEST(DeskSyncBatch, ATicketAnotherKioskFiledIsForbidden) {
  FakeDeskSyncPort port;
  ASSERT_TRUE(store_sync_batch(port, batch_of({ticket("A", "K2")}, {ticket_item(1, "A")}, "K2"), kNow).ok());
  const auto refused = store_sync_batch(port, batch_of({ticket("A")}, {ticket_item(1, "A")}), kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  EXPECT_EQ(port.ticket("A")->kiosk_id, "K2");
}

TEST(DeskSyncBatch, TheKioskSnapshotUpdatesTheDeskCopyUntilTheDeskActs) {
  FakeDeskSyncPort port;
  ASSERT_TRUE(store_sync_batch(port, batch_of({ticket("A")}, {ticket_item(1, "A")}), kNow).ok());
  Ticket later = ticket("A");
  later.content = "kiosk edit";
  later.tracking_token = "a new token";  // identity: never rewritten
  ASSERT_TRUE(store_sync_batch(port, batch_of({later}, {event_item(2, "A", "note")}), kNow).ok());
  EXPECT_EQ(port.ticket("A")->content, "kiosk edit");
  EXPECT_EQ(port.ticket("A")->tracking_token, "token-A");
  EXPECT_EQ(port.ticket("A")->revision, 2);

  port.add_desk_event(event("A", "forward"));  // staff acted: the desk owns the state now
  later.content = "ignored";
  const auto stored = store_sync_batch(port, batch_of({later}, {event_item(3, "A", "note")}), kNow);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->events_added, 1);  // the kiosk's event still joins the trail
  EXPECT_EQ(port.ticket("A")->content, "kiosk edit");
}

TEST(DeskSyncBatch, AFailingStepStopsTheBatchWithItsError) {
  FakeDeskSyncPort port;
  port.script().fail(DeskSyncStep::insert_event, 0, FailureMode::once,
                     Error::make(ErrorCode::storage, "disk full", "sqlite3_step", 13));
  const auto failed = store_sync_batch(
      port, batch_of({ticket("A")}, {event_item(1, "A", "file"), event_item(2, "A", "note")}), kNow);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "disk full");
  EXPECT_EQ(port.script().calls(DeskSyncStep::record_item), 0);
  EXPECT_EQ(port.script().calls(DeskSyncStep::mark_kiosk_synced), 0);
}

// The feed: desk-made events on this kiosk's tickets only, grouped per ticket in id order;
// the limit sets `more`; with nothing left the cursor jumps to the newest event.
TEST(DeskSyncBatch, TheFeedGroupsDeskEventsPerTicketAndMovesTheCursor) {
  FakeDeskSyncPort port;
  ASSERT_TRUE(store_sync_batch(port,
                               batch_of({ticket("A"), ticket("B")},
                                        {event_item(1, "A", "file"), event_item(2, "B", "file")}),
                               kNow)
                  .ok());
  ASSERT_TRUE(
      store_sync_batch(port, batch_of({ticket("C", "K2")}, {event_item(1, "C", "file")}, "K2"), kNow).ok());
  const std::int64_t a1 = port.add_desk_event(event("A", "forward"));
  const std::int64_t b1 = port.add_desk_event(event("B", "forward"));
  const std::int64_t a2 = port.add_desk_event(event("A", "contact"));
  const std::int64_t c1 = port.add_desk_event(event("C", "forward"));  // another kiosk's ticket

  const auto cut = read_change_feed(port, "K1", 0, 2);
  ASSERT_TRUE(cut.ok());
  EXPECT_TRUE(cut->more);
  EXPECT_EQ(cut->cursor, b1);
  ASSERT_EQ(cut->updates.size(), 2u);
  EXPECT_EQ(cut->updates[0].ticket.number, "A");
  EXPECT_EQ(cut->updates[0].events.at(0).desk_id, a1);

  const auto rest = read_change_feed(port, "K1", cut->cursor, 2);
  ASSERT_TRUE(rest.ok());
  EXPECT_FALSE(rest->more);
  ASSERT_EQ(rest->updates.size(), 1u);
  EXPECT_EQ(rest->updates[0].events.at(0).desk_id, a2);
  EXPECT_EQ(rest->cursor, c1);  // past K2's event it skipped, so it is not rescanned

  const auto none = read_change_feed(port, "K1", rest->cursor, 2);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->updates.empty());
  EXPECT_EQ(none->cursor, c1);
}

}  // namespace
}  // namespace complaint
