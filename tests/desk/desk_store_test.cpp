// SqliteDeskStore: idempotent storage of synced batches, the kiosk/desk ownership rule,
// the change feed back to kiosks, nonces, registry and users; with fault siblings (a
// failing statement mid-batch rolls the whole batch back).
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

const Instant kNow = Instant{std::chrono::seconds{1795400000}};

class DeskStoreTest : public ::testing::Test {
 protected:
  DeskStoreTest() : kiosk(dir.file("kiosk.db"), clock), desk(dir.file("desk.db"), clock) {}

  SyncBatch pending_batch(int limit = 0) {
    PendingItems pending = must(kiosk.sync->pending(limit));
    SyncBatch batch;
    batch.kiosk_id = "K1";
    batch.tickets = pending.tickets;
    batch.items = pending.items;
    return batch;
  }

  TempDir dir;
  FixedClock clock{kNow};
  KioskSide kiosk;
  DeskSide desk;
};

TEST_F(DeskStoreTest, ABatchDeliveredTwiceIsStoredOnce) {
  for (int i = 0; i < 3; ++i) kiosk.file_one("排队 " + std::to_string(i));
  const SyncBatch batch = pending_batch();
  ASSERT_EQ(batch.items.size(), 6u);  // a ticket row and its "file" event per ticket

  const StoredBatch first = must(desk.store->store_synced(batch, kNow));
  EXPECT_EQ(first.tickets_added, 3);
  EXPECT_EQ(first.events_added, 3);
  EXPECT_EQ(first.duplicates, 0);
  const StoredBatch second = must(desk.store->store_synced(batch, kNow));
  EXPECT_EQ(second.tickets_added, 0);
  EXPECT_EQ(second.events_added, 0);
  EXPECT_EQ(second.duplicates, 6);
  EXPECT_EQ(second.acknowledged, first.acknowledged);
  EXPECT_EQ(desk.rows("tickets"), 3);
  EXPECT_EQ(desk.rows("events"), 3);
  EXPECT_EQ(desk.rows("synced_items"), 6);
  // The desk copy is the kiosk's ticket, identity and content alike.
  const Ticket original = must(kiosk.store->find(batch.tickets[0].number)).value();
  const Ticket copy = must(desk.tickets->find(original.number)).value();
  EXPECT_EQ(copy.tracking_token, original.tracking_token);
  EXPECT_EQ(copy.content, original.content);
  EXPECT_EQ(copy.deadlines.forward_by, original.deadlines.forward_by);
}

TEST_F(DeskStoreTest, OverlappingBatchesAddOnlyTheNewItems) {
  kiosk.file_one("a");
  const SyncBatch first = pending_batch();
  kiosk.file_one("b");
  const SyncBatch both = pending_batch();
  must(desk.store->store_synced(first, kNow));
  const StoredBatch stored = must(desk.store->store_synced(both, kNow));
  EXPECT_EQ(stored.duplicates, 2);
  EXPECT_EQ(stored.tickets_added, 1);
  EXPECT_EQ(desk.rows("tickets"), 2);
  EXPECT_EQ(desk.rows("events"), 2);
}

TEST_F(DeskStoreTest, AFailingStatementMidBatchChangesNothing) {
  kiosk.file_one("a");
  kiosk.file_one("b");
  SyncBatch batch = pending_batch();
  // The second ticket's tracking token collides with the first's: its INSERT fails
  // after the first ticket and event were written inside the same transaction.
  batch.tickets[1].tracking_token = batch.tickets[0].tracking_token;
  auto stored = desk.store->store_synced(batch, kNow);
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(desk.rows("tickets"), 0);
  EXPECT_EQ(desk.rows("events"), 0);
  EXPECT_EQ(desk.rows("synced_items"), 0);
}

TEST_F(DeskStoreTest, KioskSnapshotsUpdateTheDeskCopyUntilTheDeskActs) {
  const Ticket filed = kiosk.file_one("a");
  must(desk.store->store_synced(pending_batch(), kNow));
  // A later snapshot from the kiosk (as after a kiosk-side edit) wins while the desk has not acted...
  SyncBatch later = pending_batch();
  later.tickets = {filed};
  later.tickets[0].department = "营业部";
  later.items = {SyncItem{1000, SyncItemKind::ticket, filed.number, std::nullopt}};
  must(desk.store->store_synced(later, kNow));
  EXPECT_EQ(must(desk.tickets->find(filed.number))->department, "营业部");
  // ...but once staff acted at the desk, the desk owns the state.
  ActionRequest forward;
  forward.action = Action::forward;
  forward.role = Role::dispatcher;
  forward.actor = "调度员";
  forward.at = kNow;
  forward.department = "工程部";
  must(desk.staff->act(filed.number, forward));
  later.items[0].outbox_id = 1001;
  later.tickets[0].department = "客服部";
  must(desk.store->store_synced(later, kNow));
  const Ticket desk_copy = must(desk.tickets->find(filed.number)).value();
  EXPECT_EQ(desk_copy.department, "工程部");
  EXPECT_EQ(desk_copy.status, Status::forwarded);
}

