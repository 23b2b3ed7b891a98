// SqliteDeskStore: the desk's sync, registry and staff tables on SQLite (see the header).
// Sections: schema · sync port · helpers · store_synced, changes_for_kiosk · registry and users.
// The sync rules themselves are core/sync/desk_sync_batch.cpp; this file holds their I/O.
// Every write is one BEGIN IMMEDIATE transaction, so a failed batch leaves no trace.
#include "core/store/sqlite_desk_store.h"

#include <array>
#include <functional>
#include <span>
#include <string>

#include "core/domain/ticket_fields.h"
#include "core/store/attachment_sql.h"
#include "core/store/check_code_stations_sql.h"
#include "core/store/desk_queue_sql.h"
#include "core/store/desk_tables.h"
#include "core/store/intake_keys_sql.h"
#include "core/store/sqlite_connection.h"
#include "core/store/sqlite_groups.h"
#include "core/store/sqlite_notices.h"
#include "core/store/sqlite_statement.h"
#include "core/store/sqlite_store.h"
#include "core/store/ticket_rows.h"
#include "core/sync/desk_sync_batch.h"

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

// Version 4: kiosks sign with Ed25519, and the desk keeps their public keys only. A kiosk
// registered before keeps its shared HMAC key (renamed shared_key) until it is re-keyed or
// first signs with Ed25519; then public_key replaces it. Exactly one of the two is set.
// secure_delete: the dropped table's pages are zeroed, not left on the free list with the
// keys in them (the desk's connection keeps it on from here, as Debian's SQLite does anyway).
constexpr const char* kDeskVersion4 = R"sql(
PRAGMA secure_delete = ON;
CREATE TABLE kiosks_v4 (
  kiosk_id TEXT PRIMARY KEY,
  public_key TEXT CHECK (public_key IS NULL OR length(public_key) = 64),
  shared_key TEXT CHECK (shared_key IS NULL OR length(shared_key) >= 32),
  created_at INTEGER NOT NULL,
  last_sync_at INTEGER,
  CHECK ((public_key IS NULL) <> (shared_key IS NULL))
) WITHOUT ROWID;
INSERT INTO kiosks_v4 (kiosk_id, shared_key, created_at, last_sync_at)
  SELECT kiosk_id, key_hex, created_at, last_sync_at FROM kiosks;
DROP TABLE kiosks;
ALTER TABLE kiosks_v4 RENAME TO kiosks;
)sql";

// Version 5: staff accounts belong to departments (a JSON array of department ids) and can
// be disabled (core/desk_state/departments.h).
constexpr const char* kDeskVersion5 = R"sql(
ALTER TABLE staff_users ADD COLUMN departments TEXT NOT NULL DEFAULT '[]';
ALTER TABLE staff_users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 6: the notification outbox (core/notify/notice.h): notices, unique by their
// idempotency key, leased to one delivery worker at a time (claimed_by, claimed_until); the
// deliveries, unique per notice, channel and recipient; and where staff accounts are reached.
constexpr const char* kDeskVersion6 = R"sql(
CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  ticket_number TEXT NOT NULL REFERENCES tickets(number),
  reason TEXT NOT NULL,
  department TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  claimed_by TEXT NOT NULL DEFAULT '',
  claimed_until INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  finished_at INTEGER
);
CREATE INDEX notices_due ON notices(next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX notices_by_ticket ON notices(ticket_number);
CREATE TABLE notice_deliveries (
  notice_id INTEGER NOT NULL REFERENCES notices(id),
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  delivered_at INTEGER NOT NULL,
  answer TEXT NOT NULL,
  PRIMARY KEY (notice_id, channel, recipient)
) WITHOUT ROWID;
ALTER TABLE staff_users ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE staff_users ADD COLUMN im_user_id TEXT NOT NULL DEFAULT '';
)sql";

