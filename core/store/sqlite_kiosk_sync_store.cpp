// SqliteKioskSyncStore: the kiosk side of sync on SQLite (see the header). Outbox rows
// become sent only in mark_sent, called with the desk's acknowledgement; desk events are
// stored once each, keyed by their desk id in remote_events.
#include "core/store/sqlite_kiosk_sync_store.h"

#include <array>
#include <set>

#include "core/retention/anonymise.h"
#include "core/store/sqlite_connection.h"
#include "core/store/sqlite_statement.h"
#include "core/store/ticket_rows.h"

namespace complaint {

using store::Statement;
using store::WriteTransaction;

namespace {

constexpr const char* kKioskSyncVersion1 = R"sql(
CREATE TABLE sync_state (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE remote_events (
  desk_event_id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id)
);
)sql";

// Version 2: the rows the desk refused for good (docs/SYNC.md §7), each with the reason the
// desk gave. The outbox row itself leaves the queue (sent_at), so nothing waits behind it.
constexpr const char* kKioskSyncVersion2 = R"sql(
CREATE TABLE kiosk_refusals (
  outbox_id INTEGER PRIMARY KEY REFERENCES outbox(id),
  ticket_number TEXT NOT NULL,
  refused_at INTEGER NOT NULL,
  code TEXT NOT NULL,
  field TEXT NOT NULL,
  key TEXT NOT NULL,
  message TEXT NOT NULL
);
)sql";

// Version 3: the organisation's holiday calendar as the desk last sent it (one row).
constexpr const char* kKioskSyncVersion3 = R"sql(
CREATE TABLE kiosk_calendar (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version TEXT NOT NULL,
  document TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
)sql";

// Version 4: "Call staff" presses (core/domain/help_request.h) until the desk acknowledges
// them. AUTOINCREMENT: with the kiosk's id, a row's id is the desk's key and is never reused.
constexpr const char* kKioskSyncVersion4 = R"sql(
CREATE TABLE kiosk_help_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  screen TEXT NOT NULL,
  language TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX kiosk_help_unsent ON kiosk_help_requests(id) WHERE sent_at IS NULL;
)sql";

constexpr std::array<store::ExtensionMigration, 4> kKioskSyncMigrations{{
    {"sync_state, remote_events", kKioskSyncVersion1},
    {"kiosk_refusals", kKioskSyncVersion2},
    {"kiosk_calendar", kKioskSyncVersion3},
    {"kiosk_help_requests", kKioskSyncVersion4},
}};

Result<TicketEvent> find_event(store::SqliteConnection& connection, std::int64_t id) {
  static const std::string sql = std::string(store::select_events_sql()) + " WHERE id = :id";
  TRY_ASSIGN(Statement statement, connection.prepared(sql));
  statement.bind(":id", id);
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return Error::make(ErrorCode::storage, "outbox names missing event " + std::to_string(id));
  return store::read_event(statement);
}

// Runs `sql` (with :id and optionally more parameters bound by `bind`) once per id, in one transaction.
template <class Bind>
Result<void> update_each(store::SqliteConnection& connection, const char* sql,
                         const std::vector<std::int64_t>& ids, Bind bind) {
  if (ids.empty()) return Ok{};
  TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(connection.db()));
  for (const std::int64_t id : ids) {
    TRY_ASSIGN(Statement statement, connection.prepared(sql));
    statement.bind(":id", id);
    bind(statement);
    TRY_VOID(statement.run());
  }
  return transaction.commit();
}

Result<bool> knows_remote(sqlite3* db, std::int64_t desk_id) {
  TRY_ASSIGN(Statement statement,
             Statement::prepare(db, "SELECT 1 FROM remote_events WHERE desk_event_id = :d"));
  statement.bind(":d", desk_id);
  return statement.step();
}

