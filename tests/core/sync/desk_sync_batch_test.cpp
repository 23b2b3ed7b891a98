// store_sync_batch and read_change_feed over FakeDeskSyncPort: the desk's sync rules with
// no database (the same rules run on SQLite and PostgreSQL in tests/desk/desk_store_test.cpp),
// including the refusal of single items (synced_item_rules.h) while the rest is stored.
#include <gtest/gtest.h>

#include <cctype>

#include "core/sync/fake_desk_sync_port.h"
#include "kiosk_items.h"

namespace complaint::testing {
namespace {

const Instant kNow = kSyncNow;

TicketEvent desk_event(const Ticket& ticket, const std::string& action) {
  TicketEvent e;
  e.ticket_number = ticket.number;
  e.action = action;
  e.actor = "调度员";
  e.role = "dispatcher";
  e.at = kNow;
  return e;
}

SyncBatch batch_of(std::vector<Ticket> tickets, std::vector<SyncItem> items,
                   const std::string& kiosk = "K1") {
  SyncBatch batch;
  batch.kiosk_id = kiosk;
  batch.tickets = std::move(tickets);
  batch.items = std::move(items);
  return batch;
}

std::vector<std::int64_t> refused_ids(const StoredBatch& stored) {
  std::vector<std::int64_t> ids;
  for (const ItemRefusal& refusal : stored.refused) ids.push_back(refusal.outbox_id);
  return ids;
}

TEST(DeskSyncBatch, StoresNewItemsOnceAndAcknowledgesEveryItemEveryTime) {
  FakeDeskSyncPort port;
  const Ticket a = kiosk_ticket(1);
  const Ticket b = kiosk_ticket(2);
  const SyncBatch batch =
      batch_of({a, b}, {ticket_item(1, a), file_item(2, a), ticket_item(3, b), file_item(4, b)});
  const auto first = store_sync_batch(port, batch, kNow);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->acknowledged, (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_TRUE(first->refused.empty());
  EXPECT_EQ(first->tickets_added, 2);
  EXPECT_EQ(first->events_added, 2);
  EXPECT_EQ(first->duplicates, 0);
  EXPECT_EQ(port.ticket(a.number)->revision, 1);
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
  const Ticket a = kiosk_ticket(1);
  const auto refused = store_sync_batch(port, batch_of({a}, {file_item(1, kiosk_ticket(2))}), kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(refused.error().key, "desk.error.schema");
  EXPECT_EQ(port.events().size(), 0u);
}

// The case: a bad item in the middle of a batch is refused with its reason, and the
// items before and after it are stored as if it were not there.
TEST(DeskSyncBatch, ARefusedItemIsLeftOutAndTheRestOfTheBatchIsStored) {
  FakeDeskSyncPort port;
  const Ticket a = kiosk_ticket(1);
  Ticket b = kiosk_ticket(2);
  b.content = std::string("nul\0inside", 10);
  const Ticket c = kiosk_ticket(3);
  const SyncBatch batch = batch_of({a, b, c}, {ticket_item(1, a), file_item(2, a), ticket_item(3, b),
                                               file_item(4, b), ticket_item(5, c), file_item(6, c)});
  const auto stored = store_sync_batch(port, batch, kNow);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_EQ(stored->acknowledged, (std::vector<std::int64_t>{1, 2, 5, 6}));
  EXPECT_EQ(refused_ids(*stored), (std::vector<std::int64_t>{3, 4}));
  for (const ItemRefusal& refusal : stored->refused) {
    EXPECT_EQ(refusal.ticket_number, b.number);
    EXPECT_EQ(refusal.reason.field, "content");
    EXPECT_EQ(refusal.reason.key, "error.text.control");
  }
  EXPECT_EQ(stored->tickets_added, 2);
  EXPECT_TRUE(port.ticket(a.number) && port.ticket(c.number));
  EXPECT_FALSE(port.ticket(b.number));
  EXPECT_EQ(port.items(), 4u);

  // Refused items leave no record, so sent again they are refused again, never "held".
  const auto again = store_sync_batch(port, batch, kNow);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->duplicates, 4);
  EXPECT_EQ(refused_ids(*again), (std::vector<std::int64_t>{3, 4}));
}

TEST(DeskSyncBatch, ANewTicketIsStoredWholeOrNotAtAll) {
  FakeDeskSyncPort port;
  const Ticket a = kiosk_ticket(1);
  TicketEvent by_supervisor = file_event_of(a);
  by_supervisor.role = "supervisor";
  const auto stored =
      store_sync_batch(port, batch_of({a}, {ticket_item(1, a), event_item(2, a, by_supervisor)}), kNow);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(refused_ids(*stored), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(stored->refused[0].reason.field, "role");  // the ticket item is refused for its event
  EXPECT_EQ(stored->refused[0].reason.key, "desk.refused.not_kiosk_event");
  EXPECT_FALSE(port.ticket(a.number));
  EXPECT_TRUE(port.events().empty());
}

TEST(DeskSyncBatch, ABadEventOnAHeldTicketIsRefusedAlone) {
  FakeDeskSyncPort port;
  const Ticket a = kiosk_ticket(1);
  ASSERT_TRUE(store_sync_batch(port, batch_of({a}, {ticket_item(1, a), file_item(2, a)}), kNow).ok());
  TicketEvent archive = file_event_of(a);
  archive.action = "archive";
  archive.to = Status::archived;
  const auto stored = store_sync_batch(port, batch_of({a}, {event_item(3, a, archive)}), kNow);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(refused_ids(*stored), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(port.events().size(), 1u);
  EXPECT_EQ(port.ticket(a.number)->status, Status::filed);
}

// One ticket sent under six spellings of its number: the canonical one is stored, the five
// variants are refused, so the desk can never hold (or export) it twice.
TEST(DeskSyncBatch, VariantsOfOneNumberAreRefusedNotStoredAgain) {
  FakeDeskSyncPort port;
  const Ticket canonical = kiosk_ticket(1);
  std::string lower = canonical.number;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<Ticket> tickets{canonical};
  for (const std::string& number :
       {lower, " " + canonical.number, canonical.number + "\t", canonical.number + "\n",
        canonical.number.substr(0, 5) + " " + canonical.number.substr(5)}) {
    Ticket variant = canonical;
    variant.number = number;
    tickets.push_back(variant);
  }
  std::vector<SyncItem> items;
  for (const Ticket& ticket : tickets) {
    items.push_back(ticket_item(static_cast<std::int64_t>(items.size()) + 1, ticket));
    items.push_back(file_item(static_cast<std::int64_t>(items.size()) + 1, ticket));
  }
  const auto stored = store_sync_batch(port, batch_of(tickets, items), kNow);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_EQ(stored->acknowledged, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(stored->refused.size(), 10u);
  for (const ItemRefusal& refusal : stored->refused)
    EXPECT_EQ(refusal.reason.key, "error.number.not_canonical");
  EXPECT_EQ(stored->tickets_added, 1);
  EXPECT_EQ(port.events().size(), 1u);
}

TEST(DeskSyncBatch, AKioskStaysAtTheSiteOfItsFirstTicket) {
  FakeDeskSyncPort port;
  const Ticket first = kiosk_ticket(1, "K1", "WH01");
  const Ticket elsewhere = kiosk_ticket(2, "K1", "SH02");
  // In one batch the first accepted ticket says where the kiosk is...
  auto stored = store_sync_batch(
      port, batch_of({first, elsewhere}, {ticket_item(1, first), ticket_item(2, elsewhere)}), kNow);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(refused_ids(*stored), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(stored->refused[0].reason.key, "desk.refused.wrong_site");
  // ...and in later ones the tickets the desk holds from it.
  stored = store_sync_batch(port, batch_of({elsewhere}, {ticket_item(3, elsewhere)}), kNow);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(refused_ids(*stored), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(stored->refused[0].reason.code, ErrorCode::forbidden);
}

TEST(DeskSyncBatch, ATicketOfAnotherKioskIsRefused) {
  FakeDeskSyncPort port;
  const Ticket theirs = kiosk_ticket(1, "K2");
  ASSERT_TRUE(store_sync_batch(port, batch_of({theirs}, {ticket_item(1, theirs)}, "K2"), kNow).ok());
  Ticket claimed = theirs;
  claimed.content = "overwritten";
  const auto stored = store_sync_batch(port, batch_of({claimed}, {ticket_item(1, claimed)}), kNow);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->refused.size(), 1u);
  EXPECT_EQ(stored->refused[0].reason.code, ErrorCode::forbidden);
  EXPECT_EQ(stored->refused[0].reason.key, "desk.refused.wrong_kiosk");
  EXPECT_EQ(port.ticket(theirs.number)->content, theirs.content);
}

TEST(DeskSyncBatch, TheKioskSnapshotUpdatesTheDeskCopyUntilTheDeskActs) {
  FakeDeskSyncPort port;
  const Ticket a = kiosk_ticket(1);
  ASSERT_TRUE(store_sync_batch(port, batch_of({a}, {ticket_item(1, a)}), kNow).ok());
  Ticket later = a;
  later.content = "kiosk edit";
  later.tracking_token = "ZZZZZZZZZZZZZZZZZZZZZZZZ";  // identity: never rewritten
  ASSERT_TRUE(store_sync_batch(port, batch_of({later}, {file_item(2, later)}), kNow).ok());
  EXPECT_EQ(port.ticket(a.number)->content, "kiosk edit");
  EXPECT_EQ(port.ticket(a.number)->tracking_token, a.tracking_token);
  EXPECT_EQ(port.ticket(a.number)->revision, 2);
  // A snapshot the desk would write must be one a kiosk makes.
  Ticket handled = later;
  handled.department = "营业部";
  auto stored = store_sync_batch(port, batch_of({handled}, {ticket_item(3, handled)}), kNow);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(refused_ids(*stored), (std::vector<std::int64_t>{3}));

  port.add_desk_event(desk_event(a, "forward"));  // staff acted: the desk owns the state now
  // The kiosk holds the desk's state from the feed; its snapshot is ignored, not refused.
  handled.status = Status::forwarded;
  handled.content = "ignored";
  stored = store_sync_batch(port, batch_of({handled}, {file_item(4, handled)}), kNow);
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(stored->refused.empty());
  EXPECT_EQ(stored->events_added, 1);  // the kiosk's event still joins the trail
  EXPECT_EQ(port.ticket(a.number)->content, "kiosk edit");
}

TEST(DeskSyncBatch, AFailingStepStopsTheBatchWithItsError) {
  FakeDeskSyncPort port;
  port.script().fail(DeskSyncStep::insert_kiosk_events, 0, FailureMode::once,
                     Error::make(ErrorCode::storage, "disk full", "sqlite3_step", 13));
  const Ticket a = kiosk_ticket(1);
  const auto failed = store_sync_batch(port, batch_of({a}, {file_item(1, a), file_item(2, a)}), kNow);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "disk full");
  EXPECT_EQ(port.script().calls(DeskSyncStep::record_items), 0);
  EXPECT_EQ(port.script().calls(DeskSyncStep::mark_kiosk_synced), 0);
}

// The feed: desk-made events on this kiosk's tickets only, grouped per ticket in id order;
// the limit sets `more`; with nothing left the cursor jumps to the newest event.
TEST(DeskSyncBatch, TheFeedGroupsDeskEventsPerTicketAndMovesTheCursor) {
  FakeDeskSyncPort port;
  const Ticket a = kiosk_ticket(1);
  const Ticket b = kiosk_ticket(2);
  const Ticket c = kiosk_ticket(1, "K2");
  ASSERT_TRUE(store_sync_batch(port, batch_of({a, b}, {file_item(1, a), file_item(2, b)}), kNow).ok());
  ASSERT_TRUE(store_sync_batch(port, batch_of({c}, {file_item(1, c)}, "K2"), kNow).ok());
  const std::int64_t a1 = port.add_desk_event(desk_event(a, "forward"));
  const std::int64_t b1 = port.add_desk_event(desk_event(b, "forward"));
  const std::int64_t a2 = port.add_desk_event(desk_event(a, "contact"));
  const std::int64_t c1 = port.add_desk_event(desk_event(c, "forward"));  // another kiosk's ticket

  const auto cut = read_change_feed(port, "K1", 0, 2);
  ASSERT_TRUE(cut.ok());
  EXPECT_TRUE(cut->more);
  EXPECT_EQ(cut->cursor, b1);
  ASSERT_EQ(cut->updates.size(), 2u);
  EXPECT_EQ(cut->updates[0].ticket.number, a.number);
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

TEST(DeskSyncBatch, HelpRequestsAreStoredOnceAndAcknowledgedEveryTime) {
  FakeDeskSyncPort port;
  SyncBatch batch = batch_of({}, {});
  batch.help_requests = {{1, "details", "zh-CN", kNow}, {2, "review", "en", kNow}};
  const auto first = store_sync_batch(port, batch, kNow);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->help_acknowledged, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(port.help_requests().size(), 2u);
  EXPECT_EQ(port.last_sync("K1"), kNow);
  const auto again = store_sync_batch(port, batch, kNow + std::chrono::seconds(5));  // a lost answer
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->help_acknowledged, first->help_acknowledged);
  EXPECT_EQ(port.help_requests().size(), 2u);
  // Another kiosk's request 1 is another request.
  SyncBatch other = batch_of({}, {}, "K2");
  other.help_requests = {{1, "welcome", "zh-CN", kNow}};
  ASSERT_TRUE(store_sync_batch(port, other, kNow).ok());
  EXPECT_EQ(port.help_requests().size(), 3u);
}

TEST(DeskSyncBatch, FaultHelpRequestsNotStoredAreNotAcknowledged) {
  FakeDeskSyncPort port;
  port.script().fail(DeskSyncStep::insert_help_requests, 0, FailureMode::once,
                     Error::make(ErrorCode::storage, "disk I/O error", "sqlite3_step", 10));
  SyncBatch batch = batch_of({}, {});
  batch.help_requests = {{1, "details", "zh-CN", kNow}};
  EXPECT_FALSE(store_sync_batch(port, batch, kNow).ok());
  EXPECT_TRUE(port.help_requests().empty());
}

}  // namespace
}  // namespace complaint::testing