// Version 7: the monthly report's per-ticket digests of its events (core/store/report_digest.h):
// a cache the report fills and checks against the ticket's count of events, no trigger.
constexpr const char* kDeskVersion7 = R"sql(
CREATE TABLE report_digests (
  number TEXT PRIMARY KEY,
  event_count INTEGER NOT NULL CHECK (event_count >= 0),
  digest TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// Version 8: each ticket's count of events kept beside its digest by a trigger, in the
// transaction that appends the event, so a report checks a digest against a column instead of
// counting each ticket's events (docs/BENCHMARKS.md). event_count: the ticket's events now;
// digest_count: the events its digest holds (NULL: no digest yet). The version-7 digests are
// kept; the counts are taken once from the events.
constexpr const char* kDeskVersion8 = R"sql(
CREATE TABLE report_digests_v8 (
  number TEXT PRIMARY KEY,
  event_count INTEGER NOT NULL CHECK (event_count >= 0),
  digest_count INTEGER CHECK (digest_count >= 0),
  digest TEXT,
  CHECK ((digest_count IS NULL) = (digest IS NULL))
) WITHOUT ROWID;
INSERT INTO report_digests_v8 (number, event_count, digest_count, digest)
  SELECT counted.ticket_number, counted.events, old.event_count, old.digest
  FROM (SELECT ticket_number, count(*) AS events FROM events GROUP BY ticket_number) AS counted
  LEFT JOIN report_digests AS old ON old.number = counted.ticket_number;
DROP TABLE report_digests;
ALTER TABLE report_digests_v8 RENAME TO report_digests;
CREATE TRIGGER events_count_for_report AFTER INSERT ON events BEGIN
  INSERT INTO report_digests (number, event_count) VALUES (NEW.ticket_number, 1)
    ON CONFLICT (number) DO UPDATE SET event_count = event_count + 1;
END;
)sql";

// Version 9: kiosks' help requests ("Call staff", core/domain/help_request.h), each once by
// (kiosk, the kiosk's id), open until a member of staff marks it attended.
constexpr const char* kDeskVersion9 = R"sql(
CREATE TABLE help_requests (
  id INTEGER PRIMARY KEY,
  kiosk_id TEXT NOT NULL,
  kiosk_request_id INTEGER NOT NULL,
  screen TEXT NOT NULL,
  language TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  attended_at INTEGER,
  attended_by TEXT NOT NULL DEFAULT '',
  UNIQUE (kiosk_id, kiosk_request_id)
);
CREATE INDEX help_requests_open ON help_requests(id) WHERE attended_at IS NULL;
)sql";

