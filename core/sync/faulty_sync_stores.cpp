// The fault-injecting sync store wrappers; see faulty_sync_stores.h.
#include "core/sync/faulty_sync_stores.h"

namespace complaint {

#define FAULT_OR_FORWARD(operation, call)                                 \
  if (auto error = m_script.on_call(operation)) return *std::move(error); \
  return m_inner.call

Result<StoredBatch> FaultyDeskRepository::store_synced(const SyncBatch& batch, Instant at) {
  FAULT_OR_FORWARD(DeskOperation::store_synced, store_synced(batch, at));
}
Result<ChangeFeed> FaultyDeskRepository::changes_for_kiosk(const std::string& kiosk_id, std::int64_t cursor,
                                                           int limit) {
  FAULT_OR_FORWARD(DeskOperation::changes_for_kiosk, changes_for_kiosk(kiosk_id, cursor, limit));
}
Result<void> FaultyDeskRepository::add_kiosk(const KioskRecord& kiosk) {
  FAULT_OR_FORWARD(DeskOperation::registry, add_kiosk(kiosk));
}
Result<bool> FaultyDeskRepository::replace_kiosk_key(const std::string& kiosk_id,
                                                     const std::string& public_key_hex) {
  FAULT_OR_FORWARD(DeskOperation::registry, replace_kiosk_key(kiosk_id, public_key_hex));
}
Result<std::optional<KioskRecord>> FaultyDeskRepository::find_kiosk(const std::string& kiosk_id) {
  FAULT_OR_FORWARD(DeskOperation::registry, find_kiosk(kiosk_id));
}
Result<std::vector<KioskRecord>> FaultyDeskRepository::kiosks() {
  FAULT_OR_FORWARD(DeskOperation::registry, kiosks());
}
Result<void> FaultyDeskRepository::remember_nonce(const std::string& kiosk_id, const std::string& nonce,
                                                  Instant at, Instant forget_before) {
  FAULT_OR_FORWARD(DeskOperation::remember_nonce, remember_nonce(kiosk_id, nonce, at, forget_before));
}
Result<StaffUser> FaultyDeskRepository::add_user(const StaffUser& user) {
  FAULT_OR_FORWARD(DeskOperation::users, add_user(user));
}
Result<std::optional<StaffUser>> FaultyDeskRepository::find_user(const std::string& name) {
  FAULT_OR_FORWARD(DeskOperation::users, find_user(name));
}
Result<std::vector<StaffUser>> FaultyDeskRepository::users() {
  FAULT_OR_FORWARD(DeskOperation::users, users());
}
Result<bool> FaultyDeskRepository::update_user_contact(const std::string& name, const StaffContact& contact) {
  FAULT_OR_FORWARD(DeskOperation::users, update_user_contact(name, contact));
}
Result<bool> FaultyDeskRepository::update_user(const StaffUser& user) {
  FAULT_OR_FORWARD(DeskOperation::users, update_user(user));
}
Result<DeskQueuePage> FaultyDeskRepository::queue(const DeskQueueQuery& query) {
  FAULT_OR_FORWARD(DeskOperation::queue, queue(query));
}

Result<TicketSearchPage> FaultyDeskRepository::search(const TicketSearch& query) {
  FAULT_OR_FORWARD(DeskOperation::search, search(query));
}
Result<std::int64_t> FaultyDeskRepository::count_rows(const std::string& table) {
  FAULT_OR_FORWARD(DeskOperation::count_rows, count_rows(table));
}
Result<std::vector<DeskHelpRequest>> FaultyDeskRepository::open_help_requests(int limit) {
  FAULT_OR_FORWARD(DeskOperation::help_requests, open_help_requests(limit));
}
Result<bool> FaultyDeskRepository::attend_help_request(std::int64_t id, const std::string& staff,
                                                       Instant at) {
  FAULT_OR_FORWARD(DeskOperation::help_requests, attend_help_request(id, staff, at));
}

Result<PendingItems> FaultyKioskSyncStore::pending(int limit) {
  FAULT_OR_FORWARD(KioskSyncOperation::pending, pending(limit));
}
Result<void> FaultyKioskSyncStore::mark_sent(const std::vector<std::int64_t>& outbox_ids, Instant at) {
  FAULT_OR_FORWARD(KioskSyncOperation::mark_sent, mark_sent(outbox_ids, at));
}
Result<void> FaultyKioskSyncStore::mark_refused(const std::vector<ItemRefusal>& refusals, Instant at) {
  FAULT_OR_FORWARD(KioskSyncOperation::mark_refused, mark_refused(refusals, at));
}
Result<RefusalSummary> FaultyKioskSyncStore::refusals() {
  FAULT_OR_FORWARD(KioskSyncOperation::refusals, refusals());
}
Result<void> FaultyKioskSyncStore::record_failure(const std::vector<std::int64_t>& outbox_ids,
                                                  const std::string& reason) {
  FAULT_OR_FORWARD(KioskSyncOperation::record_failure, record_failure(outbox_ids, reason));
}
Result<std::int64_t> FaultyKioskSyncStore::count_unsent() {
  FAULT_OR_FORWARD(KioskSyncOperation::count_unsent, count_unsent());
}
Result<std::vector<HelpRequest>> FaultyKioskSyncStore::pending_help(int limit) {
  FAULT_OR_FORWARD(KioskSyncOperation::pending_help, pending_help(limit));
}
Result<void> FaultyKioskSyncStore::mark_help_sent(const std::vector<std::int64_t>& ids, Instant at) {
  FAULT_OR_FORWARD(KioskSyncOperation::mark_help_sent, mark_help_sent(ids, at));
}
Result<std::int64_t> FaultyKioskSyncStore::cursor() {
  FAULT_OR_FORWARD(KioskSyncOperation::cursor, cursor());
}
Result<int> FaultyKioskSyncStore::apply_remote(const std::vector<StatusUpdate>& updates,
                                               std::int64_t new_cursor) {
  FAULT_OR_FORWARD(KioskSyncOperation::apply_remote, apply_remote(updates, new_cursor));
}
Result<std::optional<StoredCalendar>> FaultyKioskSyncStore::calendar() {
  FAULT_OR_FORWARD(KioskSyncOperation::calendar, calendar());
}
Result<void> FaultyKioskSyncStore::store_calendar(const StoredCalendar& calendar) {
  FAULT_OR_FORWARD(KioskSyncOperation::store_calendar, store_calendar(calendar));
}

#undef FAULT_OR_FORWARD

}  // namespace complaint
