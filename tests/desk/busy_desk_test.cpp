// A desk whose sync lane is full (issue 17, "Scale"), against the REAL complaint-desk with one
// sync thread and two places to wait: kiosks that all send at once are partly told to come
// back (503 desk.error.busy with a Retry-After of at least the configured one), nothing of a refused request
// reaches the store (its very bytes are accepted later, not refused as a replay), every
// accepted ticket is stored exactly once, the refusals are logged as counts rather than a
// line each, and the QR page and /healthz are answered while the kiosks crowd the lane.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "core/store/sqlite_store.h"
#include "core/sync/sync_protocol.h"
#include "desk/sync_admission.h"
#include "desk_process.h"
#include "drivers/crypto/sodium_crypto.h"
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int kKiosks = 24;  // K1 syncs alone first (its ticket is the QR page), K2.. at once
constexpr int kTicketsEach = 20;

// What one kiosk heard until the desk took its batch.
struct Outcome {
  int accepted = 0;
  int busy = 0;
  std::string unexpected;  // an answer that is neither 200 nor a proper busy one
};

class BusyDesk : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_desk.started()) << m_desk.log();
    ASSERT_TRUE(m_signer.has_value());
    for (int i = 1; i <= kKiosks; ++i) {
      const std::string id = "K" + std::to_string(i);
      const std::string key = m_desk.add_kiosk(id);
      ASSERT_EQ(key.size(), 64u) << id;
      auto kiosk = std::make_unique<KioskSide>(m_dir.file(id + ".db"), m_clock, id);
      for (int t = 0; t < kTicketsEach; ++t) {
        const Ticket ticket = kiosk->file_one("排队时间过长 " + id + " #" + std::to_string(t));
        m_numbers.insert(ticket.number);
        if (i == 1 && t == 0) m_shown = ticket;
      }
      // Signed once: a busy answer must leave its nonce unused, so the same bytes go again.
      m_requests.push_back(signed_batch(*kiosk, *m_signer, id, key, m_clock.now()));
      m_kiosks.push_back(std::move(kiosk));
    }
  }

  httplib::Result post(const HttpRequest& request) const {
    httplib::Client client("127.0.0.1", m_desk.port());
    client.set_read_timeout(30, 0);
    httplib::Headers headers;
    for (const auto& [name, value] : request.headers) headers.emplace(name, value);
    return client.Post(request.path.c_str(), headers, request.body, "application/json");
  }

  // At least the configured 1 s; more once a crowd is spread out (RetrySchedule); an integer.
  static bool retry_after_is_scheduled(const std::string& value) {
    const int seconds = std::atoi(value.c_str());
    return value == std::to_string(seconds) && seconds >= 1 && seconds <= desk::RetrySchedule::kMaxSeconds;
  }

  // Sends until the desk takes the batch. A real kiosk waits the Retry-After (the worker
  // tests check that); these come back after 20 ms, to keep the lane full and the test short.
  Outcome send_until_accepted(const HttpRequest& request) const {
    Outcome outcome;
    const auto deadline = SteadyClock::now() + std::chrono::seconds(60);
    while (SteadyClock::now() < deadline) {
      const auto answer = post(request);
      if (!answer) {
        outcome.unexpected = "no answer: " + httplib::to_string(answer.error());
        return outcome;
      }
      if (answer->status == 200) {
        ++outcome.accepted;
        return outcome;
      }
      const auto error = nlohmann::json::parse(answer->body, nullptr, false);
      const bool busy = answer->status == 503 && error.is_object() &&
                        error.value("key", "") == kDeskBusyKey && error.value("code", "") == "unavailable" &&
                        retry_after_is_scheduled(answer->get_header_value("Retry-After"));
      if (!busy) {
        outcome.unexpected = std::to_string(answer->status) + " Retry-After '" +
                             answer->get_header_value("Retry-After") + "' " + answer->body;
        return outcome;
      }
      ++outcome.busy;
      std::this_thread::sleep_for(milliseconds(20));
    }
    outcome.unexpected = "still busy after 60 s";
    return outcome;
  }

  TempDir m_dir;
  DeskProcess m_desk{m_dir.file("desk"),
                     "[desk]\nsync_threads = 1\nsync_queue_limit = 2\nsync_busy_retry_seconds = 1\n"};
  FixedClock m_clock{SystemClock().now()};
  std::optional<SodiumSigner> m_signer = [] {
    auto signer = SodiumSigner::create();
    return signer.ok() ? std::optional<SodiumSigner>(std::move(signer).value()) : std::nullopt;
  }();
  std::vector<std::unique_ptr<KioskSide>> m_kiosks;
  std::vector<HttpRequest> m_requests;
  std::set<std::string> m_numbers;
  Ticket m_shown;
};