// Version 10: notices about no one ticket (a help request, the daily digest: core/notify/
// general_notices.h): ticket_number may be NULL, and data_json holds what such a notice says.
// SQLite cannot drop a NOT NULL, so the table is rebuilt. notice_deliveries references it: its
// rows are set aside while the old table goes and put back once the new one has its name (the
// same ids), because dropping a parent with children counts foreign-key violations that no
// rename undoes, and foreign_keys cannot be turned off inside the migration's transaction.
constexpr const char* kDeskVersion10 = R"sql(
CREATE TABLE notices_v10 (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  ticket_number TEXT REFERENCES tickets(number),
  reason TEXT NOT NULL,
  department TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  claimed_by TEXT NOT NULL DEFAULT '',
  claimed_until INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  finished_at INTEGER,
  data_json TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO notices_v10 (id, key, ticket_number, reason, department, created_at, state, attempts,
                         next_attempt_at, claimed_by, claimed_until, last_error, finished_at)
  SELECT id, key, ticket_number, reason, department, created_at, state, attempts, next_attempt_at,
         claimed_by, claimed_until, last_error, finished_at FROM notices;
CREATE TEMP TABLE notice_deliveries_kept AS SELECT * FROM notice_deliveries;
DELETE FROM notice_deliveries;
DROP TABLE notices;
ALTER TABLE notices_v10 RENAME TO notices;
CREATE INDEX notices_due ON notices(next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX notices_by_ticket ON notices(ticket_number);
INSERT INTO notice_deliveries SELECT * FROM notice_deliveries_kept;
DROP TABLE notice_deliveries_kept;
)sql";

// The text index's fill from the tickets and its three triggers, with `text(row)` the SQL of
// what the index holds for a row ("new", "old", "tickets"): versions 11 and 14 differ only in it.
std::string text_index_sql(const std::function<std::string(const std::string&)>& text) {
  const std::string forget_old =
      "INSERT INTO ticket_text(ticket_text, rowid, body) VALUES ('delete', old.id, " + text("old") + ");";
  const std::string add_new = "INSERT INTO ticket_text(rowid, body) VALUES (new.id, " + text("new") + ");";
  return "INSERT INTO ticket_text(rowid, body) SELECT id, " + text("tickets") +
         " FROM tickets;\n"
         "CREATE TRIGGER tickets_text_insert AFTER INSERT ON tickets BEGIN " +
         add_new +
         " END;\n"
         "CREATE TRIGGER tickets_text_update AFTER UPDATE OF content, desired_outcome ON tickets BEGIN " +
         forget_old + " " + add_new +
         " END;\n"
         "CREATE TRIGGER tickets_text_delete AFTER DELETE ON tickets BEGIN " +
         forget_old + " END;\n";
}

// The text version 11's index held: content, desired outcome and a closing space, of the row
// `table` ("new", "old", "tickets").
std::string version11_search_text_sql(const std::string& table) {
  return table + ".content || char(10) || " + table + ".desired_outcome || ' '";
}

// Version 11: ticket search (core/sync/ticket_search.h). The number without its hyphens, the
// phone's last four digits and the customer's name are indexed as expressions the search
// query spells the same way; the complaint text is in a contentless FTS5 table with the
// trigram tokenizer, kept by triggers (version11_search_text_sql: content, desired outcome and
// a closing space, so every two-character word of the text starts a trigram), read through
// an fts5vocab table for two-character words, which a trigram MATCH cannot look up.
const std::string& desk_version11() {
  static const std::string sql =
      "CREATE INDEX tickets_by_plain_number ON tickets(replace(number, '-', ''));\n"
      "CREATE INDEX tickets_by_phone_suffix ON tickets(substr(phone, -4));\n"
      "CREATE INDEX tickets_by_customer_name ON tickets(customer_name);\n"
      "CREATE VIRTUAL TABLE ticket_text USING fts5(body, tokenize = 'trigram', content = '');\n"
      "CREATE VIRTUAL TABLE ticket_text_terms USING fts5vocab(ticket_text, 'instance');\n" +
      text_index_sql(version11_search_text_sql);
  return sql;
}

// Version 12: tickets' attachments (core/attachments/attachment_store.h): the bytes with
// what was sniffed and who sent them, once per ticket and content (the SHA-256). Retention
// anonymises a ticket by writing the tombstone into its content (core/retention/anonymise.h):
// the trigger deletes its attachments in that same transaction, whichever code path does it,
// and secure_delete overwrites their pages.
const std::string& desk_version12() {
  static const std::string sql =
      store::attachments_table_sql(SqlDialect::sqlite) +
      "CREATE TRIGGER ticket_attachments_anonymised AFTER UPDATE OF content ON tickets\n"
      "  WHEN new.content = '[anonymised]'\n"
      "  BEGIN DELETE FROM ticket_attachments WHERE ticket_number = new.number; END;\n";
  return sql;
}

// Version 13: the desk intake form's idempotency keys (core/store/intake_keys_sql.h): a key
// names the one ticket filed under it, stored in that ticket's transaction.
const std::string& desk_version13() {
  static const std::string sql = store::intake_keys_table_sql(SqlDialect::sqlite);
  return sql;
}

// Version 14: the text index holds interleaved text (core/store/sqlite_search_text.h), so a
// two-character word is one token found by equality instead of an fts5vocab range scan (the
// vocabulary table goes); emptied and refilled from the tickets (about 15 s for 1,000,000). The triggers call
// desk_search_text, which every writing connection defines (SqliteTicketStore::open, SqliteConnection::open).
const std::string& desk_version14() {
  static const std::string sql =
      "DROP TRIGGER IF EXISTS tickets_text_insert;\n"
      "DROP TRIGGER IF EXISTS tickets_text_update;\n"
      "DROP TRIGGER IF EXISTS tickets_text_delete;\n"
      "DROP TABLE IF EXISTS ticket_text_terms;\n"
      "INSERT INTO ticket_text(ticket_text) VALUES ('delete-all');\n" +
      text_index_sql([](const std::string& row) {
        return "desk_search_text(" + row + ".content || char(10) || " + row + ".desired_outcome)";
      });
  return sql;
}

std::span<const store::ExtensionMigration> desk_migrations() {
  static const std::array<store::ExtensionMigration, 15> migrations{{
      {"kiosks, sync_nonces, synced_items, staff_users", kDeskVersion1},
      {"console queue indexes", kDeskVersion2},
      {"console queue index on the pending-deadline rule", desk_version3().c_str()},
      {"kiosk public keys (Ed25519)", kDeskVersion4},
      {"staff departments and disabled accounts", kDeskVersion5},
      {"notification outbox, staff contact addresses", kDeskVersion6},
      {"report digests", kDeskVersion7},
      {"report digests checked against a count of events kept by a trigger", kDeskVersion8},
      {"kiosk help requests", kDeskVersion9},
      {"notices without a ticket (help requests, daily digest)", kDeskVersion10},
      {"ticket search indexes", desk_version11().c_str()},
      {"ticket attachments", desk_version12().c_str()},
      {"desk intake keys", desk_version13().c_str()},
      {"ticket text index by character pairs", desk_version14().c_str()},
      // Version 15: which kiosk of a site holds which check code station.
      {"check code stations", store::kCheckCodeStationsTableSql},
  }};
  return migrations;
}

// ---------------------------------------------------------------- sync port
// The statements of store_sync_batch and read_change_feed (core/sync/desk_sync_batch.h) on
// the connection, inside the transaction the caller holds.
class SqliteDeskSyncPort final : public DeskSyncPort {
 public:
  explicit SqliteDeskSyncPort(store::SqliteConnection& connection)
      : m_connection(connection), m_groups(connection.db()) {}

  GroupComplaintPort& groups() override { return m_groups; }

  // SQLite runs in the desk's process: a prepared statement per row costs no round trip, so
  // the set-shaped calls loop.
  Result<std::set<std::int64_t>> held_items(const std::string& kiosk_id,
                                            const std::vector<std::int64_t>& outbox_ids) override {
    std::set<std::int64_t> held;
    for (const std::int64_t outbox_id : outbox_ids) {
      TRY_ASSIGN(Statement statement,
                 m_connection.prepared("SELECT 1 FROM synced_items WHERE kiosk_id = :k AND outbox_id = :o"));
      statement.bind(":k", kiosk_id).bind(":o", outbox_id);
      TRY_ASSIGN(const bool row, statement.step());
      if (row) held.insert(outbox_id);
    }
    return held;
  }

  Result<std::map<std::string, Ticket>> find_tickets(const std::vector<std::string>& numbers) override {
    std::map<std::string, Ticket> found;
    for (const std::string& number : numbers) {
      TRY_ASSIGN(std::optional<Ticket> ticket, store::find_ticket(m_connection, number));
      if (ticket) found[number] = std::move(*ticket);
    }
    return found;
  }

  Result<std::string> kiosk_site(const std::string& kiosk_id) override {
    TRY_ASSIGN(Statement statement,
               m_connection.prepared("SELECT t.site_code FROM synced_items s JOIN tickets t ON t.number = "
                                     "s.ticket_number WHERE s.kiosk_id = :k ORDER BY s.outbox_id LIMIT 1"));
    statement.bind(":k", kiosk_id);
    TRY_ASSIGN(const bool row, statement.step());
    return row ? statement.column_text(0) : std::string();
  }

  Result<std::string> claim_check_code_station(const std::string& site_code, int station,
                                               const std::string& kiosk_id) override {
    TRY_ASSIGN(Statement claim,
               m_connection.prepared(store::check_code_station_claim_sql(SqlDialect::sqlite)));
    claim.bind(":site", site_code).bind(":station", std::int64_t{station}).bind(":kiosk", kiosk_id);
    TRY_VOID(claim.run());
    TRY_ASSIGN(Statement holder,
               m_connection.prepared(store::check_code_station_holder_sql(SqlDialect::sqlite)));
    holder.bind(":site", site_code).bind(":station", std::int64_t{station});
    TRY_ASSIGN(const bool row, holder.step());
    if (!row)
      return Error::make(ErrorCode::storage, "the check code station claim left no row", "sqlite3_step", 0);
    return holder.column_text(0);
  }

  Result<std::set<std::string>> desk_changed(const std::vector<std::string>& numbers) override {
    std::set<std::string> changed;
    for (const std::string& number : numbers) {
      TRY_ASSIGN(Statement statement,
                 m_connection.prepared("SELECT 1 FROM events e WHERE e.ticket_number = :n AND NOT "
                                       "EXISTS (SELECT 1 FROM synced_items s WHERE "
                                       "s.desk_event_id = e.id) LIMIT 1"));
      statement.bind(":n", number);
      TRY_ASSIGN(const bool row, statement.step());
      if (row) changed.insert(number);
    }
    return changed;
  }

  Result<void> insert_tickets(const std::vector<Ticket>& tickets) override {
    for (const Ticket& ticket : tickets) {
      TRY_ASSIGN(Statement insert, m_connection.prepared(store::insert_ticket_sql()));
      store::bind_ticket_identity(insert, ticket);
      store::bind_ticket_state(insert, ticket);
      TRY_VOID(insert.run());
    }
    return Ok{};
  }

  Result<void> insert_notices(const std::vector<Notice>& notices) override {
    return store::insert_notices(m_connection.db(), notices);
  }

  Result<void> update_ticket(const Ticket& ticket, std::int64_t revision) override {
    TRY_ASSIGN(Statement update, m_connection.prepared(store::update_ticket_sql()));
    store::bind_ticket_state(update, ticket);
    update.bind(":number", ticket.number).bind(":revision", revision);
    return update.run();
  }

  Result<std::vector<std::int64_t>> insert_kiosk_events(const std::vector<TicketEvent>& events) override {
    std::vector<std::int64_t> ids;
    for (const TicketEvent& event : events) {
      TRY_ASSIGN(Statement statement, m_connection.prepared(store::insert_event_sql()));
      store::bind_event(statement, event);
      TRY_VOID(statement.run());
      ids.push_back(sqlite3_last_insert_rowid(m_connection.db()));
    }
    return ids;
  }

  Result<void> record_items(const std::string& kiosk_id, const std::vector<RecordedItem>& items,
                            Instant at) override {
    for (const RecordedItem& row : items) {
      TRY_ASSIGN(Statement statement,
                 m_connection.prepared("INSERT INTO synced_items (kiosk_id, outbox_id, ticket_number, kind, "
                                       "desk_event_id, received_at) VALUES (:k, :o, :n, :kind, :e, :at)"));
      statement.bind(":k", kiosk_id).bind(":o", row.item->outbox_id).bind(":n", row.item->ticket_number);
      statement.bind(":kind", to_string(row.item->kind)).bind(":at", at);
      if (row.desk_event_id) {
        statement.bind(":e", *row.desk_event_id);
      } else {
        statement.bind_null(":e");
      }
      TRY_VOID(statement.run());
    }
    return Ok{};
  }

  Result<void> mark_kiosk_synced(const std::string& kiosk_id, Instant at) override {
    TRY_ASSIGN(Statement seen,
               m_connection.prepared("UPDATE kiosks SET last_sync_at = :at WHERE kiosk_id = :k"));
    seen.bind(":at", at).bind(":k", kiosk_id);
    return seen.run();
  }

  Result<void> insert_help_requests(const std::string& kiosk_id, const std::vector<HelpRequest>& requests,
                                    Instant at) override {
    for (const HelpRequest& request : requests) {
      TRY_ASSIGN(
          Statement insert,
          m_connection.prepared("INSERT INTO help_requests (kiosk_id, kiosk_request_id, screen, language, "
                                "requested_at, received_at) VALUES (:k, :id, :screen, :language, :asked, "
                                ":at) ON CONFLICT (kiosk_id, kiosk_request_id) DO NOTHING"));
      insert.bind(":k", kiosk_id).bind(":id", request.id).bind(":screen", request.screen);
      insert.bind(":language", request.language).bind(":asked", request.requested_at).bind(":at", at);
      TRY_VOID(insert.run());
    }
    return Ok{};
  }

  Result<std::vector<TicketEvent>> desk_events_after(const std::string& kiosk_id, std::int64_t cursor,
                                                     int limit) override {
    static const std::string sql =
        std::string(store::select_events_sql()) +
        " WHERE id > :cursor AND EXISTS (SELECT 1 FROM tickets t WHERE t.number = events.ticket_number"
        " AND t.kiosk_id = :k) AND NOT EXISTS (SELECT 1 FROM synced_items s WHERE s.desk_event_id = "
        "events.id) ORDER BY id LIMIT :limit";
    TRY_ASSIGN(Statement statement, m_connection.prepared(sql));
    statement.bind(":cursor", cursor).bind(":k", kiosk_id).bind(":limit", limit);
    return store::read_events(statement);
  }

  // One writer at a time: every event committed later gets a larger id than any seen here.
  Result<std::int64_t> feed_horizon() override {
    TRY_ASSIGN(Statement newest, m_connection.prepared("SELECT coalesce(max(id), 0) FROM events"));
    TRY_ASSIGN(const bool row, newest.step());
    return row ? newest.column_int64(0) : 0;
  }

 private:
  store::SqliteConnection& m_connection;
  store::SqliteGroupPort m_groups;
};

// ---------------------------------------------------------------- helpers
constexpr const char* kKioskColumns = "kiosk_id, public_key, shared_key, created_at, last_sync_at";

KioskRecord read_kiosk(const Statement& statement) {
  KioskRecord kiosk;
  kiosk.kiosk_id = statement.column_text(0);
  kiosk.keys.public_key_hex = statement.column_text(1);
  kiosk.keys.shared_key_hex = statement.column_text(2);
  kiosk.created_at = Instant{std::chrono::seconds{statement.column_int64(3)}};
  if (const auto last = statement.column_optional_int64(4))
    kiosk.last_sync_at = Instant{std::chrono::seconds{*last}};
  return kiosk;
}

constexpr const char* kUserColumns =
    "id, name, role, password_hash, created_at, email, im_user_id, departments, disabled";

Result<StaffUser> read_user(const Statement& statement) {
  StaffUser user;
  user.id = statement.column_int64(0);
  user.name = statement.column_text(1);
  const auto role = role_from_string(statement.column_text(2));
  if (!role)
    return Error::make(ErrorCode::storage, "staff_users row with unknown role " + statement.column_text(2));
  user.role = *role;
  user.password_hash = statement.column_text(3);
  user.created_at = Instant{std::chrono::seconds{statement.column_int64(4)}};
  user.email = statement.column_text(5);
  user.im_user_id = statement.column_text(6);
  auto departments = text_list_from_json(statement.column_text(7));
  if (!departments) return Error::make(ErrorCode::storage, "staff_users row with unreadable departments");
  user.departments = std::move(*departments);
  user.disabled = statement.column_int64(8) != 0;
  return user;
}

Statement& bind_text_or_null(Statement& statement, const char* name, const std::string& text) {
  return text.empty() ? statement.bind_null(name) : statement.bind(name, text);
}

}  // namespace

