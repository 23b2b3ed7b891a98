// A year of tickets for the desk benchmarks (report_bench, retention_bench): a template month
// of real filings, 60 tickets filed and walked through their paths (on time, late, untouched,
// withdrawn, reopened, anonymous, inquiries) by FilingService, then copied with SQL, each
// copy shifted in time, until the year holds the asked number of tickets spread evenly over
// 2025. Rows are stored copy after copy, so a file is laid out in filing order as a real
// desk's is.
#pragma once

#include <cstdint>
#include <iostream>
#include <string>

#include "core/base/result.h"
#include "core/calendar/work_calendar.h"
#include "core/config/config.h"
#include "core/domain/taxonomy.h"
#include "tests/desk/postgres_server.h"

namespace complaint::bench {

constexpr int kTemplateTickets = 60;
// 2025-01-01 00:00 Beijing time: the year's first instant.
constexpr Instant kYearStart{std::chrono::seconds{1735660800}};
constexpr std::int64_t kYearSeconds = 365LL * 86400;

[[noreturn]] void fail(const std::string& what);

template <typename T>
T must(Result<T> result, const char* what) {
  if (!result.ok()) fail(std::string(what) + ": " + result.error().message);
  return std::move(result).value();
}

// The SQLite desk file holding a year of `tickets` tickets, built once and cached by size and
// desk schema in $REPORT_BENCH_DIR (default /tmp: report-bench-N-desk8.db, migrated from a copy
// of the schema-7 report-bench-N.db when that exists, which is left as it is); returns its path.
std::string sqlite_year(int tickets, const Config& config, const Taxonomy& taxonomy,
                        const WorkCalendar& calendar);

// Fills the (new, empty) PostgreSQL desk database `conninfo` on `server` the same way.
void fill_postgres_year(testing::PostgresServer& server, const std::string& conninfo, int tickets,
                        const Config& config, const Taxonomy& taxonomy, const WorkCalendar& calendar);

}  // namespace complaint::bench
