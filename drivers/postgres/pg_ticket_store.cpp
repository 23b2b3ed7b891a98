// PgDeskStore on libpq: the schema, the ticket/event row mapping and the TicketRepository
// operations (the session is pg_session.cpp). Sections: schema · rows · open · tickets.
// The SQL mirrors core/store (SQLite) so both stores answer alike; instants are unix
// seconds in BIGINT columns, as there.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <nlohmann/json.hpp>
#include <variant>

#include "core/deadlines/pending_deadlines_sql.h"
#include "core/domain/ticket_fields.h"
#include "core/domain/ticket_number.h"
#include "core/retention/anonymise.h"
#include "core/store/attachment_sql.h"
#include "core/store/check_code_stations_sql.h"
#include "core/store/cohort_assembler.h"
#include "core/store/intake_keys_sql.h"
#include "core/store/report_digest.h"
#include "drivers/postgres/pg_desk_store.h"
#include "drivers/postgres/pg_groups.h"
#include "drivers/postgres/pg_schema.h"
#include "drivers/postgres/pg_session.h"

namespace complaint {
namespace pg {

// ---------------------------------------------------------------- schema
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS tickets (
  id BIGSERIAL PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  tracking_token TEXT NOT NULL UNIQUE,
  site_code TEXT NOT NULL,
  kiosk_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  category TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('light', 'general', 'major')),
  content TEXT NOT NULL,
  desired_outcome TEXT NOT NULL,
  customer_name TEXT NOT NULL,
  phone TEXT NOT NULL,
  address TEXT NOT NULL,
  language TEXT NOT NULL,
  filed_at BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  staff_involved TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  major BOOLEAN NOT NULL,
  major_notified BOOLEAN NOT NULL,
  major_reasons TEXT NOT NULL,
  repeat_of TEXT NOT NULL,
  group_complaint BOOLEAN NOT NULL,
  anonymous BOOLEAN NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('filed', 'forwarded', 'in_progress', 'replied', 'called_back',
                                         'archived', 'withdrawn')),
  forward_by BIGINT, contact_by BIGINT, resolve_by BIGINT, answer_by BIGINT, callback_by BIGINT,
  callback_not_before BIGINT,
  department TEXT NOT NULL,
  verification TEXT NOT NULL,
  handling_opinion TEXT NOT NULL,
  handling_result TEXT NOT NULL,
  callback_note TEXT NOT NULL,
  satisfaction TEXT NOT NULL CHECK (satisfaction IN ('none', 'satisfied', 'basically_satisfied',
                                                     'dissatisfied')),
  handler TEXT NOT NULL,
  supervisor TEXT NOT NULL,
  first_contact_at BIGINT, replied_at BIGINT, withdrawn_at BIGINT,
  withdrawn_voluntarily BOOLEAN,
  resolved_on_the_spot BOOLEAN NOT NULL,
  reopen_count INTEGER NOT NULL CHECK (reopen_count >= 0),
  revision BIGINT NOT NULL CHECK (revision >= 1),
  substantiated TEXT NOT NULL DEFAULT 'none'
    CHECK (substantiated IN ('none', 'substantiated', 'unsubstantiated', 'partly')),
  responsible_department TEXT NOT NULL DEFAULT '',
  responsible_person TEXT NOT NULL DEFAULT ''
);
-- Databases from before the verification's judgement (docs/DOMAIN.md §9).
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS substantiated TEXT NOT NULL DEFAULT 'none'
  CHECK (substantiated IN ('none', 'substantiated', 'unsubstantiated', 'partly'));
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS responsible_department TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS responsible_person TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS tickets_by_status ON tickets(status);
CREATE INDEX IF NOT EXISTS tickets_by_filed_at ON tickets(filed_at);
CREATE INDEX IF NOT EXISTS tickets_by_phone_category ON tickets(phone, category, filed_at);
CREATE INDEX IF NOT EXISTS tickets_by_category_site ON tickets(category, site_code, filed_at);
CREATE INDEX IF NOT EXISTS tickets_by_kiosk ON tickets(kiosk_id, number);
CREATE TABLE IF NOT EXISTS events (
  id BIGSERIAL PRIMARY KEY,
  ticket_number TEXT NOT NULL REFERENCES tickets(number),
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  note TEXT NOT NULL,
  data_json TEXT NOT NULL,
  kiosk_made BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS events_by_ticket ON events(ticket_number, id);
CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'events are append-only'; END $$;
DROP TRIGGER IF EXISTS events_no_change ON events;
CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TABLE IF NOT EXISTS outbox (
  id BIGSERIAL PRIMARY KEY,
  ticket_number TEXT NOT NULL REFERENCES tickets(number),
  kind TEXT NOT NULL CHECK (kind IN ('ticket', 'event')),
  event_id BIGINT REFERENCES events(id),
  created_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  sent_at BIGINT
);
CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, value BIGINT NOT NULL CHECK (value >= 1));
CREATE TABLE IF NOT EXISTS kiosks (
  kiosk_id TEXT PRIMARY KEY,
  public_key TEXT CHECK (public_key IS NULL OR length(public_key) = 64),
  shared_key TEXT CHECK (shared_key IS NULL OR length(shared_key) >= 32),
  created_at BIGINT NOT NULL,
  last_sync_at BIGINT,
  CONSTRAINT kiosks_one_key CHECK ((public_key IS NULL) <> (shared_key IS NULL))
);
-- Databases from before Ed25519 (kiosks.key_hex, a shared HMAC key per kiosk): the key is
-- kept as shared_key until the kiosk is re-keyed or first signs with Ed25519, as in SQLite's
-- desk migration 4.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
             AND table_name = 'kiosks' AND column_name = 'key_hex') THEN
    ALTER TABLE kiosks RENAME COLUMN key_hex TO shared_key;
    ALTER TABLE kiosks ALTER COLUMN shared_key DROP NOT NULL;
    ALTER TABLE kiosks ADD COLUMN public_key TEXT CHECK (public_key IS NULL OR length(public_key) = 64);
    ALTER TABLE kiosks ADD CONSTRAINT kiosks_one_key CHECK ((public_key IS NULL) <> (shared_key IS NULL));
  END IF;
END $$;
CREATE TABLE IF NOT EXISTS sync_nonces (
  kiosk_id TEXT NOT NULL, nonce TEXT NOT NULL, seen_at BIGINT NOT NULL, PRIMARY KEY (kiosk_id, nonce));
