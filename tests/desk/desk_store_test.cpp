// The desk store suite, run unchanged against SQLite and PostgreSQL (desk_store_fixture.h):
// filing and numbers, stale revisions, listing, idempotent storage of synced batches, the
// kiosk/desk ownership rule, the change feed back to kiosks, nonces, registry, users,
// reopening; with a fault sibling (a failing statement mid-batch rolls the batch back).
#include <algorithm>
#include <atomic>
#include <cctype>
#include <fstream>
#include <functional>
#include <iterator>
#include <thread>

#include "core/domain/ticket_number.h"
#include "desk_store_fixture.h"
#include "drivers/postgres/pg_desk_store.h"
#include "postgres_server.h"

namespace complaint::testing {
namespace {

class DeskStoreTest : public DeskStoreFixture {
 protected:
  void SetUp() override {
    DeskStoreFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    kiosk = std::make_unique<KioskSide>(dir.file("kiosk.db"), clock);
  }

  SyncBatch pending_batch(int limit = 0) { return kiosk->pending_batch(limit); }

  // A ticket filed at the desk `age` ago (walk-in, named unless anonymous).
  Ticket file(std::chrono::minutes age, const std::string& category = "service_quality") {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "walk_in";
    draft.category = category;
    draft.content = "desk " + std::to_string(++m_count);
    draft.customer_name = "赵六";
    draft.phone = "1390013" + std::to_string(1000 + m_count);
    draft.filed_at = kNow - age;
    return must(staff->file(draft, FilingContext{"clerk", Role::intake_clerk}));
  }

  Ticket act(const std::string& number, Action action, const std::string& department = "营业部") {
    ActionRequest request;
    request.action = action;
    request.role = Role::dispatcher;
    request.actor = "调度员";
    request.at = kNow;
    request.department = department;
    return must(staff->act(number, request));
  }

  // A staff action `after` kNow, by `actor` in `role`, with its note (a reason, for some).
  static ActionRequest staff_request(Action action, Role role, const std::string& actor,
                                     const std::string& note, std::chrono::minutes after) {
    ActionRequest request;
    request.action = action;
    request.role = role;
    request.actor = actor;
    request.at = kNow + after;
    request.note = note;
    return request;
  }

  std::unique_ptr<KioskSide> kiosk;  // always SQLite: the kiosk's own store

