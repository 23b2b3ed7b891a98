// SqliteGroupPort; see sqlite_groups.h.
#include "core/store/sqlite_groups.h"

#include "core/store/sqlite_notices.h"
#include "core/store/sqlite_statement.h"
#include "core/store/ticket_rows.h"

namespace complaint::store {

Result<void> SqliteGroupPort::lock_categories(const std::set<std::string>&) {
  return Ok{};  // BEGIN IMMEDIATE already made the caller the one writer
}

Result<GroupCount> SqliteGroupPort::count_candidates(const std::string& category, Instant since) {
  TRY_ASSIGN(Statement statement,
             Statement::prepare(m_db,
                                "SELECT coalesce(sum(phone <> '' OR customer_email <> ''), 0), "
                                "coalesce(sum(group_id <> ''), 0) FROM tickets INDEXED BY "
                                "tickets_group_candidates WHERE category = :category AND filed_at >= "
                                ":since AND kind = 'complaint' AND status NOT IN ('archived', 'withdrawn')"));
  statement.bind(":category", category).bind(":since", since);
  TRY_VOID(statement.step());
  return GroupCount{statement.column_int64(0), statement.column_int64(1)};
}

Result<std::vector<Ticket>> SqliteGroupPort::group_candidates(const std::string& category, Instant since) {
  TRY_ASSIGN(Statement statement,
             Statement::prepare(m_db, select_tickets_sql() +
                                          " WHERE category = :category AND filed_at >= :since AND kind = "
                                          "'complaint' AND status NOT IN ('archived', 'withdrawn') "
                                          "ORDER BY filed_at, number"));
  statement.bind(":category", category).bind(":since", since);
  return read_tickets(statement);
}

Result<void> SqliteGroupPort::store_group_link(const Ticket& ticket, const TicketEvent& event) {
  TRY_ASSIGN(Statement update, Statement::prepare(m_db, update_ticket_sql()));
  bind_ticket_state(update, ticket);
  update.bind(":number", ticket.number).bind(":revision", ticket.revision);
  TRY_VOID(update.run());
  if (sqlite3_changes(m_db) != 1) {
    return Error::make(ErrorCode::conflict, "ticket " + ticket.number +
                                                " changed while it was linked to group " + ticket.group_id);
  }
  TRY_ASSIGN(Statement insert, Statement::prepare(m_db, insert_event_sql()));
  bind_event(insert, event);
  return insert.run();
}

Result<void> SqliteGroupPort::add_notice(const Notice& notice) {
  return insert_notices(m_db, {notice});
}

}  // namespace complaint::store
