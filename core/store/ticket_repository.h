// TicketRepository: the storage interface the services use. SqliteTicketStore
// (core/store/sqlite_store.h) implements it for kiosks and the default desk; the desk's
// PostgreSQL store implements it too; FakeTicketRepository is the scriptable fake.
// Invariant: a ticket, its events and its outbox rows change together or not at all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/config/config.h"
#include "core/domain/ticket.h"

namespace complaint {

struct NewTicketRequest {
  Ticket ticket;            // every field but id, number and revision
  TicketEvent first_event;  // action "file"; ticket_number filled in by the store
  std::string local_date;   // YYYYMMDD in the site's zone: the number's date and counter key
  // A desk store links the new ticket into a group complaint by this policy, in the same
  // transaction (core/escalation/group_complaints.h); a kiosk's store ignores it.
  GroupPolicy group_policy;
  // The desk intake form's idempotency token (desk/console_intake.cpp), empty for every other
  // filer. A key stored already makes insert_new return the ticket filed under it and write
  // nothing, so a form submitted twice files once. Kept in the desk's intake_keys table
  // (intake_keys_sql.h) in the ticket's transaction; a store without that table refuses a key.
  std::string intake_key;
  // The filing kiosk's check code station ([kiosk] check_code_station, 1-31), so the ticket
  // gets its short check code (core/domain/check_code.h); nullopt: none. A desk's store
  // ignores it and always uses station 0, the desk's own (check_code_station_of).
  std::optional<int> check_code_station;
};

struct TicketQuery {
  std::optional<Status> status;
  std::optional<Instant> overdue_at;  // open tickets with any pending deadline before this
  std::optional<std::string> month;   // "YYYY-MM" of filed_at in the site zone (caller converts)
  std::optional<Instant> filed_from;  // inclusive
  std::optional<Instant> filed_to;    // exclusive
  std::optional<std::string> category;
  // e.g. open: the supervisors' list of not-voluntary withdrawals still to investigate
  std::optional<Investigation> investigation;
  // The members of one group complaint (Ticket::group_id), in any state.
  std::optional<std::string> group_id;
  // The ticket with this check code (six stored symbols, core/domain/check_code.h).
  std::optional<std::string> check_code;
  int limit = 0;  // 0: no limit
};

// One ticket's anonymisation for TicketRepository::anonymise_batch: the ticket with its
// personal fields replaced (revision as read), the events whose note or data changed, and the
// purge event to append.
struct Anonymisation {
  Ticket ticket;
  std::vector<TicketEvent> rewritten;
  TicketEvent purge;
};

struct OutboxEntry {
  std::int64_t id = 0;
  std::string ticket_number;
  std::string kind;  // "ticket" or "event"
  std::int64_t event_id = 0;
  Instant created_at{};
  int attempts = 0;
};

// A ticket with its events in stored order: a report's cohort (core/reports/monthly_report.h).
struct TicketHistory {
  Ticket ticket;
  std::vector<TicketEvent> events;  // in the order they were stored
};

// What TicketRepository::report_cohort fills, in one place for every store. Of a ticket: id,
// number, kind, category, channel, site_code, kiosk_id, severity, major, group, anonymous,
// repeat_of, filed_at and the deadlines forward_by, contact_by, resolve_by, answer_by,
// callback_by; every other field keeps its default. Of an event: at, role, action, to, and
// data_json only for the actions whose data the report reads (report_data_actions), with only
// the keys it reads (report_data_keys) when it comes from a report digest, "{}" for the other
// actions; id, ticket_number (the history's ticket has it), actor, note and from keep their
// defaults.
// These are the fields monthly_report (facts_as_of) and clock_outcomes read: a report
// that reads another must add it here and to each store's query, or load_cohort's full rows.
const std::vector<std::string_view>& report_data_actions();
bool report_reads_data(std::string_view action);
// The keys of those actions' data the report reads (none of them personal: retention keeps them).
const std::vector<std::string_view>& report_data_keys();
// "'forward', 'withdraw', ..." of report_data_actions, for the stores' SQL.
std::string report_data_actions_sql();
// The report's fields of a full ticket or event, as report_cohort returns them (the fake's).
Ticket report_fields_of(const Ticket& ticket);
TicketEvent report_fields_of(const TicketEvent& event);

// The errors every ticket store (SQLite, PostgreSQL, the fake) and the services above them
// give for a number they do not hold and for an update based on a revision that is no
// longer the stored one (optimistic concurrency), in one wording.
inline Error unknown_ticket_error(const std::string& number) {
  return Error::not_found("number", "error.ticket.not_found", "no ticket " + number);
}
// What every store checks before it numbers a new ticket, worded alike on each: the site
// code and the kiosk id each under its own field, then the local date (YYYYMMDD).
Result<void> check_new_ticket(const NewTicketRequest& request);
// An intake key (NewTicketRequest::intake_key): 16-64 characters of A-Z, a-z, 0-9, '-', '_'.
bool is_valid_intake_key(const std::string& key);
// The key of the per-site, per-kiosk, per-day counter a new number's sequence comes from.
std::string ticket_counter_key(const NewTicketRequest& request);
// The check code station a new ticket is coded under: 0 on a desk's store (every ticket filed
// there is the desk's), else the kiosk's request.check_code_station; nullopt: no code.
std::optional<int> check_code_station_of(const NewTicketRequest& request, bool desk_store);
// The key of the per-site, per-station, per-day counter a check code's sequence comes from.
// The desk's station 0 counts every desk station of the site together, so two intake stations
// (or complaintctl) never share a code; it never meets a number's counter key (no ':' there).
std::string check_code_counter_key(const NewTicketRequest& request, int station);
// The check code of the ticket `request` files as the `sequence`-th of its counter, or empty
// past the day's capacity (check_code.h).
std::string check_code_for(const NewTicketRequest& request, int station, std::int64_t sequence);

inline Error stale_revision_error(const std::string& number, std::int64_t given, std::int64_t stored) {
  return Error::make(ErrorCode::conflict,
                     "ticket " + number + " was changed meanwhile (revision " + std::to_string(given) +
                         " is stale, stored is " + std::to_string(stored) + "); reload and retry",
                     "apply", 0);
}

class TicketRepository {
 public:
  virtual ~TicketRepository() = default;

