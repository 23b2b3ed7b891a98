// sync_load: the scale test of issue 17. Many kiosks (1,000 by default), each with a backlog
// of filed tickets, sync concurrently through the real sync client and libcurl into several
// REAL complaint-desk processes (2 by default) on one private PostgreSQL server, while
// customers load tracking pages. A kiosk starts at a random moment within --spread seconds
// (0: all at once) and, told the desk is busy (503 desk.error.busy), comes back after its
// Retry-After with jitter, as the kiosk's sync worker does. Prints tickets ingested per
// second, the latency of accepted batches (200 answers), the count of busy answers, each
// kiosk's time to drain its backlog, page latency, CPU seconds per desk and of the database,
// and checks that every ticket is stored exactly once. Results and the command:
// docs/BENCHMARKS.md.
//
//   sync_load [--kiosks N] [--backlog N] [--desks N] [--batch N] [--page-threads N]
//             [--spread SECONDS] [--sync-threads N] [--sync-queue-limit N] [--busy-retry SECONDS]
//             [--page-interval-ms N] [--statements 1]
//
// --statements 1 loads pg_stat_statements and prints where the server's time went, statement by
// statement, with each table's sequential and index scans during the run.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include <httplib.h>
#include "core/base/backoff.h"
#include "core/calendar/work_calendar.h"
#include "core/config/config.h"
#include "core/domain/taxonomy.h"
#include "core/services/filing_service.h"
#include "core/store/fake_ticket_repository.h"
#include "core/sync/kiosk_sync_store.h"
#include "core/sync/sync_client.h"
#include "core/sync/sync_protocol.h"
#include "desk/web_forms.h"
#include "drivers/crypto/sodium_crypto.h"
#include "drivers/postgres/pg_desk_store.h"
#include "drivers/transport/curl_transport.h"
#include "tests/core/good_draft.h"
#include "tests/desk/desk_process.h"
#include "tests/desk/postgres_server.h"

namespace complaint {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int kiosks = 1000;
  int backlog = 20;
  int desks = 2;
  int batch = 50;
  int page_threads = 4;
  double spread = 0;  // seconds within which the kiosks start, each at a uniformly random moment
  // The desks' sync lane ([desk] sync_threads, sync_queue_limit); -1: the desk's default.
  int sync_threads = -1;
  int sync_queue_limit = -1;
  int busy_retry = -1;  // [desk] sync_busy_retry_seconds; -1: the desk's default
  // Each customer's pause between two pages (people read a page before the next): without
  // one, four threads asked 3,400 pages/s of the two desks and measured that instead.
  int page_interval_ms = 100;
  bool statements = false;  // pg_stat_statements: the server's time per statement
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (name == "--kiosks") options.kiosks = value;
    if (name == "--backlog") options.backlog = value;
    if (name == "--desks") options.desks = value;
    if (name == "--batch") options.batch = value;
    if (name == "--page-threads") options.page_threads = value;
    if (name == "--spread") options.spread = std::max(0.0, std::atof(argv[i + 1]));
    if (name == "--sync-threads") options.sync_threads = value;
    if (name == "--sync-queue-limit") options.sync_queue_limit = value;
    if (name == "--busy-retry") options.busy_retry = value;
    if (name == "--page-interval-ms") options.page_interval_ms = std::max(0, value);
    if (name == "--statements") options.statements = value != 0;
  }
  return options;
}

// One kiosk's outbox in memory: the tickets its FilingService filed (the same code the
// kiosk runs), handed out in outbox order and marked sent on the desk's acknowledgement.
class BacklogKiosk final : public KioskSyncStore {
 public:
  BacklogKiosk(const std::string& kiosk_id, int backlog, const Taxonomy& taxonomy,
               const WorkCalendar& calendar, const complaint::Clock& clock) {
    m_config.site.kiosk_id = kiosk_id;
    FilingService filing(m_config, taxonomy, calendar, m_repository, clock);
    for (int i = 0; i < backlog; ++i) {
      TicketDraft draft = good_draft();
      draft.phone = "138" + std::to_string(10000000 + i);
      tickets.push_back(filing.file(draft, FilingContext{"kiosk", Role::kiosk}).value());
    }
    m_outbox = m_repository.all_outbox();
  }