SqliteDeskStore::SqliteDeskStore(std::unique_ptr<store::SqliteConnection> connection)
    : m_connection(std::move(connection)) {}
SqliteDeskStore::~SqliteDeskStore() = default;

Result<std::unique_ptr<SqliteDeskStore>> SqliteDeskStore::open(const std::string& path) {
  TRY_ASSIGN(const auto base, SqliteTicketStore::open(path));
  return open(*base);
}

Result<std::unique_ptr<SqliteDeskStore>> SqliteDeskStore::open(SqliteTicketStore& base) {
  TRY_ASSIGN(auto connection, store::SqliteConnection::open(base, "desk", desk_migrations()));
  // Deleted rows (forgotten kiosk keys, old nonces) are overwritten, not left in free space
  // for a copy of the file to show. Debian builds SQLite with this on; other builds may not.
  TRY_VOID(store::exec_script(connection->db(), "PRAGMA secure_delete = ON", "opening the desk's store"));
  TRY_VOID(base.refresh_extensions());
  return std::unique_ptr<SqliteDeskStore>(new SqliteDeskStore(std::move(connection)));
}

int SqliteDeskStore::latest_desk_schema_version() {
  return static_cast<int>(desk_migrations().size());
}

// ---------------------------------------------------------------- store_synced, changes_for_kiosk
Result<StoredBatch> SqliteDeskStore::store_synced(const SyncBatch& batch, Instant at) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(m_connection->db()));
  SqliteDeskSyncPort port(*m_connection);
  TRY_ASSIGN(StoredBatch stored, store_sync_batch(port, batch, at, group_policy()));
  TRY_VOID(transaction.commit());
  return stored;
}

