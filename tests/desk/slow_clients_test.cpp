// Slow and greedy clients against the REAL complaint-desk on loopback (issue 17, point 1):
// 200 connections that trickle one header line every 2 s, spread over loopback addresses
// 127.0.0.10-19 (Linux routes all of 127/8 to lo), stay open while a kiosk's sync round
// (the real complaintctl over libcurl) and the QR page are answered, and all are answered
// once they finish their requests; one address over its cap is refused at once; headers or
// a body that do not arrive within their bound are cut off.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/store/sqlite_store.h"
#include "desk_process.h"
#include "slow_client.h"
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Sends one more header line on every client every `period` until stopped.
class Trickle {
 public:
  Trickle(std::vector<SlowClient>& clients, milliseconds period)
      : m_thread([&clients, period, this] {
          int line = 0;
          while (!m_stop.load()) {
            for (SlowClient& client : clients) client.send("X-Trickle-" + std::to_string(line) + ": 1\r\n");
            ++line;
            for (auto waited = milliseconds(0); waited < period && !m_stop.load();
                 waited += milliseconds(50)) {
              std::this_thread::sleep_for(milliseconds(50));
            }
          }
        }) {}
  ~Trickle() { stop(); }
  void stop() {
    m_stop.store(true);
    if (m_thread.joinable()) m_thread.join();
  }

 private:
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
};

std::vector<SlowClient> open_slow(const std::string& source, int count, int port) {
  std::vector<SlowClient> clients;
  for (int i = 0; i < count; ++i) {
    clients.emplace_back(source, port);
    clients.back().send("GET /healthz HTTP/1.1\r\nHost: desk\r\n");
  }
  return clients;
}

TEST(SlowClients, TwoHundredTricklingConnectionsDoNotStopSyncOrTheQrPage) {
  TempDir dir;
  // A header bound longer than the test: here the slow connections must stay, not be cut.
  DeskProcess desk(dir.file("desk"),
                   "[desk]\nmax_connections_per_address = 20\nheader_timeout_seconds = 120\n");
  ASSERT_TRUE(desk.started()) << desk.log();
  const std::string key = desk.add_kiosk("K1");
  ASSERT_EQ(key.size(), 64u);
  const std::string kiosk_db = dir.file("kiosk.db");
  const CommandResult filed = run_command({FILING_LOOP_PATH, kiosk_db, "3", "slow"});
  ASSERT_EQ(filed.exit_code, 0) << filed.err;

  // 200 slow connections, 20 from each of ten addresses (each address at its cap).
  std::vector<SlowClient> slow;
  for (int host = 10; host < 20; ++host) {
    for (SlowClient& client : open_slow("127.0.0." + std::to_string(host), 20, desk.port())) {
      ASSERT_TRUE(client.connected()) << "127.0.0." << host;
      slow.push_back(std::move(client));
    }
  }
  Trickle trickle(slow, milliseconds(2000));
  std::this_thread::sleep_for(milliseconds(2500));  // every connection accepted and trickled once

  // One more address over its cap: the excess is closed at once, its first 20 stay.
  std::vector<SlowClient> greedy = open_slow("127.0.0.30", 25, desk.port());
  int refused = 0;
  for (SlowClient& client : greedy) refused += client.closed_by_desk(milliseconds(200));
  EXPECT_EQ(refused, 5) << "beyond max_connections_per_address = 20";
  for (SlowClient& client : greedy) refused += client.closed_by_desk(milliseconds(0));
  EXPECT_EQ(refused, 10) << "the 20 within the cap are still open";

  // Under that attack the kiosk syncs and a customer loads the QR page. "Stuck behind the
  // slow connections" (what the thread-per-connection desk did: every worker held until the
  // attackers stopped) fails here without a stopwatch: the attackers trickle until after
  // both answers, the header bound is 120 s, and sync and page give up after 10 s. The times
  // are printed, not bounded (speed is bench/desk's business; a 1 s bound is too tight under
  // ASan beside another process test).
  const std::string config = dir.file("kiosk.toml");
  std::ofstream(config) << kiosk_sync_config(desk.url(), key, "timeout_seconds = 10\n");
  auto start = Clock::now();
  const CommandResult synced =
      run_command({COMPLAINTCTL_PATH, "--config", config, "--db", kiosk_db, "--json", "sync"});
  const double sync_seconds = seconds_since(start);
  ASSERT_EQ(synced.exit_code, 0) << synced.out << synced.err;
  const nlohmann::json report = nlohmann::json::parse(synced.out);
  EXPECT_EQ(report["acknowledged"], 6);
  EXPECT_EQ(report["remaining"], 0);

  const std::string number = filed.out.substr(0, filed.out.find('\n'));
  const std::optional<Ticket> ticket = must(must(SqliteTicketStore::open(kiosk_db))->find(number));
  ASSERT_TRUE(ticket.has_value()) << number;
  httplib::Client phone("127.0.0.1", desk.port());
  phone.set_read_timeout(10, 0);
  start = Clock::now();
  const auto page = phone.Get("/t/" + number + "?k=" + ticket->tracking_token);
  const double page_seconds = seconds_since(start);
  ASSERT_TRUE(page) << httplib::to_string(page.error());
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find(number), std::string::npos);
  std::cout << "[ info     ] under 200 slow connections: sync round " << sync_seconds << " s, QR page "
            << page_seconds << " s" << std::endl;

  // The slow connections were held by the desk all along, not refused nor left in the
  // kernel's queue: each is still open and is answered once its request is complete.
  trickle.stop();
  int open = 0;
  for (SlowClient& client : slow) open += !client.closed_by_desk(milliseconds(0));
  EXPECT_EQ(open, 200);
  for (SlowClient& client : slow) client.send("\r\n");
  int answered = 0;
  for (SlowClient& client : slow) {
    const auto deadline = Clock::now() + milliseconds(5000);
    while (client.received().find("\r\n\r\n") == std::string::npos && Clock::now() < deadline) {
      if (client.closed_by_desk(milliseconds(50))) break;
    }
    answered += client.received().rfind("HTTP/1.1 200", 0) == 0;
  }
  EXPECT_EQ(answered, 200);
  EXPECT_NE(desk.log().find("refusing connections from 127.0.0.30"), std::string::npos) << desk.log();
  EXPECT_EQ(desk.stop(), 0) << "graceful shutdown with the slow connections open";
}

