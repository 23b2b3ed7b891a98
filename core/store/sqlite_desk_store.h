// SqliteDeskStore: DeskRepository on the desk's SQLite file, the default desk store.
// The file also holds the base schema, so the same path opens as a SqliteTicketStore
// (the TicketRepository the console uses); the desk tables (kiosks, sync_nonces,
// synced_items, staff_users, the notification outbox) are an extension schema with their own migration list.
#pragma once

#include <memory>
#include <string>

#include "core/notify/notice_store.h"
#include "core/sync/desk_repository.h"

namespace complaint {

class SqliteTicketStore;
namespace store {
class SqliteConnection;
}

class SqliteDeskStore final : public DeskRepository, public NoticeStore {
 public:
  // Creates the file if needed, migrates base and desk schema, runs quick_check.
  static Result<std::unique_ptr<SqliteDeskStore>> open(const std::string& path);
  // The same on the file `base` has opened, migrated and checked (no second quick_check);
  // `base` then writes the notices of its ticket writes (the desk's outbox is there).
  static Result<std::unique_ptr<SqliteDeskStore>> open(SqliteTicketStore& base);
  static int latest_desk_schema_version();
  ~SqliteDeskStore() override;

  Result<StoredBatch> store_synced(const SyncBatch& batch, Instant at) override;
  Result<ChangeFeed> changes_for_kiosk(const std::string& kiosk_id, std::int64_t cursor, int limit) override;
  Result<void> add_kiosk(const KioskRecord& kiosk) override;
  Result<bool> replace_kiosk_key(const std::string& kiosk_id, const std::string& public_key_hex) override;
  Result<std::optional<KioskRecord>> find_kiosk(const std::string& kiosk_id) override;
  Result<std::vector<KioskRecord>> kiosks() override;
  Result<void> remember_nonce(const std::string& kiosk_id, const std::string& nonce, Instant at,
                              Instant forget_before) override;
  Result<StaffUser> add_user(const StaffUser& user) override;
  Result<std::optional<StaffUser>> find_user(const std::string& name) override;
  Result<std::vector<StaffUser>> users() override;
  Result<bool> update_user_contact(const std::string& name, const StaffContact& contact) override;
  Result<bool> update_user(const StaffUser& user) override;
  Result<DeskQueuePage> queue(const DeskQueueQuery& query) override;    // sqlite_desk_queue.cpp
  Result<TicketSearchPage> search(const TicketSearch& query) override;  // sqlite_desk_search.cpp
  Result<std::int64_t> count_rows(const std::string& table) override;
  Result<std::vector<DeskHelpRequest>> open_help_requests(int limit) override;
  Result<bool> attend_help_request(std::int64_t id, const std::string& staff, Instant at) override;

  // NoticeStore (sqlite_notices.cpp)
  Result<std::vector<Notice>> claim_due(Instant now, Instant lease_until, const std::string& worker,
                                        int limit) override;
  Result<std::vector<NoticeDelivery>> deliveries(std::int64_t notice_id) override;
  Result<std::vector<bool>> add_scheduled(const std::vector<ScheduledNotice>& batch) override;
  Result<std::vector<bool>> record_results(const std::string& worker,
                                           const std::vector<NoticeResult>& results) override;
  Result<std::vector<Notice>> ticket_notices(const std::string& ticket_number) override;
  Result<std::vector<NoticeDelivery>> ticket_deliveries(const std::string& ticket_number) override;
  Result<std::vector<Notice>> troubled_notices(int limit) override;

 private:
  explicit SqliteDeskStore(std::unique_ptr<store::SqliteConnection> connection);
  std::unique_ptr<store::SqliteConnection> m_connection;
};

}  // namespace complaint
