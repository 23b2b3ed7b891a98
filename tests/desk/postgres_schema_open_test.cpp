// A desk opening a PostgreSQL database beside desks already at work on it (a second desk
// process, complaintctl, a restart): it must not wait for their transactions, nor end them.
// The schema's IF NOT EXISTS statements once ran at every open and took table locks; a desk
// opening beside one at work deadlocked that desk's writes (NotifyTwoDesks under load,
// 2026-12-06). drivers/postgres/pg_schema.h keeps the digest of what ran.
#include <chrono>
#include <future>

#include "desk_store_fixture.h"
#include "drivers/postgres/pg_session.h"
#include "tests/core/good_draft.h"

namespace complaint::testing {
namespace {

class PostgresSchemaOpenTest : public DeskStoreFixture {
 protected:
  // A working desk's transaction, as a sync batch or a notice worker holds one: every table
  // of the database locked as a write locks it (ROW EXCLUSIVE), until rollback().
  void hold_writer_locks() {
    m_writer = must(pg::Session::open(database(), ConnectionOptions{}));
    must(m_writer->exec("BEGIN"));
    must(
        m_writer->exec("DO $$ DECLARE t record; BEGIN FOR t IN SELECT tablename FROM pg_tables "
                       "WHERE schemaname = 'public' LOOP EXECUTE format('LOCK TABLE %I IN ROW EXCLUSIVE "
                       "MODE', t.tablename); END LOOP; END $$"));
  }
  void rollback() { must(m_writer->exec("ROLLBACK")); }

  // open_desk_stores in another thread, as another desk: true when it finished (either way)
  // while the writer's transaction was still open.
  bool opens_beside_the_writer(Result<DeskStores>& opened) {
    std::future<Result<DeskStores>> opening =
        std::async(std::launch::async, [this] { return open_desk_stores(database()); });
    // Not a speed limit: an open that waits for the writer waits for ever, this bounds it.
    const bool beside = opening.wait_for(std::chrono::seconds(60)) == std::future_status::ready;
    rollback();
    opened = opening.get();
    return beside;
  }

  Ticket file() { return must(staff->file(good_draft(), FilingContext{"受理员", Role::intake_clerk})); }

  std::unique_ptr<pg::Session> m_writer;
};

TEST_P(PostgresSchemaOpenTest, ADeskOpensBesideAWritingDeskWithoutWaitingForItsTransaction) {
  file();
  hold_writer_locks();
  Result<DeskStores> opened = Error::make(ErrorCode::storage, "not opened");
  EXPECT_TRUE(opens_beside_the_writer(opened)) << "the open waited for the working desk's transaction";
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  // The other desk reads and writes the same register.
  EXPECT_EQ(must(opened->tickets().count_tickets()), 1);
}

// A database an older release made (its schema digest differs) is brought up to date at open,
// once the working desk's transaction lets it; the working desk's transaction is not ended.
TEST_P(PostgresSchemaOpenTest, AnOlderReleasesSchemaIsAppliedOnceTheWorkingDeskLetsIt) {
  ASSERT_TRUE(
      raw_sql("UPDATE desk_schema_applied SET digest = 'an older release'; DROP INDEX tickets_queue"));
  hold_writer_locks();
  std::future<Result<DeskStores>> opening =
      std::async(std::launch::async, [this] { return open_desk_stores(database()); });
  // The open tries for the tables' locks and gives way, again and again: the writer's own
  // statements go on meanwhile.
  must(m_writer->exec("SELECT pg_sleep(0.5)"));
  file();  // this desk, on its own connections
  must(m_writer->exec("UPDATE tickets SET revision = revision"));
  must(m_writer->exec("COMMIT"));
  const Result<DeskStores> opened = opening.get();
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(raw_query("SELECT count(*) FROM desk_schema_applied WHERE digest = 'an older release'"), "0");
  EXPECT_EQ(raw_query("SELECT to_regclass('tickets_queue') IS NOT NULL"), "t");
}

INSTANTIATE_TEST_SUITE_P(PostgreSQL, PostgresSchemaOpenTest, ::testing::Values(StoreKind::postgres),
                         store_name);

}  // namespace
}  // namespace complaint::testing