CREATE INDEX IF NOT EXISTS sync_nonces_by_time ON sync_nonces(seen_at);
CREATE TABLE IF NOT EXISTS synced_items (
  kiosk_id TEXT NOT NULL,
  outbox_id BIGINT NOT NULL,
  ticket_number TEXT NOT NULL REFERENCES tickets(number),
  kind TEXT NOT NULL CHECK (kind IN ('ticket', 'event')),
  desk_event_id BIGINT UNIQUE REFERENCES events(id),
  received_at BIGINT NOT NULL,
  PRIMARY KEY (kiosk_id, outbox_id)
);
-- events.kiosk_made marks the events a kiosk sent (they also have a synced_items row), so that
-- the feed and the desk-ownership test read the few desk-made events through a partial index
-- instead of testing every event against synced_items. Databases from before have it added
-- and filled in once; the append-only trigger is set aside for that one UPDATE, inside the
-- schema's transaction.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                 AND table_name = 'events' AND column_name = 'kiosk_made') THEN
    ALTER TABLE events ADD COLUMN kiosk_made BOOLEAN NOT NULL DEFAULT false;
    ALTER TABLE events DISABLE TRIGGER events_no_change;
    UPDATE events SET kiosk_made = true
      WHERE id IN (SELECT desk_event_id FROM synced_items WHERE desk_event_id IS NOT NULL);
    ALTER TABLE events ENABLE TRIGGER events_no_change;
  END IF;
END $$;
CREATE INDEX IF NOT EXISTS events_made_at_desk ON events(id) WHERE NOT kiosk_made;
CREATE INDEX IF NOT EXISTS events_made_at_desk_by_ticket ON events(ticket_number) WHERE NOT kiosk_made;
CREATE TABLE IF NOT EXISTS staff_users (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('intake_clerk', 'dispatcher', 'handler', 'supervisor', 'executive')),
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
-- Staff accounts belong to departments (a JSON array of ids) and can be disabled, as in
-- SQLite's desk version 5.
ALTER TABLE staff_users ADD COLUMN IF NOT EXISTS departments TEXT NOT NULL DEFAULT '[]';
ALTER TABLE staff_users ADD COLUMN IF NOT EXISTS disabled BOOLEAN NOT NULL DEFAULT false;
-- Retention (docs/DOMAIN.md §11), as SQLite's schema version 4: the legal hold, and the one
-- change the append-only trail allows: a retention run blanking an event's note and personal
-- data once its ticket is anonymised (content is core/retention/anonymise.h's tombstone).
-- Every other column stays and nothing deletes an event. Replaces the function above.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS legal_hold BOOLEAN NOT NULL DEFAULT false;
CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.ticket_number = OLD.ticket_number AND NEW.at = OLD.at
     AND NEW.actor = OLD.actor AND NEW.role = OLD.role AND NEW.action = OLD.action
     AND NEW.from_status = OLD.from_status AND NEW.to_status = OLD.to_status
     AND NEW.kiosk_made = OLD.kiosk_made AND NEW.note IN ('', '[anonymised]')
     AND (SELECT content FROM tickets WHERE number = OLD.ticket_number) = '[anonymised]' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'events are append-only';
END $$;
-- Customer notices (docs/DOMAIN.md §4a), as SQLite's schema version 5: the customer's
-- optional email and the opt-in taken at intake.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS customer_email TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS notify_customer BOOLEAN NOT NULL DEFAULT false;
-- Extensions and a referral's own deadline (docs/DOMAIN.md §3a), as SQLite's schema version 6.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS extension_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS resolve_by_original BIGINT;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS extension_requested_until BIGINT;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS extension_requested_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS extension_requested_by TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS referrer_deadline BIGINT;
-- The notification outbox (core/notify/notice.h), as SQLite's desk schema version 5.
CREATE TABLE IF NOT EXISTS notices (
  id BIGSERIAL PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  ticket_number TEXT NOT NULL REFERENCES tickets(number),
  reason TEXT NOT NULL,
  department TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  claimed_by TEXT NOT NULL DEFAULT '',
  claimed_until BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  finished_at BIGINT
);
CREATE INDEX IF NOT EXISTS notices_due ON notices(next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS notices_by_ticket ON notices(ticket_number);
CREATE TABLE IF NOT EXISTS notice_deliveries (
  notice_id BIGINT NOT NULL REFERENCES notices(id),
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  delivered_at BIGINT NOT NULL,
  answer TEXT NOT NULL,
  PRIMARY KEY (notice_id, channel, recipient)
);
-- Notices about no one ticket (a help request, a daily digest), as SQLite's desk schema 10.
ALTER TABLE notices ALTER COLUMN ticket_number DROP NOT NULL;
ALTER TABLE notices ADD COLUMN IF NOT EXISTS data_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE staff_users ADD COLUMN IF NOT EXISTS email TEXT NOT NULL DEFAULT '';
ALTER TABLE staff_users ADD COLUMN IF NOT EXISTS im_user_id TEXT NOT NULL DEFAULT '';
-- The monthly report's per-ticket digests of its events (core/store/report_digest.h), as
-- SQLite's desk schema version 8: event_count is the ticket's count of events, kept by the
-- trigger below in the transaction that appends them; digest_count the events the digest holds
-- (NULL: no digest yet). A report takes a digest whose two counts are equal.
CREATE OR REPLACE FUNCTION report_digests_count_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- In ticket order, so that two statements lock their rows in the same order.
  INSERT INTO report_digests (number, event_count)
    SELECT ticket_number, count(*) FROM appended GROUP BY ticket_number ORDER BY ticket_number
    ON CONFLICT (number) DO UPDATE SET event_count = report_digests.event_count + EXCLUDED.event_count;
  RETURN NULL;
END $$;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'events_count_for_report'
                 AND tgrelid = 'events'::regclass) THEN
    -- No event is appended until the counts are taken and the trigger is made.
    LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE;
    -- The first version's table (its event_count was the digest's): its digests are kept.
    IF to_regclass('report_digests') IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
        AND table_name = 'report_digests' AND column_name = 'digest_count') THEN
      ALTER TABLE report_digests RENAME TO report_digests_v7;
      ALTER INDEX report_digests_pkey RENAME TO report_digests_v7_pkey;
    END IF;
    CREATE TABLE IF NOT EXISTS report_digests (
      number TEXT PRIMARY KEY,
      event_count INTEGER NOT NULL CHECK (event_count >= 0),
      digest_count INTEGER CHECK (digest_count >= 0),
      digest TEXT,
      CHECK ((digest_count IS NULL) = (digest IS NULL))
    );
    INSERT INTO report_digests (number, event_count)
      SELECT ticket_number, count(*) FROM events GROUP BY ticket_number
      ON CONFLICT (number) DO UPDATE SET event_count = EXCLUDED.event_count;
    IF to_regclass('report_digests_v7') IS NOT NULL THEN
      UPDATE report_digests d SET digest_count = v7.event_count, digest = v7.digest
        FROM report_digests_v7 v7 WHERE v7.number = d.number;
      DROP TABLE report_digests_v7;
    END IF;
    CREATE TRIGGER events_count_for_report AFTER INSERT ON events REFERENCING NEW TABLE AS appended
      FOR EACH STATEMENT EXECUTE FUNCTION report_digests_count_events();
  END IF;
