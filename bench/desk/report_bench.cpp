// The monthly report (issue 14) over a year of tickets on each desk store: a month's cohort
// loaded from the store and computed (monthly_report), as complaintctl report and the console
// do: with every field (load_cohort, the register's read), and with the report's fields only
// (load_report_cohort) cold (no report digests yet: the month's first report, which writes
// them) and warm (current digests: every later one). Anchor, in the same run on the same store: reading every
// ticket of the year (TicketRepository::list) and counting them by category in C++, the naive report.
//
// The year (--tickets tickets, default 1,000,000, filed through 2025) is bench/desk/ticket_year.h's;
// the SQLite file is cached in $REPORT_BENCH_DIR (default /tmp) by size; PostgreSQL is a
// private server started by the run (the tests' settings), filled the same way. Usage:
//   build/bin/report_bench [--tickets N] [--stores sqlite,postgres] [--hold SECONDS]
//                          [--postgres CONNINFO] [google benchmark flags]
// --hold keeps the PostgreSQL server up that long after the run, its conninfo printed (EXPLAIN).
// --postgres: the year already filled on that database (a server another run --hold keeps), not
// a new server filled again (minutes): for runs one after another while changing the code.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench/desk/ticket_year.h"
#include "core/reports/monthly_report.h"
#include "drivers/postgres/desk_stores.h"
#include "tests/desk/postgres_server.h"

namespace complaint {
namespace {

using bench::fail;
using bench::kTemplateTickets;
using bench::kYearSeconds;
using bench::kYearStart;
using bench::must;

// ---- the benchmarks

struct Target {
  std::string name;
  TicketRepository* tickets = nullptr;
  // Forgets the report digests (core/store/report_digest.h): the next report is a cold one.
  std::function<void()> forget_digests;
};

// June 2025, evaluated at the year's end.
const ReportPeriod kJune{std::chrono::year{2025} / 6 / 1, std::chrono::year{2025} / 6 / 30};
const Instant kAsOf = kYearStart + std::chrono::seconds{kYearSeconds};

using Loader = Result<std::vector<TicketHistory>> (*)(TicketRepository&, const ReportPeriod&,
                                                      const TimeZone&);

// One report per iteration: loaded by `load`, computed by monthly_report. `cold`: the digests
// are emptied before each (outside the timing).
void register_report(const std::string& name, const Target& target, const TimeZone& zone, Loader load,
                     bool cold) {
  benchmark::RegisterBenchmark(name.c_str(),
                               [target, &zone, load, cold](benchmark::State& state) {
                                 std::int64_t filed = 0;
                                 for (auto _ : state) {
                                   if (cold) {
                                     state.PauseTiming();
                                     target.forget_digests();
                                     state.ResumeTiming();
                                   }
                                   auto cohort = must(load(*target.tickets, kJune, zone), "load");
                                   const MonthlyReport report = monthly_report(cohort, kJune, kAsOf, zone);
                                   filed = report.totals.filed;
                                   benchmark::DoNotOptimize(report.forward.met);
                                 }
                                 state.counters["tickets"] = static_cast<double>(filed);
                               })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Iterations(3);
}

void register_benchmarks(const Target& target, const TimeZone& zone) {
  TicketRepository* tickets = target.tickets;
  // Before: every field of the cohort's tickets and events (load_cohort, as the register reads).
  register_report("monthly_report_full_rows/" + target.name, target, zone, &load_cohort, false);
  // The report's fields, no digest yet: the first report of a month (it writes the digests).
  register_report("monthly_report_cold/" + target.name, target, zone, &load_report_cohort, true);
  // The report's fields from current digests: every later report of the month.
  register_report("monthly_report/" + target.name, target, zone, &load_report_cohort, false);
  // The loading alone (load_report_cohort from current digests, the cohort freed after each).
  benchmark::RegisterBenchmark(("monthly_report_load_only/" + target.name).c_str(),
                               [target, &zone](benchmark::State& state) {
                                 for (auto _ : state) {
                                   auto cohort =
                                       must(load_report_cohort(*target.tickets, kJune, zone), "load");
                                   benchmark::DoNotOptimize(cohort.data());
                                 }
                               })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Iterations(3);
  // The computation alone (monthly_report over a cohort loaded once): the rest is loading.
  benchmark::RegisterBenchmark(("monthly_report_compute_only/" + target.name).c_str(),
                               [target, &zone](benchmark::State& state) {
                                 const auto cohort =
                                     must(load_report_cohort(*target.tickets, kJune, zone), "load");
                                 for (auto _ : state) {
                                   const MonthlyReport report = monthly_report(cohort, kJune, kAsOf, zone);
                                   benchmark::DoNotOptimize(report.forward.met);
                                 }
                               })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Iterations(3);
  benchmark::RegisterBenchmark(("anchor_read_year/" + target.name).c_str(),
                               [tickets](benchmark::State& state) {
                                 std::size_t read = 0;
                                 for (auto _ : state) {
                                   const std::vector<Ticket> all = must(tickets->list(TicketQuery{}), "list");
                                   CountById by_category;
                                   for (const Ticket& t : all) ++by_category[t.category];
                                   read = all.size();
                                   benchmark::DoNotOptimize(by_category);
                                 }
                                 state.counters["tickets"] = static_cast<double>(read);
                               })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Iterations(3);
}

// The digests go, the counts of events the trigger keeps beside them stay (desk schema 8).
constexpr const char* kForgetDigests = "UPDATE report_digests SET digest_count = NULL, digest = NULL";

void forget_sqlite_digests(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) fail("opening " + path);
  sqlite3_busy_timeout(db, 5000);
  char* message = nullptr;
  if (sqlite3_exec(db, kForgetDigests, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string why = message ? message : "?";
    sqlite3_free(message);
    sqlite3_close(db);
    fail("emptying report_digests: " + why);
  }
  sqlite3_close(db);
}

}  // namespace
}  // namespace complaint