  Result<PendingItems> pending(int limit) override {
    PendingItems pending;
    std::map<std::string, bool> numbers;
    for (const OutboxEntry& entry : m_outbox) {
      if (m_sent.contains(entry.id)) continue;
      if (limit > 0 && static_cast<int>(pending.items.size()) >= limit) break;
      SyncItem item;
      item.outbox_id = entry.id;
      item.ticket_number = entry.ticket_number;
      if (entry.kind == "event") {
        item.kind = SyncItemKind::event;
        const auto events = m_repository.events(entry.ticket_number);
        if (!events.ok()) return events.error();
        for (const TicketEvent& event : *events) {
          if (event.id == entry.event_id) item.event = event;
        }
      }
      if (!numbers[entry.ticket_number]) {
        numbers[entry.ticket_number] = true;
        pending.tickets.push_back(m_repository.find(entry.ticket_number).value().value());
      }
      pending.items.push_back(std::move(item));
    }
    return pending;
  }
  Result<void> mark_sent(const std::vector<std::int64_t>& ids, Instant) override {
    m_sent.insert(ids.begin(), ids.end());
    return Ok{};
  }
  // A refusal is a failure of the run: the generator files only what a kiosk files.
  Result<void> mark_refused(const std::vector<ItemRefusal>& refusals, Instant) override {
    for (const ItemRefusal& refusal : refusals) {
      m_sent.insert(refusal.outbox_id);
      ++refused;
      last_failure = refusal.reason.message;
    }
    return Ok{};
  }
  Result<RefusalSummary> refusals() override { return RefusalSummary{refused, std::nullopt}; }
  Result<void> record_failure(const std::vector<std::int64_t>&, const std::string& reason) override {
    last_failure = reason;
    return Ok{};
  }
  Result<std::int64_t> count_unsent() override {
    return static_cast<std::int64_t>(m_outbox.size() - m_sent.size());
  }
  Result<std::int64_t> cursor() override { return m_cursor; }
  Result<std::optional<StoredCalendar>> calendar() override { return std::optional<StoredCalendar>(); }
  Result<void> store_calendar(const StoredCalendar&) override { return Ok{}; }
  Result<std::vector<HelpRequest>> pending_help(int) override { return std::vector<HelpRequest>{}; }
  Result<void> mark_help_sent(const std::vector<std::int64_t>&, Instant) override { return Ok{}; }
  Result<int> apply_remote(const std::vector<StatusUpdate>&, std::int64_t new_cursor) override {
    m_cursor = new_cursor;
    return 0;
  }

  std::vector<Ticket> tickets;
  std::string last_failure;
  std::int64_t refused = 0;

 private:
  Config m_config = Config::defaults();
  FakeTicketRepository m_repository;
  std::vector<OutboxEntry> m_outbox;
  std::set<std::int64_t> m_sent;
  std::int64_t m_cursor = 0;
};

// The kiosk's transport, timing each request (one sync batch) end to end. Only accepted
// batches (200) are batch latency; a busy answer is counted apart (it is quick by design,
// and would flatter the percentiles).
class TimedTransport final : public Transport {
 public:
  TimedTransport(std::unique_ptr<Transport> inner, std::vector<double>& samples, std::mutex& mutex,
                 std::atomic<int>& busy)
      : m_inner(std::move(inner)), m_samples(samples), m_mutex(mutex), m_busy(busy) {}
  Result<HttpResponse> send(const HttpRequest& request) override {
    const auto start = Clock::now();
    auto answer = m_inner->send(request);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (answer.ok() && answer->status == 503 &&
        error_from_json(answer->body, answer->status).key == kDeskBusyKey) {
      ++m_busy;
    } else if (answer.ok() && answer->status == 200) {
      std::lock_guard lock(m_mutex);
      m_samples.push_back(ms);
    }
    return answer;
  }

 private:
  std::unique_ptr<Transport> m_inner;
  std::vector<double>& m_samples;
  std::mutex& m_mutex;
  std::atomic<int>& m_busy;
};

double percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1));
  return samples[index];
}

// User + system CPU seconds of a process (from /proc/PID/stat), or of all processes whose
// command line contains `pattern` (the PostgreSQL server's backends).
double cpu_seconds_of(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const std::size_t close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int index = 3; fields >> field; ++index) {
    if (index == 14 || index == 15) ticks += std::stod(field);
    if (index == 15) break;
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double own_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec);
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double cpu_seconds_of_postgres() {
  double total = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream comm(entry.path() / "comm");
    std::string command;
    std::getline(comm, command);
    if (command == "postgres") total += cpu_seconds_of(std::stoi(name));
  }
  return total;
}

