// SqliteDeskStateStore: the statements of DeskStatePort on SQLite; the rules are in
// core/desk_state. Every call is one BEGIN IMMEDIATE transaction: SQLite's write lock is
// also what serialises sign-in attempts among desk processes on the file.
#include "core/store/sqlite_desk_state_store.h"

#include <array>
#include <span>

#include "core/store/sqlite_connection.h"
#include "core/store/sqlite_statement.h"
#include "core/store/sqlite_store.h"

namespace complaint {

using store::Statement;

namespace {

// Version 1. A sign-in attempt counts against its address while it is in the window, and
// against its account until a success clears the account (account_cleared).
constexpr const char* kStateVersion1 = R"sql(
CREATE TABLE staff_sessions (
  id_hash TEXT PRIMARY KEY,
  csrf TEXT NOT NULL,
  user_name TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE sign_in_attempts (
  id INTEGER PRIMARY KEY,
  account TEXT NOT NULL,
  address TEXT NOT NULL,
  at INTEGER NOT NULL,
  account_cleared INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sign_in_attempts_by_account ON sign_in_attempts(account, at);
CREATE INDEX sign_in_attempts_by_address ON sign_in_attempts(address, at);
CREATE INDEX sign_in_attempts_by_time ON sign_in_attempts(at);
CREATE TABLE desk_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// Version 2: the organisation's imported holiday calendar, one row (DeskStatePort).
constexpr const char* kStateVersion2 = R"sql(
CREATE TABLE desk_calendar (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version TEXT NOT NULL,
  document TEXT NOT NULL,
  imported_at INTEGER NOT NULL
);
)sql";

// Version 3: the organisation's departments (core/desk_state/departments.h).
constexpr const char* kStateVersion3 = R"sql(
CREATE TABLE desk_departments (
  id TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL
) WITHOUT ROWID;
)sql";

std::span<const store::ExtensionMigration> state_migrations() {
  static const std::array<store::ExtensionMigration, 3> migrations{{
      {"staff_sessions, sign_in_attempts, desk_secrets", kStateVersion1},
      {"desk_calendar", kStateVersion2},
      {"desk_departments", kStateVersion3},
  }};
  return migrations;
}

Instant instant_of(std::int64_t seconds) {
  return Instant{std::chrono::seconds{seconds}};
}

class SqliteDeskStatePort final : public DeskStatePort {
 public:
  explicit SqliteDeskStatePort(store::SqliteConnection& connection) : m_connection(connection) {}

  Result<void> insert_session(const StoredSession& session) override {
    TRY_ASSIGN(
        Statement statement,
        m_connection.prepared("INSERT INTO staff_sessions (id_hash, csrf, user_name, role, created_at, "
                              "last_seen) VALUES (:h, :c, :u, :r, :created, :seen)"));
    statement.bind(":h", session.id_hash).bind(":c", session.csrf).bind(":u", session.user);
    statement.bind(":r", to_string(session.role)).bind(":created", session.created_at);
    statement.bind(":seen", session.last_seen);
    return statement.run();
  }

  Result<std::optional<StoredSession>> find_session(const std::string& id_hash) override {
    TRY_ASSIGN(
        Statement statement,
        m_connection.prepared("SELECT csrf, user_name, role, created_at, last_seen FROM staff_sessions "
                              "WHERE id_hash = :h"));
    statement.bind(":h", id_hash);
    TRY_ASSIGN(const bool row, statement.step());
    if (!row) return std::optional<StoredSession>();
    const auto role = role_from_string(statement.column_text(2));
    if (!role) return Error::make(ErrorCode::storage, "a staff session has an unknown role");
    return std::optional<StoredSession>(
        StoredSession{id_hash, statement.column_text(0), statement.column_text(1), *role,
                      instant_of(statement.column_int64(3)), instant_of(statement.column_int64(4))});
  }

  Result<void> set_last_seen(const std::string& id_hash, Instant at) override {
    TRY_ASSIGN(Statement statement,
               m_connection.prepared("UPDATE staff_sessions SET last_seen = :at WHERE id_hash = :h"));
    statement.bind(":at", at).bind(":h", id_hash);
    return statement.run();
  }

  Result<void> delete_session(const std::string& id_hash) override {
    TRY_ASSIGN(Statement statement, m_connection.prepared("DELETE FROM staff_sessions WHERE id_hash = :h"));
    statement.bind(":h", id_hash);
    return statement.run();
  }

  Result<void> delete_expired_sessions(Instant idle_before, Instant created_before) override {
    TRY_ASSIGN(
        Statement statement,
        m_connection.prepared("DELETE FROM staff_sessions WHERE last_seen < :idle OR created_at < :created"));
    statement.bind(":idle", idle_before).bind(":created", created_before);
    return statement.run();
  }

  Result<void> lock_sign_ins() override { return Ok{}; }  // BEGIN IMMEDIATE holds the file's write lock

  Result<void> delete_attempts_before(Instant before) override {
    TRY_ASSIGN(Statement statement, m_connection.prepared("DELETE FROM sign_in_attempts WHERE at < :before"));
    statement.bind(":before", before);
    return statement.run();
  }

  Result<std::vector<Instant>> account_attempts(const std::string& account) override {
    return times("SELECT at FROM sign_in_attempts WHERE account = :key AND account_cleared = 0 ORDER BY at",
                 account);
  }

  Result<std::vector<Instant>> address_attempts(const std::string& address) override {
    return times("SELECT at FROM sign_in_attempts WHERE address = :key ORDER BY at", address);
  }

