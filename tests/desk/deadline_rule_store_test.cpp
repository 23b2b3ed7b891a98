// The pending-deadline rule held against SQL on both stores (desk_store_fixture.h): over
// tickets in every state x every combination of clocks (tests/core/deadline_grid.h), the
// store's overdue filter returns exactly the tickets core/deadlines' is_overdue names, and
// its console queue has the order, total and overdue count of next_deadline. Also: a
// database whose queue index was built on another expression gets the generated one.
#include <sqlite3.h>

#include <set>

#include "core/deadlines/pending_deadlines.h"
#include "core/deadlines/pending_deadlines_sql.h"
#include "core/store/desk_queue_sql.h"
#include "desk/console_queue.h"
#include "desk_store_fixture.h"
#include "postgres_server.h"
#include "tests/core/deadline_grid.h"

namespace complaint::testing {
namespace {

class DeadlineRuleStoreTest : public DeskStoreFixture {
 protected:
  // The grid, or every `step`th ticket of it, as stored.
  std::vector<Ticket> store_grid(std::size_t step = 1) {
    const std::vector<NewTicketRequest> grid = deadline_grid(kNow);
    std::vector<Ticket> stored;
    for (std::size_t i = 0; i < grid.size(); i += step) stored.push_back(must(tickets->insert_new(grid[i])));
    return stored;
  }

  // One SQL statement on the SQLite file, outside the stores: `column` of every row, one
  // line each ("" for none, "(error)" when it fails).
  std::string sqlite_text(const std::string& sql, int column = 0) {
    sqlite3* db = nullptr;
    std::string value = "(error)";
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_open(database().c_str(), &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
      value.clear();
      int step = SQLITE_ROW;
      while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(statement, column);
        value += (value.empty() ? "" : "\n") + std::string(text ? reinterpret_cast<const char*>(text) : "");
      }
      if (step != SQLITE_DONE) value = "(error)";
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
  }

