// SqliteKioskSyncStore: KioskSyncStore on the kiosk's SQLite file, through a connection
// of its own (the sync thread never waits on the UI's connection mutex; SQLite's locks
// and busy timeout order the two writers). Adds tables sync_state, remote_events,
// kiosk_refusals, kiosk_calendar and kiosk_help_requests. Also the kiosk's HelpRequests: the
// UI opens one of its own for them.
#pragma once

#include <memory>
#include <string>

#include "core/sync/help_requests.h"
#include "core/sync/kiosk_sync_store.h"

namespace complaint {

namespace store {
class SqliteConnection;
}

class SqliteKioskSyncStore final : public KioskSyncStore, public HelpRequests {
 public:
  static Result<std::unique_ptr<SqliteKioskSyncStore>> open(const std::string& path);
  ~SqliteKioskSyncStore() override;

  Result<PendingItems> pending(int limit) override;
  Result<void> mark_sent(const std::vector<std::int64_t>& outbox_ids, Instant at) override;
  Result<void> mark_refused(const std::vector<ItemRefusal>& refusals, Instant at) override;
  Result<RefusalSummary> refusals() override;
  Result<void> record_failure(const std::vector<std::int64_t>& outbox_ids,
                              const std::string& reason) override;
  Result<std::int64_t> count_unsent() override;
  Result<std::int64_t> cursor() override;
  Result<int> apply_remote(const std::vector<StatusUpdate>& updates, std::int64_t new_cursor) override;
  Result<std::optional<StoredCalendar>> calendar() override;
  Result<void> store_calendar(const StoredCalendar& calendar) override;
  Result<std::vector<HelpRequest>> pending_help(int limit) override;
  Result<void> mark_help_sent(const std::vector<std::int64_t>& ids, Instant at) override;

  // HelpRequests
  Result<HelpRequest> record(const std::string& screen, const std::string& language, Instant at) override;
  Result<bool> delivered(std::int64_t id) override;

 private:
  explicit SqliteKioskSyncStore(std::unique_ptr<store::SqliteConnection> connection);
  std::unique_ptr<store::SqliteConnection> m_connection;
};

}  // namespace complaint
