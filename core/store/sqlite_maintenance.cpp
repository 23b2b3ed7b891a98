// SqliteTicketStore maintenance: row counts (whitelisted tables only), full integrity
// and foreign-key checks, online backup to a new file, connection settings, print jobs.
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "core/store/sqlite_statement.h"
#include "core/store/sqlite_store.h"
#include "core/store/sqlite_store_impl.h"

namespace complaint {

using store::Statement;

namespace {

// Table names cannot be bound as parameters, so only these literal names reach the SQL.
// "kiosks" exists only in a desk's file: complaintctl counts it to tell a desk from a kiosk.
constexpr const char* kTables[] = {"tickets", "events", "outbox", "counters", "print_jobs", "kiosks"};
constexpr const char* kPrintJobStates[] = {"pending", "sent", "completed", "failed", "cancelled"};

Result<std::vector<std::string>> pragma_rows(sqlite3* db, const char* sql, int columns) {
  TRY_ASSIGN(Statement statement, Statement::prepare(db, sql));
  std::vector<std::string> rows;
  while (true) {
    TRY_ASSIGN(const bool row, statement.step());
    if (!row) return rows;
    std::string line;
    for (int column = 0; column < columns; ++column) {
      line += (column ? " " : "") + statement.column_text(column);
    }
    rows.push_back(std::move(line));
  }
}

std::string first_lines(const std::vector<std::string>& rows) {
  std::string text;
  for (std::size_t i = 0; i < rows.size() && i < 5; ++i) text += (i ? "; " : "") + rows[i];
  if (rows.size() > 5) text += "; ... (" + std::to_string(rows.size()) + " problems)";
  return text;
}

Result<void> copy_database(sqlite3* source, const std::string& destination_path) {
  sqlite3* destination = nullptr;
  int rc = sqlite3_open_v2(destination_path.c_str(), &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           nullptr);
  if (rc != SQLITE_OK) {
    Error error =
        store::sqlite_error(destination, "sqlite3_open_v2", rc, "opening backup " + destination_path);
    sqlite3_close(destination);
    return error;
  }
  // A live destination (restore) may be busy with a desk's write for a moment.
  sqlite3_busy_timeout(destination, 5000);
  sqlite3_backup* backup = sqlite3_backup_init(destination, "main", source, "main");
  if (backup == nullptr) {
    Error error =
        store::sqlite_error(destination, "sqlite3_backup_init", sqlite3_extended_errcode(destination),
                            "starting backup to " + destination_path);
    sqlite3_close(destination);
    return error;
  }
  // -1: copy every page in one step, so the copy is one consistent snapshot.
  rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  Error error;
  const bool failed = rc != SQLITE_DONE;
  if (failed)
    error = store::sqlite_error(destination, "sqlite3_backup_step", rc, "backup to " + destination_path);
  sqlite3_close(destination);
  if (failed) return error;
  return Ok{};
}

}  // namespace

Result<std::int64_t> SqliteTicketStore::count_rows(const std::string& table) {
  const char* known = nullptr;
  for (const char* name : kTables) {
    if (table == name) known = name;
  }
  if (known == nullptr) return Error::invalid("table", "error.table.unknown", "no table '" + table + "'");
  std::lock_guard lock(m_impl->m_mutex);
  TRY_ASSIGN(Statement statement,
             Statement::prepare(m_impl->m_db, std::string("SELECT count(*) FROM ") + known));
  TRY_ASSIGN(const bool row, statement.step());
  return row ? statement.column_int64(0) : 0;
}

Result<void> SqliteTicketStore::integrity_check() {
  std::lock_guard lock(m_impl->m_mutex);
  sqlite3* db = m_impl->m_db;
  TRY_ASSIGN(const auto problems, pragma_rows(db, "PRAGMA integrity_check", 1));
  if (problems.size() != 1 || problems.front() != "ok") {
    return Error::make(ErrorCode::storage,
                       "database " + m_impl->m_path + " is damaged: " + first_lines(problems),
                       "PRAGMA integrity_check", SQLITE_CORRUPT);
  }
  // Rows: table, rowid, parent table, foreign key index.
  TRY_ASSIGN(const auto orphans, pragma_rows(db, "PRAGMA foreign_key_check", 3));
  if (!orphans.empty()) {
    return Error::make(ErrorCode::storage,
                       "database " + m_impl->m_path +
                           " has rows without their parent (table rowid parent): " + first_lines(orphans),
                       "PRAGMA foreign_key_check", SQLITE_CONSTRAINT_FOREIGNKEY);
  }
  return Ok{};
}

Result<void> SqliteTicketStore::backup_to(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code exists_error;
  if (fs::exists(path, exists_error)) {
    return Error::make(ErrorCode::conflict,
                       "backup destination " + path + " exists; refusing to overwrite it", "stat", EEXIST);
  }
  // Written beside the destination and renamed into place: an interrupted backup never
  // leaves a half-written file under the name an operator would restore from.
  const std::string partial = path + ".partial";
  std::error_code ignored;
  fs::remove(partial, ignored);
  fs::remove(partial + "-journal", ignored);
  {
    std::lock_guard lock(m_impl->m_mutex);
    auto copied = copy_database(m_impl->m_db, partial);
    if (!copied.ok()) {
      fs::remove(partial, ignored);
      return copied.error();
    }
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) {
    const int error = errno;
    fs::remove(partial, ignored);
    return Error::make(ErrorCode::storage, "moving the backup into place at " + path + " failed", "rename",
                       error);
  }
  return Ok{};
}

Result<void> SqliteTicketStore::copy_file(const std::string& source, const std::string& destination) {
  sqlite3* from = nullptr;
  const int rc = sqlite3_open_v2(source.c_str(), &from, SQLITE_OPEN_READONLY, nullptr);
  if (rc != SQLITE_OK) {
    Error error = store::sqlite_error(from, "sqlite3_open_v2", rc, "opening " + source);
    sqlite3_close(from);
    return error;
  }
  sqlite3_busy_timeout(from, 5000);
  auto copied = copy_database(from, destination);
  sqlite3_close(from);
  return copied;
}

Result<ConnectionSettings> SqliteTicketStore::connection_settings() {
  std::lock_guard lock(m_impl->m_mutex);
  sqlite3* db = m_impl->m_db;
  ConnectionSettings settings;
  TRY_ASSIGN(const auto journal_mode, pragma_rows(db, "PRAGMA journal_mode", 1));
  TRY_ASSIGN(const auto synchronous, pragma_rows(db, "PRAGMA synchronous", 1));
  TRY_ASSIGN(const auto foreign_keys, pragma_rows(db, "PRAGMA foreign_keys", 1));
  TRY_ASSIGN(const auto busy_timeout, pragma_rows(db, "PRAGMA busy_timeout", 1));
  if (journal_mode.empty() || synchronous.empty() || foreign_keys.empty() || busy_timeout.empty()) {
    return Error::make(ErrorCode::storage, "a settings PRAGMA returned no row", "sqlite3_step", 0);
  }
  settings.journal_mode = journal_mode.front();
  settings.synchronous = std::stoi(synchronous.front());
  settings.foreign_keys = foreign_keys.front() == "1";
  settings.busy_timeout_ms = std::stoi(busy_timeout.front());
  return settings;
}

Result<std::int64_t> SqliteTicketStore::add_print_job(const std::string& number, const std::string& printer,
                                                      Instant at) {
  std::lock_guard lock(m_impl->m_mutex);
  sqlite3* db = m_impl->m_db;
  TRY_ASSIGN(Statement exists, Statement::prepare(db, "SELECT 1 FROM tickets WHERE number = :number"));
  exists.bind(":number", number);
  TRY_ASSIGN(const bool found, exists.step());
  if (!found) return unknown_ticket_error(number);
  TRY_ASSIGN(Statement insert,
             Statement::prepare(db,
                                "INSERT INTO print_jobs (ticket_number, state, printer, reason, "
                                "created_at, updated_at) "
                                "VALUES (:number, 'pending', :printer, '', :at, :at)"));
  insert.bind(":number", number).bind(":printer", printer).bind(":at", at);
  TRY_VOID(insert.run());
  return sqlite3_last_insert_rowid(db);
}

Result<void> SqliteTicketStore::update_print_job(std::int64_t id, const std::string& state,
                                                 const std::string& reason, Instant at) {
  bool known = false;
  for (const char* name : kPrintJobStates) known = known || state == name;
  if (!known)
    return Error::invalid("state", "error.print_job.state", "unknown print job state '" + state + "'");
  std::lock_guard lock(m_impl->m_mutex);
  sqlite3* db = m_impl->m_db;
  TRY_ASSIGN(Statement update,
             Statement::prepare(db,
                                "UPDATE print_jobs SET state = :state, reason = :reason, updated_at = :at "
                                "WHERE id = :id"));
  update.bind(":state", state).bind(":reason", reason).bind(":at", at).bind(":id", id);
  TRY_VOID(update.run());
  if (sqlite3_changes(db) == 0) {
    return Error::not_found("id", "error.print_job.not_found", "no print job " + std::to_string(id));
  }
  return Ok{};
}

namespace {

constexpr const char* kPrintJobSelect =
    "SELECT id, ticket_number, state, printer, reason, created_at, updated_at FROM print_jobs ";

Result<std::vector<PrintJobRecord>> read_print_jobs(Statement& statement) {
  std::vector<PrintJobRecord> jobs;
  while (true) {
    TRY_ASSIGN(const bool row, statement.step());
    if (!row) return jobs;
    PrintJobRecord job;
    job.id = statement.column_int64(0);
    job.ticket_number = statement.column_text(1);
    job.state = statement.column_text(2);
    job.printer = statement.column_text(3);
    job.reason = statement.column_text(4);
    job.created_at = Instant{std::chrono::seconds{statement.column_int64(5)}};
    job.updated_at = Instant{std::chrono::seconds{statement.column_int64(6)}};
    jobs.push_back(std::move(job));
  }
}

}  // namespace

Result<std::vector<PrintJobRecord>> SqliteTicketStore::print_jobs(const std::string& number) {
  std::lock_guard lock(m_impl->m_mutex);
  TRY_ASSIGN(Statement statement,
             Statement::prepare(m_impl->m_db,
                                std::string(kPrintJobSelect) + "WHERE ticket_number = :number ORDER BY id"));
  statement.bind(":number", number);
  return read_print_jobs(statement);
}

Result<std::vector<PrintJobRecord>> SqliteTicketStore::recent_print_jobs(int limit) {
  std::lock_guard lock(m_impl->m_mutex);
  TRY_ASSIGN(Statement statement, Statement::prepare(m_impl->m_db, std::string(kPrintJobSelect) +
                                                                       "ORDER BY id DESC LIMIT :limit"));
  statement.bind(":limit", static_cast<std::int64_t>(limit));
  return read_print_jobs(statement);
}

}  // namespace complaint