  // True when the PostgreSQL queue index is commented with, and built on, the generated
  // expression (the check runs as a DO block, which raises otherwise).
  bool postgres_index_is_current() {
    return shared_postgres_server().run_sql(
        database(),
        "DO $check$ BEGIN IF obj_description(to_regclass('tickets_queue'), 'pg_class') IS DISTINCT "
        "FROM $expr$" +
            next_deadline_sql(SqlDialect::postgres) +
            "$expr$ OR pg_get_indexdef(to_regclass('tickets_queue')) NOT LIKE '%LEAST%' THEN RAISE "
            "EXCEPTION 'stale queue index'; END IF; END $check$");
  }
};

TEST_P(DeadlineRuleStoreTest, TheOverdueFilterIsTheCppRuleInEveryStateAndCombination) {
  const std::vector<Ticket> stored = store_grid();
  TicketQuery query;
  query.overdue_at = kNow;
  std::set<std::string> listed;
  for (const Ticket& ticket : must(tickets->list(query))) listed.insert(ticket.number);
  std::size_t expected = 0;
  std::vector<std::string> disagreements;
  for (const Ticket& ticket : stored) {
    const bool overdue = is_overdue(ticket, kNow);
    expected += overdue ? 1 : 0;
    if ((listed.count(ticket.number) == 1) != overdue) {
      disagreements.push_back(std::string(overdue ? "missing: " : "extra: ") + describe_clocks(ticket, kNow));
    }
  }
  EXPECT_TRUE(disagreements.empty()) << disagreements.size() << " disagreements, first: " << disagreements[0];
  EXPECT_EQ(listed.size(), expected);
  EXPECT_GT(expected, 100u);
  EXPECT_LT(expected, stored.size() / 2);
}

TEST_P(DeadlineRuleStoreTest, TheQueueIsOrderedAndCountedByTheCppRule) {
  const std::vector<Ticket> stored = store_grid();
  DeskQueueQuery query;
  query.now = kNow;
  query.limit = static_cast<int>(stored.size());
  const DeskQueuePage page = must(desk->queue(query));
  const desk::QueueView expected = desk::build_queue(stored, desk::QueueFilter{}, kNow, stored.size(),
                                                     [](const Ticket&) { return false; });
  EXPECT_EQ(page.total, static_cast<std::int64_t>(expected.total));
  EXPECT_EQ(page.overdue, static_cast<std::int64_t>(expected.overdue));
  EXPECT_GT(expected.overdue, 100u);
  ASSERT_EQ(page.tickets.size(), expected.rows.size());
  for (std::size_t i = 0; i < expected.rows.size(); ++i) {
    const Ticket& want = expected.rows[i].ticket;
    if (page.tickets[i].number == want.number) continue;
    ADD_FAILURE() << "row " << i << ": the store has " << describe_clocks(page.tickets[i], kNow)
                  << "; next_deadline puts first " << describe_clocks(want, kNow);
    break;
  }
}

TEST_P(DeadlineRuleStoreTest, AQueueIndexOnAnotherExpressionIsRebuiltOnTheGeneratedOne) {
  if (GetParam() == StoreKind::sqlite) {
    const std::string index = "SELECT sql FROM sqlite_master WHERE name = 'tickets_queue'";
    EXPECT_EQ(sqlite_text(index), store::desk_queue_index_sql());
    // A database at desk version 2, with the index of that release, is migrated to 3 (and on).
    EXPECT_EQ(sqlite_text("UPDATE schema_extensions SET version = 2 WHERE name = 'desk' RETURNING version"),
              "2");
    EXPECT_EQ(sqlite_text("DROP INDEX tickets_queue"), "");
    EXPECT_EQ(sqlite_text("CREATE INDEX tickets_queue ON tickets(forward_by, number)"), "");
    // and the kiosks table of that release (desk version 4 rebuilds it).
    ASSERT_TRUE(raw_sql(kiosks_table_before_ed25519() + desk_tables_before_notices()));
    // and staff_users without the columns of desk version 5.
    ASSERT_TRUE(raw_sql("ALTER TABLE staff_users DROP COLUMN departments"));
    ASSERT_TRUE(raw_sql("ALTER TABLE staff_users DROP COLUMN disabled"));
    reopen();
    EXPECT_EQ(sqlite_text("SELECT version FROM schema_extensions WHERE name = 'desk'"),
              std::to_string(SqliteDeskStore::latest_desk_schema_version()));
    EXPECT_EQ(sqlite_text(index), store::desk_queue_index_sql());
    // The queue's order is read from the index as it stands, not sorted afterwards.
    const std::string plan = sqlite_text(
        "EXPLAIN QUERY PLAN SELECT number FROM tickets INDEXED BY tickets_queue "
        "WHERE " COMPLAINT_DESK_OPEN_SQL " ORDER BY " +
            next_deadline_sql(SqlDialect::sqlite) + ", number LIMIT 5",
        3);
    EXPECT_NE(plan.find("USING INDEX tickets_queue"), std::string::npos) << plan;
    EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
  } else {
    EXPECT_TRUE(postgres_index_is_current());
    ASSERT_TRUE(shared_postgres_server().run_sql(
        database(), "DROP INDEX tickets_queue; CREATE INDEX tickets_queue ON tickets (forward_by, number);" +
                        older_release()));
    EXPECT_FALSE(postgres_index_is_current());
    reopen();
    EXPECT_TRUE(postgres_index_is_current());
  }
  const std::vector<Ticket> stored = store_grid(17);  // and the queue still answers from it
  DeskQueueQuery query;
  query.now = kNow;
  EXPECT_EQ(
      must(desk->queue(query)).total,
      desk::build_queue(stored, desk::QueueFilter{}, kNow, 1, [](const Ticket&) { return false; }).total);
}

INSTANTIATE_TEST_SUITE_P(BothStores, DeadlineRuleStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
