// See attachment_sql.h.
#include "core/store/attachment_sql.h"

namespace complaint::store {

std::string attachments_table_sql(SqlDialect dialect) {
  const bool sqlite = dialect == SqlDialect::sqlite;
  // Once per ticket and content (its SHA-256); the size is the bytes' own.
  return std::string("CREATE TABLE ") + (sqlite ? "" : "IF NOT EXISTS ") +
         "ticket_attachments (\n"
         "  id " +
         (sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY") +
         ",\n"
         "  ticket_number TEXT NOT NULL REFERENCES tickets(number),\n"
         "  content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', "
         "'application/pdf')),\n"
         "  file_name TEXT NOT NULL,\n"
         "  size BIGINT NOT NULL CHECK (size > 0),\n"
         "  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),\n"
         "  uploader TEXT NOT NULL,\n"
         "  uploaded_at BIGINT NOT NULL,\n"
         "  caption TEXT NOT NULL,\n"
         "  bytes " +
         (sqlite ? "BLOB NOT NULL CHECK (length(bytes) = size)"
                 : "BYTEA NOT NULL CHECK (octet_length(bytes) = size)") +
         ",\n"
         "  UNIQUE (ticket_number, sha256)\n"
         ");\n";
}

}  // namespace complaint::store