END $$;
-- A report reads each ticket's digest by its number compared byte by byte ("C"): through the
-- primary key every comparison of the descent is the database's collation (strcoll), which
-- was half of a month's report in the server (docs/BENCHMARKS.md). Equality is the same.
CREATE INDEX IF NOT EXISTS report_digests_by_number_bytes ON report_digests (number COLLATE "C");
-- Kiosks' help requests ("Call staff", core/domain/help_request.h), as SQLite's desk schema
-- version 9: each once by (kiosk, the kiosk's id), open until staff mark it attended.
CREATE TABLE IF NOT EXISTS help_requests (
  id BIGSERIAL PRIMARY KEY,
  kiosk_id TEXT NOT NULL,
  kiosk_request_id BIGINT NOT NULL,
  screen TEXT NOT NULL,
  language TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  attended_at BIGINT,
  attended_by TEXT NOT NULL DEFAULT '',
  UNIQUE (kiosk_id, kiosk_request_id)
);
CREATE INDEX IF NOT EXISTS help_requests_open ON help_requests(id) WHERE attended_at IS NULL;
-- Ticket search (core/sync/ticket_search.h, pg_desk_search.cpp), as SQLite's desk schema 10:
-- the number without hyphens and the name for prefixes, the phone's last four digits, and
-- the complaint text by its two-character pieces in a GIN index (pg_trgm's trigrams cannot
-- look up a two-character Chinese word; a word of any length is found by its pieces, then
-- checked with LIKE). Built on the first start after an upgrade.
CREATE OR REPLACE FUNCTION desk_text_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}')
        FROM generate_series(1, length(t) - 1) AS i $$;
CREATE INDEX IF NOT EXISTS tickets_by_text_bigrams ON tickets
  USING gin (desk_text_bigrams(content || E'\n' || desired_outcome));
CREATE INDEX IF NOT EXISTS tickets_by_plain_number ON tickets (replace(number, '-', '') text_pattern_ops);
CREATE INDEX IF NOT EXISTS tickets_by_phone_suffix ON tickets (right(phone, 4));
CREATE INDEX IF NOT EXISTS tickets_by_customer_name ON tickets (customer_name text_pattern_ops);
-- A dissatisfied callback's escalation and a not-voluntary withdrawal's investigation
-- (docs/DOMAIN.md §2), as SQLite's schema version 6. A withdrawal marked not voluntary
-- before this has its investigation open (the update finds none on later starts); the
-- partial index serves the supervisors' list of open investigations.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS escalation TEXT NOT NULL DEFAULT 'none'
  CHECK (escalation IN ('none', 'supervisor', 'executive', 'settled'));
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS investigation TEXT NOT NULL DEFAULT 'none'
  CHECK (investigation IN ('none', 'open', 'closed'));
UPDATE tickets SET investigation = 'open'
  WHERE investigation = 'none' AND status = 'withdrawn' AND withdrawn_voluntarily = false;
CREATE INDEX IF NOT EXISTS tickets_investigation_open ON tickets(id) WHERE investigation = 'open';
-- Group complaints detected at the desk (docs/DOMAIN.md §2), as SQLite's schema version 8:
-- the group a ticket is linked to; the partial index finds a group's members.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS group_id TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS tickets_by_group ON tickets(group_id) WHERE group_id <> '';
-- Short check codes (core/domain/check_code.h), as SQLite's schema version 9: unique per site
-- by construction, and the index says so; tickets from before have none ('').
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS check_code TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX IF NOT EXISTS tickets_by_check_code ON tickets(check_code, site_code)
  WHERE check_code <> '';
CREATE INDEX IF NOT EXISTS tickets_group_candidates ON tickets(category, filed_at)
  WHERE kind = 'complaint' AND status NOT IN ('archived', 'withdrawn');
-- The customer's topic (core/domain/taxonomy.h), as SQLite's schema version 9: older rows
-- have none.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS topic TEXT NOT NULL DEFAULT '';
)sql";

}  // namespace

// ---------------------------------------------------------------- rows
namespace {

Param text_of(Instant at) {
  return std::to_string(at.time_since_epoch().count());
}

Param param_of(const FieldValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  if (const auto* flag = std::get_if<bool>(&value)) return std::string(*flag ? "true" : "false");
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) return text_list_to_json(*list);
  return Param();
}