Result<ChangeFeed> SqliteDeskStore::changes_for_kiosk(const std::string& kiosk_id, std::int64_t cursor,
                                                      int limit) {
  std::lock_guard lock(m_connection->mutex());
  // One snapshot: the "nothing left" cursor must not skip an event committed between the
  // statements.
  TRY_ASSIGN(store::ReadTransaction snapshot, store::ReadTransaction::begin(m_connection->db()));
  SqliteDeskSyncPort port(*m_connection);
  return read_change_feed(port, kiosk_id, cursor, limit);
}

// ---------------------------------------------------------------- registry and users
Result<void> SqliteDeskStore::add_kiosk(const KioskRecord& kiosk) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(Statement statement, Statement::prepare(m_connection->db(),
                                                     "INSERT INTO kiosks (kiosk_id, public_key, shared_key, "
                                                     "created_at) VALUES (:k, :public, :shared, :at)"));
  statement.bind(":k", kiosk.kiosk_id).bind(":at", kiosk.created_at);
  bind_text_or_null(statement, ":public", kiosk.keys.public_key_hex);
  bind_text_or_null(statement, ":shared", kiosk.keys.shared_key_hex);
  return statement.run();
}

Result<bool> SqliteDeskStore::replace_kiosk_key(const std::string& kiosk_id,
                                                const std::string& public_key_hex) {
  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  // secure_delete (on for the desk's connection, see open) zeroed the old row's bytes in the
  // page; the checkpoint writes that page over the old one in the file and empties the WAL,
  // so the shared key does not outlive this call in the database's files.
  TRY_ASSIGN(Statement statement,
             Statement::prepare(
                 db, "UPDATE kiosks SET public_key = :public, shared_key = NULL WHERE kiosk_id = :k"));
  statement.bind(":public", public_key_hex).bind(":k", kiosk_id);
  TRY_VOID(statement.run());
  const bool changed = sqlite3_changes(db) > 0;
  if (changed) {
    // Best effort: a reader still on an older snapshot keeps the WAL until it is done.
    sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  }
  return changed;
}

