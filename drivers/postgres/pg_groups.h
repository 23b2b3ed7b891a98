// GroupComplaintPort on PostgreSQL (core/escalation/group_complaints.h), inside the caller's
// transaction: PgDeskStore::insert_new and the sync batch's port. Several desks may write at
// once, so detection of a category is serialised by a transaction-scoped advisory lock taken
// before the event-order lock (lock_event_order): every caller takes them in that order.
#pragma once

#include "core/escalation/group_complaints.h"

namespace complaint::pg {

class Session;

class PgGroupPort final : public GroupComplaintPort {
 public:
  explicit PgGroupPort(Session& session) : m_session(session) {}

  Result<void> lock_categories(const std::set<std::string>& categories) override;
  Result<GroupCount> count_candidates(const std::string& category, Instant since) override;
  Result<std::vector<Ticket>> group_candidates(const std::string& category, Instant since) override;
  Result<void> store_group_link(const Ticket& ticket, const TicketEvent& event) override;
  Result<void> add_notice(const Notice& notice) override;

 private:
  Session& m_session;
};

}  // namespace complaint::pg
