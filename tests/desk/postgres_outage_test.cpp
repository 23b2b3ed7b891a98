// The REAL complaint-desk on PostgreSQL while the database goes away under it, with kiosk
// databases filled by the real filing_loop and drained by the real `complaintctl sync`:
// (a) the server restarts (fast shutdown) mid-sync under two desks; (b) the primary of a
// synchronously replicated pair dies (immediate stop) mid-sync and its standby is promoted,
// the desk holding a multi-host conninfo with target_session_attrs=read-write. Either way
// the desks recover by themselves, without a restart, and every ticket is in the database
// exactly once (counted by number, with one event and two synced items each). And the last
// resort: a desk whose database stays away past [desk] db_give_up_seconds exits 1.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <future>
#include <nlohmann/json.hpp>
#include <set>

#include "desk_process.h"
#include "postgres_server.h"
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// The desks retry the database at least once a second (the default cap is 30 s).
constexpr const char* kDeskConfig = "[desk]\ndb_retry_max_seconds = 1\n";

std::set<std::string> set_of_lines(const std::string& text) {
  const std::vector<std::string> lines = lines_of(text);
  return std::set<std::string>(lines.begin(), lines.end());
}

// One kiosk: its SQLite file filled by filing_loop in the background, drained to its desk by
// `complaintctl sync` rounds.
class SyncingKiosk {
 public:
  SyncingKiosk(const TempDir& dir, const std::string& kiosk_id, const std::string& desk_url,
               const std::string& key)
      : m_id(kiosk_id), m_db(dir.file(kiosk_id + ".db")), m_config(dir.file(kiosk_id + ".toml")) {
    std::ofstream(m_config) << kiosk_sync_config(desk_url, key, "timeout_seconds = 2\nbatch_size = 20\n",
                                                 kiosk_id);
  }
  // A few tickets now (so the database exists), `rest` in the background.
  bool start_filing(int rest) {
    const CommandResult first = run_command({FILING_LOOP_PATH, m_db, "10", "first", m_id});
    m_filed = first.out;
    m_rest = std::async(std::launch::async, [this, rest] {
      return run_command({FILING_LOOP_PATH, m_db, std::to_string(rest), "rest", m_id});
    });
    return first.exit_code == 0;
  }
  bool filing() const {
    return m_rest.valid() && m_rest.wait_for(milliseconds(0)) != std::future_status::ready;
  }
  // After filing: every number filed (each printed only after its commit).
  std::set<std::string> filed() {
    if (m_rest.valid()) {
      const CommandResult rest = m_rest.get();
      EXPECT_EQ(rest.exit_code, 0) << rest.err;
      m_filed += rest.out;
    }
    return set_of_lines(m_filed);
  }
  bool sync_round() const {
    return run_command({COMPLAINTCTL_PATH, "--config", m_config, "--db", m_db, "--json", "sync"}).exit_code ==
           0;
  }

 private:
  std::string m_id;
  std::string m_db;
  std::string m_config;
  std::string m_filed;
  std::future<CommandResult> m_rest;
};

// Sync rounds until filing is over and `outage_over`, then until every kiosk drains (at most
// 200 more rounds each). The number of rounds that failed or left something behind. Run on
// a thread of its own: the outage is inflicted from the test's main thread, because a server
// started again must outlive the thread that started it (postgres_server.h).
int sync_through(std::vector<SyncingKiosk*> kiosks, const std::atomic<bool>& outage_over) {
  int failed = 0;
  const auto busy = [&] {
    for (SyncingKiosk* kiosk : kiosks)
      if (kiosk->filing()) return true;
    return !outage_over.load();
  };
  while (busy()) {
    for (SyncingKiosk* kiosk : kiosks) failed += !kiosk->sync_round();
  }
  for (SyncingKiosk* kiosk : kiosks) {
    int rounds = 0;
    while (!kiosk->sync_round() && ++rounds < 200) ++failed;
    EXPECT_LT(rounds, 200) << "a kiosk's outbox never drained";
  }
  return failed;
}

// Waits (up to 30 s) until the database `conninfo` names holds at least `tickets`.
bool wait_for_tickets(const PostgresServer& server, const std::string& conninfo, int tickets) {
  for (int i = 0; i < 300; ++i) {
    const auto count = server.query(conninfo, "SELECT count(*) FROM tickets");
    if (count && std::atoi(count->c_str()) >= tickets) return true;
    std::this_thread::sleep_for(milliseconds(100));
  }
  return false;
}