Result<int> apply_update(store::SqliteConnection& connection, const StatusUpdate& update) {
  sqlite3* db = connection.db();
  TRY_ASSIGN(const std::optional<Ticket> local, store::find_ticket(connection, update.ticket.number));
  // Not ours (or this kiosk's file was replaced): nothing to attach the events to.
  if (!local) return 0;
  // The desk is the authority on a synced ticket's state; identity columns never change.
  // A copy this kiosk already anonymised (core/retention) takes the desk's state through the
  // same rule, so a later desk action brings no personal data back; its phone is the local
  // hash already.
  const bool anonymised = is_anonymised(*local);
  Ticket state = update.ticket;
  if (anonymised) {
    state.phone = local->phone;
    anonymise_ticket(state, [](std::string_view) { return std::string(k_tombstone); });
  }
  TRY_ASSIGN(Statement write, Statement::prepare(db, store::update_ticket_sql()));
  store::bind_ticket_state(write, state);
  write.bind(":number", local->number).bind(":revision", local->revision);
  TRY_VOID(write.run());
  int added = 0;
  for (const RemoteEvent& remote : update.events) {
    TRY_ASSIGN(const bool known, knows_remote(db, remote.desk_id));
    if (known) continue;
    TicketEvent event = remote.event;
    event.ticket_number = local->number;
    if (anonymised) anonymise_event(event);
    TRY_ASSIGN(Statement insert, Statement::prepare(db, store::insert_event_sql()));
    store::bind_event(insert, event);
    TRY_VOID(insert.run());
    TRY_ASSIGN(Statement map, Statement::prepare(db,
                                                 "INSERT INTO remote_events (desk_event_id, event_id) "
                                                 "VALUES (:d, :e)"));
    map.bind(":d", remote.desk_id).bind(":e", static_cast<std::int64_t>(sqlite3_last_insert_rowid(db)));
    TRY_VOID(map.run());
    ++added;
  }
  return added;
}

}  // namespace

SqliteKioskSyncStore::SqliteKioskSyncStore(std::unique_ptr<store::SqliteConnection> connection)
    : m_connection(std::move(connection)) {}
SqliteKioskSyncStore::~SqliteKioskSyncStore() = default;

Result<std::unique_ptr<SqliteKioskSyncStore>> SqliteKioskSyncStore::open(const std::string& path) {
  TRY_ASSIGN(auto connection, store::SqliteConnection::open(path, "kiosk_sync", kKioskSyncMigrations));
  return std::unique_ptr<SqliteKioskSyncStore>(new SqliteKioskSyncStore(std::move(connection)));
}

Result<PendingItems> SqliteKioskSyncStore::pending(int limit) {
  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  // One snapshot, so a ticket filed meanwhile cannot appear half (item without ticket).
  TRY_ASSIGN(store::ReadTransaction snapshot, store::ReadTransaction::begin(db));
  TRY_ASSIGN(Statement rows, Statement::prepare(db,
                                                "SELECT id, ticket_number, kind, event_id FROM outbox "
                                                "WHERE sent_at IS NULL ORDER BY id LIMIT :limit"));
  rows.bind(":limit", limit > 0 ? limit : -1);
  PendingItems pending;
  std::set<std::string> numbers;
  while (true) {
    TRY_ASSIGN(const bool row, rows.step());
    if (!row) break;
    SyncItem item;
    item.outbox_id = rows.column_int64(0);
    item.ticket_number = rows.column_text(1);
    item.kind = rows.column_text(2) == "event" ? SyncItemKind::event : SyncItemKind::ticket;
    if (item.kind == SyncItemKind::event) {
      TRY_ASSIGN(item.event, find_event(*m_connection, rows.column_optional_int64(3).value_or(0)));
    }
    if (numbers.insert(item.ticket_number).second) {
      TRY_ASSIGN(const std::optional<Ticket> ticket, store::find_ticket(*m_connection, item.ticket_number));
      if (!ticket)
        return Error::make(ErrorCode::storage, "outbox names missing ticket " + item.ticket_number);
      pending.tickets.push_back(*ticket);
    }
    pending.items.push_back(std::move(item));
  }
  return pending;
}

