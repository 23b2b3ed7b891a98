// Process-level sync tests: the REAL complaint-desk on 127.0.0.1, kiosk databases filled
// by the real filing_loop, drained by the real `complaintctl sync` (libcurl) through a
// fault-injecting proxy; and the sync API's refusals (signature, timestamp, replay,
// oversized, malformed, schema, wrong kiosk) against the running desk, changing nothing.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <future>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "core/store/sqlite_desk_store.h"
#include "core/store/sqlite_kiosk_sync_store.h"
#include "core/store/sqlite_store.h"
#include "core/sync/sync_protocol.h"
#include "desk_process.h"
#include "drivers/crypto/sodium_crypto.h"
#include "fault_proxy.h"
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

struct DeskRows {
  std::int64_t tickets = 0;
  std::int64_t events = 0;
  std::int64_t synced_items = 0;
  bool operator==(const DeskRows&) const = default;
};

DeskRows rows_of(const std::string& desk_db) {
  auto store = must(SqliteDeskStore::open(desk_db));
  return DeskRows{must(store->count_rows("tickets")), must(store->count_rows("events")),
                  must(store->count_rows("synced_items"))};
}

std::uint64_t seed_from_environment() {
  const char* text = std::getenv("DESK_PROXY_SEED");
  return text != nullptr ? std::strtoull(text, nullptr, 10) : 20261129;
}

