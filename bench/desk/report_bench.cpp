// The monthly report (issue 14) over a year of tickets on each desk store: a month's cohort
// loaded from the store (load_cohort) and computed (monthly_report), as complaintctl report
// and the console do. Anchor, in the same run on the same store: reading every ticket of the
// year (TicketRepository::list) and counting them by category in C++, the naive report.
//
// The year is made from a template month of real filings: 60 tickets filed and walked through
// their paths (on time, late, untouched, withdrawn, reopened, anonymous, inquiries) by
// FilingService, then copied with SQL, each copy shifted in time, until the year holds
// --tickets tickets (default 1,000,000) spread evenly over 2025. The SQLite file is cached in
// $REPORT_BENCH_DIR (default /tmp) by size; PostgreSQL is a private server started by the run
// (the tests' settings), filled the same way. Rows are stored copy after copy, so the file
// is laid out in filing order as a real desk's is. Usage:
//   build/bin/report_bench [--tickets N] [--stores sqlite,postgres] [google benchmark flags]
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/reports/monthly_report.h"
#include "core/services/filing_service.h"
#include "drivers/postgres/desk_stores.h"
#include "tests/desk/postgres_server.h"
#include "tests/desk/report_actions.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;
using std::chrono::hours;
using std::chrono::minutes;

constexpr int kTemplateTickets = 60;
// 2025-01-01 00:00 Beijing time: the year's first instant.
constexpr Instant kYearStart{std::chrono::seconds{1735660800}};
constexpr std::int64_t kYearSeconds = 365LL * 86400;

[[noreturn]] void fail(const std::string& what) {
  std::cerr << "report_bench: " << what << "\n";
  std::exit(2);
}

template <typename T>
T must(Result<T> result, const char* what) {
  if (!result.ok()) fail(std::string(what) + ": " + result.error().message);
  return std::move(result).value();
}

// Files the template month's tickets and walks them through their paths, every action at the
// time it happened (the clock stands there), inside [kYearStart, kYearStart + 30 days).
class TemplateMonth : testing::ReportActions {
 public:
  TemplateMonth(TicketRepository& tickets, const Config& config, const Taxonomy& taxonomy,
                const WorkCalendar& calendar)
      : m_filing(config, taxonomy, calendar, tickets, m_clock) {}

  void build() {
    for (int i = 0; i < kTemplateTickets; ++i) {
      // Filed in the first 30 minutes, so a copy shifted by at least that never overlaps it.
      const Instant filed = kYearStart + minutes(i / 2);
      const int path = i % 10;
      const Ticket t = file(filed, path == 7 ? "inquiry" : "complaint", path == 6);
      switch (path) {
        case 0:
        case 1:
        case 2:  // on time, satisfied, archived
          on_time(t, Satisfaction::satisfied);
          act(t, t.filed_at + 51h, simple(Action::archive, Role::dispatcher));
          break;
        case 3:  // every step late, dissatisfied
          act(t, t.filed_at + 3h, forward());
          act(t, t.filed_at + 30h, simple(Action::contact, Role::handler));
          act(t, t.filed_at + 240h, reply());
          act(t, t.filed_at + 432h, callback(Satisfaction::dissatisfied));
          break;
        case 4:  // never touched
          break;
        case 5:  // forwarded, then withdrawn
          act(t, t.filed_at + 30min, forward());
          act(t, t.filed_at + 1h, withdraw());
          break;
        case 6:  // anonymous: replied and archived
          act(t, t.filed_at + 30min, forward());
          act(t, t.filed_at + 2h, simple(Action::contact, Role::handler));
          act(t, t.filed_at + 25h, record());
          act(t, t.filed_at + 26h, reply());
          act(t, t.filed_at + 27h, simple(Action::archive, Role::dispatcher));
          break;
        case 7:  // an inquiry answered in 5 hours
          act(t, t.filed_at + 30min, forward());
          act(t, t.filed_at + 2h, simple(Action::contact, Role::handler));
          act(t, t.filed_at + 5h, reply());
          act(t, t.filed_at + 29h, callback(Satisfaction::basically_satisfied));
          break;
        case 8:  // dissatisfied, reopened, answered again
          on_time(t, Satisfaction::dissatisfied);
          act(t, t.filed_at + 51h, simple(Action::reopen, Role::dispatcher));
          act(t, t.filed_at + 70h, reply());
          break;
        case 9:  // forwarded and contacted, still in progress
          act(t, t.filed_at + 30min, forward());
          act(t, t.filed_at + 2h, simple(Action::contact, Role::handler));
          break;
      }
    }
  }