 private:
  int m_count = 0;
};

TEST_P(DeskStoreTest, FilingNumbersTheTicketAndStoresItsEventAndOutboxTogether) {
  const Ticket first = file(std::chrono::minutes(5));
  const Ticket second = file(std::chrono::minutes(4));
  EXPECT_NE(first.number, second.number);
  EXPECT_TRUE(parse_ticket_number(first.number).ok()) << first.number;
  EXPECT_EQ(first.revision, 1);
  const Ticket found = must(tickets->find(first.number)).value();
  EXPECT_EQ(found.content, first.content);
  EXPECT_EQ(found.customer_name, "赵六");
  EXPECT_EQ(found.deadlines.forward_by, first.deadlines.forward_by);
  EXPECT_EQ(found.filed_at, kNow - std::chrono::minutes(5));
  EXPECT_FALSE(must(tickets->find("WH01-K1-20200101-0001-X")).has_value());
  const auto events = must(tickets->events(first.number));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "file");
  EXPECT_EQ(must(tickets->count_tickets()), 2);
  EXPECT_EQ(must(tickets->outbox(0)).size(), 4u);  // a ticket row and an event row per filing
  EXPECT_EQ(must(tickets->count_unsent()), 4);
}

TEST_P(DeskStoreTest, AStaleRevisionIsAConflictAndChangesNothing) {
  const Ticket filed = file(std::chrono::minutes(5));
  const Ticket forwarded = act(filed.number, Action::forward);
  EXPECT_EQ(forwarded.status, Status::forwarded);
  EXPECT_EQ(forwarded.revision, 2);
  Ticket stale = filed;
  stale.department = "信贷部";
  TicketEvent event;
  event.action = "forward";
  event.actor = "x";
  event.role = "supervisor";
  event.at = kNow;
  event.data_json = "{}";
  const auto refused = tickets->apply(stale, event);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(must(tickets->find(filed.number))->department, "营业部");
  EXPECT_EQ(must(tickets->events(filed.number)).size(), 2u);
}

TEST_P(DeskStoreTest, ListFiltersByStatusCategoryAndOverdue) {
  const Ticket a = file(std::chrono::hours(3));  // forward_by (1 h) has passed
  file(std::chrono::minutes(5), "product");
  act(a.number, Action::forward);
  TicketQuery filed;
  filed.status = Status::filed;
  EXPECT_EQ(must(tickets->list(filed)).size(), 1u);
  TicketQuery product;
  product.category = "product";
  EXPECT_EQ(must(tickets->list(product)).size(), 1u);
  TicketQuery overdue;
  overdue.overdue_at = kNow + std::chrono::hours(2);  // the product ticket's forward_by passes too
  EXPECT_EQ(must(tickets->list(overdue)).size(), 1u);
  EXPECT_EQ(must(tickets->latest_by_phone_category(a.phone, a.category, kNow - std::chrono::hours(24))),
            std::optional<std::string>(a.number));
}

TEST_P(DeskStoreTest, ABatchDeliveredTwiceIsStoredOnce) {
  for (int i = 0; i < 3; ++i) kiosk->file_one("排队 " + std::to_string(i));
  const SyncBatch batch = pending_batch();
  ASSERT_EQ(batch.items.size(), 6u);  // a ticket row and its "file" event per ticket
  must(desk->add_kiosk(registered_kiosk("K1", FakeSigner(), kNow)));

  const StoredBatch first = must(desk->store_synced(batch, kNow));
  EXPECT_EQ(first.tickets_added, 3);
  EXPECT_EQ(first.events_added, 3);
  EXPECT_EQ(first.duplicates, 0);
  const StoredBatch second = must(desk->store_synced(batch, kNow));
  EXPECT_EQ(second.tickets_added, 0);
  EXPECT_EQ(second.events_added, 0);
  EXPECT_EQ(second.duplicates, 6);
  EXPECT_EQ(second.acknowledged, first.acknowledged);
  EXPECT_EQ(rows("tickets"), 3);
  EXPECT_EQ(rows("events"), 3);
  EXPECT_EQ(rows("synced_items"), 6);
  EXPECT_EQ(must(desk->find_kiosk("K1"))->last_sync_at, std::optional<Instant>(kNow));
  // The desk copy is the kiosk's ticket, identity and content alike.
  const Ticket original = must(kiosk->store->find(batch.tickets[0].number)).value();
  const Ticket copy = must(tickets->find(original.number)).value();
  EXPECT_EQ(copy.tracking_token, original.tracking_token);
  EXPECT_EQ(copy.content, original.content);
  EXPECT_EQ(copy.deadlines.forward_by, original.deadlines.forward_by);
  EXPECT_EQ(copy.kiosk_id, "K1");
}

TEST_P(DeskStoreTest, OverlappingBatchesAddOnlyTheNewItems) {
  kiosk->file_one("a");
  const SyncBatch first = pending_batch();
  kiosk->file_one("b");
  const SyncBatch both = pending_batch();
  must(desk->store_synced(first, kNow));
  const StoredBatch stored = must(desk->store_synced(both, kNow));
  EXPECT_EQ(stored.duplicates, 2);
  EXPECT_EQ(stored.tickets_added, 1);
  EXPECT_EQ(rows("tickets"), 2);
  EXPECT_EQ(rows("events"), 2);
}

TEST_P(DeskStoreTest, AFailingStatementMidBatchChangesNothing) {
  kiosk->file_one("a");
  kiosk->file_one("b");
  SyncBatch batch = pending_batch();
  // The second ticket's tracking token collides with the first's: its INSERT fails
  // after the first ticket and event were written inside the same transaction.
  batch.tickets[1].tracking_token = batch.tickets[0].tracking_token;
  auto stored = desk->store_synced(batch, kNow);
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(rows("tickets"), 0);
  EXPECT_EQ(rows("events"), 0);
  EXPECT_EQ(rows("synced_items"), 0);
  // The store is usable afterwards: the corrected batch goes in whole.
  batch.tickets[1] = pending_batch().tickets[1];
  EXPECT_EQ(must(desk->store_synced(batch, kNow)).tickets_added, 2);
}

TEST_P(DeskStoreTest, AnItemWithoutItsTicketIsRefusedAndChangesNothing) {
  kiosk->file_one("a");
  kiosk->file_one("b");
  SyncBatch batch = pending_batch();
  batch.tickets.pop_back();  // the second ticket's items have no snapshot
  const auto stored = desk->store_synced(batch, kNow);
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(rows("tickets"), 0);
  EXPECT_EQ(rows("synced_items"), 0);
}

TEST_P(DeskStoreTest, ATicketOfAnotherKioskIsRefusedAndChangesNothing) {
  kiosk->file_one("a");
  const SyncBatch batch = pending_batch();
  must(desk->store_synced(batch, kNow));
  SyncBatch other = batch;
  other.kiosk_id = "K2";  // claims K1's ticket
  const StoredBatch stored = must(desk->store_synced(other, kNow));
  EXPECT_TRUE(stored.acknowledged.empty());
  ASSERT_EQ(stored.refused.size(), 2u);
  EXPECT_EQ(stored.refused[0].reason.code, ErrorCode::forbidden);
  EXPECT_EQ(stored.refused[0].reason.key, "desk.refused.wrong_kiosk");
  EXPECT_EQ(rows("synced_items"), 2);
}

TEST_P(DeskStoreTest, KioskSnapshotsUpdateTheDeskCopyUntilTheDeskActs) {
  const Ticket filed = kiosk->file_one("a");
  must(desk->store_synced(pending_batch(), kNow));
  // A later snapshot from the kiosk (as after a kiosk-side edit) wins while the desk has not acted...
  SyncBatch later = pending_batch();
  later.tickets = {filed};
  later.tickets[0].address = "3栋2单元";
  later.items = {SyncItem{1000, SyncItemKind::ticket, filed.number, std::nullopt}};
  must(desk->store_synced(later, kNow));
  EXPECT_EQ(must(tickets->find(filed.number))->address, "3栋2单元");
  // ...but once staff acted at the desk, the desk owns the state.
  act(filed.number, Action::forward, "工程部");
  later.items[0].outbox_id = 1001;
  later.tickets[0].address = "5栋";
  later.tickets[0].department = "客服部";  // the desk's state as the feed brought it: ignored, not refused
  const StoredBatch ignored = must(desk->store_synced(later, kNow));
  EXPECT_TRUE(ignored.refused.empty());
  const Ticket desk_copy = must(tickets->find(filed.number)).value();
  EXPECT_EQ(desk_copy.department, "工程部");
  EXPECT_EQ(desk_copy.address, "3栋2单元");
  EXPECT_EQ(desk_copy.status, Status::forwarded);
}

// The attacks of issue 17 in one batch from a signed kiosk: non-canonical spellings of a
// number it already sends, a brand-new ticket already archived and rated with a supervisor's
// event, 900 KB of content, NUL, ESC and a right-to-left override. Each is refused with its
// reason; the two genuine tickets around them are stored, once each, and nothing else.
TEST_P(DeskStoreTest, AttackItemsAreRefusedWithTheirReasonAndOnlyTheGoodOnesStoredOnce) {
  const Ticket first = kiosk->file_one("排队一小时");
  const Ticket last = kiosk->file_one("窗口只开一个");
  const SyncBatch pending = pending_batch();
  ASSERT_EQ(pending.items.size(), 4u);
  const TicketEvent file_event = pending.items[1].event.value();
  const TicketNumberParts parts = must(parse_ticket_number(first.number));

  struct Attack {
    std::string what;
    Ticket ticket;
    TicketEvent event;
    std::string field;
    std::string key;
  };
  std::vector<Attack> attacks;
  // Each attack is a ticket of its own: `change` breaks one thing in a fresh kiosk ticket.
  const auto attack = [&](std::string what, const std::function<void(Ticket&, TicketEvent&)>& change,
                          std::string field, std::string key) {
    Ticket ticket = first;
    ticket.number = format_ticket_number(
        {parts.site_code, parts.kiosk_id, parts.local_date, 50 + static_cast<std::int64_t>(attacks.size())});
    TicketEvent event = file_event;
    change(ticket, event);
    event.ticket_number = ticket.number;
    attacks.push_back(Attack{std::move(what), ticket, event, std::move(field), std::move(key)});
  };
  std::string lower = first.number;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string& variant :
       {lower, first.number + " ", " " + first.number, first.number + "\t", first.number + "\n",
        first.number.substr(0, 5) + " " + first.number.substr(5)}) {
    attack(
        "variant '" + variant + "'", [&](Ticket& t, TicketEvent&) { t.number = variant; }, "number",
        "error.number.not_canonical");
  }
  attack(
      "new, archived and rated, with a supervisor's event",
      [](Ticket& t, TicketEvent& e) {
        t.status = Status::archived;
        t.satisfaction = Satisfaction::satisfied;
        t.supervisor = "sup";
        e.action = "archive";
        e.role = "supervisor";
        e.actor = "sup";
        e.to = Status::archived;
      },
      "status", "desk.refused.not_kiosk_state");
  attack(
      "900 KB of content", [](Ticket& t, TicketEvent&) { t.content = std::string(900 * 1024, 'x'); },
      "content", "error.text.too_long");
  attack(
      "NUL", [](Ticket& t, TicketEvent&) { t.content = std::string("a\0b", 3); }, "content",
      "error.text.control");
  attack(
      "ESC", [](Ticket& t, TicketEvent&) { t.address = "\x1B[2J3栋"; }, "address", "error.text.control");
  attack(
      "RLO", [](Ticket& t, TicketEvent&) { t.content = "invoice\u202Etxt.exe"; }, "content",
      "error.text.control");
  attack(
      "a good ticket filed by a supervisor", [](Ticket&, TicketEvent& e) { e.role = "supervisor"; }, "role",
      "desk.refused.not_kiosk_event");