// The column's value in the form the field's type asks for; nullopt when it is not one.
std::optional<FieldValue> field_value_of(const TicketField& field, const Param& column) {
  const bool nullable = field.type == FieldType::optional_instant || field.type == FieldType::optional_flag;
  if (!column) return nullable ? std::optional<FieldValue>(FieldValue()) : std::nullopt;
  switch (field.type) {
    case FieldType::text:
      return FieldValue(*column);
    case FieldType::instant:
    case FieldType::optional_instant:
    case FieldType::integer:
      if (const auto number = int64_of(*column)) return FieldValue(*number);
      return std::nullopt;
    case FieldType::flag:
    case FieldType::optional_flag:
      if (*column == "t" || *column == "true") return FieldValue(true);
      if (*column == "f" || *column == "false") return FieldValue(false);
      return std::nullopt;
    case FieldType::text_list:
      if (auto list = text_list_from_json(*column)) return FieldValue(std::move(*list));
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

const std::string& ticket_columns() {
  static const std::string text = [] {
    std::string out = "id";
    for (const TicketField& field : ticket_fields()) out += std::string(", ") + field.column;
    return out + ", revision";
  }();
  return text;
}

std::vector<Param> ticket_params(const Ticket& ticket) {
  std::vector<Param> params;
  for (const TicketField& field : ticket_fields()) params.push_back(param_of(field.get(ticket)));
  params.push_back(std::to_string(ticket.revision));
  return params;
}

const std::string& insert_ticket_sql() {
  static const std::string sql = insert_tickets_sql(1);
  return sql;
}

std::string insert_tickets_sql(std::size_t count) {
  std::string names;
  for (const TicketField& field : ticket_fields()) names += field.column + std::string(", ");
  const std::size_t columns = ticket_fields().size() + 1;  // and revision
  return "INSERT INTO tickets (" + names + "revision) VALUES " + value_rows(count, columns);
}

std::string value_rows(std::size_t rows, std::size_t columns, std::size_t first) {
  std::string sql;
  std::size_t next = first;
  for (std::size_t row = 0; row < rows; ++row) {
    sql += row ? ", (" : "(";
    sql += placeholders(columns, next);
    sql += ")";
    next += columns;
  }
  return sql;
}

std::string placeholders(std::size_t count, std::size_t first) {
  std::string sql;
  for (std::size_t i = 0; i < count; ++i) sql += (i ? ", $" : "$") + std::to_string(first + i);
  return sql;
}

const std::string& update_ticket_sql() {
  // The non-identity columns from $1..; then number and the expected revision. Identity
  // columns (number, token, site, kiosk) are written once, by the insert, as on SQLite.
  static const std::string sql = [] {
    std::string sets;
    int index = 0;
    for (const TicketField& field : ticket_fields()) {
      if (field.identity) continue;
      ++index;
      sets += std::string(index > 1 ? ", " : "") + field.column + " = $" + std::to_string(index);
    }
    return "UPDATE tickets SET " + sets + ", revision = revision + 1 WHERE number = $" +
           std::to_string(index + 1) + " AND revision = $" + std::to_string(index + 2);
  }();
  return sql;
}

std::vector<Param> update_params(const Ticket& ticket, const std::string& number, std::int64_t revision) {
  std::vector<Param> params;
  for (const TicketField& field : ticket_fields()) {
    if (!field.identity) params.push_back(param_of(field.get(ticket)));
  }
  params.push_back(number);
  params.push_back(std::to_string(revision));
  return params;
}

Result<Ticket> read_ticket(const Rows& rows, int row, int first_column) {
  Ticket ticket;
  int index = first_column;
  const auto unreadable = [&](const char* column) {
    return Error::make(ErrorCode::storage,
                       std::string("unreadable tickets row: ") + column + " holds an unusable value '" +
                           rows.text(row, index) + "'",
                       "read_row", 0);
  };
  const auto id = int64_of(rows.text(row, index));
  if (!id) return unreadable("id");
  ticket.id = *id;
  ++index;
  for (const TicketField& field : ticket_fields()) {
    const auto value = field_value_of(field, rows.optional_text(row, index));
    if (!value || !field.set(ticket, *value)) return unreadable(field.column);
    ++index;
  }
  const auto revision = int64_of(rows.text(row, index));
  if (!revision) return unreadable("revision");
  ticket.revision = *revision;
  return ticket;
}

const std::string& event_columns() {
  static const std::string text =
      "id, ticket_number, at, actor, role, action, from_status, to_status, note, data_json";
  return text;
}

Result<TicketEvent> read_event(const Rows& rows, int row, int c) {
  TicketEvent event;
  TRY_ASSIGN(event.id, rows.int64(row, c));
  event.ticket_number = rows.text(row, c + 1);
  TRY_ASSIGN(const std::int64_t at, rows.int64(row, c + 2));
  event.at = Instant{std::chrono::seconds{at}};
  event.actor = rows.text(row, c + 3);
  event.role = rows.text(row, c + 4);
  event.action = rows.text(row, c + 5);
  // An unknown status is a corrupt row, as on SQLite (core/store/ticket_rows.cpp).
  const char* columns[] = {"from_status", "to_status"};
  Status* statuses[] = {&event.from, &event.to};
  for (int i = 0; i < 2; ++i) {
    const std::string text = rows.text(row, c + 6 + i);
    const auto status = status_from_string(text);
    if (!status) {
      return Error::make(
          ErrorCode::storage,
          std::string("unreadable events row: ") + columns[i] + " holds unknown value '" + text + "'",
          "read_row", 0);
    }
    *statuses[i] = *status;
  }
  event.note = rows.text(row, c + 8);
  event.data_json = rows.text(row, c + 9);
  return event;
}

Result<std::vector<Ticket>> read_tickets(const Rows& rows) {
  std::vector<Ticket> tickets;
  tickets.reserve(static_cast<std::size_t>(rows.size()));
  for (int i = 0; i < rows.size(); ++i) {
    TRY_ASSIGN(Ticket ticket, read_ticket(rows, i));
    tickets.push_back(std::move(ticket));
  }
  return tickets;
}

Result<std::vector<TicketEvent>> read_events(const Rows& rows) {
  std::vector<TicketEvent> events;
  events.reserve(static_cast<std::size_t>(rows.size()));
  for (int i = 0; i < rows.size(); ++i) {
    TRY_ASSIGN(TicketEvent event, read_event(rows, i));
    events.push_back(std::move(event));
  }
  return events;
}

Result<std::int64_t> insert_event(Session& session, const TicketEvent& event) {
  TRY_ASSIGN(const Rows rows,
             session.exec(
                 "INSERT INTO events (ticket_number, at, actor, role, action, from_status, to_status, note, "
                 "data_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                 {event.ticket_number, text_of(event.at), event.actor, event.role, event.action,
                  std::string(to_string(event.from)), std::string(to_string(event.to)), event.note,
                  event.data_json.empty() ? std::string("{}") : event.data_json}));
  return rows.int64(0, 0);
}

Result<std::vector<std::int64_t>> insert_kiosk_events(Session& session,
                                                      const std::vector<TicketEvent>& events) {
  // The ids are drawn first, in one statement, and written explicitly: a multi-row INSERT's
  // RETURNING order is not promised, and each id must go with its own synced_items row.
  TRY_ASSIGN(const Rows drawn, session.exec("SELECT nextval(pg_get_serial_sequence('events', 'id')) FROM "
                                            "generate_series(1, $1::integer)",
                                            {std::to_string(events.size())}));
  std::vector<std::int64_t> ids;
  for (int i = 0; i < drawn.size(); ++i) {
    TRY_ASSIGN(const std::int64_t id, drawn.int64(i, 0));
    ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  if (ids.size() != events.size())
    return Error::make(ErrorCode::storage, "the events sequence gave too few ids");
  constexpr std::size_t kColumns = 11;
  std::vector<Param> params;
  params.reserve(events.size() * kColumns);
  for (std::size_t i = 0; i < events.size(); ++i) {
    const TicketEvent& event = events[i];
    for (Param value :
         {Param(std::to_string(ids[i])), Param(event.ticket_number), text_of(event.at), Param(event.actor),
          Param(event.role), Param(event.action), Param(std::string(to_string(event.from))),
          Param(std::string(to_string(event.to))), Param(event.note),
          Param(event.data_json.empty() ? std::string("{}") : event.data_json), Param(std::string("true"))}) {
      params.push_back(std::move(value));
    }
  }
  TRY_VOID(
      session.exec("INSERT INTO events (id, ticket_number, at, actor, role, action, from_status, to_status, "
                   "note, data_json, kiosk_made) VALUES " +
                       value_rows(events.size(), kColumns),
                   params));
  return ids;
}

Result<void> lock_event_order(Session& session) {
  TRY_VOID(session.exec("SELECT pg_advisory_xact_lock(7171002)"));
  return Ok{};
}

std::optional<std::int64_t> int64_of(std::string_view text) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [at, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || at != end || text.empty()) return std::nullopt;
  return value;
}

Param instant_param(Instant at) {
  return text_of(at);
}

Param optional_instant_param(const std::optional<Instant>& at) {
  return at ? text_of(*at) : Param();
}

}  // namespace pg

