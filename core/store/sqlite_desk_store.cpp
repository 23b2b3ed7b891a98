// SqliteDeskStore: the desk's sync, registry and staff tables on SQLite (see the header).
// Sections: schema · helpers · store_synced · changes_for_kiosk · registry and users.
// Every write is one BEGIN IMMEDIATE transaction, so a failed batch leaves no trace.
#include "core/store/sqlite_desk_store.h"

#include <array>
#include <map>
#include <span>
#include <string>

#include "core/store/desk_queue_sql.h"
#include "core/store/sqlite_connection.h"
#include "core/store/sqlite_statement.h"
#include "core/store/ticket_rows.h"

namespace complaint {

using store::Statement;
using store::WriteTransaction;

namespace {

// ---------------------------------------------------------------- schema
// Version 1. synced_items is the idempotency record: one row per kiosk outbox row the
// desk holds; desk_event_id marks events that came from a kiosk (never echoed back).
constexpr const char* kDeskVersion1 = R"sql(
CREATE TABLE kiosks (
  kiosk_id TEXT PRIMARY KEY,
  key_hex TEXT NOT NULL CHECK (length(key_hex) >= 32),
  created_at INTEGER NOT NULL,
  last_sync_at INTEGER
) WITHOUT ROWID;
CREATE TABLE sync_nonces (
  kiosk_id TEXT NOT NULL,
  nonce TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (kiosk_id, nonce)
) WITHOUT ROWID;
CREATE INDEX sync_nonces_by_time ON sync_nonces(seen_at);
CREATE TABLE synced_items (
  kiosk_id TEXT NOT NULL,
  outbox_id INTEGER NOT NULL,
  ticket_number TEXT NOT NULL REFERENCES tickets(number),
  kind TEXT NOT NULL CHECK (kind IN ('ticket', 'event')),
  desk_event_id INTEGER REFERENCES events(id),
  received_at INTEGER NOT NULL,
  PRIMARY KEY (kiosk_id, outbox_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX synced_items_by_event ON synced_items(desk_event_id) WHERE desk_event_id IS NOT NULL;
CREATE INDEX tickets_by_kiosk ON tickets(kiosk_id, number);
CREATE TABLE staff_users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('intake_clerk', 'dispatcher', 'handler', 'supervisor', 'executive')),
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
)sql";

// Version 2: the staff console's queue reads open tickets by next pending deadline
// without scanning the whole register. The expression as released (frozen like every
// released step); version 3 replaces it with the one core/deadlines generates.
constexpr const char* kDeskVersion2 = R"sql(
CREATE INDEX tickets_queue ON tickets((CASE
  WHEN status IN ('filed', 'forwarded', 'in_progress') THEN min(
    CASE WHEN status = 'filed' THEN coalesce(forward_by, 9000000000000000000) ELSE 9000000000000000000 END,
    CASE WHEN anonymous = 0 AND first_contact_at IS NULL THEN coalesce(contact_by, 9000000000000000000)
      ELSE 9000000000000000000 END,
    coalesce(resolve_by, 9000000000000000000), coalesce(answer_by, 9000000000000000000))
  WHEN status = 'replied' THEN coalesce(callback_by, 9000000000000000000)
  ELSE 9000000000000000000 END), number)
  WHERE status IN ('filed', 'forwarded', 'in_progress', 'replied', 'called_back');
CREATE INDEX tickets_open_by_department ON tickets(department)
  WHERE status IN ('filed', 'forwarded', 'in_progress', 'replied', 'called_back');
)sql";

// Version 3: the queue index on the next-deadline expression generated from core/deadlines'
// pending-deadline table, which the queue query spells the same way (SQLite uses an
// expression index only then). Generated, unlike the steps above: should that table ever
// change, add a step that runs desk_queue_index_sql() again, because databases already at
// this version keep the index they built.
const std::string& desk_version3() {
  static const std::string sql = "DROP INDEX tickets_queue;\n" + store::desk_queue_index_sql() + ";\n";
  return sql;
}

std::span<const store::ExtensionMigration> desk_migrations() {
  static const std::array<store::ExtensionMigration, 3> migrations{{
      {"kiosks, sync_nonces, synced_items, staff_users", kDeskVersion1},
      {"console queue indexes", kDeskVersion2},
      {"console queue index on the pending-deadline rule", desk_version3().c_str()},
  }};
  return migrations;
}

constexpr const char* kCountableTables[] = {"tickets",     "events",       "outbox",     "kiosks",
                                            "sync_nonces", "synced_items", "staff_users"};

// ---------------------------------------------------------------- helpers
Result<std::optional<Ticket>> find_ticket(store::SqliteConnection& connection, const std::string& number) {
  static const std::string sql = store::select_tickets_sql() + " WHERE number = :n";
  TRY_ASSIGN(Statement statement, connection.prepared(sql));
  statement.bind(":n", number);
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return std::optional<Ticket>();
  TRY_ASSIGN(Ticket ticket, store::read_ticket(statement));
  return std::optional<Ticket>(std::move(ticket));
}

Result<bool> holds_item(store::SqliteConnection& connection, const std::string& kiosk_id,
                        std::int64_t outbox_id) {
  TRY_ASSIGN(Statement statement,
             connection.prepared("SELECT 1 FROM synced_items WHERE kiosk_id = :k AND outbox_id = :o"));
  statement.bind(":k", kiosk_id).bind(":o", outbox_id);
  return statement.step();
}

// True once the desk itself added an event (a staff action): from then on the desk owns
// the ticket's state and kiosk snapshots no longer overwrite it.
Result<bool> desk_has_changed(store::SqliteConnection& connection, const std::string& number) {
  TRY_ASSIGN(Statement statement,
             connection.prepared("SELECT 1 FROM events e WHERE e.ticket_number = :n AND NOT "
                                 "EXISTS (SELECT 1 FROM synced_items s WHERE "
                                 "s.desk_event_id = e.id) LIMIT 1"));
  statement.bind(":n", number);
  return statement.step();
}

Result<void> write_snapshot(store::SqliteConnection& connection, const Ticket& snapshot,
                            const std::optional<Ticket>& stored) {
  if (!stored) {
    TRY_ASSIGN(Statement insert, connection.prepared(store::insert_ticket_sql()));
    store::bind_ticket_identity(insert, snapshot);
    store::bind_ticket_state(insert, snapshot);
    return insert.run();
  }
  TRY_ASSIGN(Statement update, connection.prepared(store::update_ticket_sql()));
  store::bind_ticket_state(update, snapshot);
  update.bind(":number", snapshot.number).bind(":revision", stored->revision);
  return update.run();
}

Result<std::int64_t> insert_event(store::SqliteConnection& connection, TicketEvent event) {
  TRY_ASSIGN(Statement statement, connection.prepared(store::insert_event_sql()));
  store::bind_event(statement, event);
  TRY_VOID(statement.run());
  return sqlite3_last_insert_rowid(connection.db());
}

Result<void> record_item(store::SqliteConnection& connection, const std::string& kiosk_id,
                         const SyncItem& item, std::optional<std::int64_t> desk_event_id, Instant at) {
  TRY_ASSIGN(Statement statement,
             connection.prepared("INSERT INTO synced_items (kiosk_id, outbox_id, ticket_number, kind, "
                                 "desk_event_id, received_at) VALUES (:k, :o, :n, :kind, :e, :at)"));
  statement.bind(":k", kiosk_id).bind(":o", item.outbox_id).bind(":n", item.ticket_number);
  statement.bind(":kind", to_string(item.kind)).bind(":at", at);
  if (desk_event_id) {
    statement.bind(":e", *desk_event_id);
  } else {
    statement.bind_null(":e");
  }
  return statement.run();
}

KioskRecord read_kiosk(const Statement& statement) {
  KioskRecord kiosk;
  kiosk.kiosk_id = statement.column_text(0);
  kiosk.key_hex = statement.column_text(1);
  kiosk.created_at = Instant{std::chrono::seconds{statement.column_int64(2)}};
  if (const auto last = statement.column_optional_int64(3))
    kiosk.last_sync_at = Instant{std::chrono::seconds{*last}};
  return kiosk;
}

}  // namespace

