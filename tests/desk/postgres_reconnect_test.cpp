// PgDeskStore's connection against a real PostgreSQL server that goes away: an idle
// connection the server closed (restart, terminated session) is replaced before the next
// statement; while the server is down calls fail at once as `unavailable` until the next
// attempt the backoff allows (a FixedClock drives it); a batch cut off mid-transaction
// changes nothing and its retry is stored once; a server that can no longer write (25006,
// a demoted primary) is left for a new connection. And which --db values are PostgreSQL.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "drivers/postgres/desk_stores.h"
#include "drivers/postgres/pg_desk_store.h"
#include "postgres_server.h"
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

const Instant kNow = Instant{std::chrono::seconds{1795400000}};

TEST(DeskDatabase, ConnectionStringsOfOneOrSeveralHostsArePostgreSQLAndFileNamesAreNot) {
  for (const std::string db :
       {"postgresql://desk@db1/complaints",
        "postgres://desk@db1:5432,db2:5433/complaints?target_session_attrs=read-write", "dbname=complaints",
        "host=db1,db2 port=5432,5433 user=desk dbname=complaints target_session_attrs=read-write",
        "host=db1,db2 target_session_attrs=read-write"}) {
    EXPECT_TRUE(is_postgres_database(db)) << db;
  }
  for (const std::string db : {"desk.db", "/var/lib/complaint-desk/desk.db", "var/a=b.db", ""}) {
    EXPECT_FALSE(is_postgres_database(db)) << db;
  }
}

// This suite's own server: its tests stop and restart it.
PostgresServer& outage_server() {
  static PostgresServer server;
  return server;
}

class PostgresReconnect : public ::testing::Test {
 protected:
  void SetUp() override {
    PostgresServer& server = outage_server();
    if (!server.running() && !server.start_again())
      GTEST_SKIP() << "no PostgreSQL server: " << server.why_not();
    static int counter = 0;
    conninfo = server.create_database("reconnect_" + std::to_string(++counter));
    ASSERT_FALSE(conninfo.empty());
    ConnectionOptions options;
    options.clock = &clock;
    options.log = [this](std::string_view line) {
      std::lock_guard lock(m_log_mutex);
      m_log += std::string(line) + "\n";
    };
    store = must(PgDeskStore::open(conninfo, options));
  }

  std::string log() {
    std::lock_guard lock(m_log_mutex);
    return m_log;
  }
  // Ends the store's session from another one, as an administrator (or a shutdown) would,
  // and waits (up to 5 s) until it has ended.
  void terminate_store_session() {
    ASSERT_TRUE(outage_server().run_sql(
        conninfo,
        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = current_database() AND "
        "pid <> pg_backend_pid()"));
  }
  TempDir dir;
  FixedClock clock{kNow};
  std::string conninfo;
  std::unique_ptr<PgDeskStore> store;

 private:
  std::mutex m_log_mutex;
  std::string m_log;
};

TEST_F(PostgresReconnect, AnIdleConnectionTheServerClosedIsReplacedBeforeTheNextStatement) {
  ASSERT_EQ(must(store->count_rows("tickets")), 0);
  ASSERT_TRUE(outage_server().restart());
  const auto after = store->count_rows("tickets");
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_TRUE(store->database_state().up);
  EXPECT_NE(log().find("database: connection lost"), std::string::npos) << log();
  EXPECT_NE(log().find("database: reconnected after 0 s (0 failed attempts)"), std::string::npos) << log();
}

TEST_F(PostgresReconnect, ATerminatedSessionIsReplacedBeforeTheNextStatement) {
  must(store->add_kiosk(registered_kiosk("K1", FakeSigner(), kNow)));
  terminate_store_session();
  const auto found = store->find_kiosk("K1");
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_TRUE(found->has_value());
  EXPECT_NE(log().find("terminating connection due to administrator command"), std::string::npos) << log();
}

