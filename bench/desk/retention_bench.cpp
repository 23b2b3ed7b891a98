// The retention run (issue 13) over a year of 1,000,000 tickets on each desk store, as
// `complaintctl retention run` does it (run_desk_retention with the default policy: 1 year,
// major complaints and reports 3). Two runs per store on the same data, in this order:
//   catch_up  as of 2026-07-01: every ticket closed in the first half of 2025 is due at once,
//             the first run on a desk that kept everything (or was switched off for months);
//   daily     as of the next day: the steady state, a day's closings are due.
// Each run's wall time, CPU time of this process (the store's own CPU is PostgreSQL's, not
// counted here) and the peak resident memory it added (VmHWM, reset before each run through
// /proc/self/clear_refs). Anchor, on the same store in the same run: reading every ticket of
// the year (TicketRepository::list), as report_bench's anchor does.
//
// The SQLite year is bench/desk/ticket_year.h's cached file, copied before the runs (they change
// it); PostgreSQL is a private durable server (fsync on, as production) filled the same way.
// Usage: build/bin/retention_bench [--tickets N] [--stores sqlite,postgres]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>

#include "bench/desk/bench_measure.h"
#include "bench/desk/ticket_year.h"
#include "core/retention/retention_run.h"
#include "drivers/postgres/desk_stores.h"
#include "tests/desk/postgres_server.h"

namespace complaint {
namespace {

using bench::fail;
using bench::measure;
using bench::Measured;
using bench::must;

void print(const std::string& store, const std::string& name, const Measured& m, const std::string& what) {
  std::cout << std::left << std::setw(10) << store << std::setw(12) << name << std::right << std::fixed
            << std::setprecision(2) << std::setw(9) << m.wall << " s wall" << std::setw(9) << m.cpu
            << " s cpu" << std::setw(9) << std::setprecision(1) << m.peak_added_mib << " MiB peak added   "
            << what << std::endl;
}

Instant beijing_midnight(int year, unsigned month, unsigned day) {
  using namespace std::chrono;
  return Instant{sys_days{std::chrono::year{year} / month / day} - hours{8}};
}

void run_store(const std::string& name, TicketRepository& tickets) {
  const RetentionPolicy policy;  // the defaults: 1 year, major and reports 3
  const PhoneHasher hash = [](std::string_view phone) { return "hash:" + std::string(phone.size(), 'x'); };

  std::size_t read = 0;
  const Measured anchor = measure([&] { read = must(tickets.list(TicketQuery{}), "list").size(); });
  print(name, "anchor", anchor, "read every ticket: " + std::to_string(read));

  for (const auto& [label, as_of] : {std::pair{"catch_up", beijing_midnight(2026, 7, 1)},
                                     std::pair{"daily", beijing_midnight(2026, 7, 2)}}) {
    RetentionReport report;
    const Measured m = measure([&] {
      report = must(run_desk_retention(tickets, policy, as_of, hash, RetentionMode::apply), "retention");
    });
    print(name, label, m,
          "anonymised " + std::to_string(report.due.size()) + ", examined " +
              std::to_string(report.examined) + ", not due " + std::to_string(report.not_due) +
              ", conflicts " + std::to_string(report.conflicts) + "; x" +
              std::to_string(m.wall / anchor.wall).substr(0, 5) + " of the anchor");
  }
}

}  // namespace
}  // namespace complaint

int main(int argc, char** argv) {
  using namespace complaint;
  int tickets = 1000000;
  std::string stores = "sqlite,postgres";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--tickets" && i + 1 < argc) {
      tickets = std::atoi(argv[++i]);
    } else if (arg == "--stores" && i + 1 < argc) {
      stores = argv[++i];
    } else {
      fail("usage: retention_bench [--tickets N] [--stores sqlite,postgres]");
    }
  }
  if (tickets < bench::kTemplateTickets) fail("--tickets must be at least 60");
  ::setenv("COMPLAINT_ASSETS", SOURCE_DIR "/assets", 0);
  const Config config = Config::defaults();
  const Taxonomy taxonomy = Taxonomy::defaults();
  const WorkCalendar calendar = must(WorkCalendar::create(config.calendar), "calendar");

  if (stores.find("sqlite") != std::string::npos) {
    const std::string year = bench::sqlite_year(tickets, config, taxonomy, calendar);
    const std::string copy = year + ".retention";
    std::filesystem::remove(copy);
    std::filesystem::copy_file(year, copy);
    {
      DeskStores opened = must(open_desk_stores(copy), "open sqlite");
      run_store("sqlite", opened.tickets());
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(copy + suffix);
  }
  if (stores.find("postgres") != std::string::npos) {
    const std::unique_ptr<testing::PostgresServer> server = testing::PostgresServer::durable();
    if (!server || !server->running()) fail("no PostgreSQL server");
    const std::string conninfo = server->create_database("retention_bench");
    bench::fill_postgres_year(*server, conninfo, tickets, config, taxonomy, calendar);
    DeskStores opened = must(open_desk_stores(conninfo), "open postgres");
    run_store("postgres", opened.tickets());
  }
  return 0;
}