 private:
  Ticket file(Instant at, const char* kind, bool anonymous) {
    m_clock.set(at);
    TicketDraft draft;
    draft.kind = kind;
    draft.channel = "kiosk";
    draft.category = kind == std::string("inquiry") ? "other" : kCategories[m_next % 4];
    draft.content = "柜员态度冷漠，排队四十分钟无人解释。";
    if (!anonymous) {
      draft.customer_name = "张三";
      draft.phone = "1380013" + std::to_string(8000 + m_next);
    }
    draft.anonymous = anonymous;
    ++m_next;
    return must(m_filing.file(draft, FilingContext{"受理员", Role::intake_clerk}), "file");
  }
  void act(const Ticket& ticket, Instant at, ActionRequest request) {
    if (request.actor.empty()) request.actor = to_string(request.role);
    m_clock.set(at);
    must(m_filing.act(ticket.number, request), "act");
  }
  ActionRequest forward() { return ReportActions::forward(kDepartments[m_next % 3]); }
  static ActionRequest withdraw() { return ReportActions::withdraw(true); }
  void on_time(const Ticket& t, Satisfaction satisfaction) {
    act(t, t.filed_at + 30min, forward());
    act(t, t.filed_at + 2h, simple(Action::contact, Role::handler));
    act(t, t.filed_at + 25h, record());
    act(t, t.filed_at + 26h, reply());
    act(t, t.filed_at + 50h, callback(satisfaction));
  }

  static constexpr const char* kCategories[] = {"service_attitude", "service_quality", "work_error",
                                                "system_failure"};
  static constexpr const char* kDepartments[] = {"营业部", "客服部", "信贷部"};
  FixedClock m_clock{kYearStart};
  FilingService m_filing;
  int m_next = 0;
};

struct Column {
  std::string name;
  bool integer = false;
};

// The INSERT ... SELECT that copies the template's rows of `table` once per copy number in
// `copies` (a FROM item with column n): instants shifted by n * shift seconds, the ticket
// number and tracking token made unique by the copy number, the id left to the database.
std::string copy_sql(const std::string& table, const std::vector<Column>& columns, const std::string& copies,
                     std::int64_t shift) {
  std::string names, values;
  for (const Column& c : columns) {
    if (c.name == "id") continue;
    const bool instant = c.integer && (c.name == "at" || c.name.ends_with("_at") ||
                                       (c.name.ends_with("_by") && c.name != "recorded_by") ||
                                       c.name.ends_with("_not_before"));
    std::string value = c.name;
    if (instant) value = c.name + " + n * " + std::to_string(shift);
    if (c.name == "number" || c.name == "tracking_token" || c.name == "ticket_number") {
      value = c.name + " || '-' || n";
    }
    if (!names.empty()) names += ", ", values += ", ";
    names += c.name;
    values += value;
  }
  return "INSERT INTO " + table + " (" + names + ") SELECT " + values + " FROM " + copies + ", " + table;
}

std::int64_t copy_count(int tickets) {
  return (tickets + kTemplateTickets - 1) / kTemplateTickets;
}
std::int64_t copy_shift(int tickets) {
  return kYearSeconds / copy_count(tickets);
}

// ---- SQLite

void sqlite_exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    fail("sqlite: " + std::string(message != nullptr ? message : "?") + " in " + sql.substr(0, 300));
  }
}

std::vector<Column> sqlite_columns(sqlite3* db, const std::string& table) {
  std::vector<Column> columns;
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, ("SELECT name, type FROM pragma_table_info('" + table + "')").c_str(), -1,
                     &statement, nullptr);
  while (sqlite3_step(statement) == SQLITE_ROW) {
    const std::string type = reinterpret_cast<const char*>(sqlite3_column_text(statement, 1));
    columns.push_back({reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)), type == "INTEGER"});
  }
  sqlite3_finalize(statement);
  return columns;
}

std::string sqlite_path(int tickets) {
  const char* dir = std::getenv("REPORT_BENCH_DIR");
  return std::string(dir != nullptr ? dir : "/tmp") + "/report-bench-" + std::to_string(tickets) + ".db";
}

void build_sqlite(const std::string& path, int tickets, const Config& config, const Taxonomy& taxonomy,
                  const WorkCalendar& calendar) {
  if (std::filesystem::exists(path)) return;
  const std::string building = path + ".building";
  std::filesystem::remove(building);
  {
    DeskStores stores = must(open_desk_stores(building), "open sqlite");
    TemplateMonth(stores.tickets(), config, taxonomy, calendar).build();
  }
  sqlite3* db = nullptr;
  sqlite3_open(building.c_str(), &db);
  const std::string copies = "(WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < " +
                             std::to_string(copy_count(tickets) - 1) + ") SELECT n FROM c)";
  const std::int64_t shift = copy_shift(tickets);
  sqlite_exec(db, "BEGIN");
  // Only the template's rows are copied: its ids are the first ones.
  sqlite_exec(db, copy_sql("tickets", sqlite_columns(db, "tickets"), copies, shift) +
                      " WHERE tickets.id <= " + std::to_string(kTemplateTickets) + " ORDER BY n, tickets.id");
  sqlite_exec(db, copy_sql("events", sqlite_columns(db, "events"), copies, shift) +
                      " WHERE events.id <= (SELECT max(id) FROM events) ORDER BY n, events.id");
  sqlite_exec(db, "COMMIT");
  sqlite_exec(db, "ANALYZE");
  sqlite3_close(db);
  std::filesystem::rename(building, path);
}