  // The genuine first ticket, the attacks, the genuine last ticket: as one signed kiosk's batch.
  SyncBatch batch;
  batch.kiosk_id = "K1";
  batch.tickets.push_back(pending.tickets[0]);
  batch.items = {pending.items[0], pending.items[1]};
  std::int64_t outbox_id = 100;
  for (const Attack& a : attacks) {
    batch.tickets.push_back(a.ticket);
    batch.items.push_back(SyncItem{++outbox_id, SyncItemKind::ticket, a.ticket.number, std::nullopt});
    batch.items.push_back(SyncItem{++outbox_id, SyncItemKind::event, a.ticket.number, a.event});
  }
  batch.tickets.push_back(pending.tickets[1]);
  for (SyncItem item : {pending.items[2], pending.items[3]}) {
    item.outbox_id = ++outbox_id;
    batch.items.push_back(item);
  }
  batch = must(batch_from_json(batch_to_json(batch)));  // as the desk receives it
  must(desk->add_kiosk(registered_kiosk("K1", FakeSigner(), kNow)));

  const StoredBatch stored = must(desk->store_synced(batch, kNow));
  EXPECT_EQ(stored.tickets_added, 2);
  EXPECT_EQ(stored.events_added, 2);
  EXPECT_EQ(stored.acknowledged.size(), 4u);
  ASSERT_EQ(stored.refused.size(), 2 * attacks.size());
  for (std::size_t i = 0; i < attacks.size(); ++i) {
    for (const ItemRefusal& refusal : {stored.refused[2 * i], stored.refused[2 * i + 1]}) {
      EXPECT_EQ(refusal.ticket_number, attacks[i].ticket.number) << attacks[i].what;
      EXPECT_EQ(refusal.reason.field, attacks[i].field) << attacks[i].what << ": " << refusal.reason.message;
      EXPECT_EQ(refusal.reason.key, attacks[i].key) << attacks[i].what << ": " << refusal.reason.message;
    }
  }
  EXPECT_EQ(rows("tickets"), 2);
  EXPECT_EQ(rows("events"), 2);
  EXPECT_EQ(rows("synced_items"), 4);
  const std::vector<Ticket> everything = must(tickets->list(TicketQuery{}));
  ASSERT_EQ(everything.size(), 2u);  // the register an export reads: each ticket once
  for (const Ticket& ticket : everything) {
    EXPECT_TRUE(ticket.number == first.number || ticket.number == last.number) << ticket.number;
    EXPECT_EQ(ticket.status, Status::filed);
  }
  EXPECT_EQ(must(tickets->events(first.number)).size(), 1u);
}

TEST_P(DeskStoreTest, TheFeedCarriesDeskEventsOnlyAndMovesTheCursorPastKioskEvents) {
  const Ticket a = kiosk->file_one("a");
  kiosk->file_one("b");
  must(desk->store_synced(pending_batch(), kNow));
  ChangeFeed quiet = must(desk->changes_for_kiosk("K1", 0, 10));
  EXPECT_TRUE(quiet.updates.empty());
  // SQLite jumps past the kiosk's own events (its horizon is the newest event); PostgreSQL's
  // horizon is the newest desk-made event (none yet), and its feed reads desk-made events
  // only, so it has nothing to skip.
  EXPECT_EQ(quiet.cursor, GetParam() == StoreKind::sqlite ? rows("events") : 0);
  EXPECT_FALSE(quiet.more);

  act(a.number, Action::forward, "工程部");
  ChangeFeed feed = must(desk->changes_for_kiosk("K1", quiet.cursor, 10));
  ASSERT_EQ(feed.updates.size(), 1u);
  EXPECT_EQ(feed.updates[0].ticket.number, a.number);
  EXPECT_EQ(feed.updates[0].ticket.status, Status::forwarded);
  ASSERT_EQ(feed.updates[0].events.size(), 1u);
  EXPECT_EQ(feed.updates[0].events[0].event.action, "forward");
  EXPECT_GT(feed.cursor, quiet.cursor);
  EXPECT_TRUE(must(desk->changes_for_kiosk("K1", feed.cursor, 10)).updates.empty());
  EXPECT_TRUE(must(desk->changes_for_kiosk("K2", 0, 10)).updates.empty());
  // From the start, too, only the desk's event comes back.
  EXPECT_EQ(must(desk->changes_for_kiosk("K1", 0, 10)).updates.size(), 1u);
}

