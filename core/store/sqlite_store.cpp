// SqliteTicketStore: opening (pragmas, quick_check, migrations) and the TicketRepository
// operations. Every write is one BEGIN IMMEDIATE transaction: ticket, events, outbox and
// the daily counter change together or not at all, so a rolled-back filing leaves no gap.
// Maintenance (integrity, backup, print jobs, row counts) is in sqlite_maintenance.cpp.
#include "core/store/sqlite_store.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/deadlines/pending_deadlines_sql.h"
#include "core/domain/ticket_number.h"
#include "core/retention/anonymise.h"
#include "core/store/intake_keys_sql.h"
#include "core/store/report_digest.h"
#include "core/store/sqlite_groups.h"
#include "core/store/sqlite_notices.h"
#include "core/store/sqlite_schema.h"
#include "core/store/sqlite_search_text.h"
#include "core/store/sqlite_statement.h"
#include "core/store/sqlite_store_impl.h"
#include "core/store/ticket_rows.h"

namespace complaint {

using store::Statement;
using store::WriteTransaction;

namespace {

// Two processes (kiosk UI and complaintctl, or two filers) share the file; a writer
// waits this long for the other's commit before giving up with SQLITE_BUSY.
constexpr int kBusyTimeoutMs = 5000;

Result<std::string> pragma_text(sqlite3* db, const char* sql) {
  TRY_ASSIGN(Statement statement, Statement::prepare(db, sql));
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return Error::make(ErrorCode::storage, std::string(sql) + " returned no row", "sqlite3_step", 0);
  return statement.column_text(0);
}

Result<void> switch_to_wal(sqlite3* db) {
  // Switching a new file to WAL needs an exclusive lock. When two processes open a fresh
  // database together, SQLite can report SQLITE_BUSY here without consulting the busy
  // handler, so retry for as long as the busy timeout would have waited.
  constexpr auto kPause = std::chrono::milliseconds(10);
  for (int attempt = 0;; ++attempt) {
    auto mode = pragma_text(db, "PRAGMA journal_mode = WAL");
    if (mode.ok()) {
      if (*mode == "wal" || *mode == "memory") return Ok{};
      return Error::make(ErrorCode::storage,
                         "the database refused WAL journaling (journal_mode is " + *mode + ")",
                         "PRAGMA journal_mode", 0);
    }
    const bool busy = (mode.error().status & 0xff) == SQLITE_BUSY;
    if (!busy || attempt * kPause >= std::chrono::milliseconds(kBusyTimeoutMs)) return mode.error();
    std::this_thread::sleep_for(kPause);
  }
}

Result<void> configure_connection(sqlite3* db) {
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  TRY_VOID(switch_to_wal(db));
  // FULL: in WAL mode NORMAL may lose the last commits on power loss, and a receipt must
  // never show a number the database then forgets.
  // secure_delete: a row's old bytes (a customer's text, once retention anonymised it) are
  // zeroed in the page, not left in free space for a copy of the file to show.
  TRY_VOID(store::exec_script(
      db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON", "configuring"));
  // The desk's text index triggers (desk schema 14) call it whenever this connection writes a ticket.
  TRY_VOID(store::register_search_text_function(db));
  TRY_ASSIGN(const std::string foreign_keys, pragma_text(db, "PRAGMA foreign_keys"));
  if (foreign_keys != "1") {
    return Error::make(ErrorCode::storage, "this SQLite build cannot enforce foreign keys",
                       "PRAGMA foreign_keys");
  }
  return Ok{};
}

std::atomic<std::int64_t> g_quick_checks{0};

Result<void> quick_check(sqlite3* db, const std::string& path) {
  g_quick_checks.fetch_add(1, std::memory_order_relaxed);
  TRY_ASSIGN(const std::string verdict, pragma_text(db, "PRAGMA quick_check"));
  if (verdict == "ok") return Ok{};
  return Error::make(ErrorCode::storage, "database " + path + " is damaged: " + verdict, "PRAGMA quick_check",
                     SQLITE_CORRUPT);
}

Result<std::int64_t> next_sequence(sqlite3* db, const std::string& key) {
  TRY_ASSIGN(Statement statement,
             Statement::prepare(db,
                                "INSERT INTO counters (key, value) VALUES (:key, 1) "
                                "ON CONFLICT (key) DO UPDATE SET value = value + 1 RETURNING value"));
  statement.bind(":key", key);
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return Error::make(ErrorCode::storage, "the counter upsert returned no value", "sqlite3_step", 0);
  const std::int64_t value = statement.column_int64(0);
  TRY_VOID(statement.run());
  return value;
}

Result<std::int64_t> insert_event(sqlite3* db, const TicketEvent& event) {
  TRY_ASSIGN(Statement statement, Statement::prepare(db, store::insert_event_sql()));
  store::bind_event(statement, event);
  TRY_VOID(statement.run());
  return sqlite3_last_insert_rowid(db);
}

Result<void> insert_outbox(sqlite3* db, const std::string& number, std::optional<std::int64_t> event_id,
                           Instant at) {
  TRY_ASSIGN(Statement statement,
             Statement::prepare(db,
                                "INSERT INTO outbox (ticket_number, kind, event_id, created_at) "
                                "VALUES (:number, :kind, :event_id, :at)"));
  statement.bind(":number", number).bind(":kind", event_id ? "event" : "ticket").bind(":at", at);
  if (event_id) {
    statement.bind(":event_id", *event_id);
  } else {
    statement.bind_null(":event_id");
  }
  return statement.run();
}

Result<std::optional<Ticket>> find_ticket(sqlite3* db, const char* where, const char* name,
                                          const std::string& value) {
  TRY_ASSIGN(Statement statement, Statement::prepare(db, store::select_tickets_sql() + " WHERE " + where));
  statement.bind(name, value);
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return std::optional<Ticket>();
  TRY_ASSIGN(Ticket ticket, store::read_ticket(statement));
  return std::optional<Ticket>(std::move(ticket));
}

Result<Ticket> reload(sqlite3* db, const std::string& number) {
  TRY_ASSIGN(std::optional<Ticket> ticket, find_ticket(db, "number = :number", ":number", number));
  if (!ticket)
    return Error::make(ErrorCode::internal, "ticket " + number + " vanished inside its transaction");
  return std::move(*ticket);
}

// The number filed under a desk intake key (intake_keys_sql.h), if any.
Result<std::optional<std::string>> filed_under(sqlite3* db, const std::string& key) {
  TRY_ASSIGN(Statement statement, Statement::prepare(db, std::string(store::kIntakeKeyLookupSql) + ":key"));
  statement.bind(":key", key);
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(statement.column_text(0));
}

Result<void> record_intake_key(sqlite3* db, const std::string& key, const Ticket& ticket) {
  TRY_ASSIGN(Statement statement,
             Statement::prepare(db, std::string(store::kIntakeKeyInsertSql) + "(:key, :number, :at)"));
  statement.bind(":key", key).bind(":number", ticket.number).bind(":at", ticket.recorded_at);
  return statement.run();
}

// One ticket's anonymisation inside the caller's transaction: false when the stored revision
// is not the one read (or the ticket is gone), and then nothing of it is written.
Result<bool> store_anonymisation(sqlite3* db, const Anonymisation& item) {
  TRY_ASSIGN(Statement update, Statement::prepare(db, store::update_ticket_sql()));
  store::bind_ticket_state(update, item.ticket);
  update.bind(":number", item.ticket.number).bind(":revision", item.ticket.revision);
  TRY_VOID(update.run());
  if (sqlite3_changes(db) == 0) return false;
  // The schema's trigger allows this update only now that the ticket holds the tombstone.
  for (const TicketEvent& event : item.rewritten) {
    TRY_ASSIGN(Statement blank, Statement::prepare(db,
                                                   "UPDATE events SET note = :note, data_json = :data "
                                                   "WHERE id = :id AND ticket_number = :number"));
    blank.bind(":note", event.note).bind(":data", event.data_json).bind(":id", event.id);
    blank.bind(":number", item.ticket.number);
    TRY_VOID(blank.run());
  }
  TicketEvent stored_event = item.purge;
  stored_event.ticket_number = item.ticket.number;
  TRY_ASSIGN([[maybe_unused]] const std::int64_t purge_id, insert_event(db, stored_event));
  return true;
}

// The old pages are still in the WAL until a checkpoint writes the zeroed ones over them in
// the file. Best effort: a reader on an older snapshot keeps the WAL until it is done.
void checkpoint_zeroed_pages(sqlite3* db) {
  sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
}

}  // namespace

SqliteTicketStore::SqliteTicketStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SqliteTicketStore::~SqliteTicketStore() = default;

int SqliteTicketStore::latest_schema_version() {
  return store::latest_schema_version();
}

// ---------------------------------------------------------------- reading connections

namespace store {

ReaderLease::~ReaderLease() {
  if (m_reader) m_pool->give_back(std::move(m_reader));
}

Result<ReaderLease> ReaderPool::lease(const std::string& path) {
  {
    std::lock_guard lock(m_mutex);
    if (!m_idle.empty()) {
      std::unique_ptr<Reader> reader = std::move(m_idle.back());
      m_idle.pop_back();
      return ReaderLease(*this, std::move(reader));
    }
  }
  auto reader = std::make_unique<Reader>();
  const int rc =
      sqlite3_open_v2(path.c_str(), &reader->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(reader->db, "sqlite3_open_v2", rc, "opening a reader on " + path);
  sqlite3_extended_result_codes(reader->db, 1);
  sqlite3_busy_timeout(reader->db, kBusyTimeoutMs);
  // The writer already put the file in WAL mode; this connection must never write.
  TRY_VOID(exec_script(reader->db, "PRAGMA query_only = 1", "configuring a reader"));
  return ReaderLease(*this, std::move(reader));
}

void ReaderPool::give_back(std::unique_ptr<Reader> reader) {
  std::lock_guard lock(m_mutex);
  m_idle.push_back(std::move(reader));
}

void ReaderPool::close_all() {
  std::lock_guard lock(m_mutex);
  m_idle.clear();
}

}  // namespace store

Result<std::unique_ptr<SqliteTicketStore>> SqliteTicketStore::open(const std::string& path) {
  return open(path, StoreOptions{});
}

Result<std::unique_ptr<SqliteTicketStore>> SqliteTicketStore::open(const std::string& path,
                                                                   const StoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->m_path = path;
  // NOMUTEX: the Impl mutex already serialises the connection; SQLite's own would be a second lock.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &impl->m_db, flags, nullptr);
  if (rc != SQLITE_OK) return store::sqlite_error(impl->m_db, "sqlite3_open_v2", rc, "opening " + path);
  sqlite3* db = impl->m_db;
  TRY_VOID(configure_connection(db));
  // Before migrating: a damaged file must be refused, not written to.
  TRY_VOID(quick_check(db, path));
  TRY_ASSIGN(impl->m_schema_version, store::migrate(db, options.schema_version_limit));
  TRY_ASSIGN(impl->m_writes_notices, store::has_notices_table(db));
  return std::unique_ptr<SqliteTicketStore>(new SqliteTicketStore(std::move(impl)));
}

std::int64_t SqliteTicketStore::quick_checks_run() {
  return g_quick_checks.load(std::memory_order_relaxed);
}

const std::string& SqliteTicketStore::path() const {
  return m_impl->m_path;  // set once at open
}

Result<void> SqliteTicketStore::refresh_extensions() {
  std::lock_guard lock(m_impl->m_mutex);
  TRY_ASSIGN(m_impl->m_writes_notices, store::has_notices_table(m_impl->m_db));
  return Ok{};
}

int SqliteTicketStore::schema_version() const {
  std::lock_guard lock(m_impl->m_mutex);
  return m_impl->m_schema_version;
}

Result<Ticket> SqliteTicketStore::insert_new(const NewTicketRequest& request) {
  const Ticket& draft = request.ticket;
  TRY_VOID(check_new_ticket(request));
  std::lock_guard lock(m_impl->m_mutex);
  sqlite3* db = m_impl->m_db;
  TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(db));
  if (!request.intake_key.empty()) {
    // The write lock is held: a second submission of the form waits here and then finds
    // the first one's ticket.
    TRY_ASSIGN(const std::optional<std::string> filed, filed_under(db, request.intake_key));
    if (filed) return reload(db, *filed);
  }
  TRY_ASSIGN(const std::int64_t sequence, next_sequence(db, ticket_counter_key(request)));

  Ticket ticket = draft;
  ticket.number = format_ticket_number({draft.site_code, draft.kiosk_id, request.local_date, sequence});
  ticket.check_code.clear();
  if (const auto station = check_code_station_of(request, m_impl->m_writes_notices)) {
    TRY_ASSIGN(const std::int64_t code_sequence,
               next_sequence(db, check_code_counter_key(request, *station)));
    ticket.check_code = check_code_for(request, *station, code_sequence);
  }
  TRY_ASSIGN(Statement insert, Statement::prepare(db, store::insert_ticket_sql()));
  store::bind_ticket_identity(insert, ticket);
  store::bind_ticket_state(insert, ticket);
  TRY_VOID(insert.run());

  TicketEvent event = request.first_event;
  event.ticket_number = ticket.number;
  TRY_ASSIGN(const std::int64_t event_id, insert_event(db, event));
  TRY_VOID(insert_outbox(db, ticket.number, std::nullopt, event.at));
  TRY_VOID(insert_outbox(db, ticket.number, event_id, event.at));
  TRY_ASSIGN(Ticket stored, reload(db, ticket.number));
  if (m_impl->m_writes_notices) {
    // A desk's file: its notices, and the group complaint it may complete or join.
    TRY_VOID(store::insert_notices(db, notices_for_event(stored, event)));
    store::SqliteGroupPort groups(db);
    TRY_ASSIGN(const int linked, link_group_complaints(groups, {stored}, request.group_policy, event.at));
    if (linked > 0) {
      TRY_ASSIGN(stored, reload(db, ticket.number));
    }
  }
  if (!request.intake_key.empty()) TRY_VOID(record_intake_key(db, request.intake_key, stored));
  TRY_VOID(transaction.commit());
  return stored;
}

Result<std::optional<Ticket>> SqliteTicketStore::find(const std::string& number) {
  TRY_ASSIGN(store::ReaderLease reader, m_impl->m_readers.lease(m_impl->m_path));
  static const std::string sql = store::select_tickets_sql() + " WHERE number = :number";
  TRY_ASSIGN(Statement statement, reader->statements.get(reader->db, sql));
  statement.bind(":number", number);
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return std::optional<Ticket>();
  TRY_ASSIGN(Ticket ticket, store::read_ticket(statement));
  return std::optional<Ticket>(std::move(ticket));
}

Result<std::vector<Ticket>> SqliteTicketStore::list(const TicketQuery& query) {
  if (query.month && !query.filed_from && !query.filed_to) {
    // The store knows no time zone; the caller turns the month into filed_from/filed_to.
    return Error::invalid("month", "error.month.invalid",
                          "the store cannot filter by month: convert it to filed_from/filed_to");
  }
  std::string sql = store::select_tickets_sql() + " WHERE 1";
  if (query.status) sql += " AND status = :status";
  // The pending-deadline rule of core/deadlines, as SQL.
  if (query.overdue_at) sql += " AND " + overdue_sql(":overdue_at");
  if (query.filed_from) sql += " AND filed_at >= :filed_from";
  if (query.filed_to) sql += " AND filed_at < :filed_to";
  if (query.category) sql += " AND category = :category";
  if (query.investigation) sql += " AND investigation = :investigation";
  if (query.group_id) sql += " AND group_id = :group_id AND group_id <> ''";
  if (query.check_code) sql += " AND check_code = :check_code AND check_code <> ''";
  sql += " ORDER BY filed_at, id";
  if (query.limit > 0) sql += " LIMIT :limit";

  // On a reader: a long list (a report's month) never holds up filing and sync.
  TRY_ASSIGN(store::ReaderLease reader, m_impl->m_readers.lease(m_impl->m_path));
  TRY_ASSIGN(Statement statement, reader->statements.get(reader->db, sql));
  if (query.status) statement.bind(":status", to_string(*query.status));
  if (query.overdue_at) statement.bind(":overdue_at", *query.overdue_at);
  if (query.filed_from) statement.bind(":filed_from", *query.filed_from);
  if (query.filed_to) statement.bind(":filed_to", *query.filed_to);
  if (query.category) statement.bind(":category", *query.category);
  if (query.investigation) statement.bind(":investigation", to_string(*query.investigation));
  if (query.group_id) statement.bind(":group_id", *query.group_id);
  if (query.check_code) statement.bind(":check_code", *query.check_code);
  if (query.limit > 0) statement.bind(":limit", query.limit);
  return store::read_tickets(statement);
}

Result<std::vector<TicketEvent>> SqliteTicketStore::events(const std::string& number) {
  TRY_ASSIGN(store::ReaderLease reader, m_impl->m_readers.lease(m_impl->m_path));
  static const std::string sql =
      std::string(store::select_events_sql()) + " WHERE ticket_number = :n ORDER BY id";
  TRY_ASSIGN(Statement statement, reader->statements.get(reader->db, sql));
  statement.bind(":n", number);
  return store::read_events(statement);
}

Result<std::vector<TicketEvent>> SqliteTicketStore::events_filed(Instant from, Instant to) {
  TRY_ASSIGN(store::ReaderLease reader, m_impl->m_readers.lease(m_impl->m_path));
  // events_by_ticket (ticket_number, id) gives the order; the period's numbers come from
  // tickets_by_filed_at.
  static const std::string sql =
      std::string(store::select_events_sql()) +
      " WHERE ticket_number IN (SELECT number FROM tickets WHERE filed_at >= :from AND filed_at < :to)"
      " ORDER BY ticket_number, id";
  TRY_ASSIGN(Statement statement, reader->statements.get(reader->db, sql));
  statement.bind(":from", from);
  statement.bind(":to", to);
  return store::read_events(statement);
}

Result<std::vector<TicketHistory>> SqliteTicketStore::report_cohort(Instant from, Instant to) {
  TRY_ASSIGN(store::ReaderLease reader, m_impl->m_readers.lease(m_impl->m_path));
  // The digests and their trigger are the desk schema's (version 8); a kiosk's file (or a desk
  // file not yet migrated) reads every event.
  bool digests = false;
  {
    TRY_ASSIGN(Statement table, reader->statements.get(reader->db,
                                                       "SELECT 1 FROM sqlite_master WHERE type = 'trigger' "
                                                       "AND name = 'events_count_for_report'"));
    TRY_ASSIGN(digests, table.step());
  }
  CohortAssembler cohort;
  {
    // The cohort's size first (tickets_by_filed_at alone): its histories are then filled in place.
    TRY_ASSIGN(Statement count,
               reader->statements.get(
                   reader->db, "SELECT count(*) FROM tickets WHERE filed_at >= :from AND filed_at < :to"));
    count.bind(":from", from).bind(":to", to);
    TRY_ASSIGN(const bool row, count.step());
    if (row) cohort.reserve(static_cast<std::size_t>(count.column_int64(0)));
  }
  if (digests) {
    TRY_ASSIGN(Statement tickets, reader->statements.get(reader->db, store::select_report_digests_sql()));
    tickets.bind(":from", from).bind(":to", to);
    TRY_VOID(store::read_report_digests(tickets, cohort));
  } else {
    TRY_ASSIGN(Statement tickets, reader->statements.get(reader->db, store::select_report_tickets_sql()));
    tickets.bind(":from", from).bind(":to", to);
    TRY_VOID(store::read_report_tickets(tickets, cohort));
  }
  if (cohort.waiting() == 0) return cohort.take();
  // The tickets without a current digest: when most are, the period's events in one range
  // (the others' left out), else only theirs.
  if (cohort.waiting() * 2 > cohort.size()) {
    TRY_ASSIGN(Statement events, reader->statements.get(reader->db, store::select_report_events_sql()));
    events.bind(":from", from).bind(":to", to);
    TRY_VOID(store::read_report_events(events, cohort));
  } else {
    TRY_ASSIGN(Statement events, reader->statements.get(reader->db, store::select_report_events_of_sql()));
    events.bind(":numbers", nlohmann::json(cohort.waiting_numbers()).dump());
    TRY_VOID(store::read_report_events(events, cohort));
  }
  if (digests) store_report_digests(cohort);
  return cohort.take();
}

// Best effort: a digest not written (the database busy, read-only, full) is rebuilt by the next
// report; the report itself has its events already. Encoded before taking the writer, and
// written a few thousand per transaction, so filing and sync wait for one chunk at most (a
// cold month's 82,198 digests took seconds in one).
void SqliteTicketStore::store_report_digests(const CohortAssembler& cohort) {
  struct Row {
    const std::string* number;
    std::int64_t event_count;
    std::string digest;
  };
  std::vector<Row> rows;
  rows.reserve(cohort.waiting());
  cohort.for_each_waiting([&rows](const TicketHistory& history) {
    if (auto digest = encode_report_digest(history.events)) {
      rows.push_back(
          Row{&history.ticket.number, static_cast<std::int64_t>(history.events.size()), std::move(*digest)});
    }
  });
  constexpr std::size_t kPerTransaction = 2000;
  for (std::size_t first = 0; first < rows.size(); first += kPerTransaction) {
    std::lock_guard lock(m_impl->m_mutex);
    sqlite3* db = m_impl->m_db;
    auto transaction = WriteTransaction::begin(db);
    if (!transaction.ok()) return;
    auto update = Statement::prepare(db, store::update_report_digest_sql());
    if (!update.ok()) return;
    for (std::size_t i = first; i < std::min(rows.size(), first + kPerTransaction); ++i) {
      update->reset();
      update->bind(":number", *rows[i].number).bind(":digest_count", rows[i].event_count);
      update->bind(":digest", rows[i].digest);
      if (!update->run().ok()) return;
    }
    if (!transaction->commit().ok()) return;
  }
}

Result<Ticket> SqliteTicketStore::apply(const Ticket& updated, const TicketEvent& event) {
  std::lock_guard lock(m_impl->m_mutex);
  sqlite3* db = m_impl->m_db;
  TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(db));
  TRY_ASSIGN(Ticket stored, store::store_applied(*m_impl, updated, event));
  TRY_VOID(transaction.commit());
  return stored;
}

namespace store {

Result<Ticket> store_applied(SqliteTicketStore::Impl& impl, const Ticket& updated, const TicketEvent& event) {
  sqlite3* db = impl.m_db;
  TRY_ASSIGN(Statement update, Statement::prepare(db, store::update_ticket_sql()));
  store::bind_ticket_state(update, updated);
  update.bind(":number", updated.number).bind(":revision", updated.revision);
  TRY_VOID(update.run());
  if (sqlite3_changes(db) == 0) {
    TRY_ASSIGN(const auto current, complaint::find_ticket(db, "number = :number", ":number", updated.number));
    if (!current) return unknown_ticket_error(updated.number);
    return stale_revision_error(updated.number, updated.revision, current->revision);
  }
  TicketEvent stored_event = event;
  stored_event.ticket_number = updated.number;
  TRY_ASSIGN(const std::int64_t event_id, complaint::insert_event(db, stored_event));
  TRY_VOID(complaint::insert_outbox(db, updated.number, event_id, stored_event.at));
  TRY_ASSIGN(Ticket stored, complaint::reload(db, updated.number));
  if (impl.m_writes_notices) TRY_VOID(store::insert_notices(db, notices_for_event(stored, stored_event)));
  return stored;
}

}  // namespace store

Result<Ticket> SqliteTicketStore::anonymise(const Ticket& anonymised,
                                            const std::vector<TicketEvent>& rewritten,
                                            const TicketEvent& purge) {
  std::lock_guard lock(m_impl->m_mutex);
  sqlite3* db = m_impl->m_db;
  Ticket stored;
  {
    TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(db));
    TRY_ASSIGN(const bool done, store_anonymisation(db, Anonymisation{anonymised, rewritten, purge}));
    if (!done) {
      TRY_ASSIGN(const auto current, find_ticket(db, "number = :number", ":number", anonymised.number));
      if (!current) return unknown_ticket_error(anonymised.number);
      return stale_revision_error(anonymised.number, anonymised.revision, current->revision);
    }
    TRY_ASSIGN(stored, reload(db, anonymised.number));
    TRY_VOID(transaction.commit());
  }
  checkpoint_zeroed_pages(db);
  return stored;
}

Result<std::vector<bool>> SqliteTicketStore::anonymise_batch(const std::vector<Anonymisation>& batch) {
  std::lock_guard lock(m_impl->m_mutex);
  sqlite3* db = m_impl->m_db;
  std::vector<bool> stored;
  stored.reserve(batch.size());
  {
    TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(db));
    for (const Anonymisation& item : batch) {
      TRY_ASSIGN(const bool done, store_anonymisation(db, item));
      stored.push_back(done);
    }
    TRY_VOID(transaction.commit());
  }
  checkpoint_zeroed_pages(db);
  return stored;
}