SqliteDeskStore::SqliteDeskStore(std::unique_ptr<store::SqliteConnection> connection)
    : m_connection(std::move(connection)) {}
SqliteDeskStore::~SqliteDeskStore() = default;

Result<std::unique_ptr<SqliteDeskStore>> SqliteDeskStore::open(const std::string& path) {
  TRY_ASSIGN(auto connection, store::SqliteConnection::open(path, "desk", desk_migrations()));
  return std::unique_ptr<SqliteDeskStore>(new SqliteDeskStore(std::move(connection)));
}

int SqliteDeskStore::latest_desk_schema_version() {
  return static_cast<int>(desk_migrations().size());
}

// ---------------------------------------------------------------- store_synced
Result<StoredBatch> SqliteDeskStore::store_synced(const SyncBatch& batch, Instant at) {
  std::map<std::string, const Ticket*> snapshots;
  for (const Ticket& ticket : batch.tickets) snapshots[ticket.number] = &ticket;

  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(db));
  StoredBatch stored;
  std::map<std::string, bool> snapshot_written;  // each ticket's snapshot at most once per batch
  for (const SyncItem& item : batch.items) {
    stored.acknowledged.push_back(item.outbox_id);
    TRY_ASSIGN(const bool held, holds_item(*m_connection, batch.kiosk_id, item.outbox_id));
    if (held) {
      ++stored.duplicates;
      continue;
    }
    const auto snapshot = snapshots.find(item.ticket_number);
    if (snapshot == snapshots.end()) {
      return item_without_ticket_error(item.ticket_number);
    }
    if (!snapshot_written[item.ticket_number]) {
      TRY_ASSIGN(const std::optional<Ticket> current, find_ticket(*m_connection, item.ticket_number));
      if (current && current->kiosk_id != batch.kiosk_id) {
        return foreign_ticket_error(item.ticket_number);
      }
      bool write = !current;
      if (current) {
        TRY_ASSIGN(const bool desk_owned, desk_has_changed(*m_connection, item.ticket_number));
        write = !desk_owned;
      }
      if (write) TRY_VOID(write_snapshot(*m_connection, *snapshot->second, current));
      if (!current) ++stored.tickets_added;
      snapshot_written[item.ticket_number] = true;
    }
    std::optional<std::int64_t> desk_event_id;
    if (item.event) {
      TicketEvent event = *item.event;
      event.ticket_number = item.ticket_number;
      TRY_ASSIGN(desk_event_id, insert_event(*m_connection, std::move(event)));
      ++stored.events_added;
    }
    TRY_VOID(record_item(*m_connection, batch.kiosk_id, item, desk_event_id, at));
  }
  TRY_ASSIGN(Statement seen,
             Statement::prepare(db, "UPDATE kiosks SET last_sync_at = :at WHERE kiosk_id = :k"));
  seen.bind(":at", at).bind(":k", batch.kiosk_id);
  TRY_VOID(seen.run());
  TRY_VOID(transaction.commit());
  return stored;
}