TEST_P(DeskStoreTest, TheFeedPagesWithMore) {
  std::vector<Ticket> filed;
  for (int i = 0; i < 3; ++i) filed.push_back(kiosk->file_one("x" + std::to_string(i)));
  must(desk->store_synced(pending_batch(), kNow));
  for (const Ticket& ticket : filed) act(ticket.number, Action::forward, "工程部");
  std::int64_t cursor = 0;
  int pages = 0;
  int events = 0;
  while (true) {
    ChangeFeed feed = must(desk->changes_for_kiosk("K1", cursor, 2));
    ++pages;
    for (const StatusUpdate& update : feed.updates) events += static_cast<int>(update.events.size());
    EXPECT_GE(feed.cursor, cursor);
    cursor = feed.cursor;
    if (!feed.more) break;
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(events, 3);
}

TEST_P(DeskStoreTest, ANonceIsAcceptedOncePerKiosk) {
  ASSERT_TRUE(desk->remember_nonce("K1", "n1", kNow, kNow - std::chrono::seconds(600)).ok());
  auto replay = desk->remember_nonce("K1", "n1", kNow, kNow - std::chrono::seconds(600));
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, ErrorCode::conflict);
  EXPECT_EQ(replay.error().key, "desk.error.replay");
  EXPECT_TRUE(desk->remember_nonce("K2", "n1", kNow, kNow - std::chrono::seconds(600)).ok());
  // Old nonces are forgotten: the timestamp window refuses such requests anyway.
  const Instant later = kNow + std::chrono::seconds(3600);
  EXPECT_TRUE(desk->remember_nonce("K1", "n2", later, later - std::chrono::seconds(600)).ok());
  EXPECT_EQ(rows("sync_nonces"), 1);
}

TEST_P(DeskStoreTest, KiosksAndUsersAreUnique) {
  const KioskRecord k1 = registered_kiosk("K1", FakeSigner(), kNow);
  ASSERT_TRUE(desk->add_kiosk(k1).ok());
  EXPECT_EQ(desk->add_kiosk(k1).error().code, ErrorCode::conflict);
  EXPECT_EQ(must(desk->find_kiosk("K1"))->keys, k1.keys);
  EXPECT_FALSE(must(desk->find_kiosk("K9")).has_value());
  EXPECT_EQ(must(desk->kiosks()).size(), 1u);
  const StaffUser user = must(desk->add_user(StaffUser{0, "alice", Role::handler, "$argon2id$x", kNow}));
  EXPECT_GT(user.id, 0);
  EXPECT_EQ(desk->add_user(user).error().code, ErrorCode::conflict);
  const auto found = must(desk->find_user("alice"));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->role, Role::handler);
  EXPECT_EQ(found->password_hash, "$argon2id$x");
  EXPECT_EQ(found->created_at, kNow);
  EXPECT_FALSE(must(desk->find_user("bob")));
  EXPECT_EQ(desk->count_rows("no_such_table").error().code, ErrorCode::invalid_input);
}

TEST_P(DeskStoreTest, AccountsKeepTheirDepartmentsAndDisabledFlagAndCanBeChanged) {
  StaffUser hank{0, "hank", Role::handler, "$argon2id$x", kNow};
  hank.departments = {"营业部", "credit"};
  must(desk->add_user(hank));
  must(desk->add_user(StaffUser{0, "ann", Role::dispatcher, "$argon2id$y", kNow}));
  reopen();
  auto found = must(desk->find_user("hank"));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->departments, (std::vector<std::string>{"营业部", "credit"}));
  EXPECT_FALSE(found->disabled);
  found->departments = {"credit"};
  found->disabled = true;
  found->role = Role::dispatcher;
  found->password_hash = "$argon2id$z";
  EXPECT_TRUE(must(desk->update_user(*found)));
  StaffUser nobody{0, "nobody", Role::handler, "h", kNow};
  EXPECT_FALSE(must(desk->update_user(nobody)));
  reopen();
  const auto users = must(desk->users());
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].name, "ann");
  EXPECT_TRUE(users[0].departments.empty());
  EXPECT_EQ(users[1].name, "hank");
  EXPECT_EQ(users[1].departments, (std::vector<std::string>{"credit"}));
  EXPECT_TRUE(users[1].disabled);
  EXPECT_EQ(users[1].role, Role::dispatcher);
  EXPECT_EQ(users[1].password_hash, "$argon2id$z");
  EXPECT_EQ(rows("staff_users"), 2);
}

TEST_P(DeskStoreTest, TheQueueOfAnAccountWithDepartmentsHoldsOnlyTheirTickets) {
  const Ticket a = file(std::chrono::minutes(30));
  const Ticket b = file(std::chrono::minutes(20));
  const Ticket c = file(std::chrono::minutes(10));
  act(a.number, Action::forward, "营业部");
  act(b.number, Action::forward, "credit");
  DeskQueueQuery query;
  query.now = kNow;
  EXPECT_EQ(must(desk->queue(query)).total, 3);
  query.departments_in = std::vector<std::string>{"营业部"};
  DeskQueuePage page = must(desk->queue(query));
  ASSERT_EQ(page.tickets.size(), 1u);
  EXPECT_EQ(page.tickets[0].number, a.number);
  EXPECT_EQ(page.total, 1);
  query.departments_in = std::vector<std::string>{"营业部", "credit"};
  EXPECT_EQ(must(desk->queue(query)).total, 2);
  query.departments_in = std::vector<std::string>{};
  page = must(desk->queue(query));
  EXPECT_EQ(page.total, 0) << "an account of no department sees nothing, not everything";
  EXPECT_TRUE(page.tickets.empty());
  (void)c;
}