Result<void> SqliteTicketStore::purge_replaced_text() {
  std::lock_guard lock(m_impl->m_mutex);
  sqlite3* db = m_impl->m_db;
  // The full-text index is the desk schema's (version 11); a kiosk's file has none.
  TRY_ASSIGN(
      Statement table,
      Statement::prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ticket_text'"));
  TRY_ASSIGN(const bool indexed, table.step());
  if (indexed) {
    TRY_VOID(store::exec_script(db, "INSERT INTO ticket_text(ticket_text) VALUES ('optimize')",
                                "merging the search index after anonymisation"));
  }
  checkpoint_zeroed_pages(db);
  return Ok{};
}

Result<std::vector<Ticket>> SqliteTicketStore::retention_page(Instant closed_before, std::int64_t after_id,
                                                              int limit) {
  // A scan in id order of the closed tickets (status, content and the closing event are each
  // checked per row; events_by_ticket finds the closing event). On a reader, like list.
  static const std::string sql =
      store::select_tickets_sql() +
      " WHERE id > :after AND status IN ('archived', 'withdrawn') AND content <> :tombstone"
      " AND (EXISTS (SELECT 1 FROM events e WHERE e.ticket_number = tickets.number"
      "   AND e.to_status IN ('archived', 'withdrawn') AND e.from_status <> e.to_status AND e.at <= :before)"
      "  OR (withdrawn_at IS NOT NULL AND withdrawn_at <= :before))"
      " ORDER BY id LIMIT :limit";
  TRY_ASSIGN(store::ReaderLease reader, m_impl->m_readers.lease(m_impl->m_path));
  TRY_ASSIGN(Statement statement, reader->statements.get(reader->db, sql));
  statement.bind(":after", after_id).bind(":tombstone", std::string(k_tombstone));
  statement.bind(":before", closed_before).bind(":limit", limit);
  return store::read_tickets(statement);
}

Result<std::vector<TicketEvent>> SqliteTicketStore::events_of(const std::vector<std::string>& numbers) {
  TRY_ASSIGN(store::ReaderLease reader, m_impl->m_readers.lease(m_impl->m_path));
  // The numbers travel as one JSON array: one statement whatever their count.
  static const std::string sql =
      std::string(store::select_events_sql()) +
      " WHERE ticket_number IN (SELECT value FROM json_each(:numbers)) ORDER BY ticket_number, id";
  TRY_ASSIGN(Statement statement, reader->statements.get(reader->db, sql));
  statement.bind(":numbers", nlohmann::json(numbers).dump());
  return store::read_events(statement);
}

Result<std::optional<std::string>> SqliteTicketStore::latest_by_phone_category(const std::string& phone,
                                                                               const std::string& category,
                                                                               Instant since) {
  std::lock_guard lock(m_impl->m_mutex);
  TRY_ASSIGN(Statement statement, Statement::prepare(m_impl->m_db,
                                                     "SELECT number FROM tickets WHERE phone = :phone "
                                                     "AND category = :category AND filed_at >= :since "
                                                     "ORDER BY filed_at DESC, id DESC LIMIT 1"));
  statement.bind(":phone", phone).bind(":category", category).bind(":since", since);
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(statement.column_text(0));
}

Result<std::vector<OutboxEntry>> SqliteTicketStore::outbox(int limit) {
  std::lock_guard lock(m_impl->m_mutex);
  TRY_ASSIGN(Statement statement,
             Statement::prepare(m_impl->m_db,
                                "SELECT id, ticket_number, kind, event_id, created_at, attempts FROM outbox "
                                "WHERE sent_at IS NULL ORDER BY id LIMIT :limit"));
  statement.bind(":limit", limit > 0 ? limit : -1);  // a negative LIMIT means none
  std::vector<OutboxEntry> entries;
  while (true) {
    TRY_ASSIGN(const bool row, statement.step());
    if (!row) return entries;
    OutboxEntry entry;
    entry.id = statement.column_int64(0);
    entry.ticket_number = statement.column_text(1);
    entry.kind = statement.column_text(2);
    entry.event_id = statement.column_optional_int64(3).value_or(0);
    entry.created_at = Instant{std::chrono::seconds{statement.column_int64(4)}};
    entry.attempts = static_cast<int>(statement.column_int64(5));
    entries.push_back(std::move(entry));
  }
}

Result<std::int64_t> SqliteTicketStore::count_unsent() {
  std::lock_guard lock(m_impl->m_mutex);
  return store::count_unsent_outbox(m_impl->m_db);
}

Result<std::int64_t> SqliteTicketStore::count_tickets() {
  return count_rows("tickets");
}

}  // namespace complaint