Result<void> SqliteKioskSyncStore::mark_sent(const std::vector<std::int64_t>& outbox_ids, Instant at) {
  std::lock_guard lock(m_connection->mutex());
  return update_each(*m_connection, "UPDATE outbox SET sent_at = :at WHERE id = :id AND sent_at IS NULL",
                     outbox_ids, [at](Statement& statement) { statement.bind(":at", at); });
}

Result<void> SqliteKioskSyncStore::mark_refused(const std::vector<ItemRefusal>& refusals, Instant at) {
  std::lock_guard lock(m_connection->mutex());
  if (refusals.empty()) return Ok{};
  TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(m_connection->db()));
  for (const ItemRefusal& refusal : refusals) {
    TRY_ASSIGN(Statement keep, m_connection->prepared(
                                   "INSERT INTO kiosk_refusals (outbox_id, ticket_number, refused_at, code, "
                                   "field, key, message) SELECT :id, :n, :at, :code, :field, :key, :message "
                                   "WHERE EXISTS (SELECT 1 FROM outbox WHERE id = :id AND sent_at IS NULL)"));
    keep.bind(":id", refusal.outbox_id).bind(":n", refusal.ticket_number).bind(":at", at);
    keep.bind(":code", to_string(refusal.reason.code)).bind(":field", refusal.reason.field);
    keep.bind(":key", refusal.reason.key).bind(":message", refusal.reason.message);
    TRY_VOID(keep.run());
    TRY_ASSIGN(Statement answered,
               m_connection->prepared("UPDATE outbox SET sent_at = :at, last_error = :message "
                                      "WHERE id = :id AND sent_at IS NULL"));
    answered.bind(":at", at).bind(":message", refusal.reason.message).bind(":id", refusal.outbox_id);
    TRY_VOID(answered.run());
  }
  return transaction.commit();
}

Result<RefusalSummary> SqliteKioskSyncStore::refusals() {
  std::lock_guard lock(m_connection->mutex());
  RefusalSummary summary;
  TRY_ASSIGN(Statement count, m_connection->prepared("SELECT count(*) FROM kiosk_refusals"));
  TRY_ASSIGN(const bool counted, count.step());
  summary.count = counted ? count.column_int64(0) : 0;
  TRY_ASSIGN(Statement latest,
             m_connection->prepared("SELECT outbox_id, ticket_number, code, field, key, message FROM "
                                    "kiosk_refusals ORDER BY refused_at DESC, outbox_id DESC LIMIT 1"));
  TRY_ASSIGN(const bool row, latest.step());
  if (!row) return summary;
  ItemRefusal refusal;
  refusal.outbox_id = latest.column_int64(0);
  refusal.ticket_number = latest.column_text(1);
  refusal.reason.code = error_code_from_string(latest.column_text(2)).value_or(ErrorCode::invalid_input);
  refusal.reason.field = latest.column_text(3);
  refusal.reason.key = latest.column_text(4);
  refusal.reason.message = latest.column_text(5);
  summary.latest = std::move(refusal);
  return summary;
}

Result<void> SqliteKioskSyncStore::record_failure(const std::vector<std::int64_t>& outbox_ids,
                                                  const std::string& reason) {
  std::lock_guard lock(m_connection->mutex());
  return update_each(*m_connection,
                     "UPDATE outbox SET attempts = attempts + 1, last_error = :reason WHERE id = :id",
                     outbox_ids, [&reason](Statement& statement) { statement.bind(":reason", reason); });
}

Result<std::int64_t> SqliteKioskSyncStore::count_unsent() {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(const std::int64_t outbox, store::count_unsent_outbox(m_connection->db()));
  TRY_ASSIGN(Statement help,
             m_connection->prepared("SELECT count(*) FROM kiosk_help_requests WHERE sent_at IS NULL"));
  TRY_ASSIGN(const bool row, help.step());
  return outbox + (row ? help.column_int64(0) : 0);
}

