// SqliteConnection and extension schemas: a second connection to a store file for the
// sync stores (desk and kiosk side), with its own versioned list of tables. Private to
// core/store. Invariant: the file was first opened by SqliteTicketStore::open, so the
// base schema is migrated and quick-checked before an extension touches it.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <mutex>
#include <span>
#include <string>

#include "core/base/result.h"
#include "core/store/sqlite_statement.h"

namespace complaint {
class SqliteTicketStore;
}

namespace complaint::store {

struct ExtensionMigration {
  const char* description;
  const char* sql;
};

class SqliteConnection {
 public:
  // Opens `path` (SqliteTicketStore::open first: base schema, quick_check), then a
  // connection of our own with the same durability settings, and migrates the
  // extension `name` (recorded in table schema_extensions) to its latest step.
  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, const char* name,
                                                        std::span<const ExtensionMigration> migrations);
  // The same on the file `base` has opened (and checked): no second base open, so no second
  // quick_check, which reads the whole file (39 s on a 1.8 GB desk).
  static Result<std::unique_ptr<SqliteConnection>> open(const SqliteTicketStore& base, const char* name,
                                                        std::span<const ExtensionMigration> migrations);
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection();

  sqlite3* db() const { return m_db; }
  // Held by every public store method for its whole duration (see SqliteTicketStore::Impl).
  std::mutex& mutex() { return m_mutex; }
  const std::string& path() const { return m_path; }
  Result<std::int64_t> count(const char* table);
  // A statement prepared once for the connection's life (the per-item sync paths); the
  // caller holds mutex().
  Result<Statement> prepared(const std::string& sql) { return m_statements.get(m_db, sql); }

 private:
  SqliteConnection() = default;
  sqlite3* m_db = nullptr;
  std::mutex m_mutex;
  std::string m_path;
  StatementCache m_statements;
};

// BEGIN (deferred) ... COMMIT for reads that must see one snapshot.
class ReadTransaction {
 public:
  static Result<ReadTransaction> begin(sqlite3* db);
  ReadTransaction(ReadTransaction&& other) noexcept : m_db(other.m_db) { other.m_db = nullptr; }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  ReadTransaction& operator=(ReadTransaction&&) = delete;
  ~ReadTransaction();

 private:
  explicit ReadTransaction(sqlite3* db) : m_db(db) {}
  sqlite3* m_db = nullptr;
};

}  // namespace complaint::store