// Every simulated kiosk and customer comes from 127.0.0.1, where real ones come from their
// own addresses: the per-address limits are lifted so that they measure the desk, not the cap.
// The sync lane is the desk's default unless the command line sets it.
std::string desk_config(const Options& options) {
  std::string config = "[desk]\ntracking_rate_per_minute = 0\nmax_connections_per_address = 5000\n";
  if (options.sync_threads >= 0) config += "sync_threads = " + std::to_string(options.sync_threads) + "\n";
  if (options.sync_queue_limit >= 0)
    config += "sync_queue_limit = " + std::to_string(options.sync_queue_limit) + "\n";
  if (options.busy_retry >= 0)
    config += "sync_busy_retry_seconds = " + std::to_string(options.busy_retry) + "\n";
  return config;
}

int run(const Options& options) {
  ::setenv("COMPLAINT_ASSETS", SOURCE_DIR "/assets", 0);
  // Durable, as in production (the tests' shared server runs with fsync off).
  std::vector<std::string> settings;
  if (options.statements)
    settings = {"shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=all"};
  const std::unique_ptr<testing::PostgresServer> durable_server = testing::PostgresServer::durable(settings);
  testing::PostgresServer& server = *durable_server;
  if (!server.running()) {
    std::fprintf(stderr, "sync_load: no PostgreSQL server: %s\n", server.why_not().c_str());
    return 2;
  }
  const std::string conninfo = server.create_database("sync_load");
  if (options.statements && !server.run_sql(conninfo, "CREATE EXTENSION pg_stat_statements")) {
    std::fprintf(stderr, "sync_load: pg_stat_statements is not available\n");
    return 2;
  }
  const std::string root =
      (std::filesystem::temp_directory_path() / ("sync-load-" + std::to_string(::getpid())));
  std::vector<std::unique_ptr<testing::DeskProcess>> desks;
  for (int i = 0; i < options.desks; ++i) {
    desks.push_back(std::make_unique<testing::DeskProcess>(root + "/desk" + std::to_string(i),
                                                           desk_config(options), conninfo));
    if (!desks.back()->started()) {
      std::fprintf(stderr, "sync_load: desk %d did not start:\n%s\n", i, desks.back()->log().c_str());
      return 2;
    }
  }

  // The kiosks: registered on the desk (complaintctl, as an installer does) with their
  // backlogs filed beforehand, so the timed part is the sync alone.
  const Config config = Config::defaults();
  const Taxonomy taxonomy = Taxonomy::defaults();
  const WorkCalendar calendar = WorkCalendar::create(config.calendar).value();
  SystemClock clock;
  std::vector<std::unique_ptr<BacklogKiosk>> kiosks;
  std::vector<std::string> keys;
  const auto setup_start = Clock::now();
  for (int i = 0; i < options.kiosks; ++i) {
    const std::string id = "K" + std::to_string(i + 1);
    keys.push_back(desks[0]->add_kiosk(id));
    if (keys.back().empty()) {
      std::fprintf(stderr, "sync_load: could not register kiosk %s\n", id.c_str());
      return 2;
    }
    kiosks.push_back(std::make_unique<BacklogKiosk>(id, options.backlog, taxonomy, calendar, clock));
  }
  std::printf("setup: %d kiosks registered with %d tickets each in %.1f s\n", options.kiosks, options.backlog,
              std::chrono::duration<double>(Clock::now() - setup_start).count());

  const SodiumSigner signer = SodiumSigner::create().value();
  std::vector<double> batch_ms;  // accepted batches only
  std::vector<double> page_ms;
  std::vector<double> drain_s;  // per kiosk: from its start to an empty backlog
  std::mutex samples_mutex;
  std::atomic<int> busy_answers{0};
  std::atomic<int> undrained{0};
  std::atomic<int> ready{0};
  // The start signal: a thousand threads polling a flag every millisecond cost a core before the
  // timed part began and blurred the load generator's own CPU figure.
  std::promise<void> start_signal;
  const std::shared_future<void> go = start_signal.get_future().share();
  std::atomic<int> kiosks_done{0};
  std::atomic<int> failed_rounds{0};
  std::vector<double> cpu_before;
  for (const auto& desk : desks) cpu_before.push_back(cpu_seconds_of(desk->pid()));
  const double postgres_before = cpu_seconds_of_postgres();
  // The counters of the timed part only (the setup's registrations would drown them).
  server.run_sql(conninfo, options.statements ? "SELECT pg_stat_reset(), pg_stat_statements_reset()"
                                              : "SELECT pg_stat_reset()");

  std::vector<std::thread> threads;
  for (int i = 0; i < options.kiosks; ++i) {
    threads.emplace_back([&, i] {
      // Kiosks spread over the desks as a load balancer would.
      auto curl = make_curl_transport(CurlOptions{desks[static_cast<std::size_t>(i) % desks.size()]->url(),
                                                  {},
                                                  std::chrono::seconds{60},
                                                  std::chrono::seconds{10}});
      TimedTransport transport(std::move(curl).value(), batch_ms, samples_mutex, busy_answers);
      SyncSettings settings;
      settings.kiosk_id = "K" + std::to_string(i + 1);
      settings.key_hex = keys[static_cast<std::size_t>(i)];
      settings.batch_size = options.batch;
      SyncClient client(*kiosks[static_cast<std::size_t>(i)], transport, signer, clock, settings);
      std::function<double()> random = jitter_source();
      const auto start_after = std::chrono::duration<double>(options.spread * random());
      ++ready;
      go.wait();
      std::this_thread::sleep_for(start_after);  // as the kiosks' sync timers spread
      const auto began = Clock::now();
      // A kiosk retries a failed round, as its sync worker would: after a busy answer when the
      // desk said (retry_after_delay, the worker's own), after other failures a short pause.
      bool drained = false;
      for (int failures = 0; failures < 20;) {
        const SyncRound round = client.drain();
        if (round.ok()) {
          drained = true;
          break;
        }
        if (round.error && round.error->key == kDeskBusyKey && round.retry_after) {
          std::this_thread::sleep_for(
              retry_after_delay(*round.retry_after, random(), std::chrono::minutes(15)));
          continue;
        }
        ++failures;
        ++failed_rounds;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
      if (drained) {
        std::lock_guard lock(samples_mutex);
        drain_s.push_back(std::chrono::duration<double>(Clock::now() - began).count());
      } else {
        ++undrained;
      }
      ++kiosks_done;
    });
  }
  while (ready < options.kiosks) std::this_thread::sleep_for(std::chrono::milliseconds(10));

  // Customers: tracking pages of tickets that are (or are about to be) on the desk; a 404
  // before its ticket arrived is counted apart, every answer is timed.
  std::atomic<int> pages_ok{0};
  std::atomic<int> pages_missing{0};
  std::atomic<int> pages_failed{0};
  std::vector<std::thread> customers;
  for (int c = 0; c < options.page_threads; ++c) {
    customers.emplace_back([&, c] {
      httplib::Client browser("127.0.0.1", desks[static_cast<std::size_t>(c) % desks.size()]->port());
      std::size_t n = static_cast<std::size_t>(c);
      while (kiosks_done < options.kiosks) {
        const BacklogKiosk& kiosk = *kiosks[n % kiosks.size()];
        const Ticket& ticket = kiosk.tickets[(n / kiosks.size()) % kiosk.tickets.size()];
        n += 7919;
        const auto start = Clock::now();
        auto page = browser.Get("/t/" + ticket.number + "?k=" + desk::url_encode(ticket.tracking_token));
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (!page || page->status >= 500) {
          ++pages_failed;
        } else if (page->status == 404) {
          ++pages_missing;
        } else {
          ++pages_ok;
        }
        {
          std::lock_guard lock(samples_mutex);
          page_ms.push_back(ms);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(options.page_interval_ms));
      }
    });
  }

  const auto start = Clock::now();
  const double self_start = own_cpu_seconds();
  start_signal.set_value();
  for (std::thread& thread : threads) thread.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (std::thread& thread : customers) thread.join();

  std::vector<double> cpu;
  for (std::size_t i = 0; i < desks.size(); ++i)
    cpu.push_back(cpu_seconds_of(desks[i]->pid()) - cpu_before[i]);
  const double postgres_cpu = cpu_seconds_of_postgres() - postgres_before;
  const double self_cpu = own_cpu_seconds() - self_start;
  // PostgreSQL's own work during the run, a suspect of its CPU varying between runs.
  const auto background = server.query(
      conninfo,
      "SELECT 'autovacuum ' || coalesce(sum(autovacuum_count), 0) || ', autoanalyze ' || "
      "coalesce(sum(autoanalyze_count), 0) || ' during the run; checkpoints since its start ' || "
      "(SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter) FROM pg_stat_user_tables");
  // A plan gone wrong shows as sequential scans of a growing table.
  const auto scans =
      server.query(conninfo,
                   "SELECT relname || ': seq ' || seq_scan || ' (' || seq_tup_read || ' rows), index ' || "
                   "coalesce(idx_scan, 0) || ', live ' || n_live_tup FROM pg_stat_user_tables "
                   "WHERE seq_scan + coalesce(idx_scan, 0) > 0 ORDER BY seq_tup_read DESC LIMIT 8");
  const auto statements =
      options.statements
          ? server.query(conninfo,
                         "SELECT round(total_exec_time) || ' ms, ' || calls || ' calls, ' || "
                         "round(mean_exec_time::numeric, 3) || ' ms each: ' || "
                         "left(regexp_replace(query, '\\s+', ' ', 'g'), 110) FROM pg_stat_statements "
                         "ORDER BY total_exec_time DESC LIMIT 15")
          : std::nullopt;

  auto store = PgDeskStore::open(conninfo).value();
  const std::int64_t expected = static_cast<std::int64_t>(options.kiosks) * options.backlog;
  const std::int64_t tickets = store->count_rows("tickets").value();
  const std::int64_t items = store->count_rows("synced_items").value();
  const std::int64_t events = store->count_rows("events").value();
  const bool exactly_once = tickets == expected && items == 2 * expected && events == expected;

  std::printf(
      "kiosks %d, backlog %d, desks %d, batch %d items, page threads %d (a page each %d ms), spread %.0f s, "
      "sync threads %s, sync queue limit %s, busy retry %s\n",
      options.kiosks, options.backlog, options.desks, options.batch, options.page_threads,
      options.page_interval_ms, options.spread,
      options.sync_threads < 0 ? "default" : std::to_string(options.sync_threads).c_str(),
      options.sync_queue_limit < 0 ? "default" : std::to_string(options.sync_queue_limit).c_str(),
      options.busy_retry < 0 ? "default" : std::to_string(options.busy_retry).c_str());
  std::printf("ingested: %lld tickets in %.2f s = %.0f tickets/s\n", static_cast<long long>(tickets), seconds,
              static_cast<double>(tickets) / seconds);
  std::printf("batch latency (accepted, 200): %zu, p50 %.0f ms, p99 %.0f ms, max %.0f ms\n", batch_ms.size(),
              percentile(batch_ms, 0.5), percentile(batch_ms, 0.99), percentile(batch_ms, 1.0));
  std::printf("busy answers (503, come back after Retry-After): %d; other failed rounds retried: %d\n",
              busy_answers.load(), failed_rounds.load());
  std::printf(
      "drain per kiosk (its start to an empty backlog): p50 %.1f s, p99 %.1f s, max %.1f s; %d not drained\n",
      percentile(drain_s, 0.5), percentile(drain_s, 0.99), percentile(drain_s, 1.0), undrained.load());
  std::printf("pages: %zu (%d shown, %d not yet synced, %d failed), p50 %.0f ms, p99 %.0f ms\n",
              page_ms.size(), pages_ok.load(), pages_missing.load(), pages_failed.load(),
              percentile(page_ms, 0.5), percentile(page_ms, 0.99));
  for (std::size_t i = 0; i < cpu.size(); ++i)
    std::printf("desk %zu: %.1f CPU s (%.0f %% of a core)\n", i, cpu[i], 100 * cpu[i] / seconds);
  std::printf("postgres: %.1f CPU s (%.0f %% of a core); since its start: %s", postgres_cpu,
              100 * postgres_cpu / seconds, background ? background->c_str() : "(no statistics)\n");
  std::printf("load generator (kiosks and customers): %.1f CPU s (%.0f %% of a core)\n", self_cpu,
              100 * self_cpu / seconds);
  if (scans) std::printf("table scans during the run:\n%s", scans->c_str());
  if (statements) std::printf("statements by server time:\n%s", statements->c_str());
  std::printf("exactly once: %s (tickets %lld, synced items %lld, events %lld; expected %lld, %lld, %lld)\n",
              exactly_once ? "yes" : "NO", static_cast<long long>(tickets), static_cast<long long>(items),
              static_cast<long long>(events), static_cast<long long>(expected),
              static_cast<long long>(2 * expected), static_cast<long long>(expected));
  for (auto& desk : desks) desk->stop();
  std::filesystem::remove_all(root);
  return exactly_once ? 0 : 1;
}

}  // namespace
}  // namespace complaint

int main(int argc, char** argv) {
  return complaint::run(complaint::parse(argc, argv));
}