TEST_F(PostgresReconnect, WhileTheServerIsDownCallsFailAtOnceUntilTheBackoffAllowsAnAttempt) {
  ASSERT_TRUE(outage_server().stop_fast());
  const auto first = store->count_rows("tickets");  // the loss seen, one attempt at once
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().code, ErrorCode::unavailable);
  EXPECT_EQ(http_status_for(first.error()), 503);
  DatabaseState state = store->database_state();
  EXPECT_FALSE(state.up);
  EXPECT_EQ(state.failed_attempts, 1);
  EXPECT_EQ(state.down_since, std::optional<Instant>(kNow));
  EXPECT_EQ(state.retry_after, std::chrono::seconds(1));

  EXPECT_FALSE(store->count_rows("tickets").ok());
  EXPECT_EQ(store->database_state().failed_attempts, 1) << "an attempt before the backoff allowed it";
  clock.advance(std::chrono::seconds(1));
  EXPECT_FALSE(store->count_rows("tickets").ok());
  EXPECT_EQ(store->database_state().failed_attempts, 2);

  ASSERT_TRUE(outage_server().start_again());
  EXPECT_FALSE(store->count_rows("tickets").ok()) << "the next attempt is not due yet";
  clock.advance(store->database_state().retry_after);
  const auto back = store->count_rows("tickets");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(store->database_state().up);
  EXPECT_NE(log().find("(2 failed attempts)"), std::string::npos) << log();
}

TEST_F(PostgresReconnect, ABatchCutOffMidTransactionChangesNothingAndItsRetryIsStoredOnce) {
  KioskSide kiosk(dir.file("kiosk.db"), clock);
  for (int i = 0; i < 3; ++i) kiosk.file_one("排队 " + std::to_string(i));
  const SyncBatch batch = kiosk.pending_batch();
  must(store->add_kiosk(registered_kiosk("K1", FakeSigner(), kNow)));
  // The third ticket's row waits a second inside the batch's transaction, after the first two
  // tickets and their events were written; the session is ended meanwhile.
  ASSERT_TRUE(outage_server().run_sql(
      conninfo,
      "CREATE FUNCTION slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.content = '排队 2' "
      "THEN PERFORM pg_sleep(1); END IF; RETURN NEW; END $$; CREATE TRIGGER slow_insert AFTER INSERT ON "
      "tickets FOR EACH ROW EXECUTE FUNCTION slow_insert();"));
  std::thread cut([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    terminate_store_session();
  });
  const auto stored = store->store_synced(batch, kNow);
  cut.join();
  ASSERT_FALSE(stored.ok()) << "the batch was not cut off: the session ended after it";
  EXPECT_EQ(stored.error().code, ErrorCode::unavailable) << stored.error().message;
  EXPECT_EQ(must(store->count_rows("tickets")), 0);
  EXPECT_EQ(must(store->count_rows("events")), 0);
  EXPECT_EQ(must(store->count_rows("synced_items")), 0);

  ASSERT_TRUE(outage_server().run_sql(conninfo, "DROP TRIGGER slow_insert ON tickets"));
  const StoredBatch retried = must(store->store_synced(batch, kNow));
  EXPECT_EQ(retried.tickets_added, 3);
  EXPECT_EQ(must(store->store_synced(batch, kNow)).duplicates, 6);
  EXPECT_EQ(must(store->count_rows("tickets")), 3);
  EXPECT_EQ(must(store->count_rows("events")), 3);
}

TEST_F(PostgresReconnect, AServerThatCanNoLongerWriteIsLeftForANewConnection) {
  // A database whose new sessions are read-only stands in for a primary demoted to a standby.
  const std::string database = conninfo.substr(conninfo.rfind("dbname=") + 7);
  ASSERT_TRUE(outage_server().run_sql(
      conninfo, "ALTER DATABASE " + database + " SET default_transaction_read_only = on"));
  terminate_store_session();
  const auto refused = store->add_kiosk(registered_kiosk("K1", FakeSigner(), kNow));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::unavailable) << refused.error().message;
  EXPECT_FALSE(store->database_state().up);
  EXPECT_NE(log().find("read-only transaction"), std::string::npos) << log();

  // From another database: this one's sessions cannot write, an ALTER DATABASE included.
  const std::string maintenance = conninfo.substr(0, conninfo.rfind("dbname=")) + "dbname=postgres";
  ASSERT_TRUE(outage_server().run_sql(maintenance,
                                      "ALTER DATABASE " + database + " RESET default_transaction_read_only"));
  clock.advance(store->database_state().retry_after);
  const auto added = store->add_kiosk(registered_kiosk("K1", FakeSigner(), kNow));
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_TRUE(must(store->find_kiosk("K1")).has_value());
}

}  // namespace
}  // namespace complaint::testing