// ---------------------------------------------------------------- changes_for_kiosk
Result<ChangeFeed> SqliteDeskStore::changes_for_kiosk(const std::string& kiosk_id, std::int64_t cursor,
                                                      int limit) {
  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  // One snapshot: the "nothing left" cursor below must not skip an event committed
  // between the two statements.
  TRY_ASSIGN(store::ReadTransaction snapshot, store::ReadTransaction::begin(db));
  TRY_ASSIGN(
      Statement statement,
      Statement::prepare(db, std::string(store::select_events_sql()) +
                                 " WHERE id > :cursor"
                                 " AND EXISTS (SELECT 1 FROM tickets t WHERE t.number = events.ticket_number"
                                 " AND t.kiosk_id = :k)"
                                 " AND NOT EXISTS (SELECT 1 FROM synced_items s WHERE s.desk_event_id = "
                                 "events.id) ORDER BY id LIMIT :limit"));
  statement.bind(":cursor", cursor).bind(":k", kiosk_id).bind(":limit", limit + 1);
  ChangeFeed feed;
  feed.cursor = cursor;
  std::map<std::string, std::size_t> update_of;
  int count = 0;
  while (true) {
    TRY_ASSIGN(const bool row, statement.step());
    if (!row) break;
    if (count == limit) {
      feed.more = true;
      break;
    }
    ++count;
    TRY_ASSIGN(TicketEvent event, store::read_event(statement));
    feed.cursor = event.id;
    auto [slot, added] = update_of.try_emplace(event.ticket_number, feed.updates.size());
    if (added) feed.updates.push_back(StatusUpdate{});
    feed.updates[slot->second].events.push_back(RemoteEvent{event.id, std::move(event)});
  }
  for (StatusUpdate& update : feed.updates) {
    const std::string& number = update.events.front().event.ticket_number;
    TRY_ASSIGN(const std::optional<Ticket> ticket, find_ticket(*m_connection, number));
    if (!ticket) return Error::make(ErrorCode::internal, "event for missing ticket " + number);
    update.ticket = *ticket;
  }
  if (!feed.more) {
    // Nothing left for this kiosk up to the newest event: jump there, so the next request
    // does not rescan the kiosk-made events it skipped.
    TRY_ASSIGN(Statement newest, Statement::prepare(db, "SELECT coalesce(max(id), 0) FROM events"));
    TRY_ASSIGN(const bool row, newest.step());
    if (row && newest.column_int64(0) > feed.cursor) feed.cursor = newest.column_int64(0);
  }
  return feed;
}