// ---------------------------------------------------------------- open
namespace {

Result<void> insert_outbox(pg::Session& session, const std::string& number,
                           std::optional<std::int64_t> event_id, Instant at) {
  TRY_VOID(
      session.exec("INSERT INTO outbox (ticket_number, kind, event_id, created_at) VALUES ($1, $2, $3, $4)",
                   {number, std::string(event_id ? "event" : "ticket"),
                    event_id ? pg::Param(std::to_string(*event_id)) : pg::Param(), pg::instant_param(at)}));
  return Ok{};
}

Result<std::optional<Ticket>> find_where(pg::Session& session, const std::string& where,
                                         const pg::Param& value) {
  TRY_ASSIGN(const pg::Rows rows,
             session.exec("SELECT " + pg::ticket_columns() + " FROM tickets WHERE " + where, {value}));
  if (rows.size() == 0) return std::optional<Ticket>();
  TRY_ASSIGN(Ticket ticket, pg::read_ticket(rows, 0));
  return std::optional<Ticket>(std::move(ticket));
}

// The console queue's index on the next pending deadline (core/deadlines' rule as SQL; the
// queue orders by the same expression, so the planner can read it in index order). The
// expression it was built on is kept as the index's comment: an index of an older release,
// or of an older rule, is rebuilt when a desk opens the database.
Result<void> ensure_queue_index(pg::Session& session) {
  const std::string expression = next_deadline_sql(SqlDialect::postgres);
  TRY_ASSIGN(const pg::Rows built,
             session.exec("SELECT obj_description(to_regclass('tickets_queue'), 'pg_class')"));
  if (!built.null(0, 0) && built.text(0, 0) == expression) return Ok{};
  std::string literal = "'";  // the expression as an SQL string literal (COMMENT takes no parameter)
  for (const char c : expression) literal += c == '\'' ? std::string("''") : std::string(1, c);
  literal += "'";
  TRY_VOID(session.exec("DROP INDEX IF EXISTS tickets_queue"));
  TRY_VOID(session.exec("CREATE INDEX tickets_queue ON tickets ((" + expression +
                        "), number) WHERE status IN "
                        "('filed', 'forwarded', 'in_progress', 'replied', 'called_back')"));
  TRY_VOID(session.exec("COMMENT ON INDEX tickets_queue IS " + literal));
  return Ok{};
}

// One ticket's anonymisation inside the caller's transaction (which holds the event-order
// lock): false when the stored revision is not the one read, and then nothing is written.
Result<bool> store_anonymisation(pg::Session& session, const Anonymisation& item) {
  const Ticket& ticket = item.ticket;
  TRY_ASSIGN(const pg::Rows changed, session.exec(pg::update_ticket_sql(),
                                                  pg::update_params(ticket, ticket.number, ticket.revision)));
  if (changed.affected() == 0) return false;
  // The schema's trigger allows this update only now that the ticket holds the tombstone.
  for (const TicketEvent& event : item.rewritten) {
    TRY_VOID(session.exec("UPDATE events SET note = $1, data_json = $2 WHERE id = $3 AND ticket_number = $4",
                          {event.note, event.data_json, std::to_string(event.id), ticket.number}));
  }
  TicketEvent stored_event = item.purge;
  stored_event.ticket_number = ticket.number;
  TRY_ASSIGN([[maybe_unused]] const std::int64_t purge_id, pg::insert_event(session, stored_event));
  // The customer's letters and photos are personal data too (SQLite: its schema's trigger).
  TRY_VOID(session.exec("DELETE FROM ticket_attachments WHERE ticket_number = $1", {ticket.number}));
  return true;
}

// The desk's schema statements, in order: the tables, tickets' attachments (core/attachments,
// as SQLite's desk schema 12; retention's anonymisation deletes a ticket's attachments in its
// own transaction, store_anonymisation), the desk intake form's idempotency keys (SQLite's
// 13), which kiosk of a site holds which check code station (SQLite's 15).
const std::vector<std::string>& desk_schema_statements() {
  static const std::vector<std::string> statements = {
      pg::kSchema, store::attachments_table_sql(SqlDialect::postgres),
      store::intake_keys_table_sql(SqlDialect::postgres), store::kCheckCodeStationsTableSql};
  return statements;
}

// Everything the desk's schema part runs (pg_schema.h: a release that changes any of it
// applies it again): the statements and the queue index's rule.
const std::string& desk_schema_text() {
  static const std::string text = [] {
    std::string all;
    for (const std::string& statement : desk_schema_statements()) all += statement;
    return all + next_deadline_sql(SqlDialect::postgres);
  }();
  return text;
}

Result<void> apply_schema(pg::Session& session) {
  for (const std::string& statement : desk_schema_statements()) TRY_VOID(session.exec(statement));
  return ensure_queue_index(session);
}

}  // namespace

PgDeskStore::PgDeskStore(std::unique_ptr<pg::SessionPool> pool) : m_pool(std::move(pool)) {}
PgDeskStore::~PgDeskStore() = default;

Result<std::unique_ptr<PgDeskStore>> PgDeskStore::open(const std::string& conninfo,
                                                       const ConnectionOptions& options) {
  TRY_ASSIGN(auto pool, pg::SessionPool::open(conninfo, options, kConnections));
  {
    const pg::SessionPool::Lease session = pool->lease();
    TRY_VOID(pg::apply_schema_once(*session, "desk", desk_schema_text(), apply_schema));
  }
  return std::unique_ptr<PgDeskStore>(new PgDeskStore(std::move(pool)));
}

DatabaseState PgDeskStore::database_state() const {
  return m_pool->state();
}

// One connection is enough: the pool's connections share one reconnect state, so once this
// one is back the others reconnect on their next use at once (connection_keeper.h).
Result<void> PgDeskStore::ping() {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_VOID(lease->exec("SELECT 1"));
  return Ok{};
}

