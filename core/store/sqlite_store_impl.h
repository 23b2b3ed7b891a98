// SqliteTicketStore::Impl: the connection and the mutex that serialises its use.
// Private to core/store (sqlite_store.cpp and sqlite_maintenance.cpp share it).
#pragma once

#include <sqlite3.h>

#include <mutex>
#include <string>

#include "core/store/sqlite_statement.h"
#include "core/store/sqlite_store.h"

namespace complaint {

struct SqliteTicketStore::Impl {
  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  // close_v2: a statement leaked by a bug must not keep the file open behind our back.
  ~Impl() {
    m_statements.clear();
    sqlite3_close_v2(m_db);
  }

  // One connection is not safe for concurrent use by two threads in our (NOMUTEX) mode,
  // and a transaction must not interleave with another thread's statements: every
  // public method holds m_mutex for its whole duration.
  std::mutex m_mutex;
  sqlite3* m_db = nullptr;
  std::string m_path;
  int m_schema_version = 0;
  store::StatementCache m_statements;  // find() and events(): the tracking page's reads
};

}  // namespace complaint