TEST(DeskProcess, AThousandTicketsThroughAMisbehavingProxyArriveExactlyOnce) {
  TempDir dir;
  DeskProcess desk(dir.file("desk"));
  ASSERT_TRUE(desk.started()) << desk.log();
  const std::string key = desk.add_kiosk("K1");
  ASSERT_EQ(key.size(), 64u);

  FaultMix mix;
  mix.seed = seed_from_environment();
  mix.max_delay =
      std::chrono::milliseconds(1300);  // the client gives up after 1 s: some delays lose the answer
  mix.percent = {{ProxyFault::drop, 8},          {ProxyFault::delay, 8}, {ProxyFault::error_500, 8},
                 {ProxyFault::lose_response, 8}, {ProxyFault::reset, 8}, {ProxyFault::duplicate, 8}};
  FaultProxy proxy(desk.port(), mix);
  ASSERT_GT(proxy.port(), 0);
  SCOPED_TRACE("proxy seed " + std::to_string(mix.seed) + " (set DESK_PROXY_SEED to repeat)");

  const std::string kiosk_db = dir.file("kiosk.db");
  const std::string config = dir.file("kiosk.toml");
  { std::ofstream(config) << kiosk_sync_config(proxy.url(), key, "timeout_seconds = 1\nbatch_size = 40\n"); }
  // A few tickets first (so the database exists), the rest while the proxy misbehaves.
  const CommandResult first = run_command({FILING_LOOP_PATH, kiosk_db, "10", "first"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto rest = std::async(std::launch::async, [&] {
    return run_command({FILING_LOOP_PATH, kiosk_db, "990", "rest"});
  });
  const std::vector<std::string> sync{COMPLAINTCTL_PATH, "--config", config, "--db",
                                      kiosk_db,          "--json",   "sync"};
  int failed_rounds = 0;
  int rounds = 0;
  while (rest.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready && rounds < 400) {
    const CommandResult round = run_command(sync);
    ++rounds;
    failed_rounds += round.exit_code != 0;
  }
  const CommandResult filed = rest.get();
  ASSERT_EQ(filed.exit_code, 0) << filed.err;
  CommandResult last;
  for (int i = 0; i < 300; ++i) {
    last = run_command(sync);
    ++rounds;
    if (last.exit_code == 0) break;
    ++failed_rounds;
  }
  ASSERT_EQ(last.exit_code, 0) << "the outbox never drained: " << last.out << last.err;
  const nlohmann::json report = nlohmann::json::parse(last.out);
  EXPECT_EQ(report["remaining"], 0);
  EXPECT_FALSE(report.contains("error"));

  // The proxy really misbehaved, in every way, and the kiosk saw failures.
  const auto counts = proxy.counts();
  for (const auto& [fault, percent] : mix.percent) {
    EXPECT_GT(counts.count(fault) ? counts.at(fault) : 0, 0) << "no " << to_string(fault) << " was injected";
  }
  EXPECT_GT(failed_rounds, 0);
  std::cout << "[ info     ] " << rounds << " sync runs (" << failed_rounds << " failed), "
            << proxy.requests() << " requests through the proxy" << std::endl;

  // Exactly once: the desk holds each filed number once, with its one "file" event.
  std::set<std::string> numbers;
  for (const CommandResult* part : {&first, &filed}) {
    for (const std::string& number : lines_of(part->out)) numbers.insert(number);
  }
  ASSERT_EQ(numbers.size(), 1000u);
  auto tickets = must(SqliteTicketStore::open(desk.db()));
  std::set<std::string> at_desk;
  for (const Ticket& ticket : must(tickets->list(TicketQuery{}))) {
    EXPECT_TRUE(at_desk.insert(ticket.number).second) << "twice at the desk: " << ticket.number;
  }
  EXPECT_EQ(at_desk, numbers);
  // Each filing puts two rows in the outbox (the ticket and its "file" event).
  EXPECT_EQ(rows_of(desk.db()), (DeskRows{1000, 1000, 2000}));
  EXPECT_EQ(must(must(SqliteKioskSyncStore::open(kiosk_db))->count_unsent()), 0);
  // The duplicates and lost answers were recognised as such, not stored again.
  EXPECT_TRUE(std::regex_search(desk.log(), std::regex("duplicates=[1-9]"))) << "no resend was seen";
  EXPECT_NE(desk.log().find("sync: refused 409"), std::string::npos) << "no duplicated request was refused";
  EXPECT_EQ(desk.stop(), 0) << "graceful shutdown";
}

// `complaintctl sync` reports what it sent and what the desk acknowledged, and its exit
// status says whether anything is left: 1 while the desk is away, 0 once all is through.
TEST(DeskProcess, ComplaintctlSyncExitsNonZeroWhileAnythingIsLeft) {
  TempDir dir;
  const std::string kiosk_db = dir.file("kiosk.db");
  const std::string config = dir.file("kiosk.toml");
  ASSERT_EQ(run_command({FILING_LOOP_PATH, kiosk_db, "3", "offline"}).exit_code, 0);
  std::string key;
  int port = 0;
  {
    DeskProcess desk(dir.file("desk"));
    ASSERT_TRUE(desk.started()) << desk.log();
    key = desk.add_kiosk("K1");
    port = desk.port();
    ASSERT_EQ(desk.stop(), 0);
  }
  // The desk is gone: nothing acknowledged, six rows (3 tickets, 3 events) left, exit 1.
  std::ofstream(config) << kiosk_sync_config("http://127.0.0.1:" + std::to_string(port), key,
                                             "timeout_seconds = 2\n");
  const std::vector<std::string> sync{COMPLAINTCTL_PATH, "--config", config, "--db",
                                      kiosk_db,          "--json",   "sync"};
  const CommandResult offline = run_command(sync);
  EXPECT_EQ(offline.exit_code, 1) << offline.out << offline.err;
  const nlohmann::json left = nlohmann::json::parse(offline.out);
  EXPECT_EQ(left["acknowledged"], 0);
  EXPECT_EQ(left["remaining"], 6);
  EXPECT_TRUE(left.contains("error"));

  // The desk is back (same database, a new port): everything goes, exit 0.
  DeskProcess desk(dir.file("desk"));
  ASSERT_TRUE(desk.started()) << desk.log();
  std::ofstream(config) << kiosk_sync_config(desk.url(), key);
  const CommandResult online = run_command(sync);
  EXPECT_EQ(online.exit_code, 0) << online.out << online.err;
  const nlohmann::json done = nlohmann::json::parse(online.out);
  EXPECT_EQ(done["sent"], 6);
  EXPECT_EQ(done["acknowledged"], 6);
  EXPECT_EQ(done["remaining"], 0);
  const CommandResult text = run_command({COMPLAINTCTL_PATH, "--config", config, "--db", kiosk_db, "sync"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_EQ(text.out, "sent 0, acknowledged 0, refused 0, updates 0, remaining 0\n");
}

// A row the desk refuses for good is kept on the kiosk with the desk's reason and leaves the
// queue, so the rows behind it go through in the same run and the next run has nothing to
// send. The refused rows are real: an admin ran `complaintctl transition` (as supervisor, its
// default) on the kiosk's own database, which gives a new ticket a state no kiosk makes.
TEST(DeskProcess, ARefusedRowIsKeptOnTheKioskAndTheRowsBehindItGoThrough) {
  TempDir dir;
  const std::string kiosk_db = dir.file("kiosk.db");
  const std::string config = dir.file("kiosk.toml");
  ASSERT_EQ(run_command({FILING_LOOP_PATH, kiosk_db, "3", "offline"}).exit_code, 0);
  DeskProcess desk(dir.file("desk"));
  ASSERT_TRUE(desk.started()) << desk.log();
  std::ofstream(config) << kiosk_sync_config(desk.url(), desk.add_kiosk("K1"));
  std::vector<Ticket> filed = must(must(SqliteTicketStore::open(kiosk_db))->list(TicketQuery{}));
  ASSERT_EQ(filed.size(), 3u);
  std::sort(filed.begin(), filed.end(), [](const Ticket& a, const Ticket& b) { return a.number < b.number; });
  const CommandResult forwarded =
      run_command({COMPLAINTCTL_PATH, "--config", config, "--db", kiosk_db, "transition", filed[0].number,
                   "forward", "--department", "营业部"});
  ASSERT_EQ(forwarded.exit_code, 0) << forwarded.out << forwarded.err;

  const std::vector<std::string> sync{COMPLAINTCTL_PATH, "--config", config, "--db",
                                      kiosk_db,          "--json",   "sync"};
  const CommandResult first = run_command(sync);
  EXPECT_EQ(first.exit_code, 0) << first.out << first.err;
  const nlohmann::json round = nlohmann::json::parse(first.out);
  EXPECT_EQ(round["sent"], 7);          // three tickets, their "file" events, the forward
  EXPECT_EQ(round["acknowledged"], 4);  // the two untouched tickets
  EXPECT_EQ(round["refused"], 3);       // the forwarded ticket, whole
  EXPECT_EQ(round["remaining"], 0);
  EXPECT_EQ(round["latest_refusal"]["ticket"], filed[0].number);
  EXPECT_EQ(round["latest_refusal"]["field"], "status");
  EXPECT_EQ(round["latest_refusal"]["key"], "desk.refused.not_kiosk_state");
  const DeskRows rows = rows_of(desk.db());
  EXPECT_EQ(rows, (DeskRows{2, 2, 4}));
  EXPECT_NE(desk.log().find("refused outbox_id="), std::string::npos) << desk.log();
  EXPECT_NE(desk.log().find("key=desk.refused.not_kiosk_state"), std::string::npos) << desk.log();

  // Final: the next run sends nothing and still reports the refusal kept on the kiosk.
  const CommandResult again = run_command({COMPLAINTCTL_PATH, "--config", config, "--db", kiosk_db, "sync"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(again.out.substr(0, again.out.find('\n')),
            "sent 0, acknowledged 0, refused 0, updates 0, remaining 0");
  EXPECT_NE(again.out.find("refused by the desk in all: 3"), std::string::npos) << again.out;
  EXPECT_EQ(rows_of(desk.db()), rows);
  const RefusalSummary kept = must(must(SqliteKioskSyncStore::open(kiosk_db))->refusals());
  EXPECT_EQ(kept.count, 3);
  ASSERT_TRUE(kept.latest.has_value());
  EXPECT_EQ(kept.latest->reason.field, "status");
}

// ------------------------------------------------------------------ attacks
// The tracking page's per-address limit on the real desk behind a reverse proxy on the same
// host: with [desk] trusted_proxies each X-Forwarded-For client has its own bucket; without
// it, the header is the client's word and every request counts against the one peer.
int tracking_status(int port, const std::string& forwarded_for) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10, 0);
  const auto response = client.Get("/t/SH01-K1-20261130-0001-X?k=nope", {{"X-Forwarded-For", forwarded_for}});
  return response ? response->status : -1;
}

TEST(DeskProcess, TheRateLimitSeesClientsBehindATrustedProxyOnly) {
  TempDir dir;
  const std::string limits = "[desk]\ntracking_rate_per_minute = 1\ntracking_burst = 2\n";
  {
    DeskProcess desk(dir.file("proxied"), limits + "trusted_proxies = [\"127.0.0.1\"]\n");
    ASSERT_TRUE(desk.started()) << desk.log();
    EXPECT_EQ(tracking_status(desk.port(), "203.0.113.5"), 404);
    EXPECT_EQ(tracking_status(desk.port(), "203.0.113.5"), 404);
    EXPECT_EQ(tracking_status(desk.port(), "203.0.113.5"), 429) << "the client's own bucket is empty";
    EXPECT_EQ(tracking_status(desk.port(), "203.0.113.6"), 404) << "another client behind the proxy";
    EXPECT_EQ(tracking_status(desk.port(), "203.0.113.5, 198.51.100.9"), 404)
        << "the hop the proxy saw counts, not what the client prepended";
    EXPECT_NE(desk.log().find("203.0.113.6 GET /t/"), std::string::npos) << "the log names the client";
  }
  DeskProcess direct(dir.file("direct"), limits);
  ASSERT_TRUE(direct.started()) << direct.log();
  EXPECT_EQ(tracking_status(direct.port(), "203.0.113.5"), 404);
  EXPECT_EQ(tracking_status(direct.port(), "203.0.113.6"), 404);
  EXPECT_EQ(tracking_status(direct.port(), "203.0.113.7"), 429)
      << "a forged header must not escape the limit";
}

class DeskAttacks : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_desk.started()) << m_desk.log();
    m_key = m_desk.add_kiosk("K1");
    ASSERT_EQ(m_key.size(), 64u);
    ASSERT_TRUE(m_signer.has_value());
    // A real batch with three tickets, as the kiosk would send it.
    KioskSide kiosk(m_dir.file("kiosk.db"), m_clock);
    for (int i = 0; i < 3; ++i) kiosk.file_one("attack test #" + std::to_string(i));
    PendingItems pending = must(kiosk.sync->pending(100));
    SyncBatch batch;
    batch.kiosk_id = "K1";
    batch.tickets = pending.tickets;
    batch.items = pending.items;
    m_batch = batch_to_json(batch);
  }

  HttpRequest signed_request(const std::string& body, Instant at, const std::string& kiosk = "K1",
                             const std::string& key = {}) {
    HttpRequest request;
    request.method = "POST";
    request.path = kSyncPath;
    request.body = body;
    must(sign_request(request, *m_signer, kiosk, key.empty() ? m_key : key, at));
    return request;
  }

  httplib::Result send(const HttpRequest& request) {
    httplib::Client client("127.0.0.1", m_desk.port());
    client.set_read_timeout(10, 0);
    httplib::Headers headers;
    for (const auto& [name, value] : request.headers) headers.emplace(name, value);
    return client.Post(request.path.c_str(), headers, request.body, "application/json");
  }

  // Sends and expects `status` with the JSON error `key`; the desk's data must not change.
  void expect_refused(const HttpRequest& request, int status, const std::string& key,
                      const std::string& what) {
    const DeskRows before = rows_of(m_desk.db());
    const auto response = send(request);
    ASSERT_TRUE(response) << what << ": no answer";
    EXPECT_EQ(response->status, status) << what << ": " << response->body;
    const auto error = nlohmann::json::parse(response->body, nullptr, false);
    EXPECT_TRUE(error.is_object() && error.value("key", "") == key) << what << ": " << response->body;
    EXPECT_EQ(rows_of(m_desk.db()), before) << what << " changed the desk";
  }

  Instant now() const { return SystemClock().now(); }

  TempDir m_dir;
  DeskProcess m_desk{m_dir.file("desk")};
  FixedClock m_clock{SystemClock().now()};
  std::string m_key;
  std::optional<SodiumSigner> m_signer = [] {
    auto signer = SodiumSigner::create();
    return signer.ok() ? std::optional<SodiumSigner>(std::move(signer).value()) : std::nullopt;
  }();
  std::string m_batch;
};

TEST_F(DeskAttacks, ForgedStaleAndReplayedRequestsAreRefused) {
  HttpRequest tampered = signed_request(m_batch, now());
  tampered.body.replace(tampered.body.find("attack test #1"), 14, "attack test #X");
  expect_refused(tampered, 401, "desk.error.signature", "a body changed after signing");

  HttpRequest wrong_key = signed_request(m_batch, now(), "K1", std::string(64, 'a'));
  expect_refused(wrong_key, 401, "desk.error.signature", "signed with another key");

  expect_refused(signed_request(m_batch, now(), "K9"), 401, "desk.error.signature", "an unknown kiosk");

  HttpRequest unsigned_request = signed_request(m_batch, now());
  unsigned_request.headers.clear();
  expect_refused(unsigned_request, 401, "desk.error.signature", "no signature headers");

  expect_refused(signed_request(m_batch, now() - std::chrono::hours(1)), 401, "desk.error.stale",
                 "an hour-old timestamp");
  expect_refused(signed_request(m_batch, now() + std::chrono::hours(1)), 401, "desk.error.stale",
                 "a timestamp an hour ahead");

  // The genuine request is stored once; the very same bytes again are a replay.
  const HttpRequest genuine = signed_request(m_batch, now());
  const DeskRows before = rows_of(m_desk.db());
  const auto accepted = send(genuine);
  ASSERT_TRUE(accepted);
  ASSERT_EQ(accepted->status, 200) << accepted->body;
  // Three tickets and their three "file" events: six outbox rows.
  EXPECT_EQ(rows_of(m_desk.db()), (DeskRows{before.tickets + 3, before.events + 3, before.synced_items + 6}));
  expect_refused(genuine, 409, "desk.error.replay", "a replayed request");
}

TEST_F(DeskAttacks, OversizedMalformedAndSchemaViolatingBodiesAreRefused) {
  // Over the 1 MiB cap: refused before anything is read (signature or not).
  const std::string huge(2 * 1024 * 1024, ' ');
  expect_refused(signed_request(huge + m_batch, now()), 413, "desk.error.too_large", "a 2 MiB body");

  expect_refused(signed_request("{\"version\":1,\"kiosk_id\":\"K1\",", now()), 400, "desk.error.schema",
                 "truncated JSON");
  expect_refused(signed_request("\xff\xfe not json", now()), 400, "desk.error.schema", "binary garbage");
  nlohmann::json batch = nlohmann::json::parse(m_batch);
  batch["tickets"][0].erase("tracking_token");
  expect_refused(signed_request(batch.dump(), now()), 400, "desk.error.schema", "a ticket without its token");
  batch = nlohmann::json::parse(m_batch);
  batch["tickets"][0]["status"] = "teleported";
  expect_refused(signed_request(batch.dump(), now()), 400, "desk.error.schema", "an unknown status");
  batch = nlohmann::json::parse(m_batch);
  batch["items"][0]["outbox_id"] = "one";
  expect_refused(signed_request(batch.dump(), now()), 400, "desk.error.schema", "a text outbox id");
  batch = nlohmann::json::parse(m_batch);
  batch["kiosk_id"] = "K2";
  expect_refused(signed_request(batch.dump(), now()), 403, "desk.error.wrong_kiosk",
                 "a batch naming another kiosk");
  // A registered kiosk sending K1's batch under its own signature.
  const std::string other_key = m_desk.add_kiosk("K2");
  ASSERT_EQ(other_key.size(), 64u);
  expect_refused(signed_request(m_batch, now(), "K2", other_key), 403, "desk.error.wrong_kiosk",
                 "K2 sending K1's batch");

  // None of that hurt the desk: the genuine batch still goes in.
  const auto accepted = send(signed_request(m_batch, now()));
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200) << accepted->body;
}

}  // namespace
}  // namespace complaint::testing
