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

// The page of a walked search (search_walks_filing_order), both stores: `select_columns`
// ("SELECT id, number, ...") of the newest TicketSearch::walk_rows tickets `tickets_from` and
// `scope_where` select (the search without its words), that `words_where` keeps, newest
// first. The placeholders name the walk's rows, the limit and the offset. The walk is the
// subquery's LIMIT: the outer query stops at the page, so a dense word reads few rows.
// `order_again`: the outer query repeats the ORDER BY. PostgreSQL's planner knows a
// subquery's order and adds no sort (EXPLAIN: Limit over the Subquery Scan); SQLite reads its
// co-routine in order but would sort every walked row again for an outer ORDER BY (EXPLAIN
// QUERY PLAN: USE TEMP B-TREE FOR ORDER BY), so its order is the subquery's, unrepeated.
std::string walked_page_sql(const std::string& select_columns, const std::string& tickets_from,
                            const std::string& scope_where, const std::string& words_where,
                            const std::string& rows, const std::string& limit, const std::string& offset,
                            bool order_again);

// CREATE INDEX tickets_queue: open tickets by next pending deadline, then number.
std::string desk_queue_index_sql();

}  // namespace complaint::store
