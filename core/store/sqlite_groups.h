// GroupComplaintPort on a desk's SQLite file (core/escalation/group_complaints.h), inside the
// write transaction the caller holds: SqliteTicketStore::insert_new and the sync batch's port.
// One writer at a time, so lock_categories has nothing to do.
#pragma once

#include <sqlite3.h>

#include "core/escalation/group_complaints.h"

namespace complaint::store {

class SqliteGroupPort final : public GroupComplaintPort {
 public:
  explicit SqliteGroupPort(sqlite3* db) : m_db(db) {}

  Result<void> lock_categories(const std::set<std::string>& categories) override;
  Result<GroupCount> count_candidates(const std::string& category, Instant since) override;
  Result<std::vector<Ticket>> group_candidates(const std::string& category, Instant since) override;
  Result<void> store_group_link(const Ticket& ticket, const TicketEvent& event) override;
  Result<void> add_notice(const Notice& notice) override;

 private:
  sqlite3* m_db;
};

}  // namespace complaint::store