Result<std::optional<KioskRecord>> SqliteDeskStore::find_kiosk(const std::string& kiosk_id) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(Statement statement,
             Statement::prepare(m_connection->db(),
                                std::string("SELECT ") + kKioskColumns + " FROM kiosks WHERE kiosk_id = :k"));
  statement.bind(":k", kiosk_id);
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return std::optional<KioskRecord>();
  return std::optional<KioskRecord>(read_kiosk(statement));
}

Result<std::vector<KioskRecord>> SqliteDeskStore::kiosks() {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(Statement statement,
             Statement::prepare(m_connection->db(),
                                std::string("SELECT ") + kKioskColumns + " FROM kiosks ORDER BY kiosk_id"));
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
             Statement::prepare(
                 db,
                 "INSERT INTO staff_users (name, role, password_hash, created_at, email, im_user_id, "
                 "departments, disabled) VALUES (:name, :role, :hash, :at, :email, :im, :departments, "
                 ":disabled)"));
  statement.bind(":name", user.name).bind(":role", to_string(user.role));
  statement.bind(":hash", user.password_hash).bind(":at", user.created_at);
  statement.bind(":email", user.email).bind(":im", user.im_user_id);
  statement.bind(":departments", text_list_to_json(user.departments)).bind(":disabled", user.disabled);
  TRY_VOID(statement.run());
  StaffUser stored = user;
  stored.id = sqlite3_last_insert_rowid(db);
  return stored;
}