// Every filed number in the database once, with its one "file" event and two synced items.
void expect_exactly_once(const PostgresServer& server, const std::string& conninfo,
                         const std::set<std::string>& filed) {
  const auto numbers = server.query(conninfo, "SELECT number FROM tickets");
  ASSERT_TRUE(numbers.has_value());
  EXPECT_EQ(set_of_lines(*numbers), filed);
  const auto counts =
      server.query(conninfo,
                   "SELECT (SELECT count(*) FROM tickets) || ' ' || (SELECT count(DISTINCT number) "
                   "FROM tickets) || ' ' || (SELECT count(*) FROM events) || ' ' || (SELECT "
                   "count(*) FROM synced_items)");
  ASSERT_TRUE(counts.has_value());
  const std::size_t n = filed.size();
  EXPECT_EQ(*counts, std::to_string(n) + " " + std::to_string(n) + " " + std::to_string(n) + " " +
                         std::to_string(2 * n) + "\n");
}

TEST(PostgresOutage, TwoDesksRideOutARestartMidSyncAndStoreEveryTicketOnce) {
  PostgresServer server;  // this test's own: it is restarted
  if (!server.running()) GTEST_SKIP() << "no PostgreSQL server: " << server.why_not();
  const std::string conninfo = server.create_database("restart");
  ASSERT_FALSE(conninfo.empty());
  TempDir dir;
  DeskProcess desk_a(dir.file("desk-a"), kDeskConfig, conninfo);
  DeskProcess desk_b(dir.file("desk-b"), kDeskConfig, conninfo);
  ASSERT_TRUE(desk_a.started()) << desk_a.log();
  ASSERT_TRUE(desk_b.started()) << desk_b.log();
  SyncingKiosk k1(dir, "K1", desk_a.url(), desk_a.add_kiosk("K1"));
  SyncingKiosk k2(dir, "K2", desk_b.url(), desk_a.add_kiosk("K2"));
  ASSERT_TRUE(k1.start_filing(190));
  ASSERT_TRUE(k2.start_filing(190));

  // The restart lands mid-sync: once some tickets are in, while both kiosks keep sending.
  std::atomic<bool> restarted{false};
  auto syncing = std::async(std::launch::async, [&] { return sync_through({&k1, &k2}, restarted); });
  const bool restart = wait_for_tickets(server, conninfo, 40) && server.restart();
  restarted = true;
  const int failed = syncing.get();
  ASSERT_TRUE(restart) << "the restart did not happen";
  std::set<std::string> filed = k1.filed();
  filed.merge(k2.filed());
  ASSERT_EQ(filed.size(), 400u);
  expect_exactly_once(server, conninfo, filed);

  // The outage was felt, and both desks came back by themselves: same processes, serving.
  std::cout << "[ info     ] " << failed << " sync rounds failed (or left something for the next)"
            << std::endl;
  for (DeskProcess* desk : {&desk_a, &desk_b}) {
    EXPECT_NE(desk->log().find("database: connection lost"), std::string::npos) << desk->log();
    EXPECT_NE(desk->log().find("database: reconnected"), std::string::npos) << desk->log();
    EXPECT_EQ(desk->stop(), 0) << "graceful shutdown";
  }
}

struct OutageSeen {
  int status = 0;
  std::string retry_after;
  std::string body;
};

