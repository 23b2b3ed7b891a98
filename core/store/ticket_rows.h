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
#include "core/store/sqlite_statement.h"

namespace complaint::store {

class SqliteConnection;

// "SELECT <every ticket column> FROM tickets"; append WHERE / ORDER BY.
const std::string& select_tickets_sql();
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

// Outbox rows the desk has not acknowledged (sent_at IS NULL), counted on `db`.
Result<std::int64_t> count_unsent_outbox(sqlite3* db);

}  // namespace complaint::store
