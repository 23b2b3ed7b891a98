// PgDeskStateStore: the statements of DeskStatePort on PostgreSQL; the rules are in
// core/desk_state. Each call is one transaction on this store's own connection.
#include "drivers/postgres/pg_desk_state_store.h"

#include "drivers/postgres/pg_schema.h"
#include "drivers/postgres/pg_session.h"

namespace complaint {

namespace {

// The same tables as SQLite's desk_state extension (core/store/sqlite_desk_state_store.cpp).
constexpr const char* kStateSchema = R"sql(
CREATE TABLE IF NOT EXISTS staff_sessions (
  id_hash TEXT PRIMARY KEY,
  csrf TEXT NOT NULL,
  user_name TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS sign_in_attempts (
  id BIGSERIAL PRIMARY KEY,
  account TEXT NOT NULL,
  address TEXT NOT NULL,
  at BIGINT NOT NULL,
  account_cleared BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX IF NOT EXISTS sign_in_attempts_by_account ON sign_in_attempts(account, at);
CREATE INDEX IF NOT EXISTS sign_in_attempts_by_address ON sign_in_attempts(address, at);
CREATE INDEX IF NOT EXISTS sign_in_attempts_by_time ON sign_in_attempts(at);
CREATE TABLE IF NOT EXISTS desk_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS desk_calendar (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version TEXT NOT NULL,
  document TEXT NOT NULL,
  imported_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS desk_departments (id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL);
)sql";

// Advisory lock keys: 7171001 is the desk schema's (pg_schema.cpp) and 7171002 the event
// order's (pg_ticket_store.cpp); sign-ins take their own, so they never wait for a sync batch.
constexpr const char* kLockSignIns = "SELECT pg_advisory_xact_lock(7171003)";

Result<Instant> instant_at(const pg::Rows& rows, int row, int column) {
  TRY_ASSIGN(const std::int64_t seconds, rows.int64(row, column));
  return Instant{std::chrono::seconds{seconds}};
}

class PgDeskStatePort final : public DeskStatePort {
 public:
  explicit PgDeskStatePort(pg::Session& session) : m_session(session) {}

  Result<void> insert_session(const StoredSession& session) override {
    return run(
        "INSERT INTO staff_sessions (id_hash, csrf, user_name, role, created_at, last_seen) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {session.id_hash, session.csrf, session.user, to_string(session.role),
         pg::instant_param(session.created_at), pg::instant_param(session.last_seen)});
  }

  Result<std::optional<StoredSession>> find_session(const std::string& id_hash) override {
    TRY_ASSIGN(const pg::Rows rows,
               m_session.exec("SELECT csrf, user_name, role, created_at, last_seen FROM staff_sessions "
                              "WHERE id_hash = $1",
                              {id_hash}));
    if (rows.size() == 0) return std::optional<StoredSession>();
    const auto role = role_from_string(rows.text(0, 2));
    if (!role) return Error::make(ErrorCode::storage, "a staff session has an unknown role");
    TRY_ASSIGN(const Instant created_at, instant_at(rows, 0, 3));
    TRY_ASSIGN(const Instant last_seen, instant_at(rows, 0, 4));
    return std::optional<StoredSession>(
        StoredSession{id_hash, rows.text(0, 0), rows.text(0, 1), *role, created_at, last_seen});
  }

  Result<void> set_last_seen(const std::string& id_hash, Instant at) override {
    return run("UPDATE staff_sessions SET last_seen = $1 WHERE id_hash = $2",
               {pg::instant_param(at), id_hash});
  }

  Result<void> delete_session(const std::string& id_hash) override {
    return run("DELETE FROM staff_sessions WHERE id_hash = $1", {id_hash});
  }

  Result<void> delete_expired_sessions(Instant idle_before, Instant created_before) override {
    return run("DELETE FROM staff_sessions WHERE last_seen < $1 OR created_at < $2",
               {pg::instant_param(idle_before), pg::instant_param(created_before)});
  }

  // Every desk's attempts queue here for the rest of the transaction: READ COMMITTED alone
  // would let two desks both count the same failures and both admit one more.
  Result<void> lock_sign_ins() override { return run(kLockSignIns, {}); }

  Result<void> delete_attempts_before(Instant before) override {
    return run("DELETE FROM sign_in_attempts WHERE at < $1", {pg::instant_param(before)});
  }

  Result<std::vector<Instant>> account_attempts(const std::string& account) override {
    return times("SELECT at FROM sign_in_attempts WHERE account = $1 AND NOT account_cleared ORDER BY at",
                 account);
  }

  Result<std::vector<Instant>> address_attempts(const std::string& address) override {
    return times("SELECT at FROM sign_in_attempts WHERE address = $1 ORDER BY at", address);
  }

  Result<std::int64_t> insert_attempt(const std::string& account, const std::string& address,
                                      Instant at) override {
    TRY_ASSIGN(const pg::Rows rows,
               m_session.exec("INSERT INTO sign_in_attempts (account, address, at) VALUES ($1, $2, $3) "
                              "RETURNING id",
                              {account, address, pg::instant_param(at)}));
    return rows.int64(0, 0);
  }

  Result<void> delete_attempt(std::int64_t id) override {
    return run("DELETE FROM sign_in_attempts WHERE id = $1", {std::to_string(id)});
  }

  Result<void> clear_account_attempts(const std::string& account) override {
    return run("UPDATE sign_in_attempts SET account_cleared = TRUE WHERE account = $1", {account});
  }

  Result<std::optional<std::string>> find_secret(const std::string& name) override {
    TRY_ASSIGN(const pg::Rows rows, m_session.exec("SELECT value FROM desk_secrets WHERE name = $1", {name}));
    if (rows.size() == 0) return std::optional<std::string>();
    return std::optional<std::string>(rows.text(0, 0));
  }

  Result<void> insert_secret_if_absent(const std::string& name, const std::string& value) override {
    return run("INSERT INTO desk_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
               {name, value});
  }

  Result<std::optional<StoredCalendar>> find_calendar() override {
    TRY_ASSIGN(const pg::Rows rows,
               m_session.exec("SELECT version, document, imported_at FROM desk_calendar WHERE id = 1", {}));
    if (rows.size() == 0) return std::optional<StoredCalendar>();
    TRY_ASSIGN(const Instant at, instant_at(rows, 0, 2));
    return std::optional<StoredCalendar>(StoredCalendar{rows.text(0, 0), rows.text(0, 1), at});
  }

  Result<void> save_calendar(const StoredCalendar& calendar) override {
    return run(
        "INSERT INTO desk_calendar (id, version, document, imported_at) VALUES (1, $1, $2, $3) "
        "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, document = EXCLUDED.document, "
        "imported_at = EXCLUDED.imported_at",
        {calendar.version, calendar.document, pg::instant_param(calendar.imported_at)});
  }

  Result<std::vector<Department>> departments() override {
    // COLLATE "C": the same order as SQLite's byte-wise one, whatever the server's locale.
    TRY_ASSIGN(
        const pg::Rows rows,
        m_session.exec("SELECT id, name_zh, name_en FROM desk_departments ORDER BY id COLLATE \"C\"", {}));
    std::vector<Department> found;
    for (int row = 0; row < rows.size(); ++row) {
      found.push_back(Department{rows.text(row, 0), rows.text(row, 1), rows.text(row, 2)});
    }
    return found;
  }

  Result<void> save_department(const Department& department) override {
    return run(
        "INSERT INTO desk_departments (id, name_zh, name_en) VALUES ($1, $2, $3) "
        "ON CONFLICT (id) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en",
        {department.id, department.name_zh, department.name_en});
  }

 private:
  Result<void> run(const char* sql, const std::vector<pg::Param>& params) {
    TRY_VOID(m_session.exec(sql, params));
    return Ok{};
  }

  Result<std::vector<Instant>> times(const char* sql, const std::string& key) {
    TRY_ASSIGN(const pg::Rows rows, m_session.exec(sql, {key}));
    std::vector<Instant> found;
    for (int row = 0; row < rows.size(); ++row) {
      TRY_ASSIGN(const Instant at, instant_at(rows, row, 0));
      found.push_back(at);
    }
    return found;
  }

  pg::Session& m_session;
};

}  // namespace

PgDeskStateStore::PgDeskStateStore(std::unique_ptr<pg::Session> session) : m_session(std::move(session)) {}
PgDeskStateStore::~PgDeskStateStore() = default;

Result<std::unique_ptr<PgDeskStateStore>> PgDeskStateStore::open(const std::string& conninfo,
                                                                 const ConnectionOptions& options) {
  TRY_ASSIGN(auto session, pg::Session::open(conninfo, options));
  TRY_VOID(pg::apply_schema_once(*session, "state", kStateSchema, [](pg::Session& applying) -> Result<void> {
    TRY_VOID(applying.exec(kStateSchema));
    return Ok{};
  }));
  return std::unique_ptr<PgDeskStateStore>(new PgDeskStateStore(std::move(session)));
}

Result<void> PgDeskStateStore::transact(const std::function<Result<void>(DeskStatePort&)>& work) {
  std::lock_guard lock(m_session->mutex());
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin(*m_session));
  PgDeskStatePort port(*m_session);
  TRY_VOID(work(port));
  return transaction.commit();
}

}  // namespace complaint
