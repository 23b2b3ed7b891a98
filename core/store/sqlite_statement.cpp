// Statement, WriteTransaction and the SQLite -> Error mapping (see sqlite_statement.h).
// Every SQLite failure leaves here as an Error naming the call and the extended code.
#include "core/store/sqlite_statement.h"

#include <cassert>
#include <utility>

namespace complaint::store {

Error sqlite_error(sqlite3* db, const char* call, int rc, std::string_view what) {
  // The connection's message describes the latest failure; a failed bind or a null
  // handle has no message of its own, so fall back to the generic text of the code.
  const char* detail =
      db != nullptr && sqlite3_extended_errcode(db) == rc ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const bool duplicate = rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY;
  std::string message = std::string(what) + ": " + detail;
  return Error::make(duplicate ? ErrorCode::conflict : ErrorCode::storage, std::move(message), call, rc);
}

Result<void> exec_script(sqlite3* db, const char* sql, std::string_view what) {
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return Ok{};
  return sqlite_error(db, "sqlite3_exec", rc, what);
}

Result<Statement> Statement::prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(statement);
    return sqlite_error(db, "sqlite3_prepare_v2", rc, "preparing '" + std::string(sql.substr(0, 60)) + "'");
  }
  return Statement(db, statement);
}

Statement Statement::borrowed(sqlite3* db, sqlite3_stmt* statement) {
  Statement lent(db, statement);
  lent.m_borrowed = true;
  return lent;
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db),
      m_statement(std::exchange(other.m_statement, nullptr)),
      m_borrowed(other.m_borrowed),
      m_bind_rc(other.m_bind_rc),
      m_bind_name(std::move(other.m_bind_name)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release();
    m_db = other.m_db;
    m_statement = std::exchange(other.m_statement, nullptr);
    m_borrowed = other.m_borrowed;
    m_bind_rc = other.m_bind_rc;
    m_bind_name = std::move(other.m_bind_name);
  }
  return *this;
}

Statement::~Statement() {
  release();
}

void Statement::release() {
  if (m_statement == nullptr) return;
  if (m_borrowed) {
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
  } else {
    sqlite3_finalize(m_statement);
  }
  m_statement = nullptr;
}

Result<Statement> StatementCache::get(sqlite3* db, const std::string& sql) {
  const auto found = m_statements.find(sql);
  if (found != m_statements.end()) return Statement::borrowed(db, found->second);
  sqlite3_stmt* statement = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &statement, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(statement);
    return sqlite_error(db, "sqlite3_prepare_v3", rc, "preparing '" + sql.substr(0, 60) + "'");
  }
  m_statements.emplace(sql, statement);
  return Statement::borrowed(db, statement);
}

void StatementCache::clear() {
  for (const auto& [sql, statement] : m_statements) sqlite3_finalize(statement);
  m_statements.clear();
}

int Statement::parameter_index(const char* name) {
  const int index = sqlite3_bind_parameter_index(m_statement, name);
  assert(index > 0 && "binding a parameter the SQL does not name");
  return index;
}

void Statement::remember_bind(int rc, const char* name) {
  if (rc != SQLITE_OK && m_bind_rc == SQLITE_OK) {
    m_bind_rc = rc;
    m_bind_name = name;
  }
}

Statement& Statement::bind(const char* name, std::string_view text) {
  remember_bind(sqlite3_bind_text64(m_statement, parameter_index(name), text.data(), text.size(),
                                    SQLITE_TRANSIENT, SQLITE_UTF8),
                name);
  return *this;
}

Statement& Statement::bind_blob(const char* name, std::string_view bytes) {
  remember_bind(
      sqlite3_bind_blob64(m_statement, parameter_index(name), bytes.data(), bytes.size(), SQLITE_TRANSIENT),
      name);
  return *this;
}

Statement& Statement::bind(const char* name, std::int64_t value) {
  remember_bind(sqlite3_bind_int64(m_statement, parameter_index(name), value), name);
  return *this;
}

Statement& Statement::bind(const char* name, const std::optional<Instant>& at) {
  return at ? bind(name, *at) : bind_null(name);
}

