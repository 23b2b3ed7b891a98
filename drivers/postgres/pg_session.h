// pg::Session: the one libpq connection of a PgDeskStore, kept by a ConnectionKeeper
// (core/store/connection_keeper.h): a statement that finds the connection broken (the server
// restarted, or failed over: SQLSTATE class 08, 57P01-57P03, 25006 on a demoted primary)
// fails as `unavailable`, and a later statement outside a transaction reconnects, with
// backoff, through the same conninfo (a multi-host one picks the new primary). Inside a
// transaction nothing reconnects: the statements after a lost one must not run without it.
// Also the small helpers PgDeskStore's source files share (parameterised statements in text
// format, results, transactions, the ticket and event row mapping). Internal to
// drivers/postgres; libpq's own header stays in the .cpp files (its two handle types are
// declared here by their struct names).
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/result.h"
#include "core/domain/ticket.h"
#include "core/notify/notice.h"
#include "core/store/connection_keeper.h"
#include "core/sync/desk_repository.h"

struct pg_conn;    // libpq's PGconn
struct pg_result;  // libpq's PGresult

namespace complaint::pg {

using Param = std::optional<std::string>;  // nullopt: SQL NULL

class Rows {
 public:
  explicit Rows(pg_result* result);
  int size() const;
  bool null(int row, int column) const;
  std::string text(int row, int column) const;
  // The same without a copy, valid while the rows are (a report reads 82,198 rows of 21 columns).
  std::string_view view(int row, int column) const;
  Param optional_text(int row, int column) const {
    return null(row, column) ? Param() : Param(text(row, column));
  }
  // An integer column's value; a storage error naming the column when it holds anything
  // else (no std::stoll: it would throw in a code base without exceptions).
  Result<std::int64_t> int64(int row, int column) const;
  std::int64_t affected() const;
  std::string command() const;  // the command tag: "COMMIT", "ROLLBACK", "INSERT 0 1", ...

 private:
  std::unique_ptr<pg_result, void (*)(pg_result*)> m_result;
};

// A statement's error names its SQLSTATE ("... [SQLSTATE 40P01]"): the server's text may be
// in its own language, the code is not. True when `error` is of that five-character code
// (40P01 deadlock_detected, 55P03 lock_not_available: the same transaction may be run again).
bool has_sqlstate(const Error& error, std::string_view sqlstate);

class Session final : public DatabaseLink {
 public:
  // Connects (the schema is the caller's); the options' clock must outlive the session.
  static Result<std::unique_ptr<Session>> open(const std::string& conninfo, const ConnectionOptions& options);
  // One of several sessions sharing `keeper` (a pool: one reconnect state for all).
  static Result<std::unique_ptr<Session>> open(const std::string& conninfo,
                                               std::shared_ptr<ConnectionKeeper> keeper);
  static std::shared_ptr<ConnectionKeeper> keeper_for(const ConnectionOptions& options);
  ~Session() override;
  std::mutex& mutex() { return m_mutex; }
  // Runs one statement ($1, $2, ... placeholders). Unique violations are conflict errors; a
  // broken connection is an `unavailable` error (and is reconnected later, see above).
  Result<Rows> exec(const std::string& sql, const std::vector<Param>& params = {});
  // The same for a statement with parameters inside a transaction, its rows handed to `each` one
  // at a time as they arrive (libpq's single-row mode; `each` reads row `row` of `rows`): the caller reads a
  // row while the server still makes the next, where exec() keeps the whole result first (a
  // monthly report's 82,198 rows: the server's work and the client's reading overlap). The
  // first error of `each` stops the reading (the rest of the result is discarded) and is
  // returned.
  Result<void> exec_each(const std::string& sql, const std::vector<Param>& params,
                         const std::function<Result<void>(const Rows& rows, int row)>& each);
  DatabaseState state() const { return m_keeper->state(); }

  // DatabaseLink, for the keeper: a new libpq connection, or none.
  Result<void> connect() override;
  void disconnect() override;

 private:
  friend class Transaction;
  Session(std::string conninfo, std::shared_ptr<ConnectionKeeper> keeper);
  std::string m_conninfo;
  pg_conn* m_connection = nullptr;
  std::shared_ptr<ConnectionKeeper> m_keeper;
  ConnectionKeeper::Generation m_generation = ConnectionKeeper::kNeverConnected;
  bool m_in_transaction = false;                            // between BEGIN and COMMIT/ROLLBACK
  std::string m_last_notice;                                // the server's last message outside a statement
  std::unordered_map<std::string, std::string> m_prepared;  // statement text -> its name here
  pg_result* execute_prepared(const std::string& sql, const std::vector<const char*>& values);
  // The name `sql` is prepared under on this connection (prepared now if new); nullptr when the
  // cache is full (then run it unprepared); a failed PQprepare's result in `failed`.
  const std::string* prepared_name(const std::string& sql, int count, pg_result*& failed);
  // The error of a failed statement's `result` (nullptr: the connection's), as exec() reports it.
  Error statement_error(pg_result* result, const std::string& sql);
  std::mutex m_mutex;
};

// SessionPool: the connections of one PgDeskStore. Each store call leases one for its whole
// duration, so a long sync batch on one connection does not hold up a tracking page or a
// console page on another (with a single connection every page waited for whole batches,
// seconds under the load of bench/desk/sync_load). The sessions share one ConnectionKeeper:
// one up-or-down state, one backoff (a second connection does not wait out a backoff of its
// own once the first is back).
class SessionPool {
 public:
  class Lease {
   public:
    Lease(SessionPool& pool, Session& session) : m_pool(&pool), m_session(&session) {}
    Lease(Lease&& other) noexcept : m_pool(other.m_pool), m_session(other.m_session) {
      other.m_pool = nullptr;
    }
    Lease(const Lease&) = delete;
    ~Lease() {
      if (m_pool != nullptr) m_pool->give_back(*m_session);
    }
    Session& operator*() const { return *m_session; }
    Session* operator->() const { return m_session; }

