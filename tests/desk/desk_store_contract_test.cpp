// The desk store suite, run unchanged against both stores behind the same interfaces:
// SQLite (SqliteDeskStore + SqliteTicketStore on one file) and PostgreSQL (PgDeskStore on a
// private server this test binary starts from Debian's packages, see postgres_server.h).
// Filing and numbers, stale revisions, listing, idempotent sync batches, the feed back to
// kiosks, nonces, registry, staff accounts and the console queue.
#include <algorithm>

#include "core/domain/ticket_number.h"
#include "desk/console_queue.h"
#include "desk/postgres/pg_desk_store.h"
#include "postgres_server.h"
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

const Instant kNow = Instant{std::chrono::seconds{1795400000}};

enum class StoreKind { sqlite, postgres };

PostgresServer& postgres() {
  return shared_postgres_server();
}

class DeskStoreContract : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override {
    if (GetParam() == StoreKind::sqlite) {
      m_sqlite_desk = must(SqliteDeskStore::open(dir.file("desk.db")));
      m_sqlite_tickets = must(SqliteTicketStore::open(dir.file("desk.db")));
      tickets = m_sqlite_tickets.get();
      desk = m_sqlite_desk.get();
    } else {
      if (!postgres().running()) GTEST_SKIP() << "no PostgreSQL server: " << postgres().why_not();
      static int counter = 0;
      const std::string conninfo = postgres().create_database("contract_" + std::to_string(++counter));
      ASSERT_FALSE(conninfo.empty()) << "createdb failed";
      ASSERT_TRUE(PgDeskStore::is_conninfo(conninfo));
      m_pg = must(PgDeskStore::open(conninfo));
      tickets = m_pg.get();
      desk = m_pg.get();
    }
    calendar = std::make_unique<WorkCalendar>(must(WorkCalendar::create(config.calendar)));
    filing = std::make_unique<FilingService>(config, taxonomy, *calendar, *tickets, clock);
  }

  Ticket file(std::chrono::minutes age, const std::string& category = "service_quality",
              bool anonymous = false) {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "walk_in";
    draft.category = category;
    draft.content = "contract " + std::to_string(++m_count);
    draft.anonymous = anonymous;
    if (!anonymous) {
      draft.customer_name = "赵六";
      draft.phone = "1390013" + std::to_string(1000 + m_count);
    }
    draft.filed_at = kNow - age;
    return must(filing->file(draft, FilingContext{"clerk", Role::intake_clerk}));
  }

  Ticket act(const std::string& number, Action action, const std::string& department = "营业部") {
    ActionRequest request;
    request.action = action;
    request.role = Role::supervisor;
    request.actor = "sam";
    request.at = kNow;
    request.department = department;
    request.handling_result = "done";
    request.satisfaction = Satisfaction::satisfied;
    return must(filing->act(number, request));
  }

  TempDir dir;
  FixedClock clock{kNow};
  Config config = Config::defaults();
  Taxonomy taxonomy = Taxonomy::defaults();
  std::unique_ptr<WorkCalendar> calendar;
  std::unique_ptr<FilingService> filing;
  TicketRepository* tickets = nullptr;
  DeskRepository* desk = nullptr;

 private:
  std::unique_ptr<SqliteDeskStore> m_sqlite_desk;
  std::unique_ptr<SqliteTicketStore> m_sqlite_tickets;
  std::unique_ptr<PgDeskStore> m_pg;
  int m_count = 0;
};

TEST_P(DeskStoreContract, FilingNumbersTheTicketAndStoresItsEventAndOutboxTogether) {
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
}

