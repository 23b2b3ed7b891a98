// complaintctl backup PATH --keep N (a rotated backup into the folder PATH) and complaintctl
// restore PATH: a SQLite desk's backup is checked on a copy — that it is a database, its full
// integrity and foreign-key checks, and that no part of its schema is newer than this program
// — before the live database is replaced through SQLite's backup API. On any problem the
// live database is untouched. docs/OPERATIONS.md has the procedure.
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "ctl/commands.h"

namespace complaint::ctl {
namespace {

namespace fs = std::filesystem;

constexpr const char* k_backup_prefix = "desk-";
constexpr const char* k_backup_suffix = ".db";

void remove_with_journals(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ignored);
}

// Opens a copy of the backup with the desk's own stores: the ticket schema (quick check,
// refusing a newer version, migrating an older one), the full integrity check, and every
// desk extension schema (refusing a newer one). Returns the copy's ticket count.
Result<std::int64_t> check_copy(const std::string& copy) {
  TRY_ASSIGN(auto store, SqliteTicketStore::open(copy));
  TRY_VOID(store->integrity_check());
  TRY_ASSIGN(const std::int64_t tickets, store->count_tickets());
  store.reset();
  TRY_ASSIGN([[maybe_unused]] DeskStores desk, open_desk_stores(copy));
  return tickets;
}

Error restore_error(const std::string& backup, const Error& cause) {
  Error error = cause;
  error.message = "refusing to restore " + backup + ": " + cause.message + "; the database was not changed";
  return error;
}

}  // namespace

Result<std::string> rotated_backup(SqliteTicketStore& store, const std::string& folder, int keep,
                                   Instant now) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) {
    return Error::make(ErrorCode::io, "cannot create the backup folder " + folder, "mkdir", error.value());
  }
  // UTC in the name: names sort by time, whatever the zone or a DST change.
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  const std::string path =
      (fs::path(folder) / (k_backup_prefix + std::string(stamp) + k_backup_suffix)).string();
  TRY_VOID(store.backup_to(path));
  std::vector<std::string> backups;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(k_backup_prefix) && name.ends_with(k_backup_suffix)) backups.push_back(entry.path());
  }
  std::sort(backups.begin(), backups.end());
  for (std::size_t i = 0; i + static_cast<std::size_t>(keep) < backups.size(); ++i)
    fs::remove(backups[i], error);
  return path;
}

int cmd_restore(const GlobalOptions& options, Args args) {
  if (args.size() != 1) return report_error(usage_error("restore takes the backup's path"));
  const std::string backup = args[0];
  if (is_postgres_database(options.db_path)) {
    return report_error(
        usage_error("restore serves a SQLite desk; a PostgreSQL desk is restored with "
                    "pg_restore (docs/OPERATIONS.md)"));
  }
  std::error_code missing;
  if (!fs::is_regular_file(backup, missing)) {
    return report_error(Error::invalid("path", "error.restore.missing", "no backup file " + backup));
  }
  // The copy lies beside the database, so the final copy stays on one file system.
  const std::string copy = options.db_path + ".restore-check";
  remove_with_journals(copy);
  auto copied = SqliteTicketStore::copy_file(backup, copy);
  auto checked = copied.ok() ? check_copy(copy) : Result<std::int64_t>(copied.error());
  if (!checked.ok()) {
    remove_with_journals(copy);
    return report_error(restore_error(backup, checked.error()));
  }
  auto restored = SqliteTicketStore::copy_file(copy, options.db_path);
  remove_with_journals(copy);
  if (!restored.ok()) return report_error(restored.error());
  if (options.json) {
    std::cout << nlohmann::json{{"restored", backup}, {"db", options.db_path}, {"tickets", *checked}}.dump()
              << std::endl;
  } else {
    std::cout << "restored " << backup << " into " << options.db_path << " (" << *checked << " ticket(s))"
              << std::endl;
  }
  return kExitOk;
}

}  // namespace complaint::ctl
