// Forward migrations of the SQLite schema (see sqlite_schema.h). Steps are append-only:
// a released step is never edited, a change is a new step, so every kiosk converges.
#include "core/store/sqlite_schema.h"

#include <array>
#include <string>

#include "core/store/sqlite_statement.h"

namespace complaint::store {
namespace {

struct Migration {
  const char* description;
  const char* sql;
};

// Version 1: the register. Instants are unix seconds; optional ones are NULL. CHECK
// constraints repeat the enum spellings of ticket.cpp so a bad row fails on write,
// and integrity_check finds one written by anything else.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
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
  filed_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  staff_involved TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  major INTEGER NOT NULL CHECK (major IN (0, 1)),
  major_notified INTEGER NOT NULL CHECK (major_notified IN (0, 1)),
  major_reasons TEXT NOT NULL CHECK (json_valid(major_reasons) AND json_type(major_reasons) = 'array'),
  repeat_of TEXT NOT NULL,
  group_complaint INTEGER NOT NULL CHECK (group_complaint IN (0, 1)),
  anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('filed', 'forwarded', 'in_progress', 'replied', 'called_back',
                                         'archived', 'withdrawn')),
  forward_by INTEGER,
  contact_by INTEGER,
  resolve_by INTEGER,
  answer_by INTEGER,
  callback_by INTEGER,
  callback_not_before INTEGER,
  department TEXT NOT NULL,
  verification TEXT NOT NULL,
  handling_opinion TEXT NOT NULL,
  handling_result TEXT NOT NULL,
  callback_note TEXT NOT NULL,
  satisfaction TEXT NOT NULL CHECK (satisfaction IN ('none', 'satisfied', 'basically_satisfied',
                                                     'dissatisfied')),
  handler TEXT NOT NULL,
  supervisor TEXT NOT NULL,
  first_contact_at INTEGER,
  replied_at INTEGER,
  withdrawn_at INTEGER,
  withdrawn_voluntarily INTEGER CHECK (withdrawn_voluntarily IN (0, 1)),
  resolved_on_the_spot INTEGER NOT NULL CHECK (resolved_on_the_spot IN (0, 1)),
  reopen_count INTEGER NOT NULL CHECK (reopen_count >= 0),
  revision INTEGER NOT NULL CHECK (revision >= 1)
);
CREATE INDEX tickets_by_status ON tickets(status);
CREATE INDEX tickets_by_filed_at ON tickets(filed_at);
CREATE INDEX tickets_by_phone_category ON tickets(phone, category, filed_at);
CREATE INDEX tickets_by_category_site ON tickets(category, site_code, filed_at);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  ticket_number TEXT NOT NULL REFERENCES tickets(number),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  note TEXT NOT NULL,
  data_json TEXT NOT NULL CHECK (json_valid(data_json))
);
CREATE INDEX events_by_ticket ON events(ticket_number, id);
-- The audit trail is append-only (docs/DOMAIN.md section 2): enforced by the database
-- itself, so no code path, complaintctl or sqlite3 shell session can rewrite history.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- AUTOINCREMENT: an outbox id is the desk's idempotency key and must never be reused,
-- even if sent rows are pruned some day.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_number TEXT NOT NULL REFERENCES tickets(number),
  kind TEXT NOT NULL CHECK (kind IN ('ticket', 'event')),
  event_id INTEGER REFERENCES events(id),
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  sent_at INTEGER,
  CHECK ((kind = 'event') = (event_id IS NOT NULL))
);
CREATE INDEX outbox_unsent ON outbox(id) WHERE sent_at IS NULL;
CREATE INDEX outbox_by_ticket ON outbox(ticket_number);

-- key: "<site>-<kiosk>-<YYYYMMDD>"; value: the last sequence handed out that day.
CREATE TABLE counters (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL CHECK (value >= 1)
) WITHOUT ROWID;
)sql";

// Version 2: receipt print jobs, so "printed" is recorded only when paper came out.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY,
  ticket_number TEXT NOT NULL REFERENCES tickets(number),
  state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'completed', 'failed', 'cancelled')),
  printer TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX print_jobs_by_ticket ON print_jobs(ticket_number, id);
)sql";

// Version 3: the verification's judgement and who is responsible (docs/DOMAIN.md §9).
constexpr const char* kVersion3 = R"sql(
ALTER TABLE tickets ADD COLUMN substantiated TEXT NOT NULL DEFAULT 'none'
  CHECK (substantiated IN ('none', 'substantiated', 'unsubstantiated', 'partly'));
ALTER TABLE tickets ADD COLUMN responsible_department TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN responsible_person TEXT NOT NULL DEFAULT '';
)sql";

// Retention (docs/DOMAIN.md §11): the legal hold, and the one change the append-only trail
// allows: a retention run blanking an event's note and personal data once its ticket is
// anonymised (content is the tombstone of core/retention/anonymise.h). Every other column of
// the event must stay, and nothing may delete one.
constexpr const char* kVersionRetention = R"sql(
ALTER TABLE tickets ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1));
DROP TRIGGER events_no_update;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  WHEN NOT (NEW.id = OLD.id AND NEW.ticket_number = OLD.ticket_number AND NEW.at = OLD.at
            AND NEW.actor = OLD.actor AND NEW.role = OLD.role AND NEW.action = OLD.action
            AND NEW.from_status = OLD.from_status AND NEW.to_status = OLD.to_status
            AND NEW.note IN ('', '[anonymised]')
            AND (SELECT content FROM tickets WHERE number = OLD.ticket_number) = '[anonymised]')
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
)sql";