TEST_P(DeskStoreContract, AStaleRevisionIsAConflictAndChangesNothing) {
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

TEST_P(DeskStoreContract, ListFiltersByStatusCategoryAndOverdue) {
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
  EXPECT_EQ(must(tickets->count_open("product", "WH01", kNow - std::chrono::hours(24))), 1);
}

TEST_P(DeskStoreContract, ABatchDeliveredTwiceIsStoredOnceAndDeskActionsFlowBack) {
  KioskSide kiosk(dir.file("kiosk.db"), clock);
  kiosk.file_one("排队太久");
  kiosk.file_one("态度不好");
  const PendingItems pending = must(kiosk.sync->pending(0));
  SyncBatch batch;
  batch.kiosk_id = "K1";
  batch.tickets = pending.tickets;
  batch.items = pending.items;
  must(desk->add_kiosk(KioskRecord{"K1", kTestKey, kNow, std::nullopt}));
  const StoredBatch first = must(desk->store_synced(batch, kNow));
  EXPECT_EQ(first.tickets_added, 2);
  EXPECT_EQ(first.events_added, 2);
  const StoredBatch again = must(desk->store_synced(batch, kNow));
  EXPECT_EQ(again.duplicates, 4);
  EXPECT_EQ(again.acknowledged, first.acknowledged);
  EXPECT_EQ(must(desk->count_rows("tickets")), 2);
  EXPECT_EQ(must(desk->count_rows("synced_items")), 4);
  EXPECT_TRUE(must(desk->find_kiosk("K1"))->last_sync_at.has_value());

  // Kiosk events are never echoed; a desk action is.
  ChangeFeed feed = must(desk->changes_for_kiosk("K1", 0, 10));
  EXPECT_TRUE(feed.updates.empty());
  const std::string number = batch.tickets[0].number;
  act(number, Action::forward);
  feed = must(desk->changes_for_kiosk("K1", 0, 10));
  ASSERT_EQ(feed.updates.size(), 1u);
  EXPECT_EQ(feed.updates[0].ticket.number, number);
  EXPECT_EQ(feed.updates[0].ticket.status, Status::forwarded);
  ASSERT_EQ(feed.updates[0].events.size(), 1u);
  EXPECT_EQ(feed.updates[0].events[0].event.action, "forward");
  EXPECT_TRUE(must(desk->changes_for_kiosk("K1", feed.cursor, 10)).updates.empty());
  EXPECT_TRUE(must(desk->changes_for_kiosk("K2", 0, 10)).updates.empty());

  // The desk owns the ticket now: a late kiosk snapshot no longer overwrites it.
  SyncBatch late = batch;
  late.items = {SyncItem{999, SyncItemKind::ticket, number, std::nullopt}};
  must(desk->store_synced(late, kNow));
  EXPECT_EQ(must(tickets->find(number))->status, Status::forwarded);
}

TEST_P(DeskStoreContract, NoncesKiosksAndUsersAreUnique) {
  must(desk->remember_nonce("K1", "n1", kNow, kNow - std::chrono::hours(1)));
  EXPECT_EQ(desk->remember_nonce("K1", "n1", kNow, kNow - std::chrono::hours(1)).error().code,
            ErrorCode::conflict);
  must(desk->remember_nonce("K2", "n1", kNow, kNow - std::chrono::hours(1)));
  must(desk->add_kiosk(KioskRecord{"K1", kTestKey, kNow, std::nullopt}));
  EXPECT_EQ(desk->add_kiosk(KioskRecord{"K1", kTestKey, kNow, std::nullopt}).error().code,
            ErrorCode::conflict);
  EXPECT_EQ(must(desk->kiosks()).size(), 1u);
  const StaffUser user = must(desk->add_user(StaffUser{0, "alice", Role::handler, "$argon2id$x", kNow}));
  EXPECT_GT(user.id, 0);
  EXPECT_EQ(desk->add_user(user).error().code, ErrorCode::conflict);
  const auto found = must(desk->find_user("alice"));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->role, Role::handler);
  EXPECT_EQ(found->password_hash, "$argon2id$x");
  EXPECT_FALSE(must(desk->find_user("bob")));
  EXPECT_EQ(desk->count_rows("no_such_table").error().code, ErrorCode::invalid_input);
}

TEST_P(DeskStoreContract, TheQueueIsTheConsolesOrderWithCountsAndFilters) {
  using std::chrono::hours;
  file(std::chrono::minutes(10));
  file(hours(3), "service_quality", true);
  act(file(hours(30), "product").number, Action::forward);
  const Ticket replied = file(hours(200), "other");
  act(replied.number, Action::forward, "信贷部");
  act(replied.number, Action::contact);
  act(replied.number, Action::reply);
  file(hours(2), "financial_crime");
  DeskQueueQuery query;
  query.now = kNow;
  const DeskQueuePage page = must(desk->queue(query));
  const desk::QueueView expected = desk::build_queue(must(tickets->list(TicketQuery{})), desk::QueueFilter{},
                                                     kNow, 100, [](const Ticket&) { return false; });
  EXPECT_EQ(page.total, 5);
  EXPECT_EQ(page.overdue, static_cast<std::int64_t>(expected.overdue));
  std::vector<std::string> got, want;
  for (const Ticket& ticket : page.tickets) got.push_back(ticket.number);
  for (const auto& row : expected.rows) want.push_back(row.ticket.number);
  EXPECT_EQ(got, want);
  EXPECT_EQ(page.departments, (std::vector<std::string>{"信贷部", "营业部"}));
  query.hidden_categories = {"financial_crime"};
  EXPECT_EQ(must(desk->queue(query)).total, 4);
  query = DeskQueueQuery{};
  query.status = Status::replied;
  EXPECT_EQ(must(desk->queue(query)).total, 1);
  query = DeskQueueQuery{};
  query.major = true;
  EXPECT_EQ(must(desk->queue(query)).total, 1);
  query.limit = 0;
  EXPECT_TRUE(must(desk->queue(query)).tickets.empty());
}

INSTANTIATE_TEST_SUITE_P(BothStores, DeskStoreContract,
                         ::testing::Values(StoreKind::sqlite, StoreKind::postgres), [](const auto& info) {
                           return info.param == StoreKind::sqlite ? "SQLite" : "PostgreSQL";
                         });

}  // namespace
}  // namespace complaint::testing