// Reassign (core/workflow): an audited action with both sides and the reason, stored on both
// engines and sent back to the kiosk that filed the ticket like every desk event.
TEST_P(DeskStoreTest, AReassignIsAuditedAndReachesTheKioskFeed) {
  const Ticket filed = kiosk->file_one("a");
  must(desk->store_synced(pending_batch(), kNow));
  act(filed.number, Action::forward, "营业部");
  ActionRequest request =
      staff_request(Action::reassign, Role::dispatcher, "调度员", "贷款业务", std::chrono::minutes(5));
  request.department = "credit";
  request.assignee = "hank";
  const Ticket moved = must(staff->act(filed.number, request));
  EXPECT_EQ(moved.department, "credit");
  EXPECT_EQ(moved.handler, "hank");
  EXPECT_EQ(moved.status, Status::forwarded);
  reopen();
  EXPECT_EQ(must(tickets->find(filed.number))->department, "credit");
  const auto events = must(tickets->events(filed.number));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].action, "reassign");
  EXPECT_EQ(events[2].note, "贷款业务");
  EXPECT_NE(events[2].data_json.find("\"from_department\":\"营业部\""), std::string::npos)
      << events[2].data_json;
  EXPECT_NE(events[2].data_json.find("\"department\":\"credit\""), std::string::npos) << events[2].data_json;
  EXPECT_NE(events[2].data_json.find("\"assignee\":\"hank\""), std::string::npos) << events[2].data_json;

  // Without a reason, or to where it already is: refused, nothing stored.
  request.note.clear();
  EXPECT_EQ(staff->act(filed.number, request).error().code, ErrorCode::invalid_input);
  request.note = "again";
  EXPECT_EQ(staff->act(filed.number, request).error().key, "error.workflow.reassign_same");
  EXPECT_EQ(must(tickets->events(filed.number)).size(), 3u);

  const ChangeFeed feed = must(desk->changes_for_kiosk("K1", 0, 10));
  ASSERT_EQ(feed.updates.size(), 1u);
  EXPECT_EQ(feed.updates[0].ticket.department, "credit");
  ASSERT_EQ(feed.updates[0].events.size(), 2u);
  EXPECT_EQ(feed.updates[0].events[1].event.action, "reassign");
  // The kiosk takes it like any other desk event.
  EXPECT_EQ(must(kiosk->sync->apply_remote(feed.updates, feed.cursor)), 2);
  EXPECT_EQ(must(kiosk->store->find(filed.number))->department, "credit");
  const auto kiosk_events = must(kiosk->store->events(filed.number));
  EXPECT_EQ(kiosk_events.back().action, "reassign");
}

// Correcting intake (docs/DOMAIN.md §4c) on both engines: the class, severity, major flag and
// recomputed deadline are stored with one audited event each, a declared major ticket gets its
// notice for the leaders, forged input changes nothing, and the kiosk hears of it by the feed.
TEST_P(DeskStoreTest, AReclassificationIsStoredAuditedNotifiedAndReachesTheKioskFeed) {
  config.deadlines.resolve_light = Period{3, PeriodUnit::hours};
  const Ticket filed = kiosk->file_one("网点系统停电无法办理");
  must(desk->store_synced(pending_batch(), kNow));
  act(filed.number, Action::forward, "营业部");
  ActionRequest request = staff_request(Action::reclassify, Role::dispatcher, "调度员",
                                        "供电公司停电，非我司原因", std::chrono::minutes(5));
  request.category = "not_our_responsibility";
  const Ticket light = must(staff->act(filed.number, request));
  EXPECT_EQ(light.category, "not_our_responsibility");
  EXPECT_EQ(light.severity, Severity::light);
  EXPECT_EQ(light.deadlines.resolve_by, filed.filed_at + std::chrono::hours(3));

  const ActionRequest declare = staff_request(Action::declare_major, Role::handler, "经办人",
                                              "客户为人大代表，声誉风险", std::chrono::minutes(6));
  must(staff->act(filed.number, declare));
  reopen();
  const Ticket stored = *must(tickets->find(filed.number));
  EXPECT_EQ(stored.category, "not_our_responsibility");
  EXPECT_TRUE(stored.major);
  EXPECT_EQ(stored.severity, Severity::major);
  EXPECT_EQ(stored.major_reasons, std::vector<std::string>{"declared"});
  EXPECT_EQ(stored.deadlines.resolve_by, filed.filed_at + std::chrono::hours(48));
  const auto events = must(tickets->events(filed.number));
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[2].action, "reclassify");
  EXPECT_EQ(events[2].note, "供电公司停电，非我司原因");
  EXPECT_NE(events[2].data_json.find("\"to\":\"not_our_responsibility\""), std::string::npos)
      << events[2].data_json;
  EXPECT_NE(events[2].data_json.find("\"resolve_by\":{\"from\""), std::string::npos) << events[2].data_json;
  EXPECT_EQ(events[3].action, "declare_major");
  EXPECT_EQ(events[3].role, "handler");
  // The leaders are told as for a ticket filed major (the filing was not).
  if (notices != nullptr) {
    const auto told = must(notices->ticket_notices(filed.number));
    EXPECT_EQ(std::count_if(told.begin(), told.end(),
                            [&](const Notice& n) { return n.key == "major:" + filed.number; }),
              1);
  }

  // Forged or incomplete: an unknown category, no reason, a handler lowering major: nothing stored.
  request.category = "no_such_category";
  EXPECT_EQ(staff->act(filed.number, request).error().key, "error.workflow.unknown_category");
  request.category = "service_quality";
  request.note.clear();
  EXPECT_EQ(staff->act(filed.number, request).error().key, "error.workflow.reason_missing");
  ActionRequest clear = declare;
  clear.action = Action::clear_major;
  EXPECT_EQ(staff->act(filed.number, clear).error().key, "error.workflow.role_forbidden");
  EXPECT_EQ(must(tickets->events(filed.number)).size(), 4u);
  EXPECT_EQ(must(tickets->find(filed.number))->revision, stored.revision);

  const ChangeFeed feed = must(desk->changes_for_kiosk("K1", 0, 10));
  ASSERT_EQ(feed.updates.size(), 1u);
  EXPECT_EQ(feed.updates[0].ticket.category, "not_our_responsibility");
  ASSERT_EQ(feed.updates[0].events.size(), 3u);
  EXPECT_EQ(feed.updates[0].events[1].event.action, "reclassify");
  EXPECT_EQ(must(kiosk->sync->apply_remote(feed.updates, feed.cursor)), 3);
  const Ticket on_kiosk = *must(kiosk->store->find(filed.number));
  EXPECT_EQ(on_kiosk.category, "not_our_responsibility");
  EXPECT_EQ(on_kiosk.severity, Severity::major);
  EXPECT_EQ(on_kiosk.deadlines.resolve_by, stored.deadlines.resolve_by);
  EXPECT_EQ(must(kiosk->store->events(filed.number)).back().action, "declare_major");
}