   private:
    SessionPool* m_pool;
    Session* m_session;
  };

  static Result<std::unique_ptr<SessionPool>> open(const std::string& conninfo,
                                                   const ConnectionOptions& options, int size);
  // A free session, waiting while all are leased.
  Lease lease();
  // The pool's one reconnect state (its sessions share a ConnectionKeeper).
  DatabaseState state() const;
  int size() const { return static_cast<int>(m_sessions.size()); }

 private:
  void give_back(Session& session);
  std::shared_ptr<ConnectionKeeper> m_keeper;
  std::vector<std::unique_ptr<Session>> m_sessions;
  std::mutex m_mutex;
  std::condition_variable m_freed;
  std::vector<Session*> m_free;
};

// BEGIN now; ROLLBACK unless commit() succeeded. commit() succeeds only when the server
// answered COMMIT: a connection lost on the way is an error (the outcome is unknown, and
// the callers' retries are idempotent), never taken for success.
class Transaction {
 public:
  static Result<Transaction> begin(Session& session);
  // One snapshot for every statement, read only: BEGIN with its mode in one round trip.
  static Result<Transaction> begin_snapshot(Session& session);
  Transaction(Transaction&& other) noexcept : m_session(other.m_session) { other.m_session = nullptr; }
  Transaction(const Transaction&) = delete;
  ~Transaction();
  Result<void> commit();

 private:
  explicit Transaction(Session& session) : m_session(&session) {}
  Session* m_session;
};

// Row mapping of tickets and events (pg_ticket_store.cpp).
const std::string& ticket_columns();                     // "id, number, ..." in read order
std::vector<Param> ticket_params(const Ticket& ticket);  // every column but id, in order (revision last)
const std::string& insert_ticket_sql();                  // revision taken from the ticket
std::string insert_tickets_sql(std::size_t count);       // `count` rows of ticket_params()
// "($1, $2), ($3, $4)": `rows` rows of `columns` placeholders from $first; placeholders alone
// is one row's inside. Multi-row statements: one round trip for a whole batch.
std::string value_rows(std::size_t rows, std::size_t columns, std::size_t first = 1);
std::string placeholders(std::size_t count, std::size_t first = 1);
const std::string& update_ticket_sql();  // params: update_params()
std::vector<Param> update_params(const Ticket& ticket, const std::string& number, std::int64_t revision);
// An unreadable row (a value its field cannot take) is a storage error, as on SQLite.
Result<Ticket> read_ticket(const Rows& rows, int row, int first_column = 0);
const std::string& event_columns();  // "id, ticket_number, at, ..."
// An unreadable row (a status no Status names, a malformed integer) is a storage error.
Result<TicketEvent> read_event(const Rows& rows, int row, int first_column = 0);
// Every row of `rows` (selected with ticket_columns() / event_columns() first) read in order.
Result<std::vector<Ticket>> read_tickets(const Rows& rows);
Result<std::vector<TicketEvent>> read_events(const Rows& rows);
Result<std::int64_t> insert_event(Session& session, const TicketEvent& event);
// Events a kiosk sent (kiosk_made): one multi-row INSERT; their ids in the order given,
// increasing. They need no lock_event_order: no feed shows them, and the feed's horizon is
// the newest desk-made event (pg_desk_sync.cpp).
Result<std::vector<std::int64_t>> insert_kiosk_events(Session& session,
                                                      const std::vector<TicketEvent>& events);
// Taken (transaction-scoped) by every transaction that appends desk-made events, before its first one:
// event ids come from a sequence, so without it two desks on one database could commit ids
// out of order, and a kiosk's feed cursor would pass an event still being written.
Result<void> lock_event_order(Session& session);
// PgDeskStore::apply's writes inside the caller's transaction (the event-order lock, the
// ticket at its read revision, the event, its outbox row and notices): the stored ticket, or
// conflict (stale) / not_found. Shared with the attachments (pg_attachments.cpp).
Result<Ticket> store_applied(Session& session, const Ticket& updated, const TicketEvent& event);
// The value of an integer's decimal text; nullopt for anything else.
std::optional<std::int64_t> int64_of(std::string_view text);
Param instant_param(Instant at);
// The notification outbox's insert (pg_notices.cpp): one multi-row INSERT, a notice whose
// key is stored already left out.
// Adds the notices whose key is new; the number added.
Result<std::int64_t> insert_notices(Session& session, const std::vector<Notice>& notices);
// Staff accounts' columns in read order, and one row of them (pg_notices.cpp).
inline constexpr const char* kUserColumns =
    "id, name, role, password_hash, created_at, email, im_user_id, departments, disabled";
Result<StaffUser> read_user(const Rows& rows, int row);
Param optional_instant_param(const std::optional<Instant>& at);

}  // namespace complaint::pg
