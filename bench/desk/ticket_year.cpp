// The year of tickets for the desk benchmarks (see ticket_year.h).
#include "bench/desk/ticket_year.h"

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "core/services/filing_service.h"
#include "drivers/postgres/desk_stores.h"
#include "tests/desk/report_actions.h"

namespace complaint::bench {

void fail(const std::string& what) {
  std::cerr << "bench: " << what << "\n";
  std::exit(2);
}

namespace {

using namespace std::chrono_literals;
using std::chrono::hours;
using std::chrono::minutes;

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

// The cached year by size and desk schema: a file of an older schema is left as it is (older
// builds use it) and copied to be migrated, when there is one.
std::string sqlite_path(int tickets, const char* schema = "-desk8") {
  const char* dir = std::getenv("REPORT_BENCH_DIR");
  return std::string(dir != nullptr ? dir : "/tmp") + "/report-bench-" + std::to_string(tickets) + schema +
         ".db";
}

void build_sqlite(const std::string& path, int tickets, const Config& config, const Taxonomy& taxonomy,
                  const WorkCalendar& calendar) {
  if (std::filesystem::exists(path)) return;
  const std::string building = path + ".building";
  std::filesystem::remove(building);
  // Desk schema 7's year (no -wal left: its last connection checkpointed it), migrated by opening it.
  const std::string schema7 = sqlite_path(tickets, "");
  if (std::filesystem::exists(schema7) && !std::filesystem::exists(schema7 + "-wal")) {
    std::cerr << "report bench: migrating a copy of " << schema7 << " to " << path << "\n";
    std::filesystem::copy_file(schema7, building);
    { DeskStores stores = must(open_desk_stores(building), "open sqlite"); }
    std::filesystem::rename(building, path);
    return;
  }
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

}  // namespace

void fill_postgres_year(testing::PostgresServer& server, const std::string& conninfo, int tickets,
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
  // As autovacuum leaves a settled desk: the visibility map set, so an index-only scan (a
  // report's count of each ticket's events) reads the index alone, as on SQLite.
  if (!server.run_sql(conninfo, "VACUUM ANALYZE")) fail("postgres: VACUUM ANALYZE failed");
}

std::string sqlite_year(int tickets, const Config& config, const Taxonomy& taxonomy,
                        const WorkCalendar& calendar) {
  const std::string path = sqlite_path(tickets);
  build_sqlite(path, tickets, config, taxonomy, calendar);
  return path;
}

}  // namespace complaint::bench