// ---------------------------------------------------------------- tickets
Result<Ticket> PgDeskStore::insert_new(const NewTicketRequest& request) {
  const Ticket& draft = request.ticket;
  TRY_VOID(check_new_ticket(request));
  const pg::SessionPool::Lease lease = m_pool->lease();
  pg::Session& session = *lease;
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin(session));
  // Group detection's lock before the event order's, as every writer takes them (pg_groups.h).
  pg::PgGroupPort groups(session);
  TRY_VOID(groups.lock_categories(group_categories({draft}, request.group_policy)));
  TRY_VOID(pg::lock_event_order(session));
  if (!request.intake_key.empty()) {
    // Every desk-made insert holds the event-order lock, so a second submission of the form
    // (on any desk) waits here and then, in READ COMMITTED, sees the first one's key.
    TRY_ASSIGN(const pg::Rows filed,
               session.exec(std::string(store::kIntakeKeyLookupSql) + "$1", {request.intake_key}));
    if (filed.size() > 0) {
      TRY_ASSIGN(const auto held, find_where(session, "number = $1", filed.text(0, 0)));
      if (!held) return Error::make(ErrorCode::internal, "the ticket of an intake key vanished");
      return *held;
    }
  }
  const std::string key = ticket_counter_key(request);
  TRY_ASSIGN(const pg::Rows counter,
             session.exec("INSERT INTO counters (key, value) VALUES ($1, 1) ON CONFLICT (key) DO UPDATE SET "
                          "value = counters.value + 1 RETURNING value",
                          {key}));
  TRY_ASSIGN(const std::int64_t sequence, counter.int64(0, 0));
  Ticket ticket = draft;
  ticket.number = format_ticket_number({draft.site_code, draft.kiosk_id, request.local_date, sequence});
  ticket.revision = 1;
  // Every ticket filed on the desk is the desk's: station 0, its own counter (ticket_repository.h).
  const int station = *check_code_station_of(request, /*desk_store=*/true);
  TRY_ASSIGN(const pg::Rows code_counter,
             session.exec("INSERT INTO counters (key, value) VALUES ($1, 1) ON CONFLICT (key) DO UPDATE SET "
                          "value = counters.value + 1 RETURNING value",
                          {check_code_counter_key(request, station)}));
  TRY_ASSIGN(const std::int64_t code_sequence, code_counter.int64(0, 0));
  ticket.check_code = check_code_for(request, station, code_sequence);
  TRY_VOID(session.exec(pg::insert_ticket_sql(), pg::ticket_params(ticket)));
  TicketEvent event = request.first_event;
  event.ticket_number = ticket.number;
  TRY_ASSIGN(const std::int64_t event_id, pg::insert_event(session, event));
  TRY_VOID(insert_outbox(session, ticket.number, std::nullopt, event.at));
  TRY_VOID(insert_outbox(session, ticket.number, event_id, event.at));
  TRY_ASSIGN(auto stored, find_where(session, "number = $1", ticket.number));
  TRY_VOID(pg::insert_notices(session, notices_for_event(*stored, event)));
  TRY_ASSIGN(const int linked, link_group_complaints(groups, {*stored}, request.group_policy, event.at));
  if (linked > 0) {
    TRY_ASSIGN(stored, find_where(session, "number = $1", ticket.number));
  }
  if (!request.intake_key.empty()) {
    TRY_VOID(session.exec(std::string(store::kIntakeKeyInsertSql) + "($1, $2, $3)",
                          {request.intake_key, stored->number, pg::instant_param(stored->recorded_at)}));
  }
  TRY_VOID(transaction.commit());
  return *stored;
}

Result<std::optional<Ticket>> PgDeskStore::find(const std::string& number) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  return find_where(*lease, "number = $1", number);
}

Result<std::vector<Ticket>> PgDeskStore::list(const TicketQuery& query) {
  if (query.month && !query.filed_from && !query.filed_to) {
    return Error::invalid("month", "error.month.invalid",
                          "the store cannot filter by month: convert it to filed_from/filed_to");
  }
  std::vector<pg::Param> params;
  const auto param = [&params](pg::Param value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  };
  std::string sql = "SELECT " + pg::ticket_columns() + " FROM tickets WHERE true";
  if (query.status) sql += " AND status = " + param(std::string(to_string(*query.status)));
  if (query.overdue_at) {
    const std::string at = param(pg::instant_param(*query.overdue_at));
    sql += " AND " + overdue_sql(at);  // the pending-deadline rule of core/deadlines
  }
  if (query.filed_from) sql += " AND filed_at >= " + param(pg::instant_param(*query.filed_from));
  if (query.filed_to) sql += " AND filed_at < " + param(pg::instant_param(*query.filed_to));
  if (query.category) sql += " AND category = " + param(*query.category);
  if (query.investigation)
    sql += " AND investigation = " + param(std::string(to_string(*query.investigation)));
  if (query.group_id) sql += " AND group_id = " + param(*query.group_id) + " AND group_id <> ''";
  if (query.check_code) sql += " AND check_code = " + param(*query.check_code) + " AND check_code <> ''";
  sql += " ORDER BY filed_at, id";
  if (query.limit > 0) sql += " LIMIT " + param(std::to_string(query.limit));
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(const pg::Rows rows, lease->exec(sql, params));
  return pg::read_tickets(rows);
}

Result<std::vector<TicketEvent>> PgDeskStore::events(const std::string& number) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(const pg::Rows rows, lease->exec("SELECT " + pg::event_columns() +
                                                  " FROM events WHERE ticket_number = $1 ORDER BY id",
                                              {number}));
  return pg::read_events(rows);
}

Result<std::vector<TicketEvent>> PgDeskStore::events_filed(Instant from, Instant to) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(
      const pg::Rows rows,
      lease->exec("SELECT " + pg::event_columns() +
                      " FROM events WHERE ticket_number IN (SELECT number FROM tickets WHERE filed_at >= $1 "
                      "AND filed_at < $2) ORDER BY ticket_number, id",
                  {pg::instant_param(from), pg::instant_param(to)}));
  return pg::read_events(rows);
}

namespace {

Error bad_report_row(const char* table, const std::string& problem) {
  return Error::make(ErrorCode::storage, std::string("unreadable ") + table + " row: " + problem, "read_row",
                     0);
}

// A ticket's report fields (report_fields_of) from columns 0-17 of report_cohort's first read,
// into `t` (a new, default ticket) in place.
Result<void> read_report_ticket(const pg::Rows& rows, int i, Ticket& t) {
  const auto flag = [&rows, i](int column) -> std::optional<bool> {
    const std::string_view text = rows.view(i, column);
    if (text == "t" || text == "true") return true;
    if (text == "f" || text == "false") return false;
    return std::nullopt;
  };
  TRY_ASSIGN(t.id, rows.int64(i, 0));
  t.number = rows.view(i, 1);
  t.kind = rows.view(i, 2);
  t.category = rows.view(i, 3);
  t.channel = rows.view(i, 4);
  t.site_code = rows.view(i, 5);
  t.kiosk_id = rows.view(i, 6);
  const std::string_view severity = rows.view(i, 7);
  const auto parsed = severity_from_string(severity);
  if (!parsed)
    return bad_report_row("tickets", "severity holds unknown value '" + std::string(severity) + "'");
  t.severity = *parsed;
  const auto major = flag(8), group = flag(9), anonymous = flag(10);
  if (!major || !group || !anonymous)
    return bad_report_row("tickets", "a flag of " + t.number + " is not a boolean");
  t.major = *major;
  t.group = *group;
  t.anonymous = *anonymous;
  t.repeat_of = rows.view(i, 11);
  TRY_ASSIGN(const std::int64_t filed_at, rows.int64(i, 12));
  t.filed_at = Instant{std::chrono::seconds{filed_at}};
  std::optional<Instant>* deadlines[] = {&t.deadlines.forward_by, &t.deadlines.contact_by,
                                         &t.deadlines.resolve_by, &t.deadlines.answer_by,
                                         &t.deadlines.callback_by};
  for (int d = 0; d < 5; ++d) {
    if (rows.null(i, 13 + d)) continue;
    TRY_ASSIGN(const std::int64_t seconds, rows.int64(i, 13 + d));
    *deadlines[d] = Instant{std::chrono::seconds{seconds}};
  }
  return Ok{};
}

Result<void> read_report_events(const pg::Rows& events, CohortAssembler& cohort) {
  for (int i = 0; i < events.size(); ++i) {
    std::vector<TicketEvent>* into = cohort.events_of(events.text(i, 0));
    if (into == nullptr) continue;
    TicketEvent& e = into->emplace_back();
    TRY_ASSIGN(const std::int64_t at, events.int64(i, 1));
    e.at = Instant{std::chrono::seconds{at}};
    e.role = events.text(i, 2);
    e.action = events.text(i, 3);
    const std::string to = events.text(i, 4);
    const auto status = status_from_string(to);
    if (!status) return bad_report_row("events", "to_status holds unknown value '" + to + "'");
    e.to = *status;
    e.data_json = events.text(i, 5);
  }
  return Ok{};
}

}  // namespace

