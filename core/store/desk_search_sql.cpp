// search_state_and_scope_sql and capped_count_sql; see desk_queue_sql.h.
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

}  // namespace complaint::store
