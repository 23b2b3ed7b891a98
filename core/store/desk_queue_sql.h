// The console queue's open tickets as an SQL condition, shared by the desk schema's partial
// indexes and the queue query (SQLite uses a partial index only when the query implies its
// WHERE). The queue's order, the next pending deadline, is next_deadline_sql() of
// core/deadlines/pending_deadlines_sql.h; desk_queue_index_sql() builds its index.
#pragma once

#include <functional>
#include <string>

#include "core/sync/ticket_search.h"

#define COMPLAINT_DESK_OPEN_SQL "status IN ('filed', 'forwarded', 'in_progress', 'replied', 'called_back')"

namespace complaint::store {

// The conditions of a ticket search both stores spell alike: the state asked for, and the
// searcher's scope (departments, confidential kinds and categories); each value goes through
// `bind`, which returns its placeholder (":b3", "$3"). Starts with " AND" when not empty.
std::string search_state_and_scope_sql(const TicketSearch& search,
                                       const std::function<std::string(const std::string&)>& bind);

// `SELECT count(*)` of the rows `from_where` ("FROM tickets WHERE ...") selects, stopping at
// one past kSearchCountCap (set_capped_total reads it).
std::string capped_count_sql(const std::string& from_where);

// CREATE INDEX tickets_queue: open tickets by next pending deadline, then number.
std::string desk_queue_index_sql();

}  // namespace complaint::store