Result<std::vector<TicketHistory>> PgDeskStore::report_cohort(Instant from, Instant to) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  pg::Session& session = *lease;
  // The report's fields only (report_fields_of, core/store/ticket_repository.h), as SQLite's
  // core/store/ticket_rows.cpp reads them, with each ticket's count of events (the trigger's)
  // and report digest (core/store/report_digest.h); one snapshot.
  static const std::string tickets_sql =
      "SELECT t.id, t.number, t.kind, t.category, t.channel, t.site_code, t.kiosk_id, t.severity, t.major, "
      "t.group_complaint, t.anonymous, t.repeat_of, t.filed_at, t.forward_by, t.contact_by, t.resolve_by, "
      "t.answer_by, t.callback_by, d.event_count, d.digest_count, d.digest "
      "FROM tickets t LEFT JOIN LATERAL (SELECT event_count, digest_count, digest FROM report_digests "
      "WHERE number COLLATE \"C\" = t.number OFFSET 0) d ON true "
      "WHERE t.filed_at >= $1 AND t.filed_at < $2 ORDER BY t.filed_at, t.id";
  static const std::string count_sql = "SELECT count(*) FROM tickets WHERE filed_at >= $1 AND filed_at < $2";
  // The plan, pinned: each ticket's digest row by its number (the LATERAL with OFFSET 0 is not
  // flattened into a join), as on SQLite, in report_digests_by_number_bytes (see the schema). Left to itself,
  // the planner merged or hashed the whole table's digests (1,000,000 rows for a month's 82,198, sorted on
  // disk), or gathered the lookups from parallel workers, and compiled the query (JIT): 0.8-1.0 s of the
  // server's time against 0.3-0.5 s (EXPLAIN ANALYZE on the benchmark's year, docs/BENCHMARKS.md).
  static const char* const plan_sql =
      "SELECT set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)";
  // The data of the actions the report does not read is never copied.
  static const std::string events_columns =
      "SELECT ticket_number, at, role, action, to_status, CASE WHEN action IN (" + report_data_actions_sql() +
      ") THEN data_json ELSE '{}' END FROM events ";
  static const std::string period_events_sql =
      events_columns +
      "WHERE ticket_number IN (SELECT number FROM tickets WHERE filed_at >= $1 AND filed_at < $2) "
      "ORDER BY ticket_number, id";
  static const std::string numbered_events_sql =
      events_columns +
      "WHERE ticket_number IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY ticket_number, id";

  CohortAssembler cohort;
  {
    TRY_ASSIGN(pg::Transaction snapshot, pg::Transaction::begin_snapshot(session));
    TRY_VOID(session.exec(plan_sql));  // for this transaction only
    const std::vector<pg::Param> period = {pg::instant_param(from), pg::instant_param(to)};
    // The cohort's size first, to reserve it (a count on the same index, a small part of the
    // read), then the rows read as they arrive: the server's lookups and this reading overlap.
    TRY_ASSIGN(const pg::Rows counted, session.exec(count_sql, period));
    TRY_ASSIGN(const std::int64_t size, counted.int64(0, 0));
    cohort.reserve(static_cast<std::size_t>(std::max<std::int64_t>(size, 0)));
    TRY_VOID(
        session.exec_each(tickets_sql, period, [&cohort](const pg::Rows& tickets, int i) -> Result<void> {
          TicketHistory& history = cohort.append();
          TRY_VOID(read_report_ticket(tickets, i, history.ticket));
          bool current = false;
          if (!tickets.null(i, 18) && !tickets.null(i, 19)) {
            TRY_ASSIGN(const std::int64_t event_count, tickets.int64(i, 18));
            TRY_ASSIGN(const std::int64_t digest_count, tickets.int64(i, 19));
            current = digest_count == event_count &&
                      decode_report_digest(tickets.view(i, 20), event_count, history.events);
          }
          if (!current) {
            history.events.clear();
            cohort.wait_for_events();  // missing or stale: its events are read
          }
          return Ok{};
        }));
    if (cohort.waiting() > 0) {
      // When most are waiting, the period's events in one range (the others' left out).
      const bool most = cohort.waiting() * 2 > cohort.size();
      TRY_ASSIGN(const pg::Rows events,
                 most ? session.exec(period_events_sql, period)
                      : session.exec(numbered_events_sql, {nlohmann::json(cohort.waiting_numbers()).dump()}));
      TRY_VOID(read_report_events(events, cohort));
    }
    TRY_VOID(snapshot.commit());
  }
  if (cohort.waiting() > 0) store_report_digests(session, cohort);
  return cohort.take();
}

// Best effort: a digest not written is rebuilt by the next report; the report itself has its
// events already. A few thousand per transaction, into the rows the events' trigger keeps
// (their event_count is never written here). Each transaction first locks its rows in number
// order, as the trigger does, so a sync batch appending events to several of them cannot
// deadlock with it.
void PgDeskStore::store_report_digests(pg::Session& session, const CohortAssembler& cohort) {
  constexpr std::size_t kPerTransaction = 5000;
  std::vector<nlohmann::json> batches(1, nlohmann::json::array());
  cohort.for_each_waiting([&](const TicketHistory& history) {
    const std::optional<std::string> digest = encode_report_digest(history.events);
    if (!digest) return;
    if (batches.back().size() == kPerTransaction) batches.emplace_back(nlohmann::json::array());
    batches.back().push_back({history.ticket.number, history.events.size(), *digest});
  });
  for (const nlohmann::json& batch : batches) {
    if (batch.empty()) continue;
    auto transaction = pg::Transaction::begin(session);
    if (!transaction.ok()) return;
    const std::string rows = batch.dump();
    if (!session
             .exec("SELECT number FROM report_digests WHERE number IN "
                   "(SELECT x->>0 FROM jsonb_array_elements($1::jsonb) AS x) ORDER BY number FOR UPDATE",
                   {rows})
             .ok())
      return;
    const auto stored = session.exec(
        "UPDATE report_digests d SET digest_count = (x->>1)::integer, digest = x->>2 "
        "FROM jsonb_array_elements($1::jsonb) AS x WHERE d.number = x->>0",
        {rows});
    if (!stored.ok() || !transaction->commit().ok()) return;
  }
}