TEST_F(DeskStoreTest, TheFeedCarriesDeskEventsOnlyAndMovesTheCursorPastKioskEvents) {
  const Ticket a = kiosk.file_one("a");
  kiosk.file_one("b");
  must(desk.store->store_synced(pending_batch(), kNow));
  ChangeFeed quiet = must(desk.store->changes_for_kiosk("K1", 0, 10));
  EXPECT_TRUE(quiet.updates.empty());
  EXPECT_EQ(quiet.cursor, desk.rows("events"));  // skipped past the kiosk's own events
  EXPECT_FALSE(quiet.more);

  ActionRequest forward;
  forward.action = Action::forward;
  forward.role = Role::dispatcher;
  forward.actor = "调度员";
  forward.at = kNow;
  forward.department = "工程部";
  must(desk.staff->act(a.number, forward));
  ChangeFeed feed = must(desk.store->changes_for_kiosk("K1", quiet.cursor, 10));
  ASSERT_EQ(feed.updates.size(), 1u);
  EXPECT_EQ(feed.updates[0].ticket.status, Status::forwarded);
  ASSERT_EQ(feed.updates[0].events.size(), 1u);
  EXPECT_EQ(feed.updates[0].events[0].event.action, "forward");
  EXPECT_GT(feed.cursor, quiet.cursor);
  EXPECT_TRUE(must(desk.store->changes_for_kiosk("K1", feed.cursor, 10)).updates.empty());
  EXPECT_TRUE(must(desk.store->changes_for_kiosk("K2", 0, 10)).updates.empty());
}

TEST_F(DeskStoreTest, TheFeedPagesWithMore) {
  std::vector<Ticket> filed;
  for (int i = 0; i < 3; ++i) filed.push_back(kiosk.file_one("x" + std::to_string(i)));
  must(desk.store->store_synced(pending_batch(), kNow));
  for (const Ticket& ticket : filed) {
    ActionRequest forward;
    forward.action = Action::forward;
    forward.role = Role::dispatcher;
    forward.actor = "d";
    forward.at = kNow;
    forward.department = "工程部";
    must(desk.staff->act(ticket.number, forward));
  }
  std::int64_t cursor = 0;
  int pages = 0;
  int events = 0;
  while (true) {
    ChangeFeed feed = must(desk.store->changes_for_kiosk("K1", cursor, 2));
    ++pages;
    for (const StatusUpdate& update : feed.updates) events += static_cast<int>(update.events.size());
    cursor = feed.cursor;
    if (!feed.more) break;
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(events, 3);
}

TEST_F(DeskStoreTest, ANonceIsAcceptedOncePerKiosk) {
  ASSERT_TRUE(desk.store->remember_nonce("K1", "n1", kNow, kNow - std::chrono::seconds(600)).ok());
  auto replay = desk.store->remember_nonce("K1", "n1", kNow, kNow - std::chrono::seconds(600));
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, ErrorCode::conflict);
  EXPECT_EQ(replay.error().key, "desk.error.replay");
  EXPECT_TRUE(desk.store->remember_nonce("K2", "n1", kNow, kNow - std::chrono::seconds(600)).ok());
  // Old nonces are forgotten: the timestamp window refuses such requests anyway.
  const Instant later = kNow + std::chrono::seconds(3600);
  EXPECT_TRUE(desk.store->remember_nonce("K1", "n2", later, later - std::chrono::seconds(600)).ok());
  EXPECT_EQ(desk.rows("sync_nonces"), 1);
}

TEST_F(DeskStoreTest, KiosksAndUsersAreUnique) {
  ASSERT_TRUE(desk.store->add_kiosk(KioskRecord{"K1", kTestKey, kNow, std::nullopt}).ok());
  EXPECT_EQ(desk.store->add_kiosk(KioskRecord{"K1", kTestKey, kNow, std::nullopt}).error().code,
            ErrorCode::conflict);
  EXPECT_EQ(must(desk.store->find_kiosk("K1"))->key_hex, kTestKey);
  EXPECT_FALSE(must(desk.store->find_kiosk("K9")).has_value());
  const StaffUser user =
      must(desk.store->add_user(StaffUser{0, "alice", Role::handler, "$argon2id$x", kNow}));
  EXPECT_GT(user.id, 0);
  EXPECT_EQ(desk.store->add_user(user).error().code, ErrorCode::conflict);
  EXPECT_EQ(must(desk.store->find_user("alice"))->role, Role::handler);
}

TEST_F(DeskStoreTest, ReopeningKeepsEverything) {
  kiosk.file_one("a");
  must(desk.store->store_synced(pending_batch(), kNow));
  desk.store.reset();
  auto reopened = SqliteDeskStore::open(dir.file("desk.db"));
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(must((*reopened)->count_rows("synced_items")), 2);
  EXPECT_EQ(SqliteDeskStore::latest_desk_schema_version(), 2);  // 2: the console queue indexes
}

}  // namespace
}  // namespace complaint::testing