// With both bounds at 2 s: headers that trickle in, and a body that trickles in, are cut off
// after about that (never before, and well before the 6 s this test waits); the desk then
// still answers an honest request.
TEST(SlowClients, SlowHeadersAndASlowBodyAreCutOffAfterTheirBounds) {
  TempDir dir;
  DeskProcess desk(dir.file("desk"), "[desk]\nheader_timeout_seconds = 2\nbody_timeout_seconds = 2\n");
  ASSERT_TRUE(desk.started()) << desk.log();

  SlowClient headers("127.0.0.2", desk.port());
  SlowClient body("127.0.0.3", desk.port());
  ASSERT_TRUE(headers.connected() && body.connected());
  auto start = Clock::now();
  headers.send("GET /healthz HTTP/1.1\r\nHost: desk\r\n");
  body.send(
      "POST /api/v1/sync HTTP/1.1\r\nHost: desk\r\nContent-Type: application/json\r\n"
      "Content-Length: 100000\r\n\r\n{");
  double headers_cut = 0;
  double body_cut = 0;
  for (int step = 0; step < 20 && (headers_cut == 0 || body_cut == 0); ++step) {
    // A header line or a byte of body every 300 ms: never idle, never finished.
    if (headers_cut == 0) {
      headers.send("X-Slow-" + std::to_string(step) + ": 1\r\n");
      if (headers.closed_by_desk(milliseconds(150))) headers_cut = seconds_since(start);
    }
    if (body_cut == 0) {
      body.send(" ");
      if (body.closed_by_desk(milliseconds(150))) body_cut = seconds_since(start);
    }
  }
  EXPECT_GE(headers_cut, 1.9) << "cut before header_timeout_seconds";
  EXPECT_GT(headers_cut, 0) << "slow headers were never cut off";
  EXPECT_LT(headers_cut, 6.0);
  EXPECT_GE(body_cut, 1.9) << "cut before body_timeout_seconds";
  EXPECT_GT(body_cut, 0) << "a slow body was never cut off";
  EXPECT_LT(body_cut, 6.0);
  EXPECT_EQ(body.received(), "") << "no handler saw the partial body";

  httplib::Client honest("127.0.0.1", desk.port());
  honest.set_read_timeout(10, 0);
  const auto health = honest.Get("/healthz");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
}

}  // namespace
}  // namespace complaint::testing