Result<Ticket> PgDeskStore::apply(const Ticket& updated, const TicketEvent& event) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  pg::Session& session = *lease;
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin(session));
  TRY_ASSIGN(const Ticket stored, pg::store_applied(session, updated, event));
  TRY_VOID(transaction.commit());
  return stored;
}

namespace pg {

Result<Ticket> store_applied(Session& session, const Ticket& updated, const TicketEvent& event) {
  TRY_VOID(lock_event_order(session));
  TRY_ASSIGN(const Rows changed,
             session.exec(update_ticket_sql(), update_params(updated, updated.number, updated.revision)));
  if (changed.affected() == 0) {
    TRY_ASSIGN(const auto current, find_where(session, "number = $1", updated.number));
    if (!current) return unknown_ticket_error(updated.number);
    return stale_revision_error(updated.number, updated.revision, current->revision);
  }
  TicketEvent stored_event = event;
  stored_event.ticket_number = updated.number;
  TRY_ASSIGN(const std::int64_t event_id, insert_event(session, stored_event));
  TRY_VOID(insert_outbox(session, updated.number, event_id, stored_event.at));
  TRY_ASSIGN(const auto stored, find_where(session, "number = $1", updated.number));
  TRY_VOID(insert_notices(session, notices_for_event(*stored, stored_event)));
  return *stored;
}

}  // namespace pg

Result<Ticket> PgDeskStore::anonymise(const Ticket& anonymised, const std::vector<TicketEvent>& rewritten,
                                      const TicketEvent& purge) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  pg::Session& session = *lease;
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin(session));
  TRY_VOID(pg::lock_event_order(session));
  TRY_ASSIGN(const bool done, store_anonymisation(session, Anonymisation{anonymised, rewritten, purge}));
  if (!done) {
    TRY_ASSIGN(const auto current, find_where(session, "number = $1", anonymised.number));
    if (!current) return unknown_ticket_error(anonymised.number);
    return stale_revision_error(anonymised.number, anonymised.revision, current->revision);
  }
  TRY_ASSIGN(const auto stored, find_where(session, "number = $1", anonymised.number));
  TRY_VOID(transaction.commit());
  return *stored;
}

Result<std::vector<bool>> PgDeskStore::anonymise_batch(const std::vector<Anonymisation>& batch) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  pg::Session& session = *lease;
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin(session));
  TRY_VOID(pg::lock_event_order(session));
  std::vector<bool> stored;
  stored.reserve(batch.size());
  for (const Anonymisation& item : batch) {
    TRY_ASSIGN(const bool done, store_anonymisation(session, item));
    stored.push_back(done);
  }
  TRY_VOID(transaction.commit());
  return stored;
}

Result<void> PgDeskStore::purge_replaced_text() {
  const pg::SessionPool::Lease lease = m_pool->lease();
  // Outside a transaction (VACUUM cannot run in one). Unlike SQLite's secure_delete, the freed
  // space in a page is not zeroed and the WAL keeps the old rows until it is recycled:
  // docs/OPERATIONS.md says what that asks of the server's disks.
  TRY_ASSIGN(const pg::Rows done, lease->exec("VACUUM (ANALYZE) tickets, events, ticket_attachments"));
  return Ok{};
}

Result<std::vector<Ticket>> PgDeskStore::retention_page(Instant closed_before, std::int64_t after_id,
                                                        int limit) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(
      const pg::Rows rows,
      lease->exec("SELECT " + pg::ticket_columns() +
                      " FROM tickets WHERE id > $1 AND status IN ('archived', 'withdrawn') AND content <> $2"
                      " AND (EXISTS (SELECT 1 FROM events e WHERE e.ticket_number = tickets.number"
                      "   AND e.to_status IN ('archived', 'withdrawn') AND e.from_status <> e.to_status"
                      "   AND e.at <= $3)"
                      "  OR (withdrawn_at IS NOT NULL AND withdrawn_at <= $3))"
                      " ORDER BY id LIMIT $4",
                  {std::to_string(after_id), std::string(k_tombstone), pg::instant_param(closed_before),
                   std::to_string(limit)}));
  return pg::read_tickets(rows);
}

Result<std::vector<TicketEvent>> PgDeskStore::events_of(const std::vector<std::string>& numbers) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  // The numbers travel as one JSON array: one statement whatever their count.
  TRY_ASSIGN(
      const pg::Rows rows,
      lease->exec("SELECT " + pg::event_columns() +
                      " FROM events WHERE ticket_number IN (SELECT jsonb_array_elements_text($1::jsonb))"
                      " ORDER BY ticket_number, id",
                  {nlohmann::json(numbers).dump()}));
  return pg::read_events(rows);
}

Result<std::optional<std::string>> PgDeskStore::latest_by_phone_category(const std::string& phone,
                                                                         const std::string& category,
                                                                         Instant since) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(const pg::Rows rows,
             lease->exec("SELECT number FROM tickets WHERE phone = $1 AND category = $2 AND filed_at >= $3 "
                         "ORDER BY filed_at DESC, id DESC LIMIT 1",
                         {phone, category, pg::instant_param(since)}));
  if (rows.size() == 0) return std::optional<std::string>();
  return std::optional<std::string>(rows.text(0, 0));
}

Result<std::vector<OutboxEntry>> PgDeskStore::outbox(int limit) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(
      const pg::Rows rows,
      lease->exec("SELECT id, ticket_number, kind, coalesce(event_id, 0), created_at, attempts FROM outbox "
                  "WHERE sent_at IS NULL ORDER BY id LIMIT $1",
                  {limit > 0 ? pg::Param(std::to_string(limit)) : pg::Param()}));
  std::vector<OutboxEntry> entries;
  for (int i = 0; i < rows.size(); ++i) {
    TRY_ASSIGN(const std::int64_t id, rows.int64(i, 0));
    TRY_ASSIGN(const std::int64_t event_id, rows.int64(i, 3));
    TRY_ASSIGN(const std::int64_t created_at, rows.int64(i, 4));
    TRY_ASSIGN(const std::int64_t attempts, rows.int64(i, 5));
    entries.push_back(OutboxEntry{id, rows.text(i, 1), rows.text(i, 2), event_id,
                                  Instant{std::chrono::seconds{created_at}}, static_cast<int>(attempts)});
  }
  return entries;
}

Result<std::int64_t> PgDeskStore::count_unsent() {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(const pg::Rows rows, lease->exec("SELECT count(*) FROM outbox WHERE sent_at IS NULL"));
  return rows.int64(0, 0);
}

Result<std::int64_t> PgDeskStore::count_tickets() {
  return count_rows("tickets");
}

}  // namespace complaint