Result<std::optional<StaffUser>> SqliteDeskStore::find_user(const std::string& name) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(Statement statement,
             Statement::prepare(m_connection->db(),
                                std::string("SELECT ") + kUserColumns + " FROM staff_users WHERE name = :n"));
  statement.bind(":n", name);
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return std::optional<StaffUser>();
  TRY_ASSIGN(StaffUser user, read_user(statement));
  return std::optional<StaffUser>(std::move(user));
}

Result<std::vector<StaffUser>> SqliteDeskStore::users() {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(Statement statement,
             Statement::prepare(m_connection->db(),
                                std::string("SELECT ") + kUserColumns + " FROM staff_users ORDER BY name"));
  std::vector<StaffUser> users;
  while (true) {
    TRY_ASSIGN(const bool row, statement.step());
    if (!row) return users;
    TRY_ASSIGN(StaffUser user, read_user(statement));
    users.push_back(std::move(user));
  }
}

Result<bool> SqliteDeskStore::update_user_contact(const std::string& name, const StaffContact& contact) {
  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  TRY_ASSIGN(
      Statement statement,
      Statement::prepare(db, "UPDATE staff_users SET email = :email, im_user_id = :im WHERE name = :n"));
  statement.bind(":email", contact.email).bind(":im", contact.im_user_id);
  statement.bind(":n", name);
  TRY_VOID(statement.run());
  return sqlite3_changes(db) > 0;
}

