// FaultyDeskRepository and FaultyKioskSyncStore: wrap a real sync store and fail chosen
// operations on a script (after n calls, once or from then on). A scripted failure is
// returned before the real store is called, so it changes nothing (a rolled-back write).
#pragma once

#include "core/base/fault_script.h"
#include "core/sync/desk_repository.h"
#include "core/sync/kiosk_sync_store.h"

namespace complaint {

enum class DeskOperation {
  store_synced,
  changes_for_kiosk,
  registry,
  remember_nonce,
  users,
  count_rows,
  queue,
  help_requests,
  search
};

class FaultyDeskRepository final : public DeskRepository {
 public:
  explicit FaultyDeskRepository(DeskRepository& inner) : m_inner(inner) {}
  FaultScript<DeskOperation>& script() { return m_script; }

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
  Result<DeskQueuePage> queue(const DeskQueueQuery& query) override;
  Result<TicketSearchPage> search(const TicketSearch& query) override;
  Result<std::int64_t> count_rows(const std::string& table) override;
  Result<std::vector<DeskHelpRequest>> open_help_requests(int limit) override;
  Result<bool> attend_help_request(std::int64_t id, const std::string& staff, Instant at) override;

 private:
  DeskRepository& m_inner;
  FaultScript<DeskOperation> m_script;
};

enum class KioskSyncOperation {
  pending,
  mark_sent,
  mark_refused,
  refusals,
  record_failure,
  count_unsent,
  cursor,
  apply_remote,
  calendar,
  store_calendar,
  pending_help,
  mark_help_sent
};

class FaultyKioskSyncStore final : public KioskSyncStore {
 public:
  explicit FaultyKioskSyncStore(KioskSyncStore& inner) : m_inner(inner) {}
  FaultScript<KioskSyncOperation>& script() { return m_script; }

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

 private:
  KioskSyncStore& m_inner;
  FaultScript<KioskSyncOperation> m_script;
};

}  // namespace complaint