// ---- PostgreSQL

std::vector<Column> postgres_columns(testing::PostgresServer& server, const std::string& conninfo,
                                     const std::string& table) {
  const auto rows = server.query(conninfo,
                                 "SELECT column_name, data_type FROM information_schema.columns "
                                 "WHERE table_name = '" +
                                     table + "' ORDER BY ordinal_position");
  if (!rows) fail("postgres: no columns of " + table);
  std::vector<Column> columns;
  std::size_t start = 0;
  while (start < rows->size()) {
    std::size_t end = rows->find('\n', start);
    if (end == std::string::npos) end = rows->size();
    const std::string line = rows->substr(start, end - start);
    const std::size_t bar = line.find('|');
    if (bar != std::string::npos) columns.push_back({line.substr(0, bar), line.substr(bar + 1) == "bigint"});
    start = end + 1;
  }
  return columns;
}

void build_postgres(testing::PostgresServer& server, const std::string& conninfo, int tickets,
                    const Config& config, const Taxonomy& taxonomy, const WorkCalendar& calendar) {
  {
    DeskStores stores = must(open_desk_stores(conninfo), "open postgres");
    TemplateMonth(stores.tickets(), config, taxonomy, calendar).build();
  }
  const std::string copies = "generate_series(1, " + std::to_string(copy_count(tickets) - 1) + ") AS c(n)";
  const std::int64_t shift = copy_shift(tickets);
  const std::string sql = copy_sql("tickets", postgres_columns(server, conninfo, "tickets"), copies, shift) +
                          " WHERE tickets.id <= " + std::to_string(kTemplateTickets) +
                          " ORDER BY n, tickets.id;\n" +
                          copy_sql("events", postgres_columns(server, conninfo, "events"), copies, shift) +
                          " WHERE events.id <= (SELECT max(id) FROM events) ORDER BY n, events.id;\nANALYZE;";
  if (!server.run_sql(conninfo, sql)) fail("postgres: filling the year failed");
}

// ---- the benchmarks

struct Target {
  std::string name;
  TicketRepository* tickets = nullptr;
};

// June 2025, evaluated at the year's end.
const ReportPeriod kJune{std::chrono::year{2025} / 6 / 1, std::chrono::year{2025} / 6 / 30};
const Instant kAsOf = kYearStart + std::chrono::seconds{kYearSeconds};

void register_benchmarks(const Target& target, const TimeZone& zone) {
  TicketRepository* tickets = target.tickets;
  benchmark::RegisterBenchmark(("monthly_report/" + target.name).c_str(),
                               [tickets, &zone](benchmark::State& state) {
                                 std::int64_t filed = 0;
                                 for (auto _ : state) {
                                   auto cohort = must(load_cohort(*tickets, kJune, zone), "load_cohort");
                                   const MonthlyReport report = monthly_report(cohort, kJune, kAsOf, zone);
                                   filed = report.totals.filed;
                                   benchmark::DoNotOptimize(report.forward.met);
                                 }
                                 state.counters["tickets"] = static_cast<double>(filed);
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

}  // namespace
}  // namespace complaint

int main(int argc, char** argv) {
  using namespace complaint;
  int tickets = 1000000;
  std::string stores = "sqlite,postgres";
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--tickets" && i + 1 < argc) {
      tickets = std::atoi(argv[++i]);
    } else if (arg == "--stores" && i + 1 < argc) {
      stores = argv[++i];
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
  if (stores.find("sqlite") != std::string::npos) {
    const std::string path = sqlite_path(tickets);
    build_sqlite(path, tickets, config, taxonomy, calendar);
    opened.push_back(must(open_desk_stores(path), "open sqlite"));
    register_benchmarks(Target{"sqlite", &opened.back().tickets()}, calendar.zone());
  }
  if (stores.find("postgres") != std::string::npos) {
    server = std::make_unique<testing::PostgresServer>();
    if (!server->running()) fail("no PostgreSQL server: " + server->why_not());
    const std::string conninfo = server->create_database("report_bench");
    build_postgres(*server, conninfo, tickets, config, taxonomy, calendar);
    opened.push_back(must(open_desk_stores(conninfo), "open postgres"));
    register_benchmarks(Target{"postgres", &opened.back().tickets()}, calendar.zone());
  }
  int rest_count = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_count, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
