// The pending-deadline table (pending_deadlines.h) spelled as SQL over a `tickets` row
// (columns named as the Ticket fields, status as its to_string spelling), for the SQLite
// and the PostgreSQL stores. Generated, never hand-written, so the stores answer what the
// C++ answers. String building only: core links no server-database client.
#pragma once

#include <string>
#include <string_view>

namespace complaint {

enum class SqlDialect { sqlite, postgres };

// True for a row with a pending deadline before `at` (an SQL expression, usually a bind
// parameter such as ":overdue_at" or "$3"). The same text in both dialects.
std::string overdue_sql(std::string_view at);

// The row's earliest pending deadline. SQLite: kSqliteNoDeadline when nothing is due, so
// such rows sort last and the expression can be indexed; PostgreSQL: NULL (LEAST skips
// NULLs; order with NULLS LAST). A store's expression index must use exactly this text.
std::string next_deadline_sql(SqlDialect dialect);
inline constexpr std::string_view kSqliteNoDeadline = "9000000000000000000";

}  // namespace complaint