Result<std::vector<HelpRequest>> SqliteKioskSyncStore::pending_help(int limit) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(Statement rows, m_connection->prepared("SELECT id, screen, language, requested_at FROM "
                                                    "kiosk_help_requests WHERE sent_at IS NULL "
                                                    "ORDER BY id LIMIT :limit"));
  rows.bind(":limit", limit > 0 ? limit : -1);
  std::vector<HelpRequest> pending;
  while (true) {
    TRY_ASSIGN(const bool row, rows.step());
    if (!row) break;
    pending.push_back({rows.column_int64(0), rows.column_text(1), rows.column_text(2),
                       Instant{std::chrono::seconds{rows.column_int64(3)}}});
  }
  return pending;
}

Result<void> SqliteKioskSyncStore::mark_help_sent(const std::vector<std::int64_t>& ids, Instant at) {
  std::lock_guard lock(m_connection->mutex());
  return update_each(*m_connection,
                     "UPDATE kiosk_help_requests SET sent_at = :at WHERE id = :id AND sent_at IS NULL", ids,
                     [at](Statement& statement) { statement.bind(":at", at); });
}

Result<HelpRequest> SqliteKioskSyncStore::record(const std::string& screen, const std::string& language,
                                                 Instant at) {
  HelpRequest request{0, screen, language, at};
  request.id = 1;  // checked before the row has its id
  TRY_VOID(check_help_request(request));
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(Statement insert, m_connection->prepared("INSERT INTO kiosk_help_requests (screen, language, "
                                                      "requested_at) VALUES (:screen, :language, :at)"));
  insert.bind(":screen", screen).bind(":language", language).bind(":at", at);
  TRY_VOID(insert.run());
  request.id = static_cast<std::int64_t>(sqlite3_last_insert_rowid(m_connection->db()));
  return request;
}

Result<bool> SqliteKioskSyncStore::delivered(std::int64_t id) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(Statement row, m_connection->prepared("SELECT sent_at IS NOT NULL FROM kiosk_help_requests "
                                                   "WHERE id = :id"));
  row.bind(":id", id);
  TRY_ASSIGN(const bool found, row.step());
  return found && row.column_int64(0) != 0;
}

Result<std::int64_t> SqliteKioskSyncStore::cursor() {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(Statement statement,
             Statement::prepare(m_connection->db(), "SELECT value FROM sync_state WHERE name = 'cursor'"));
  TRY_ASSIGN(const bool row, statement.step());
  return row ? statement.column_int64(0) : 0;
}

Result<int> SqliteKioskSyncStore::apply_remote(const std::vector<StatusUpdate>& updates,
                                               std::int64_t new_cursor) {
  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(db));
  int added = 0;
  for (const StatusUpdate& update : updates) {
    TRY_ASSIGN(const int new_events, apply_update(*m_connection, update));
    added += new_events;
  }
  TRY_ASSIGN(Statement cursor,
             Statement::prepare(db,
                                "INSERT INTO sync_state (name, value) VALUES ('cursor', :v) "
                                "ON CONFLICT (name) DO UPDATE SET value = max(value, :v)"));
  cursor.bind(":v", new_cursor);
  TRY_VOID(cursor.run());
  TRY_VOID(transaction.commit());
  return added;
}

Result<std::optional<StoredCalendar>> SqliteKioskSyncStore::calendar() {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(Statement statement,
             Statement::prepare(m_connection->db(),
                                "SELECT version, document, received_at FROM kiosk_calendar WHERE id = 1"));
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return std::optional<StoredCalendar>();
  return std::optional<StoredCalendar>(
      StoredCalendar{statement.column_text(0), statement.column_text(1),
                     Instant{std::chrono::seconds{statement.column_int64(2)}}});
}

Result<void> SqliteKioskSyncStore::store_calendar(const StoredCalendar& calendar) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(
      Statement statement,
      Statement::prepare(m_connection->db(),
                         "INSERT INTO kiosk_calendar (id, version, document, received_at) "
                         "VALUES (1, :v, :d, :at) ON CONFLICT (id) DO UPDATE SET version = excluded.version, "
                         "document = excluded.document, received_at = excluded.received_at"));
  statement.bind(":v", calendar.version).bind(":d", calendar.document).bind(":at", calendar.imported_at);
  return statement.run();
}

}  // namespace complaint