// ---------------------------------------------------------------- registry and users
Result<void> SqliteDeskStore::add_kiosk(const KioskRecord& kiosk) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(Statement statement,
             Statement::prepare(m_connection->db(),
                                "INSERT INTO kiosks (kiosk_id, key_hex, created_at) VALUES (:k, :key, :at)"));
  statement.bind(":k", kiosk.kiosk_id).bind(":key", kiosk.key_hex).bind(":at", kiosk.created_at);
  return statement.run();
}

Result<std::optional<KioskRecord>> SqliteDeskStore::find_kiosk(const std::string& kiosk_id) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(Statement statement,
             Statement::prepare(
                 m_connection->db(),
                 "SELECT kiosk_id, key_hex, created_at, last_sync_at FROM kiosks WHERE kiosk_id = :k"));
  statement.bind(":k", kiosk_id);
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return std::optional<KioskRecord>();
  return std::optional<KioskRecord>(read_kiosk(statement));
}

Result<std::vector<KioskRecord>> SqliteDeskStore::kiosks() {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(
      Statement statement,
      Statement::prepare(m_connection->db(),
                         "SELECT kiosk_id, key_hex, created_at, last_sync_at FROM kiosks ORDER BY kiosk_id"));
  std::vector<KioskRecord> kiosks;
  while (true) {
    TRY_ASSIGN(const bool row, statement.step());
    if (!row) return kiosks;
    kiosks.push_back(read_kiosk(statement));
  }
}

Result<void> SqliteDeskStore::remember_nonce(const std::string& kiosk_id, const std::string& nonce,
                                             Instant at, Instant forget_before) {
  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(db));
  TRY_ASSIGN(Statement forget, Statement::prepare(db, "DELETE FROM sync_nonces WHERE seen_at < :before"));
  forget.bind(":before", forget_before);
  TRY_VOID(forget.run());
  TRY_ASSIGN(Statement insert, Statement::prepare(db,
                                                  "INSERT INTO sync_nonces (kiosk_id, nonce, seen_at) "
                                                  "VALUES (:k, :n, :at)"));
  insert.bind(":k", kiosk_id).bind(":n", nonce).bind(":at", at);
  auto inserted = insert.run();
  if (!inserted.ok()) return replay_error(inserted.error(), kiosk_id, nonce);
  return transaction.commit();
}

Result<StaffUser> SqliteDeskStore::add_user(const StaffUser& user) {
  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  TRY_ASSIGN(Statement statement,
             Statement::prepare(db,
                                "INSERT INTO staff_users (name, role, password_hash, created_at) "
                                "VALUES (:name, :role, :hash, :at)"));
  statement.bind(":name", user.name).bind(":role", to_string(user.role));
  statement.bind(":hash", user.password_hash).bind(":at", user.created_at);
  TRY_VOID(statement.run());
  StaffUser stored = user;
  stored.id = sqlite3_last_insert_rowid(db);
  return stored;
}

Result<std::optional<StaffUser>> SqliteDeskStore::find_user(const std::string& name) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(Statement statement,
             Statement::prepare(
                 m_connection->db(),
                 "SELECT id, name, role, password_hash, created_at FROM staff_users WHERE name = :n"));
  statement.bind(":n", name);
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return std::optional<StaffUser>();
  StaffUser user;
  user.id = statement.column_int64(0);
  user.name = statement.column_text(1);
  const auto role = role_from_string(statement.column_text(2));
  if (!role)
    return Error::make(ErrorCode::storage, "staff_users row with unknown role " + statement.column_text(2));
  user.role = *role;
  user.password_hash = statement.column_text(3);
  user.created_at = Instant{std::chrono::seconds{statement.column_int64(4)}};
  return std::optional<StaffUser>(std::move(user));
}

Result<std::int64_t> SqliteDeskStore::count_rows(const std::string& table) {
  for (const char* known : kCountableTables) {
    if (table == known) {
      std::lock_guard lock(m_connection->mutex());
      return m_connection->count(known);
    }
  }
  return Error::invalid("table", "error.table.unknown", "no table '" + table + "'");
}

}  // namespace complaint