TEST(PostgresOutage, TheDeskFollowsAFailoverToThePromotedStandbyAndLosesNoTicket) {
  auto primary = PostgresServer::replicated_primary();
  if (!primary->running()) GTEST_SKIP() << "no PostgreSQL server: " << primary->why_not();
  auto standby = primary->start_standby();
  ASSERT_TRUE(standby->running()) << standby->why_not();
  ASSERT_FALSE(primary->create_database("failover").empty());
  const std::string p = std::to_string(primary->tcp_port());
  const std::string s = std::to_string(standby->tcp_port());
  // The desk has the key=value form, complaintctl the URI form: both name both servers.
  const std::string desk_db = "host=127.0.0.1,127.0.0.1 port=" + p + "," + s +
                              " user=desk dbname=failover target_session_attrs=read-write";
  const std::string ctl_db =
      "postgresql://desk@127.0.0.1:" + p + ",127.0.0.1:" + s + "/failover?target_session_attrs=read-write";
  const std::string on_standby = "host=127.0.0.1 port=" + s + " user=desk dbname=failover";
  TempDir dir;
  DeskProcess desk(dir.file("desk"), kDeskConfig, desk_db);
  ASSERT_TRUE(desk.started()) << desk.log();
  EXPECT_NE(desk.log().find("db=postgresql"), std::string::npos);
  const CommandResult added = run_command({COMPLAINTCTL_PATH, "--db", ctl_db, "desk", "kiosk", "add", "K1"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::vector<std::string> key = lines_of(added.out);
  ASSERT_EQ(key.size(), 1u) << added.out;
  SyncingKiosk kiosk(dir, "K1", desk.url(), key.front());
  ASSERT_TRUE(kiosk.start_filing(290));

  // Mid-sync (some tickets acknowledged: with synchronous replication they are on the standby
  // already), the primary dies; the desk reports the database down until the standby is
  // promoted.
  std::atomic<bool> failed_over{false};
  auto syncing = std::async(std::launch::async, [&] { return sync_through({&kiosk}, failed_over); });
  OutageSeen seen;
  bool failover = wait_for_tickets(*standby, on_standby, 40) && primary->stop_immediately();
  httplib::Client client("127.0.0.1", desk.port());
  for (int i = 0; failover && i < 100 && seen.status != 503; ++i) {
    if (auto health = client.Get("/healthz")) {
      seen = OutageSeen{health->status, health->get_header_value("Retry-After"), health->body};
    }
    std::this_thread::sleep_for(milliseconds(100));
  }
  // Promoted only once a kiosk's round met the outage (a round is a process start: under the
  // sanitizers the outage was once over before any round reached the desk).
  for (int i = 0; failover && i < 300 && desk.log().find("sync: refused 503") == std::string::npos; ++i) {
    std::this_thread::sleep_for(milliseconds(100));
  }
  failover = failover && standby->promote();
  failed_over = true;
  const int failed = syncing.get();
  ASSERT_TRUE(failover) << "the failover did not happen";
  const std::set<std::string> filed = kiosk.filed();
  ASSERT_EQ(filed.size(), 300u);
  expect_exactly_once(*standby, on_standby, filed);
  EXPECT_EQ(standby->query(on_standby, "SELECT pg_is_in_recovery()"), std::optional<std::string>("f\n"));

  EXPECT_EQ(seen.status, 503) << seen.body;
  EXPECT_GE(std::atoi(seen.retry_after.c_str()), 1) << "no Retry-After on the 503";
  const auto health = nlohmann::json::parse(seen.body, nullptr, false);
  ASSERT_TRUE(health.is_object()) << seen.body;
  EXPECT_EQ(health["database"]["engine"], "postgresql");
  EXPECT_EQ(health["database"]["state"], "down");
  EXPECT_NE(desk.log().find("sync: refused 503"), std::string::npos) << "no kiosk saw the outage";
  std::cout << "[ info     ] " << failed << " sync rounds failed (or left something for the next)"
            << std::endl;
  EXPECT_NE(desk.log().find("database: reconnected"), std::string::npos) << desk.log();
  const auto after = client.Get("/healthz");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200) << after->body;
  EXPECT_NE(after->body.find(R"("state":"up")"), std::string::npos) << after->body;
  EXPECT_EQ(desk.stop(), 0) << "graceful shutdown";
}

// No request comes: the desk's own ping notices the loss, and once the database has been away
// for db_give_up_seconds the desk stops and exits 1, for systemd (Restart=on-failure) to
// start it again.
TEST(PostgresOutage, ADeskWhoseDatabaseStaysAwayPastItsGiveUpTimeExitsOne) {
  PostgresServer server;  // this test's own: it is stopped
  if (!server.running()) GTEST_SKIP() << "no PostgreSQL server: " << server.why_not();
  const std::string conninfo = server.create_database("give_up");
  ASSERT_FALSE(conninfo.empty());
  TempDir dir;
  DeskProcess desk(dir.file("desk"), "[desk]\ndb_retry_max_seconds = 1\ndb_give_up_seconds = 2\n", conninfo);
  ASSERT_TRUE(desk.started()) << desk.log();
  EXPECT_FALSE(desk.wait_for_exit(milliseconds(2500)).has_value()) << "gave up with the database there";
  ASSERT_TRUE(server.stop_fast());
  const std::optional<int> exit = desk.wait_for_exit(seconds(20));
  ASSERT_TRUE(exit.has_value()) << "still running 20 s after its database went away\n" << desk.log();
  EXPECT_EQ(*exit, 1) << desk.log();
  EXPECT_NE(desk.log().find("database: connection lost"), std::string::npos) << desk.log();
  EXPECT_NE(desk.log().find("db_give_up_seconds; exiting"), std::string::npos) << desk.log();
}

}  // namespace
}  // namespace complaint::testing
