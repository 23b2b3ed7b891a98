// PgGroupPort; see pg_groups.h.
#include "drivers/postgres/pg_groups.h"

#include "drivers/postgres/pg_session.h"

namespace complaint::pg {

Result<void> PgGroupPort::lock_categories(const std::set<std::string>& categories) {
  // In sorted order (a std::set), so two writers never wait for each other's second lock.
  // The two-key form (class 7171004, the desk's next lock number) never meets the desk's
  // one-key locks (7171001-7171003).
  for (const std::string& category : categories) {
    TRY_VOID(m_session.exec("SELECT pg_advisory_xact_lock(7171004, hashtext('group:' || $1))", {category}));
  }
  return Ok{};
}

Result<GroupCount> PgGroupPort::count_candidates(const std::string& category, Instant since) {
  TRY_ASSIGN(
      const Rows rows,
      m_session.exec("SELECT count(*) FILTER (WHERE phone <> '' OR customer_email <> ''), "
                     "count(*) FILTER (WHERE group_id <> '') FROM tickets WHERE category = $1 AND "
                     "filed_at >= $2 AND kind = 'complaint' AND status NOT IN ('archived', 'withdrawn')",
                     {category, instant_param(since)}));
  TRY_ASSIGN(const std::int64_t with_contact, rows.int64(0, 0));
  TRY_ASSIGN(const std::int64_t linked, rows.int64(0, 1));
  return GroupCount{with_contact, linked};
}

Result<std::vector<Ticket>> PgGroupPort::group_candidates(const std::string& category, Instant since) {
  // READ COMMITTED: this statement, after the lock, sees what the lock's previous holder committed.
  TRY_ASSIGN(const Rows rows,
             m_session.exec("SELECT " + ticket_columns() +
                                " FROM tickets WHERE category = $1 AND filed_at >= $2 AND kind = 'complaint' "
                                "AND status NOT IN ('archived', 'withdrawn') ORDER BY filed_at, number",
                            {category, instant_param(since)}));
  return read_tickets(rows);
}

Result<void> PgGroupPort::store_group_link(const Ticket& ticket, const TicketEvent& event) {
  // The event-order lock, the ticket at its read revision, the desk-made event: as any action.
  TRY_VOID(store_applied(m_session, ticket, event));
  return Ok{};
}

Result<void> PgGroupPort::add_notice(const Notice& notice) {
  TRY_VOID(insert_notices(m_session, {notice}));
  return Ok{};
}

}  // namespace complaint::pg
