// The ticket_attachments table (core/attachments/attachment_store.h) as each engine spells it,
// written once: SQLite's desk schema version 12 and the PostgreSQL schema create the same
// columns and checks. SQLite's step is built from it, and released steps never change: a
// change to the table is a new step (and a PostgreSQL upgrade block), never an edit here.
#pragma once

#include <string>

#include "core/deadlines/pending_deadlines_sql.h"

namespace complaint::store {

// CREATE TABLE (IF NOT EXISTS on PostgreSQL, whose upgrades find what is there).
std::string attachments_table_sql(SqlDialect dialect);

}  // namespace complaint::store
