// Row <-> struct mapping for tickets and events: the SQL column lists and the binders
// and readers that follow them, and the outbox count both kiosk connections share.
// Private to core/store. Identity columns (number,
// tracking token, site, kiosk) are written once by insert and never by update.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/domain/ticket.h"
#include "core/store/cohort_assembler.h"
#include "core/store/sqlite_statement.h"
#include "core/store/ticket_repository.h"

namespace complaint::store {

class SqliteConnection;

// "SELECT <every ticket column> FROM tickets"; append WHERE / ORDER BY.
const std::string& select_tickets_sql();
// The same without " FROM tickets", for a subquery named tickets.
const std::string& select_ticket_columns_sql();
// INSERT of every column with revision 1.
const std::string& insert_ticket_sql();
// UPDATE of the non-identity columns, revision + 1, WHERE number = :number AND revision = :revision.
const std::string& update_ticket_sql();

// Binds the identity parameters (insert only) and the state parameters (insert and update).
void bind_ticket_identity(Statement& statement, const Ticket& ticket);
void bind_ticket_state(Statement& statement, const Ticket& ticket);
// Reads the current row of a statement prepared from select_tickets_sql().
Result<Ticket> read_ticket(const Statement& statement);
// The ticket numbered `number` on a writer connection (inside its caller's transaction).
Result<std::optional<Ticket>> find_ticket(SqliteConnection& connection, const std::string& number);

// "SELECT <every event column> FROM events"; append WHERE / ORDER BY.
const char* select_events_sql();
// INSERT with parameters :ticket_number :at :actor :role :action :from_status :to_status :note :data_json.
const char* insert_event_sql();
void bind_event(Statement& statement, const TicketEvent& event);
Result<TicketEvent> read_event(const Statement& statement);
// Steps a statement prepared from select_events_sql() to its end.
Result<std::vector<TicketEvent>> read_events(Statement& statement);
// Steps a statement prepared from select_tickets_sql() to its end.
Result<std::vector<Ticket>> read_tickets(Statement& statement);

// TicketRepository::report_cohort's statements and readers: the report's fields only
// (report_fields_of). The period's tickets (parameters :from and :to), and the same with each
// ticket's count of events and report digest (core/store/report_digest.h).
const std::string& select_report_tickets_sql();
const std::string& select_report_digests_sql();
// The events of the period's tickets (:from, :to), or of the tickets numbered in :numbers (a
// JSON array), grouped by ticket in stored order.
const std::string& select_report_events_sql();
const std::string& select_report_events_of_sql();
// Adds the tickets of a select_report_tickets_sql statement, each waiting for its events.
Result<void> read_report_tickets(Statement& tickets, CohortAssembler& cohort);
// Adds the tickets of a select_report_digests_sql statement: with their events when the
// digest is current, else waiting for them.
Result<void> read_report_digests(Statement& tickets, CohortAssembler& cohort);
// Gives the waiting tickets the events of a select_report_events(_of)_sql statement.
Result<void> read_report_events(Statement& events, CohortAssembler& cohort);
// A ticket's digest (:number, :digest_count, :digest) into the row its events' trigger keeps.
const char* update_report_digest_sql();

// Outbox rows the desk has not acknowledged (sent_at IS NULL), counted on `db`.
Result<std::int64_t> count_unsent_outbox(sqlite3* db);

}  // namespace complaint::store