  // Allocates the next daily sequence, formats the number, inserts ticket, first event
  // and outbox row in one transaction; returns the stored ticket.
  virtual Result<Ticket> insert_new(const NewTicketRequest& request) = 0;
  virtual Result<std::optional<Ticket>> find(const std::string& number) = 0;
  virtual Result<std::vector<Ticket>> list(const TicketQuery& query) = 0;
  virtual Result<std::vector<TicketEvent>> events(const std::string& number) = 0;
  // The events of every ticket filed in [from, to), grouped by ticket number, each ticket's
  // in stored order: one query for a report's cohort instead of one per ticket.
  virtual Result<std::vector<TicketEvent>> events_filed(Instant from, Instant to) = 0;
  // A report's cohort, slim: every ticket filed in [from, to) in filed_at, id order, each with
  // its events in stored order, with only the fields a monthly report reads (report_fields_of
  // above). Measured: the full rows (list + events_filed) made most of a month's report on a
  // 1,000,000-ticket year (docs/BENCHMARKS.md).
  virtual Result<std::vector<TicketHistory>> report_cohort(Instant from, Instant to) = 0;
  // Stores `updated` if the stored revision still equals updated.revision (else
  // conflict), appends the event and an outbox row; returns the ticket as stored.
  virtual Result<Ticket> apply(const Ticket& updated, const TicketEvent& event) = 0;
  // Retention (core/retention): stores `anonymised` under the same revision check as apply,
  // rewrites the note and data of each of `rewritten` (by id; the one change the
  // append-only trail allows, once the ticket is anonymised) and appends `purge`, all in one
  // transaction and with no outbox row: every copy of a ticket anonymises itself.
  virtual Result<Ticket> anonymise(const Ticket& anonymised, const std::vector<TicketEvent>& rewritten,
                                   const TicketEvent& purge) = 0;
  // The same for many tickets in one transaction (a retention run's page): a ticket changed
  // meanwhile is skipped, not an error; the answer says per item whether it was stored.
  // Measured: one transaction per ticket made a 1,000,000-ticket catch-up run take hours on
  // PostgreSQL (a commit and the event-order lock each); see docs/BENCHMARKS.md.
  virtual Result<std::vector<bool>> anonymise_batch(const std::vector<Anonymisation>& batch) = 0;
  // At the end of every applying retention run (once, not per page: the SQLite merge below
  // rewrites the whole index), makes what anonymisation replaced unreadable in the store's
  // own structures. SQLite: a contentless FTS5 index (the desk's ticket_text) keeps a deleted
  // document's terms in its older segments until they are merged, so pieces of an anonymised
  // complaint stayed in the file; 'optimize' merges every segment, and secure_delete zeroes
  // the freed pages. PostgreSQL: VACUUM drops the dead row versions and their index entries.
  virtual Result<void> purge_replaced_text() = 0;
  // Retention's selection, in the store: up to `limit` archived or withdrawn tickets with id
  // above `after_id`, in id order, not yet anonymised, that were closed (an event into
  // archived or withdrawn, or withdrawn_at) at or before `closed_before`. A superset of the
  // due ones (a reopened and re-archived ticket's last closing decides); the run checks each.
  virtual Result<std::vector<Ticket>> retention_page(Instant closed_before, std::int64_t after_id,
                                                     int limit) = 0;
  // The events of the given tickets, grouped by ticket number, each ticket's in stored order.
  virtual Result<std::vector<TicketEvent>> events_of(const std::vector<std::string>& numbers) = 0;

  // Escalation look-ups.
  virtual Result<std::optional<std::string>> latest_by_phone_category(const std::string& phone,
                                                                      const std::string& category,
                                                                      Instant since) = 0;

  // Unsent outbox rows in id order (the fake keeps no sent state: all of its rows).
  virtual Result<std::vector<OutboxEntry>> outbox(int limit) = 0;
  // How many outbox rows the desk has not acknowledged yet: one COUNT, whatever the length.
  virtual Result<std::int64_t> count_unsent() = 0;
  virtual Result<std::int64_t> count_tickets() = 0;
};

}  // namespace complaint
