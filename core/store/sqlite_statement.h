// Statement, WriteTransaction, sqlite_error: a thin RAII layer over the SQLite C API.
// Private to core/store (only its .cpp files include it): no other layer sees sqlite3.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/base/clock.h"
#include "core/base/result.h"

namespace complaint::store {

// The one error model for SQLite: the failing call, the extended result code and
// SQLite's own message. Duplicates (UNIQUE / PRIMARY KEY) become conflict, the rest storage.
Error sqlite_error(sqlite3* db, const char* call, int rc, std::string_view what);

// Runs SQL text that returns no rows (several statements allowed), e.g. a migration step.
Result<void> exec_script(sqlite3* db, const char* sql, std::string_view what);

// A prepared statement, finalized on destruction. Binding is by parameter name
// (":number") so the long ticket column lists cannot drift out of order; a bind
// failure is remembered and reported by the next step(), keeping call sites flat.
class Statement {
 public:
  static Result<Statement> prepare(sqlite3* db, std::string_view sql);
  // A statement owned by a StatementCache: destruction resets and unbinds it for reuse.
  static Statement borrowed(sqlite3* db, sqlite3_stmt* statement);
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(const char* name, std::string_view text);
  // Without this, a const char* value would silently pick the bool overload.
  Statement& bind(const char* name, const char* text) { return bind(name, std::string_view(text)); }
  Statement& bind(const char* name, std::int64_t value);
  Statement& bind(const char* name, int value) { return bind(name, static_cast<std::int64_t>(value)); }
  Statement& bind(const char* name, bool value) { return bind(name, static_cast<std::int64_t>(value)); }
  Statement& bind(const char* name, Instant at) { return bind(name, at.time_since_epoch().count()); }
  Statement& bind(const char* name, const std::optional<Instant>& at);
  Statement& bind(const char* name, const std::optional<bool>& value);
  Statement& bind_null(const char* name);
  // Bytes as a BLOB (a text bind would make SQLite treat them as UTF-8 text).
  Statement& bind_blob(const char* name, std::string_view bytes);

  // true: a row is ready for the column readers; false: the statement is done.
  Result<bool> step();
  // Runs to completion, for statements whose rows (if any) do not matter.
  Result<void> run();
  // Back to before the first step, bindings kept: the statement runs again with new ones.
  void reset();

  std::int64_t column_int64(int index) const;
  std::string column_text(int index) const;
  // A BLOB column's bytes (empty for NULL).
  std::string column_blob(int index) const;
  // The text without a copy: valid until the next step() or reset.
  std::string_view column_view(int index) const;
  std::optional<std::int64_t> column_optional_int64(int index) const;
  // False when the column holds text, a real or a blob: an INTEGER column with a value no
  // integer affinity could convert (a corrupt row), which column_int64 would read as 0.
  bool column_is_integer_or_null(int index) const;
  const char* column_name(int index) const;
  int column_count() const;

 private:
  Statement(sqlite3* db, sqlite3_stmt* statement) : m_db(db), m_statement(statement) {}
  int parameter_index(const char* name);
  void remember_bind(int rc, const char* name);

  void release();

  sqlite3* m_db = nullptr;
  sqlite3_stmt* m_statement = nullptr;
  bool m_borrowed = false;
  int m_bind_rc = SQLITE_OK;
  std::string m_bind_name;
};

// Prepared statements kept for the connection's life, for the hot read paths (the tracking
// page's look-ups): preparing a 50-column SELECT costs more than running it. Used under
// the connection's mutex; a statement is lent out to one caller at a time.
class StatementCache {
 public:
  StatementCache() = default;
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache() { clear(); }

  Result<Statement> get(sqlite3* db, const std::string& sql);
  void clear();  // finalizes them all (before the connection closes)

 private:
  std::unordered_map<std::string, sqlite3_stmt*> m_statements;
};

// BEGIN IMMEDIATE ... COMMIT. IMMEDIATE takes the write lock up front, so two processes
// filing into one database queue on busy_timeout instead of failing with SQLITE_BUSY
// when a read transaction tries to upgrade. Rolls back unless commit() succeeded.
class WriteTransaction {
 public:
  static Result<WriteTransaction> begin(sqlite3* db);
  WriteTransaction(WriteTransaction&& other) noexcept;
  WriteTransaction& operator=(WriteTransaction&&) = delete;
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction();

  Result<void> commit();

 private:
  explicit WriteTransaction(sqlite3* db) : m_db(db) {}
  sqlite3* m_db = nullptr;  // null once committed or rolled back
};

}  // namespace complaint::store