TEST_P(DeskStoreTest, ReopeningKeepsEverything) {
  kiosk->file_one("a");
  must(desk->store_synced(pending_batch(), kNow));
  must(desk->add_kiosk(registered_kiosk("K1", FakeSigner(), kNow)));
  reopen();  // opening an existing database again must neither fail nor change it
  EXPECT_EQ(rows("synced_items"), 2);
  EXPECT_EQ(rows("kiosks"), 1);
  EXPECT_EQ(must(tickets->count_tickets()), 1);
  if (GetParam() == StoreKind::sqlite) {
    // 5: staff departments; 6: notices; 7: report digests; 8: their trigger's counts; 9: help
    // requests; 10: notices without a ticket; 11: search indexes; 12: attachments; 13: intake keys;
    // 14: the text index by character pairs; 15: check code stations
    EXPECT_EQ(SqliteDeskStore::latest_desk_schema_version(), 15);
  }
}

// The desk keeps a kiosk's public key; a shared key (from before Ed25519) only until the
// kiosk is re-keyed, and never both or neither.
TEST_P(DeskStoreTest, AKioskKeyIsReplacedAndTheSharedKeyForgotten) {
  const FakeSigner signer;
  // Longer than a public key, so the row shrinks and SQLite cannot overwrite it in place; a
  // pattern no other row holds, so that any 16 digits of it left behind are found below.
  std::string shared;
  for (int i = 0; i < 6; ++i) shared += "feedfacecafebeef";
  must(desk->add_kiosk(shared_key_kiosk("K1", kNow, shared)));
  must(desk->add_kiosk(registered_kiosk("K2", signer, kNow)));
  EXPECT_EQ(must(desk->find_kiosk("K1"))->keys, (KioskKeys{{}, shared}));
  const std::string fresh = must(kiosk_public_key_hex(signer, std::string(64, 'a')));
  EXPECT_TRUE(must(desk->replace_kiosk_key("K1", fresh)));
  EXPECT_EQ(must(desk->find_kiosk("K1"))->keys, (KioskKeys{fresh, {}}));
  EXPECT_TRUE(must(desk->replace_kiosk_key("K2", fresh)));
  EXPECT_EQ(must(desk->find_kiosk("K2"))->keys, (KioskKeys{fresh, {}}));
  EXPECT_FALSE(must(desk->replace_kiosk_key("K9", fresh)));
  EXPECT_EQ(rows("kiosks"), 2);
  EXPECT_FALSE(desk->add_kiosk(KioskRecord{"K3", KioskKeys{}, kNow, std::nullopt}).ok()) << "no key";
  EXPECT_FALSE(desk->add_kiosk(KioskRecord{"K4", KioskKeys{fresh, kTestKey}, kNow, std::nullopt}).ok())
      << "both keys";
  EXPECT_FALSE(desk->replace_kiosk_key("K1", "abc").ok()) << "a public key has 64 hex digits";
  if (GetParam() == StoreKind::sqlite) {
    // Nothing of the forgotten key is left in the database's files.
    reopen();
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream file(database() + suffix, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
      EXPECT_EQ(bytes.find("feedfacecafebeef"), std::string::npos)
          << "the shared key is still in desk.db" << suffix;
    }
  }
}

// A database from before Ed25519 (kiosks.key_hex, a shared HMAC key per kiosk) keeps its
// kiosks working: the key becomes the shared key, and can then be replaced.
TEST_P(DeskStoreTest, KiosksOfADatabaseFromBeforeEd25519KeepTheirSharedKey) {
  std::string old_schema = kiosks_table_before_ed25519() +
                           "INSERT INTO kiosks (kiosk_id, key_hex, created_at) VALUES ('K1', '" + kTestKey +
                           "', 1795400000);";
  if (GetParam() == StoreKind::sqlite)
    old_schema +=
        "UPDATE schema_extensions SET version = 3 WHERE name = 'desk';" + desk_tables_before_notices() +
        "ALTER TABLE staff_users DROP COLUMN departments; ALTER TABLE staff_users DROP COLUMN disabled;";
  ASSERT_TRUE(raw_sql(old_schema + older_release()));
  reopen();
  const auto k1 = must(desk->find_kiosk("K1"));
  ASSERT_TRUE(k1.has_value());
  EXPECT_EQ(k1->keys, (KioskKeys{{}, kTestKey}));
  EXPECT_EQ(k1->created_at, kNow);
  reopen();  // the upgrade runs once
  EXPECT_EQ(must(desk->find_kiosk("K1"))->keys, (KioskKeys{{}, kTestKey}));
  const std::string fresh = must(kiosk_public_key_hex(FakeSigner(), std::string(64, 'b')));
  EXPECT_TRUE(must(desk->replace_kiosk_key("K1", fresh)));
  EXPECT_EQ(must(desk->find_kiosk("K1"))->keys, (KioskKeys{fresh, {}}));
  EXPECT_FALSE(desk->add_kiosk(KioskRecord{"K2", KioskKeys{fresh, kTestKey}, kNow, std::nullopt}).ok())
      << "the upgraded table refuses a row with both keys";
}