// Customer notices (docs/DOMAIN.md §4a): the customer's optional email and the opt-in to be
// told of progress, taken at intake. Older rows: no email, not opted in.
constexpr const char* kVersionCustomerNotices = R"sql(
ALTER TABLE tickets ADD COLUMN customer_email TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN notify_customer INTEGER NOT NULL DEFAULT 0 CHECK (notify_customer IN (0, 1));
)sql";

// Extensions of resolve_by and a referral's own deadline (docs/DOMAIN.md §3a). Older rows:
// never extended, no request pending, no referrer's deadline.
constexpr const char* kVersionExtensions = R"sql(
ALTER TABLE tickets ADD COLUMN extension_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN resolve_by_original INTEGER;
ALTER TABLE tickets ADD COLUMN extension_requested_until INTEGER;
ALTER TABLE tickets ADD COLUMN extension_requested_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN extension_requested_by TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN referrer_deadline INTEGER;
)sql";

// A dissatisfied callback's escalation and a not-voluntary withdrawal's investigation
// (docs/DOMAIN.md §2). A withdrawal marked not voluntary before this has its investigation
// open; the partial index serves the supervisors' list of open investigations.
constexpr const char* kVersionEscalation = R"sql(
ALTER TABLE tickets ADD COLUMN escalation TEXT NOT NULL DEFAULT 'none'
  CHECK (escalation IN ('none', 'supervisor', 'executive', 'settled'));
ALTER TABLE tickets ADD COLUMN investigation TEXT NOT NULL DEFAULT 'none'
  CHECK (investigation IN ('none', 'open', 'closed'));
UPDATE tickets SET investigation = 'open' WHERE status = 'withdrawn' AND withdrawn_voluntarily = 0;
CREATE INDEX tickets_investigation_open ON tickets(id) WHERE investigation = 'open';
)sql";

// Group complaints detected at the desk (docs/DOMAIN.md §2): the group a ticket is linked to,
// the number of its first ticket. The partial indexes find a group's members and the open
// complaints of a category the rule counts at every filing.
constexpr const char* kVersionGroups = R"sql(
ALTER TABLE tickets ADD COLUMN group_id TEXT NOT NULL DEFAULT '';
CREATE INDEX tickets_by_group ON tickets(group_id) WHERE group_id <> '';
CREATE INDEX tickets_group_candidates ON tickets(category, filed_at)
  WHERE kind = 'complaint' AND status NOT IN ('archived', 'withdrawn');
)sql";

// The customer's topic (core/domain/taxonomy.h): what they chose on the kiosk in their own
// words. Older rows: none chosen.
constexpr const char* kVersionTopics = R"sql(
ALTER TABLE tickets ADD COLUMN topic TEXT NOT NULL DEFAULT '';
)sql";

// Short check codes (core/domain/check_code.h): unique per site by construction, and the
// index says so and finds a ticket by its code. Tickets from before get none (''): no kiosk
// had a check code station then, so no code could be derived that is sure to be unique.
constexpr const char* kVersionCheckCodes = R"sql(
ALTER TABLE tickets ADD COLUMN check_code TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX tickets_by_check_code ON tickets(check_code, site_code) WHERE check_code <> '';
)sql";

// Index i holds the step from version i to version i + 1.
constexpr std::array<Migration, 10> kMigrations{{
    {"tickets, events, outbox, counters", kVersion1},
    {"print_jobs", kVersion2},
    {"substantiated, responsible", kVersion3},
    {"legal hold, retention's anonymisation of events", kVersionRetention},
    {"customer email and notice opt-in", kVersionCustomerNotices},
    {"extensions and referral deadlines", kVersionExtensions},
    {"callback escalation, withdrawal investigation", kVersionEscalation},
    {"group complaints' links", kVersionGroups},
    {"customer topics", kVersionTopics},
    {"check codes", kVersionCheckCodes},
}};

Error newer_than_code(int version) {
  return Error::make(ErrorCode::storage,
                     "the database has schema version " + std::to_string(version) +
                         " but this program knows versions up to " + std::to_string(latest_schema_version()) +
                         "; refusing to open it (install the newer program, or restore a backup)",
                     "PRAGMA user_version", 0);
}

}  // namespace

int latest_schema_version() {
  return static_cast<int>(kMigrations.size());
}

Result<int> read_user_version(sqlite3* db) {
  TRY_ASSIGN(Statement statement, Statement::prepare(db, "PRAGMA user_version"));
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return Error::make(ErrorCode::storage, "PRAGMA user_version returned no row", "sqlite3_step", 0);
  return static_cast<int>(statement.column_int64(0));
}

Result<int> migrate(sqlite3* db, int target) {
  const int latest = latest_schema_version();
  if (target <= 0 || target > latest) target = latest;
  TRY_ASSIGN(int version, read_user_version(db));
  if (version > latest) return newer_than_code(version);
  if (version >= target) return version;

  TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(db));
  // Another process may have migrated while this one waited for the write lock.
  TRY_ASSIGN(version, read_user_version(db));
  if (version > latest) return newer_than_code(version);
  if (version >= target) return version;
  for (int step = version; step < target; ++step) {
    const Migration& migration = kMigrations[static_cast<std::size_t>(step)];
    TRY_VOID(exec_script(
        db, migration.sql,
        "migrating to schema version " + std::to_string(step + 1) + " (" + migration.description + ")"));
  }
  // user_version lives in the database header, so it commits (or rolls back) with the steps.
  TRY_VOID(exec_script(db, ("PRAGMA user_version = " + std::to_string(target)).c_str(),
                       "recording the schema version"));
  TRY_VOID(transaction.commit());
  return target;
}

}  // namespace complaint::store
