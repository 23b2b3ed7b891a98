// SqliteDeskStore::queue: the console's queue chosen in SQL, so 100,000 tickets are
// scanned once in the engine and only the first `limit` rows are read into Tickets.
// The order is core/deadlines' next pending deadline (the rule the console labels the rows
// with afterwards), spelled as the tickets_queue index spells it so the index serves it.
#include <string>

#include "core/deadlines/pending_deadlines_sql.h"
#include "core/store/desk_queue_sql.h"
#include "core/store/sqlite_connection.h"
#include "core/store/sqlite_desk_store.h"
#include "core/store/sqlite_statement.h"
#include "core/store/ticket_rows.h"

namespace complaint {

using store::Statement;

namespace {

// The WHERE clause of the query's filters; binds are named :status, :category, ... .
std::string filters(const DeskQueueQuery& query) {
  std::string where = " WHERE " COMPLAINT_DESK_OPEN_SQL;
  if (query.status) where += " AND status = :status";
  if (!query.category.empty()) where += " AND category = :category";
  if (!query.department.empty()) where += " AND department = :department";
  if (query.major) where += " AND major = :major";
  if (query.group) where += " AND group_complaint = :group";
  const auto not_in = [&where](const char* column, const char* prefix, std::size_t count) {
    if (count == 0) return;
    where += std::string(" AND ") + column + " NOT IN (";
    for (std::size_t i = 0; i < count; ++i)
      where += (i ? ", :" : ":") + std::string(prefix) + std::to_string(i);
    where += ")";
  };
  if (query.departments_in) {
    for (std::size_t i = 0; i < query.departments_in->size(); ++i)
      where += (i ? ", :d" : " AND department IN (:d") + std::to_string(i);
    if (!query.departments_in->empty()) where += ")";
  }
  not_in("kind", "hk", query.hidden_kinds.size());
  not_in("category", "hc", query.hidden_categories.size());
  return where;
}

void bind_filters(Statement& statement, const DeskQueueQuery& query) {
  if (query.status) statement.bind(":status", to_string(*query.status));
  if (!query.category.empty()) statement.bind(":category", query.category);
  if (!query.department.empty()) statement.bind(":department", query.department);
  if (query.major) statement.bind(":major", *query.major);
  if (query.group) statement.bind(":group", *query.group);
  if (query.departments_in) {
    for (std::size_t i = 0; i < query.departments_in->size(); ++i) {
      statement.bind((":d" + std::to_string(i)).c_str(), (*query.departments_in)[i]);
    }
  }
  for (std::size_t i = 0; i < query.hidden_kinds.size(); ++i) {
    statement.bind((":hk" + std::to_string(i)).c_str(), query.hidden_kinds[i]);
  }
  for (std::size_t i = 0; i < query.hidden_categories.size(); ++i) {
    statement.bind((":hc" + std::to_string(i)).c_str(), query.hidden_categories[i]);
  }
}

}  // namespace

namespace store {

std::string desk_queue_index_sql() {
  return "CREATE INDEX tickets_queue ON tickets(" + next_deadline_sql(SqlDialect::sqlite) +
         ", number) WHERE " COMPLAINT_DESK_OPEN_SQL;
}

}  // namespace store

Result<DeskQueuePage> SqliteDeskStore::queue(const DeskQueueQuery& query) {
  // No department at all: nothing (a handler whose account names none sees no ticket). Not
  // as SQL: "AND 0" leaves the planner no way through the forced queue index.
  if (query.departments_in && query.departments_in->empty()) return DeskQueuePage{};
  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  TRY_ASSIGN(store::ReadTransaction snapshot, store::ReadTransaction::begin(db));
  const std::string where = filters(query);
  static const std::string next_deadline = next_deadline_sql(SqlDialect::sqlite);
  DeskQueuePage page;

  // Unfiltered, both counts are ranges of the partial index; with filters the planner
  // picks (a filter's own index is usually the better start).
  const bool unfiltered = !query.status && query.category.empty() && query.department.empty() &&
                          !query.major && !query.group && !query.departments_in &&
                          query.hidden_kinds.empty() && query.hidden_categories.empty();
  const std::string counted_from = unfiltered ? " FROM tickets INDEXED BY tickets_queue" : " FROM tickets";
  TRY_ASSIGN(Statement counts,
             Statement::prepare(db, "SELECT (SELECT count(*)" + counted_from + where + "), (SELECT count(*)" +
                                        counted_from + where + " AND " + next_deadline + " < :now)"));
  bind_filters(counts, query);
  counts.bind(":now", query.now);
  TRY_ASSIGN(const bool counted, counts.step());
  if (counted) {
    page.total = counts.column_int64(0);
    page.overdue = counts.column_int64(1);
  }

  // In index order, so the engine stops after `limit` matching rows instead of sorting all.
  TRY_ASSIGN(Statement rows,
             Statement::prepare(db, store::select_tickets_sql() + " INDEXED BY tickets_queue" + where +
                                        " ORDER BY " + next_deadline + ", number LIMIT :limit"));
  bind_filters(rows, query);
  rows.bind(":limit", query.limit);
  while (true) {
    TRY_ASSIGN(const bool row, rows.step());
    if (!row) break;
    TRY_ASSIGN(Ticket ticket, store::read_ticket(rows));
    page.tickets.push_back(std::move(ticket));
  }

  TRY_ASSIGN(
      Statement departments,
      Statement::prepare(db,
                         "SELECT DISTINCT department FROM tickets INDEXED BY tickets_open_by_department "
                         "WHERE department != '' AND " COMPLAINT_DESK_OPEN_SQL " ORDER BY 1"));
  while (true) {
    TRY_ASSIGN(const bool row, departments.step());
    if (!row) break;
    page.departments.push_back(departments.column_text(0));
  }
  return page;
}

}  // namespace complaint