// The numbering checks are core's check_new_ticket on every store: the same field, key and
// words for each bad input, and nothing stored. PostgreSQL used to put both station codes
// under site_code in words of its own.
TEST_P(DeskStoreTest, BadStationCodesAndDatesAreRefusedAlikeEachUnderItsOwnField) {
  struct Case {
    std::string site_code, kiosk_id, local_date, field;
  };
  const Case cases[] = {{"wh-01", "K1", "20261120", "site_code"},
                        {"WH01", "K1!", "20261120", "kiosk_id"},
                        {"WH01", "K1", "2026-11-20", "local_date"}};
  for (const Case& c : cases) {
    NewTicketRequest request;
    request.ticket.tracking_token = "token-" + c.field;
    request.ticket.kind = "complaint";
    request.ticket.channel = "walk_in";
    request.ticket.category = "service_quality";
    request.ticket.site_code = c.site_code;
    request.ticket.kiosk_id = c.kiosk_id;
    request.ticket.filed_at = kNow;
    request.ticket.recorded_at = kNow;
    request.first_event.at = kNow;
    request.first_event.action = "file";
    request.local_date = c.local_date;
    const auto refused = tickets->insert_new(request);
    ASSERT_FALSE(refused.ok()) << c.field;
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(refused.error().field, c.field);
    EXPECT_EQ(refused.error().key, c.field == "local_date" ? "error.date.invalid" : "error.station.invalid");
    EXPECT_EQ(refused.error().message, check_new_ticket(request).error().message);
  }
  EXPECT_EQ(must(tickets->count_tickets()), 0);
  EXPECT_EQ(rows("events"), 0);
}

// A status no Status names, written past the store, makes the row unreadable on both
// engines: a storage error naming the column. PostgreSQL used to read it as "filed".
TEST_P(DeskStoreTest, AnEventWithAnUnknownStatusIsAStorageErrorNotADefault) {
  const Ticket filed = file(std::chrono::minutes(5));
  ASSERT_TRUE(raw_sql(
      "INSERT INTO events (ticket_number, at, actor, role, action, from_status, to_status, note, data_json) "
      "VALUES ('" +
      filed.number + "', 1795400000, 'x', 'supervisor', 'forward', 'filed', 'sideways', '', '{}')"));
  const auto events = tickets->events(filed.number);
  ASSERT_FALSE(events.ok());
  EXPECT_EQ(events.error().code, ErrorCode::storage);
  EXPECT_NE(events.error().message.find("to_status"), std::string::npos) << events.error().message;
  const auto feed = desk->changes_for_kiosk(filed.kiosk_id, 0, 10);  // the feed reads the same rows
  ASSERT_FALSE(feed.ok());
  EXPECT_EQ(feed.error().code, ErrorCode::storage);
}

// A text in an integer column is never read as a number. SQLite stores it (its INTEGER
// columns only prefer integers) and used to read it as 0: now the row is a storage error.
// PostgreSQL's BIGINT column refuses the write itself, so such a row cannot exist there.
TEST_P(DeskStoreTest, ATextInAnIntegerColumnIsNeverReadAsANumber) {
  const Ticket filed = file(std::chrono::minutes(5));
  const bool written = raw_sql("UPDATE tickets SET filed_at = 'soon' WHERE number = '" + filed.number + "'");
  if (GetParam() == StoreKind::postgres) {
    EXPECT_FALSE(written);
    EXPECT_EQ(must(tickets->find(filed.number))->filed_at, filed.filed_at);
    return;
  }
  ASSERT_TRUE(written);
  const auto found = tickets->find(filed.number);
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code, ErrorCode::storage);
  EXPECT_NE(found.error().message.find("filed_at"), std::string::npos) << found.error().message;
}

// "Call staff": a kiosk's help requests arrive with a sync batch, once each by (kiosk, the
// kiosk's id) however often the batch comes, and stay open until one member of staff marks
// them attended; the second to try is told it is gone.
TEST_P(DeskStoreTest, HelpRequestsArriveOnceAndAreAttendedOnce) {
  SyncBatch batch;
  batch.kiosk_id = "K1";
  batch.help_requests = {{7, "details", "zh-CN", kNow - std::chrono::minutes(2)},
                         {8, "review", "en", kNow - std::chrono::minutes(1)}};
  const StoredBatch first = must(desk->store_synced(batch, kNow));
  EXPECT_EQ(first.help_acknowledged, (std::vector<std::int64_t>{7, 8}));
  EXPECT_EQ(must(desk->store_synced(batch, kNow + std::chrono::seconds(3))).help_acknowledged,
            first.help_acknowledged);  // the answer was lost: sent again, held already
  SyncBatch other;
  other.kiosk_id = "K2";
  other.help_requests = {{7, "welcome", "zh-CN", kNow}};
  must(desk->store_synced(other, kNow));
  EXPECT_EQ(rows("help_requests"), 3);

  std::vector<DeskHelpRequest> open = must(desk->open_help_requests(100));
  ASSERT_EQ(open.size(), 3u);
  EXPECT_EQ(open[0].kiosk_id, "K1");
  EXPECT_EQ(open[0].request, batch.help_requests[0]);
  EXPECT_EQ(open[0].received_at, kNow);
  EXPECT_EQ(open[1].request, batch.help_requests[1]);
  EXPECT_EQ(open[2].kiosk_id, "K2");
  EXPECT_EQ(must(desk->open_help_requests(1)).size(), 1u);

  EXPECT_TRUE(must(desk->attend_help_request(open[0].id, "大堂经理", kNow + std::chrono::minutes(1))));
  EXPECT_FALSE(must(desk->attend_help_request(open[0].id, "柜员", kNow + std::chrono::minutes(2))));
  EXPECT_FALSE(must(desk->attend_help_request(999999, "柜员", kNow)));
  open = must(desk->open_help_requests(100));
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].request.id, 8);
  EXPECT_EQ(raw_query("SELECT attended_by FROM help_requests WHERE kiosk_id = 'K1' AND kiosk_request_id = 7"),
            "大堂经理");
}

