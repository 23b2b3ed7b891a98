// SqliteConnection: a second connection with the store's settings plus an extension
// schema of its own (see sqlite_connection.h). The extension's version lives in table
// schema_extensions, not in user_version, which belongs to the base schema.
#include "core/store/sqlite_connection.h"

#include <memory>

#include "core/store/sqlite_search_text.h"
#include "core/store/sqlite_statement.h"
#include "core/store/sqlite_store.h"

namespace complaint::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;  // as SqliteTicketStore: writers queue, not fail

constexpr const char* kExtensionTable =
    "CREATE TABLE IF NOT EXISTS schema_extensions (name TEXT PRIMARY KEY, version INTEGER NOT NULL) "
    "WITHOUT ROWID";

Result<int> extension_version(sqlite3* db, const char* name) {
  TRY_ASSIGN(Statement statement,
             Statement::prepare(db, "SELECT version FROM schema_extensions WHERE name = :n"));
  statement.bind(":n", name);
  TRY_ASSIGN(const bool row, statement.step());
  return row ? static_cast<int>(statement.column_int64(0)) : 0;
}

Result<void> migrate_extension(sqlite3* db, const char* name,
                               std::span<const ExtensionMigration> migrations) {
  const int latest = static_cast<int>(migrations.size());
  TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(db));
  TRY_VOID(exec_script(db, kExtensionTable, "creating schema_extensions"));
  TRY_ASSIGN(const int version, extension_version(db, name));
  if (version > latest) {
    return Error::make(ErrorCode::storage,
                       std::string("the database's ") + name + " schema is version " +
                           std::to_string(version) + ", newer than this program's " + std::to_string(latest) +
                           "; refusing to use it",
                       "schema_extensions", 0);
  }
  if (version == latest) return Ok{};  // the transaction rolls back: nothing changed
  for (int step = version; step < latest; ++step) {
    const ExtensionMigration& migration = migrations[static_cast<std::size_t>(step)];
    TRY_VOID(exec_script(db, migration.sql,
                         std::string("migrating ") + name + " to version " + std::to_string(step + 1) + " (" +
                             migration.description + ")"));
  }
  TRY_ASSIGN(Statement record,
             Statement::prepare(db,
                                "INSERT INTO schema_extensions (name, version) VALUES (:n, :v) "
                                "ON CONFLICT (name) DO UPDATE SET version = :v"));
  record.bind(":n", name).bind(":v", latest);
  TRY_VOID(record.run());
  return transaction.commit();
}

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(
    const std::string& path, const char* name, std::span<const ExtensionMigration> migrations) {
  // The base schema and the damage check are SqliteTicketStore's; reuse, don't repeat.
  TRY_ASSIGN(const auto base, SqliteTicketStore::open(path));
  return open(*base, name, migrations);
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(
    const SqliteTicketStore& base, const char* name, std::span<const ExtensionMigration> migrations) {
  const std::string& path = base.path();
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection());
  connection->m_path = path;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &connection->m_db, flags, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(connection->m_db, "sqlite3_open_v2", rc, "opening " + path);
  sqlite3* db = connection->m_db;
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // journal_mode=WAL is persistent in the file (set by SqliteTicketStore::open); these two are per
  // connection.
  TRY_VOID(exec_script(db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", "configuring"));
  TRY_VOID(register_search_text_function(db));
  TRY_VOID(migrate_extension(db, name, migrations));
  return connection;
}

SqliteConnection::~SqliteConnection() {
  m_statements.clear();
  sqlite3_close_v2(m_db);
}

Result<std::int64_t> SqliteConnection::count(const char* table) {
  TRY_ASSIGN(Statement statement, Statement::prepare(m_db, std::string("SELECT count(*) FROM ") + table));
  TRY_ASSIGN(const bool row, statement.step());
  return row ? statement.column_int64(0) : 0;
}

Result<ReadTransaction> ReadTransaction::begin(sqlite3* db) {
  TRY_VOID(exec_script(db, "BEGIN", "beginning a read transaction"));
  return ReadTransaction(db);
}

ReadTransaction::~ReadTransaction() {
  // A read transaction has nothing to keep: COMMIT and ROLLBACK both just end it.
  if (m_db != nullptr) sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
}

}  // namespace complaint::store