int main(int argc, char** argv) {
  using namespace complaint;
  int tickets = 1000000;
  std::string stores = "sqlite,postgres";
  int hold_seconds = 0;  // --hold: the PostgreSQL server stays up this long after the run (for psql)
  std::string filled;    // --postgres: a database holding the year already
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--tickets" && i + 1 < argc) {
      tickets = std::atoi(argv[++i]);
    } else if (arg == "--stores" && i + 1 < argc) {
      stores = argv[++i];
    } else if (arg == "--hold" && i + 1 < argc) {
      hold_seconds = std::atoi(argv[++i]);
    } else if (arg == "--postgres" && i + 1 < argc) {
      filled = argv[++i];
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (tickets < kTemplateTickets) fail("--tickets must be at least 60");
  ::setenv("COMPLAINT_ASSETS", SOURCE_DIR "/assets", 0);
  const Config config = Config::defaults();
  const Taxonomy taxonomy = Taxonomy::defaults();
  const WorkCalendar calendar = must(WorkCalendar::create(config.calendar), "calendar");

  std::vector<DeskStores> opened;
  std::unique_ptr<testing::PostgresServer> server;
  std::string server_conninfo;
  if (stores.find("sqlite") != std::string::npos) {
    const std::string path = bench::sqlite_year(tickets, config, taxonomy, calendar);
    opened.push_back(must(open_desk_stores(path), "open sqlite"));
    register_benchmarks(Target{"sqlite", &opened.back().tickets(), [path] { forget_sqlite_digests(path); }},
                        calendar.zone());
  }
  if (stores.find("postgres") != std::string::npos && !filled.empty()) {
    opened.push_back(must(open_desk_stores(filled), "open postgres"));
    register_benchmarks(Target{"postgres", &opened.back().tickets(),
                               [filled] {
                                 const std::string command =
                                     "psql -q '" + filled + "' -c '" + kForgetDigests + "' >/dev/null";
                                 if (std::system(command.c_str()) != 0) fail("emptying report_digests");
                               }},
                        calendar.zone());
  } else if (stores.find("postgres") != std::string::npos) {
    server = std::make_unique<testing::PostgresServer>();
    if (!server->running()) fail("no PostgreSQL server: " + server->why_not());
    const std::string conninfo = server->create_database("report_bench");
    server_conninfo = conninfo;
    bench::fill_postgres_year(*server, conninfo, tickets, config, taxonomy, calendar);
    opened.push_back(must(open_desk_stores(conninfo), "open postgres"));
    testing::PostgresServer* running = server.get();
    register_benchmarks(Target{"postgres", &opened.back().tickets(),
                               [running, conninfo] {
                                 if (!running->run_sql(conninfo, kForgetDigests))
                                   fail("emptying report_digests");
                               }},
                        calendar.zone());
  }
  int rest_count = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_count, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (server && hold_seconds > 0) {
    std::cerr << "report bench: the server stays up " << hold_seconds << " s: psql '" << server_conninfo
              << "'\n";
    std::this_thread::sleep_for(std::chrono::seconds{hold_seconds});
  }
  return 0;
}
