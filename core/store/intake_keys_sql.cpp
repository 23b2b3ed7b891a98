// See intake_keys_sql.h.
#include "core/store/intake_keys_sql.h"

namespace complaint::store {

std::string intake_keys_table_sql(SqlDialect dialect) {
  const bool sqlite = dialect == SqlDialect::sqlite;
  return std::string("CREATE TABLE ") + (sqlite ? "" : "IF NOT EXISTS ") +
         "intake_keys (\n"
         "  key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 16 AND 64),\n"
         "  ticket_number TEXT NOT NULL UNIQUE REFERENCES tickets(number),\n"
         "  created_at BIGINT NOT NULL\n"
         ");\n";
}

}  // namespace complaint::store
