// pg::Rows, pg::Session and pg::Transaction on libpq; see pg_session.h. Sections: rows ·
// connection · statements · transactions.
#include "drivers/postgres/pg_session.h"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>

namespace complaint::pg {

// ---------------------------------------------------------------- rows
Rows::Rows(pg_result* result) : m_result(result, &PQclear) {}

int Rows::size() const {
  return PQntuples(m_result.get());
}

bool Rows::null(int row, int column) const {
  return PQgetisnull(m_result.get(), row, column) != 0;
}

std::string Rows::text(int row, int column) const {
  return PQgetvalue(m_result.get(), row, column);
}

std::string_view Rows::view(int row, int column) const {
  return {PQgetvalue(m_result.get(), row, column),
          static_cast<std::size_t>(PQgetlength(m_result.get(), row, column))};
}

Result<std::int64_t> Rows::int64(int row, int column) const {
  const std::string_view value = view(row, column);
  if (const auto number = int64_of(value)) return *number;
  const char* name = PQfname(m_result.get(), column);
  return Error::make(ErrorCode::storage,
                     std::string("unreadable row: ") + (name ? name : "?") + " holds '" + std::string(value) +
                         "', not an integer",
                     "read_row", 0);
}

std::int64_t Rows::affected() const {
  // PQcmdTuples: the row count as digits, or "" for commands that report none.
  return int64_of(PQcmdTuples(m_result.get())).value_or(0);
}

std::string Rows::command() const {
  const char* tag = m_result ? PQcmdStatus(m_result.get()) : nullptr;
  return tag != nullptr ? tag : "";
}

// ---------------------------------------------------------------- connection
namespace {

SystemClock g_system_clock;

// Defaults the conninfo may override (it is expanded after them, see connect()): libpq
// waits for ever on a host that does not answer unless told, and a desk holds its one
// connection's mutex meanwhile; keepalives notice a peer that vanished without a word.
constexpr const char* kDefaultKeywords[] = {"connect_timeout", "keepalives_idle", "keepalives_interval",
                                            "keepalives_count"};
constexpr const char* kDefaultValues[] = {"5", "30", "10", "3"};

// An idle connection the server closed (a restart, a failover) has its goodbye waiting on
// the socket: reading it before anything is sent lets the first statement after the outage
// run on a new connection instead of failing. The goodbye is a FATAL message, then the end
// of the stream: each PQconsumeInput reads what one recv gets, so read while anything waits
// (a few times at most; libpq's socket is non-blocking, nothing here waits).
bool still_open(PGconn* connection) {
  for (int reads = 0; reads < 4; ++reads) {
    pollfd waiting{PQsocket(connection), POLLIN, 0};
    if (::poll(&waiting, 1, 0) <= 0) break;
    const bool read = PQconsumeInput(connection) == 1;
    (void)PQisBusy(connection);  // parses what came: the goodbye reaches keep_notice
    if (!read) return false;
  }
  return PQstatus(connection) == CONNECTION_OK;
}

// The server's messages to an idle connection (that FATAL goodbye) come as notices: kept
// (not written to stderr) to say why the connection was lost.
void keep_notice(void* last_notice, const char* message) {
  *static_cast<std::string*>(last_notice) = message;
}

// The errors after which this connection is no use: it is closed (class 08, or the server
// going down: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now), or it
// reaches a server that can no longer write (25006 read_only_sql_transaction: a primary
// demoted to a standby), where a new connection with target_session_attrs=read-write finds
// the one that can.
bool connection_broken(PGconn* connection, const char* state) {
  if (PQstatus(connection) != CONNECTION_OK) return true;
  if (state == nullptr) return false;
  const std::string_view code(state);
  return code.substr(0, 2) == "08" || code == "57P01" || code == "57P02" || code == "57P03" ||
         code == "25006";
}

std::string trimmed(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace

Session::Session(std::string conninfo, std::shared_ptr<ConnectionKeeper> keeper)
    : m_conninfo(std::move(conninfo)), m_keeper(std::move(keeper)) {}

std::shared_ptr<ConnectionKeeper> Session::keeper_for(const ConnectionOptions& options) {
  return std::make_shared<ConnectionKeeper>(options.clock != nullptr ? *options.clock : g_system_clock,
                                            options.reconnect, options.log);
}

Result<std::unique_ptr<Session>> Session::open(const std::string& conninfo,
                                               const ConnectionOptions& options) {
  return open(conninfo, keeper_for(options));
}

Result<std::unique_ptr<Session>> Session::open(const std::string& conninfo,
                                               std::shared_ptr<ConnectionKeeper> keeper) {
  std::unique_ptr<Session> session(new Session(conninfo, std::move(keeper)));
  TRY_VOID(session->m_keeper->open(*session, session->m_generation));
  return session;
}

Session::~Session() {
  disconnect();
}

Result<void> Session::connect() {
  disconnect();
  std::vector<const char*> keywords(std::begin(kDefaultKeywords), std::end(kDefaultKeywords));
  std::vector<const char*> values(std::begin(kDefaultValues), std::end(kDefaultValues));
  // The conninfo as "dbname" with expand_dbname: a URI or key=value string (one host or a
  // list with target_session_attrs) whose own settings win over the defaults before it.
  keywords.insert(keywords.end(), {"dbname", nullptr});
  values.insert(values.end(), {m_conninfo.c_str(), nullptr});
  PGconn* connection = PQconnectdbParams(keywords.data(), values.data(), 1);
  if (PQstatus(connection) != CONNECTION_OK) {
    const std::string message = trimmed(PQerrorMessage(connection));
    PQfinish(connection);
    return Error::make(ErrorCode::unavailable, "cannot connect to PostgreSQL: " + message, "PQconnectdb");
  }
  m_last_notice.clear();
  PQsetNoticeProcessor(connection, &keep_notice, &m_last_notice);
  // No "already exists" notices from the schema's IF NOT EXISTS. Custom plans always: after
  // five runs of a prepared statement the server may switch it to a generic plan, costed on
  // the table's size at that moment, and keep it until the next ANALYZE. Prepared on a young
  // desk (an empty tickets table), the sync batch's `number IN ($1..$50)` look-up kept a
  // sequential scan as the table grew: in bench/desk/sync_load (200 kiosks, 4,000 tickets) it
  // took 753 ms of statement time while the whole server used 1.3 CPU s, and whether an
  // autoanalyze happened to re-plan it mid-run made identical runs differ by 2x. Preparing
  // still saves the parse; planning these statements again is cheap.
  PGresult* quiet =
      PQexec(connection, "SET client_min_messages = warning; SET plan_cache_mode = force_custom_plan");
  const bool set = PQresultStatus(quiet) == PGRES_COMMAND_OK;
  PQclear(quiet);
  if (!set) {
    const std::string message = trimmed(PQerrorMessage(connection));
    PQfinish(connection);
    return Error::make(ErrorCode::unavailable, "PostgreSQL refused the session's settings: " + message,
                       "PQexec");
  }
  m_connection = connection;
  return Ok{};
}

void Session::disconnect() {
  if (m_connection != nullptr) PQfinish(m_connection);
  m_connection = nullptr;
  m_prepared.clear();  // prepared statements belong to the connection that prepared them
}

// ---------------------------------------------------------------- statements
Result<Rows> Session::exec(const std::string& sql, const std::vector<Param>& params) {
  if (!m_in_transaction) {
    m_last_notice.clear();  // an earlier warning is not why the connection closed
    if (m_connection != nullptr && !still_open(m_connection)) {
      m_keeper->lost(*this, trimmed(m_last_notice.empty() ? PQerrorMessage(m_connection) : m_last_notice));
    }
    TRY_VOID(m_keeper->ensure(*this, m_generation));
  } else if (m_connection == nullptr) {
    return Error::make(ErrorCode::unavailable, "the connection to PostgreSQL was lost in this transaction",
                       "PQexecParams");
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& param : params) values.push_back(param ? param->c_str() : nullptr);
  // Without parameters PQexec, which also runs several statements (the schema).
  PGresult* result = params.empty() ? PQexec(m_connection, sql.c_str()) : execute_prepared(sql, values);
  Rows rows(result);
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return rows;
  return statement_error(result, sql);
}

Error Session::statement_error(PGresult* result, const std::string& sql) {
  const ExecStatusType status = PQresultStatus(result);
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const std::string message =
      trimmed(result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(m_connection));
  if (connection_broken(m_connection, state)) {
    m_keeper->lost(*this, message);
    return Error::make(ErrorCode::unavailable,
                       "PostgreSQL connection lost: " + message + " (" + sql.substr(0, 80) + ")",
                       "PQexecParams", static_cast<int>(status));
  }
  // 23505 unique_violation: a duplicate (name, kiosk id, nonce), as SQLite's constraint error.
  const bool duplicate = state != nullptr && std::strcmp(state, "23505") == 0;
  return Error::make(duplicate ? ErrorCode::conflict : ErrorCode::storage,
                     "PostgreSQL: " + message + " (" + sql.substr(0, 80) + ")" +
                         (state != nullptr ? std::string(" [SQLSTATE ") + state + "]" : std::string()),
                     "PQexecParams", static_cast<int>(status));
}

bool has_sqlstate(const Error& error, std::string_view sqlstate) {
  return error.message.find("[SQLSTATE " + std::string(sqlstate) + "]") != std::string::npos;
}

Result<void> Session::exec_each(const std::string& sql, const std::vector<Param>& params,
                                const std::function<Result<void>(const Rows& rows, int row)>& each) {
  if (!m_in_transaction || m_connection == nullptr) {
    return Error::make(ErrorCode::unavailable,
                       m_in_transaction ? "the connection to PostgreSQL was lost in this transaction"
                                        : "exec_each runs inside a transaction",
                       "PQsendQueryPrepared");
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& param : params) values.push_back(param ? param->c_str() : nullptr);
  const int count = static_cast<int>(values.size());
  PGresult* failed = nullptr;
  const std::string* name = prepared_name(sql, count, failed);
  if (failed != nullptr) {
    const Rows owned(failed);
    return statement_error(failed, sql);
  }
  const int sent =
      name != nullptr
          ? PQsendQueryPrepared(m_connection, name->c_str(), count, values.data(), nullptr, nullptr, 0)
          : PQsendQueryParams(m_connection, sql.c_str(), count, nullptr, values.data(), nullptr, nullptr, 0);
  if (sent == 0) return statement_error(nullptr, sql);
  // Fails only when called too late; then the rows come in one result, read the same way.
  PQsetSingleRowMode(m_connection);
  std::optional<Error> error;
  // Every result is taken, up to the end (nullptr), so that the connection is ready for the
  // next statement whatever happened.
  while (PGresult* result = PQgetResult(m_connection)) {
    const Rows rows(result);
    if (error) continue;
    const ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_SINGLE_TUPLE || (status == PGRES_TUPLES_OK && rows.size() > 0)) {
      for (int i = 0; i < rows.size() && !error; ++i) {
        auto handled = each(rows, i);
        if (!handled.ok()) error = handled.error();
      }
    } else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      error = statement_error(result, sql);
    }
  }
  if (error) return *error;
  return Ok{};
}

// A statement with parameters is prepared once per connection and then only executed: the
// server parses and plans it once instead of on every call, which was most of PostgreSQL's
// CPU per synced ticket (bench/desk/sync_load). The cache is bounded: past kMaxPrepared
// distinct texts the rest run unprepared, so a statement built with varying text can never
// grow it without end.
PGresult* Session::execute_prepared(const std::string& sql, const std::vector<const char*>& values) {
  const int count = static_cast<int>(values.size());
  PGresult* failed = nullptr;
  const std::string* name = prepared_name(sql, count, failed);
  if (failed != nullptr) return failed;  // the caller reports it
  if (name == nullptr)
    return PQexecParams(m_connection, sql.c_str(), count, nullptr, values.data(), nullptr, nullptr, 0);
  return PQexecPrepared(m_connection, name->c_str(), count, values.data(), nullptr, nullptr, 0);
}

const std::string* Session::prepared_name(const std::string& sql, int count, PGresult*& failed) {
  constexpr std::size_t kMaxPrepared = 256;
  failed = nullptr;
  auto found = m_prepared.find(sql);
  if (found == m_prepared.end() && m_prepared.size() < kMaxPrepared) {
    const std::string name = "complaint_" + std::to_string(m_prepared.size() + 1);
    PGresult* prepared = PQprepare(m_connection, name.c_str(), sql.c_str(), count, nullptr);
    if (PQresultStatus(prepared) != PGRES_COMMAND_OK) {
      failed = prepared;
      return nullptr;
    }
    PQclear(prepared);
    found = m_prepared.emplace(sql, name).first;
  }
  return found == m_prepared.end() ? nullptr : &found->second;
}

// ---------------------------------------------------------------- pool
Result<std::unique_ptr<SessionPool>> SessionPool::open(const std::string& conninfo,
                                                       const ConnectionOptions& options, int size) {
  auto pool = std::make_unique<SessionPool>();
  pool->m_keeper = Session::keeper_for(options);  // one state for all (connection_keeper.h)
  for (int i = 0; i < std::max(1, size); ++i) {
    TRY_ASSIGN(auto session, Session::open(conninfo, pool->m_keeper));
    pool->m_free.push_back(session.get());
    pool->m_sessions.push_back(std::move(session));
  }
  return pool;
}

SessionPool::Lease SessionPool::lease() {
  std::unique_lock lock(m_mutex);
  m_freed.wait(lock, [this] { return !m_free.empty(); });
  Session* session = m_free.back();
  m_free.pop_back();
  return Lease(*this, *session);
}

void SessionPool::give_back(Session& session) {
  {
    std::lock_guard lock(m_mutex);
    m_free.push_back(&session);
  }
  m_freed.notify_one();
}

DatabaseState SessionPool::state() const {
  return m_keeper->state();
}

// ---------------------------------------------------------------- transactions
Result<Transaction> Transaction::begin(Session& session) {
  TRY_VOID(session.exec("BEGIN"));
  session.m_in_transaction = true;
  return Transaction(session);
}

Result<Transaction> Transaction::begin_snapshot(Session& session) {
  TRY_VOID(session.exec("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
  session.m_in_transaction = true;
  return Transaction(session);
}

Transaction::~Transaction() {
  if (m_session == nullptr) return;
  (void)m_session->exec("ROLLBACK");  // on a lost connection: refused at once, nothing to undo
  m_session->m_in_transaction = false;
}

Result<void> Transaction::commit() {
  Session* session = m_session;
  m_session = nullptr;
  auto committed = session->exec("COMMIT");
  session->m_in_transaction = false;
  if (!committed.ok()) {
    Error error = committed.error();
    if (error.code == ErrorCode::unavailable) error.message += "; whether it was committed is unknown";
    return error;
  }
  // COMMIT of a transaction that had failed answers ROLLBACK, not an error.
  if (committed->command() != "COMMIT") {
    return Error::make(ErrorCode::storage,
                       "PostgreSQL rolled the transaction back (" + committed->command() + ")", "COMMIT");
  }
  return Ok{};
}

}  // namespace complaint::pg