INSTANTIATE_TEST_SUITE_P(BothStores, DeskStoreTest, kBothStores, store_name);

// Two desks on one PostgreSQL database (behind a balancer): PostgreSQL only, because a SQLite
// file has one writer at a time, so its event ids always commit in order. A plpgsql trigger
// holds one desk's transaction open after its event got its id, while the other desk adds a
// later event; the kiosk's feed must still deliver both.
class DeskStoreTwoDesksTest : public DeskStoreTest {
 protected:
  // Events by the actor "slow" hold their transaction open for `seconds` after the insert.
  void slow_down_events(int seconds) {
    ASSERT_TRUE(shared_postgres_server().run_sql(
        database(),
        "CREATE FUNCTION slow_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.actor = "
        "'slow' THEN PERFORM pg_sleep(" +
            std::to_string(seconds) +
            "); END IF; RETURN NEW; END $$; CREATE TRIGGER slow_event AFTER INSERT ON events "
            "FOR EACH ROW EXECUTE FUNCTION slow_event();"));
  }
  static ActionRequest forward_by(const std::string& actor) {
    ActionRequest request;
    request.action = Action::forward;
    request.role = Role::dispatcher;
    request.actor = actor;
    request.at = kNow;
    request.department = "营业部";
    return request;
  }
  // The actors of the events the feeds delivered, sorted.
  static std::vector<std::string> actors(std::initializer_list<const ChangeFeed*> feeds) {
    std::vector<std::string> delivered;
    for (const ChangeFeed* feed : feeds) {
      for (const StatusUpdate& update : feed->updates)
        for (const RemoteEvent& remote : update.events) delivered.push_back(remote.event.actor);
    }
    std::sort(delivered.begin(), delivered.end());
    return delivered;
  }
};

TEST_P(DeskStoreTwoDesksTest, TheFeedNeverPassesAnEventAnotherDeskIsStillWriting) {
  const Ticket slow_ticket = kiosk->file_one("a");
  const Ticket quick_ticket = kiosk->file_one("b");
  must(desk->store_synced(pending_batch(), kNow));
  slow_down_events(1);
  std::unique_ptr<PgDeskStore> other_desk = must(PgDeskStore::open(database()));
  std::unique_ptr<PgDeskStore> reader = must(PgDeskStore::open(database()));
  FilingService other_staff(config, taxonomy, *calendar, *other_desk, clock);

  std::thread slow([&] { must(staff->act(slow_ticket.number, forward_by("slow"))); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // its event has an id by now
  const auto quick = other_staff.act(quick_ticket.number, forward_by("quick"));
  const ChangeFeed first = must(reader->changes_for_kiosk("K1", 0, 10));
  slow.join();
  ASSERT_TRUE(quick.ok()) << quick.error().message;
  const ChangeFeed second = must(reader->changes_for_kiosk("K1", first.cursor, 10));
  EXPECT_EQ(actors({&first, &second}), (std::vector<std::string>{"quick", "slow"}));
}

// Kiosk batches take no event-order lock: one stored on another desk while a desk-made event
// is still being written neither waits for it nor moves the feed past it, although its
// kiosk-made events get larger ids and commit first.
TEST_P(DeskStoreTwoDesksTest, AKioskBatchDoesNotWaitForADeskWriterNorLetTheFeedPassIt) {
  const Ticket slow_ticket = kiosk->file_one("a");
  must(desk->store_synced(pending_batch(), kNow));
  slow_down_events(2);
  std::unique_ptr<PgDeskStore> other_desk = must(PgDeskStore::open(database()));
  std::unique_ptr<PgDeskStore> reader = must(PgDeskStore::open(database()));

  std::atomic<bool> slow_done{false};
  std::thread slow([&] {
    must(staff->act(slow_ticket.number, forward_by("slow")));
    slow_done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // its event has an id by now
  kiosk->file_one("b");
  const StoredBatch later = must(other_desk->store_synced(pending_batch(), kNow));
  EXPECT_FALSE(slow_done) << "the kiosk batch waited for the desk's transaction";
  EXPECT_EQ(later.tickets_added, 1);
  const ChangeFeed first = must(reader->changes_for_kiosk("K1", 0, 10));
  slow.join();
  const ChangeFeed second = must(reader->changes_for_kiosk("K1", first.cursor, 10));
  EXPECT_EQ(actors({&first, &second}), (std::vector<std::string>{"slow"}));
}

// A database from before events.kiosk_made: opening it adds the column and marks the events
// kiosks sent (those with a synced_items row), so the feed still carries desk events only.
TEST_P(DeskStoreTwoDesksTest, AnOlderDatabaseHasItsKioskEventsMarkedOnOpening) {
  const Ticket a = kiosk->file_one("a");
  kiosk->file_one("b");
  must(desk->store_synced(pending_batch(), kNow));
  act(a.number, Action::forward, "工程部");
  ASSERT_TRUE(raw_sql("ALTER TABLE events DROP COLUMN kiosk_made;" + older_release()));
  reopen();
  const ChangeFeed feed = must(desk->changes_for_kiosk("K1", 0, 10));
  ASSERT_EQ(feed.updates.size(), 1u);
  ASSERT_EQ(feed.updates[0].events.size(), 1u);
  EXPECT_EQ(feed.updates[0].events[0].event.action, "forward");
  EXPECT_EQ(feed.cursor, rows("events"));  // the desk's event is the newest
}

INSTANTIATE_TEST_SUITE_P(PostgresOnly, DeskStoreTwoDesksTest, ::testing::Values(StoreKind::postgres),
                         store_name);

}  // namespace
}  // namespace complaint::testing