Statement& Statement::bind(const char* name, const std::optional<bool>& value) {
  return value ? bind(name, *value) : bind_null(name);
}

Statement& Statement::bind_null(const char* name) {
  remember_bind(sqlite3_bind_null(m_statement, parameter_index(name)), name);
  return *this;
}

Result<bool> Statement::step() {
  if (m_bind_rc != SQLITE_OK) {
    return sqlite_error(nullptr, "sqlite3_bind", m_bind_rc, "binding " + m_bind_name);
  }
  const int rc = sqlite3_step(m_statement);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // With prepare_v2 and extended codes on, sqlite3_step returns the specific code.
  // The statement's opening words identify it; the full column lists would drown the cause.
  std::string sql = sqlite3_sql(m_statement);
  if (sql.size() > 60) sql = sql.substr(0, 60) + "...";
  return sqlite_error(m_db, "sqlite3_step", rc, sql);
}

Result<void> Statement::run() {
  while (true) {
    TRY_ASSIGN(const bool row, step());
    if (!row) return Ok{};
  }
}

void Statement::reset() {
  sqlite3_reset(m_statement);
}

std::int64_t Statement::column_int64(int index) const {
  return sqlite3_column_int64(m_statement, index);
}

std::string Statement::column_text(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, index));
  const int size = sqlite3_column_bytes(m_statement, index);
  return text != nullptr ? std::string(text, static_cast<std::size_t>(size)) : std::string();
}

std::string Statement::column_blob(int index) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(m_statement, index));
  const int size = sqlite3_column_bytes(m_statement, index);
  return bytes != nullptr ? std::string(bytes, static_cast<std::size_t>(size)) : std::string();
}

std::string_view Statement::column_view(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, index));
  const int size = sqlite3_column_bytes(m_statement, index);
  return text != nullptr ? std::string_view(text, static_cast<std::size_t>(size)) : std::string_view();
}

std::optional<std::int64_t> Statement::column_optional_int64(int index) const {
  if (sqlite3_column_type(m_statement, index) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(m_statement, index);
}

bool Statement::column_is_integer_or_null(int index) const {
  const int type = sqlite3_column_type(m_statement, index);
  return type == SQLITE_INTEGER || type == SQLITE_NULL;
}

const char* Statement::column_name(int index) const {
  return sqlite3_column_name(m_statement, index);
}

int Statement::column_count() const {
  return sqlite3_column_count(m_statement);
}

Result<WriteTransaction> WriteTransaction::begin(sqlite3* db) {
  // The second statement reads the schema, so a schema another connection changed is reloaded
  // here, by a statement that can reload it, and not in the middle of compiling a write: an
  // UPDATE of tickets compiles the text index's trigger, whose FTS5 table runs statements of
  // its own while connecting, and those cannot reload a stale schema (SQLITE_SCHEMA "vtable
  // constructor failed", then "no such table: tickets" on the desk's first action after
  // desk schema 14 rebuilt the index; seen in ConsoleProcessTest, 2026-12-05).
  TRY_VOID(exec_script(db, "BEGIN IMMEDIATE; SELECT 1 FROM sqlite_master LIMIT 0",
                       "starting a write transaction"));
  return WriteTransaction(db);
}

WriteTransaction::WriteTransaction(WriteTransaction&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)) {}

WriteTransaction::~WriteTransaction() {
  // Some errors (SQLITE_FULL, SQLITE_IOERR, ...) already rolled the transaction back;
  // a second ROLLBACK would only fail, so ask whether one is still open.
  if (m_db != nullptr && sqlite3_get_autocommit(m_db) == 0) {
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

Result<void> WriteTransaction::commit() {
  assert(m_db != nullptr && "commit() on a finished transaction");
  // On failure (e.g. SQLITE_BUSY, SQLITE_IOERR) m_db stays set so the destructor rolls back.
  TRY_VOID(exec_script(m_db, "COMMIT", "committing"));
  m_db = nullptr;
  return Ok{};
}

}  // namespace complaint::store
