// search_state_and_scope_sql, capped_count_sql and walked_page_sql; see desk_queue_sql.h.
#include "core/store/desk_queue_sql.h"

namespace complaint::store {

std::string search_state_and_scope_sql(const TicketSearch& search,
                                       const std::function<std::string(const std::string&)>& bind) {
  std::string where;
  switch (search.state) {
    case SearchState::any:
      break;
    case SearchState::open:
      where += " AND " COMPLAINT_DESK_OPEN_SQL;
      break;
    case SearchState::archived:
      where += " AND status = 'archived'";
      break;
    case SearchState::withdrawn:
      where += " AND status = 'withdrawn'";
      break;
  }
  if (search.departments_in) {
    for (std::size_t i = 0; i < search.departments_in->size(); ++i)
      where += (i ? ", " : " AND department IN (") + bind((*search.departments_in)[i]);
    where += ")";
  }
  for (const std::string& kind : search.hidden_kinds) where += " AND kind <> " + bind(kind);
  for (const std::string& category : search.hidden_categories) where += " AND category <> " + bind(category);
  return where;
}

std::string capped_count_sql(const std::string& from_where) {
  return "SELECT count(*) FROM (SELECT 1 " + from_where + " LIMIT " + std::to_string(kSearchCountCap + 1) +
         ") AS capped";
}

std::string walked_page_sql(const std::string& select_columns, const std::string& tickets_from,
                            const std::string& scope_where, const std::string& words_where,
                            const std::string& rows, const std::string& limit, const std::string& offset,
                            bool order_again) {
  const std::string newest_first = " ORDER BY filed_at DESC, id DESC";
  return select_columns + " FROM (SELECT * " + tickets_from + scope_where + newest_first + " LIMIT " + rows +
         ") AS tickets" + words_where + (order_again ? newest_first : "") + " LIMIT " + limit + " OFFSET " +
         offset;
}

}  // namespace complaint::store