TEST_F(BusyDesk, TheExcessIsToldToComeBackAndEveryAcceptedTicketIsStoredOnce) {
  const auto first = post(m_requests[0]);
  ASSERT_TRUE(first && first->status == 200) << (first ? first->body : "no answer");

  std::atomic<bool> go{false};
  std::atomic<int> finished{0};
  std::vector<Outcome> outcomes(kKiosks);
  std::vector<std::thread> kiosks;
  for (int i = 1; i < kKiosks; ++i) {
    kiosks.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      outcomes[static_cast<std::size_t>(i)] = send_until_accepted(m_requests[static_cast<std::size_t>(i)]);
      ++finished;
    });
  }
  // The phone's connection and both pages are warmed up first: on a fast machine the whole
  // crowd was over in 0.29 s, inside the first page's one-off 0.24 s (2026-12-06), so no page
  // was asked and answered while it lasted although none waited for it.
  httplib::Client phone("127.0.0.1", m_desk.port());
  phone.set_read_timeout(30, 0);
  const std::string pages[] = {"/t/" + m_shown.number + "?k=" + m_shown.tracking_token, "/healthz"};
  for (const std::string& path : pages) ASSERT_TRUE(phone.Get(path)) << path;
  const auto start = SteadyClock::now();
  go.store(true);

  // Meanwhile a customer opens the QR page and the monitoring asks /healthz. What tells
  // "answered" from "queued behind the kiosks" is order, not a stopwatch (speed is
  // bench/desk/sync_load's): some page must be both asked and answered while kiosks are still
  // being told to come back. A 2 s bound used here failed under ASan beside another process
  // test (2.7 s, stop 28's CI) although the page never waited for the crowd.
  int answered_inside_crowd = 0;
  double slowest = 0;
  while (finished.load() < kKiosks - 1) {
    for (const std::string& path : pages) {
      const bool crowded_when_asked = finished.load() < kKiosks - 1;
      const auto asked = SteadyClock::now();
      const auto page = phone.Get(path);
      const double seconds = std::chrono::duration<double>(SteadyClock::now() - asked).count();
      ASSERT_TRUE(page) << path << ": " << httplib::to_string(page.error());
      EXPECT_EQ(page->status, 200) << path << ": " << page->body;
      slowest = std::max(slowest, seconds);
      answered_inside_crowd += crowded_when_asked && finished.load() < kKiosks - 1;
    }
    std::this_thread::sleep_for(milliseconds(50));
  }
  for (std::thread& kiosk : kiosks) kiosk.join();
  const double elapsed = std::chrono::duration<double>(SteadyClock::now() - start).count();
  EXPECT_GT(answered_inside_crowd, 0) << "no page was answered while the kiosks crowded the lane: "
                                      << "did the QR page and /healthz queue behind sync?";

  int busy = 0;
  for (int i = 1; i < kKiosks; ++i) {
    const Outcome& outcome = outcomes[static_cast<std::size_t>(i)];
    EXPECT_EQ(outcome.unexpected, "") << "K" << i;
    EXPECT_EQ(outcome.accepted, 1) << "K" << i;
    busy += outcome.busy;
  }
  EXPECT_GT(busy, 0) << "no request was told to come back: is sync_queue_limit applied?";
  std::cout << "[ info     ] " << kKiosks - 1 << " kiosks at once: " << busy << " busy answers in " << elapsed
            << " s; slowest page " << slowest << " s" << std::endl;

  // A busy answer stored nothing, not even the nonce: the re-sent bytes were accepted above.
  // Now that they were, the same bytes are a replay.
  const auto again = post(m_requests[1]);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409) << again->body;

  // Exactly once: every filed number at the desk once, with its one "file" event.
  auto tickets = must(SqliteTicketStore::open(m_desk.db()));
  std::multiset<std::string> at_desk;
  for (const Ticket& ticket : must(tickets->list(TicketQuery{}))) at_desk.insert(ticket.number);
  EXPECT_EQ(at_desk, std::multiset<std::string>(m_numbers.begin(), m_numbers.end()));
  auto desk = must(SqliteDeskStore::open(m_desk.db()));
  EXPECT_EQ(must(desk->count_rows("events")), kKiosks * kTicketsEach);
  EXPECT_EQ(must(desk->count_rows("synced_items")), 2 * kKiosks * kTicketsEach);

  // Refusals are counted in the log, a line a second at most, never one per request.
  const std::string log = m_desk.log();
  int lines = 0;
  for (std::size_t at = log.find("sync lane full"); at != std::string::npos;
       at = log.find("sync lane full", at + 1)) {
    ++lines;
  }
  EXPECT_GT(lines, 0) << log;
  EXPECT_LE(lines, static_cast<int>(elapsed) + 2) << log;
  EXPECT_EQ(m_desk.stop(), 0) << "graceful shutdown";
}

}  // namespace
}  // namespace complaint::testing