  Result<std::int64_t> insert_attempt(const std::string& account, const std::string& address,
                                      Instant at) override {
    TRY_ASSIGN(Statement statement,
               m_connection.prepared(
                   "INSERT INTO sign_in_attempts (account, address, at) VALUES (:account, :address, :at)"));
    statement.bind(":account", account).bind(":address", address).bind(":at", at);
    TRY_VOID(statement.run());
    return sqlite3_last_insert_rowid(m_connection.db());
  }

  Result<void> delete_attempt(std::int64_t id) override {
    TRY_ASSIGN(Statement statement, m_connection.prepared("DELETE FROM sign_in_attempts WHERE id = :id"));
    statement.bind(":id", id);
    return statement.run();
  }

  Result<void> clear_account_attempts(const std::string& account) override {
    TRY_ASSIGN(Statement statement,
               m_connection.prepared("UPDATE sign_in_attempts SET account_cleared = 1 WHERE account = :a"));
    statement.bind(":a", account);
    return statement.run();
  }

  Result<std::optional<std::string>> find_secret(const std::string& name) override {
    TRY_ASSIGN(Statement statement, m_connection.prepared("SELECT value FROM desk_secrets WHERE name = :n"));
    statement.bind(":n", name);
    TRY_ASSIGN(const bool row, statement.step());
    if (!row) return std::optional<std::string>();
    return std::optional<std::string>(statement.column_text(0));
  }

  Result<void> insert_secret_if_absent(const std::string& name, const std::string& value) override {
    TRY_ASSIGN(Statement statement,
               m_connection.prepared(
                   "INSERT INTO desk_secrets (name, value) VALUES (:n, :v) ON CONFLICT DO NOTHING"));
    statement.bind(":n", name).bind(":v", value);
    return statement.run();
  }

  Result<std::optional<StoredCalendar>> find_calendar() override {
    TRY_ASSIGN(
        Statement statement,
        m_connection.prepared("SELECT version, document, imported_at FROM desk_calendar WHERE id = 1"));
    TRY_ASSIGN(const bool row, statement.step());
    if (!row) return std::optional<StoredCalendar>();
    return std::optional<StoredCalendar>(StoredCalendar{statement.column_text(0), statement.column_text(1),
                                                        instant_of(statement.column_int64(2))});
  }

  Result<void> save_calendar(const StoredCalendar& calendar) override {
    TRY_ASSIGN(Statement statement,
               m_connection.prepared("INSERT INTO desk_calendar (id, version, document, imported_at) "
                                     "VALUES (1, :v, :d, :at) ON CONFLICT (id) DO UPDATE SET "
                                     "version = excluded.version, document = excluded.document, "
                                     "imported_at = excluded.imported_at"));
    statement.bind(":v", calendar.version).bind(":d", calendar.document).bind(":at", calendar.imported_at);
    return statement.run();
  }

  Result<std::vector<Department>> departments() override {
    TRY_ASSIGN(Statement statement,
               m_connection.prepared("SELECT id, name_zh, name_en FROM desk_departments ORDER BY id"));
    std::vector<Department> found;
    while (true) {
      TRY_ASSIGN(const bool row, statement.step());
      if (!row) break;
      found.push_back(
          Department{statement.column_text(0), statement.column_text(1), statement.column_text(2)});
    }
    return found;
  }

  Result<void> save_department(const Department& department) override {
    TRY_ASSIGN(
        Statement statement,
        m_connection.prepared("INSERT INTO desk_departments (id, name_zh, name_en) VALUES (:id, :zh, :en) "
                              "ON CONFLICT (id) DO UPDATE SET name_zh = excluded.name_zh, "
                              "name_en = excluded.name_en"));
    statement.bind(":id", department.id).bind(":zh", department.name_zh).bind(":en", department.name_en);
    return statement.run();
  }

 private:
  Result<std::vector<Instant>> times(const char* sql, const std::string& key) {
    TRY_ASSIGN(Statement statement, m_connection.prepared(sql));
    statement.bind(":key", key);
    std::vector<Instant> found;
    while (true) {
      TRY_ASSIGN(const bool row, statement.step());
      if (!row) break;
      found.push_back(instant_of(statement.column_int64(0)));
    }
    return found;
  }

  store::SqliteConnection& m_connection;
};

}  // namespace

SqliteDeskStateStore::SqliteDeskStateStore(std::unique_ptr<store::SqliteConnection> connection)
    : m_connection(std::move(connection)) {}
SqliteDeskStateStore::~SqliteDeskStateStore() = default;

Result<std::unique_ptr<SqliteDeskStateStore>> SqliteDeskStateStore::open(const std::string& path) {
  TRY_ASSIGN(auto connection, store::SqliteConnection::open(path, "desk_state", state_migrations()));
  return std::unique_ptr<SqliteDeskStateStore>(new SqliteDeskStateStore(std::move(connection)));
}

Result<std::unique_ptr<SqliteDeskStateStore>> SqliteDeskStateStore::open(const SqliteTicketStore& base) {
  TRY_ASSIGN(auto connection, store::SqliteConnection::open(base, "desk_state", state_migrations()));
  return std::unique_ptr<SqliteDeskStateStore>(new SqliteDeskStateStore(std::move(connection)));
}

Result<void> SqliteDeskStateStore::transact(const std::function<Result<void>(DeskStatePort&)>& work) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(store::WriteTransaction transaction, store::WriteTransaction::begin(m_connection->db()));
  SqliteDeskStatePort port(*m_connection);
  TRY_VOID(work(port));
  return transaction.commit();
}

}  // namespace complaint
