// The intake_keys table (NewTicketRequest::intake_key, the desk intake form's idempotency
// token) as both engines spell it, written once: SQLite's desk schema version 13 and the
// PostgreSQL schema create the same columns. Released SQLite steps never change: a change to
// the table is a new step, never an edit here. The statements are the same on both engines.
#pragma once

#include <string>

#include "core/deadlines/pending_deadlines_sql.h"

namespace complaint::store {

// CREATE TABLE (IF NOT EXISTS on PostgreSQL, whose upgrades find what is there). A key
// names the one ticket filed under it; it holds nothing personal, so retention leaves it.
std::string intake_keys_table_sql(SqlDialect dialect);

// The number filed under a key (one parameter: the key).
inline constexpr const char* kIntakeKeyLookupSql = "SELECT ticket_number FROM intake_keys WHERE key = ";
// The key, the number and the filing's time, in that order.
inline constexpr const char* kIntakeKeyInsertSql =
    "INSERT INTO intake_keys (key, ticket_number, created_at) VALUES ";

}  // namespace complaint::store