Result<bool> SqliteDeskStore::update_user(const StaffUser& user) {
  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  TRY_ASSIGN(Statement statement,
             Statement::prepare(db,
                                "UPDATE staff_users SET role = :role, password_hash = :hash, "
                                "departments = :departments, disabled = :disabled WHERE name = :name"));
  statement.bind(":role", to_string(user.role)).bind(":hash", user.password_hash);
  statement.bind(":departments", text_list_to_json(user.departments)).bind(":disabled", user.disabled);
  statement.bind(":name", user.name);
  TRY_VOID(statement.run());
  return sqlite3_changes(db) > 0;
}

Result<std::int64_t> SqliteDeskStore::count_rows(const std::string& table) {
  for (const char* known : store::k_countable_desk_tables) {
    if (table == known) {
      std::lock_guard lock(m_connection->mutex());
      return m_connection->count(known);
    }
  }
  return Error::invalid("table", "error.table.unknown", "no table '" + table + "'");
}

// ---------------------------------------------------------------- help requests
Result<std::vector<DeskHelpRequest>> SqliteDeskStore::open_help_requests(int limit) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(Statement rows,
             m_connection->prepared("SELECT id, kiosk_id, kiosk_request_id, screen, language, requested_at, "
                                    "received_at FROM help_requests WHERE attended_at IS NULL ORDER BY id "
                                    "LIMIT :limit"));
  rows.bind(":limit", limit > 0 ? limit : -1);
  std::vector<DeskHelpRequest> open;
  while (true) {
    TRY_ASSIGN(const bool row, rows.step());
    if (!row) break;
    DeskHelpRequest help;
    help.id = rows.column_int64(0);
    help.kiosk_id = rows.column_text(1);
    help.request = {rows.column_int64(2), rows.column_text(3), rows.column_text(4),
                    Instant{std::chrono::seconds{rows.column_int64(5)}}};
    help.received_at = Instant{std::chrono::seconds{rows.column_int64(6)}};
    open.push_back(std::move(help));
  }
  return open;
}

Result<bool> SqliteDeskStore::attend_help_request(std::int64_t id, const std::string& staff, Instant at) {
  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  TRY_ASSIGN(Statement update,
             m_connection->prepared("UPDATE help_requests SET attended_at = :at, attended_by "
                                    "= :staff WHERE id = :id AND attended_at IS NULL"));
  update.bind(":at", at).bind(":staff", staff).bind(":id", id);
  TRY_VOID(update.run());
  return sqlite3_changes(db) > 0;
}

}  // namespace complaint
