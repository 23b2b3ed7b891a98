// KioskSyncStore: the kiosk side of sync on top of its store — unsent outbox rows as
// protocol items, marking rows sent only on the desk's acknowledgement (or its refusal, which
// is final and kept with its reason), and storing the
// desk's status updates without creating outbox rows (no echo). SqliteKioskSyncStore
// (core/store/sqlite_kiosk_sync_store.h) implements it; FaultyKioskSyncStore scripts failures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/calendar/holiday_data.h"
#include "core/sync/sync_protocol.h"

namespace complaint {

// What the kiosk keeps of the desk's refusals (docs/SYNC.md §7): how many rows it refused in
// all, and the latest one with its reason, for the staff screen and complaintctl sync.
struct RefusalSummary {
  std::int64_t count = 0;
  std::optional<ItemRefusal> latest;
};

struct PendingItems {
  std::vector<Ticket> tickets;  // the current snapshot of each ticket the items mention
  std::vector<SyncItem> items;  // unsent outbox rows in id order
};

class KioskSyncStore {
 public:
  virtual ~KioskSyncStore() = default;

  virtual Result<PendingItems> pending(int limit) = 0;
  // Marks these rows sent (rows already sent stay as they were).
  virtual Result<void> mark_sent(const std::vector<std::int64_t>& outbox_ids, Instant at) = 0;
  // The desk refused these rows for good: each leaves the queue (sent_at: the desk has
  // answered it) and its reason is kept (the kiosk_refusals table). Rows already answered
  // stay as they were.
  virtual Result<void> mark_refused(const std::vector<ItemRefusal>& refusals, Instant at) = 0;
  virtual Result<RefusalSummary> refusals() = 0;
  // Counts a failed attempt on these rows and remembers why (for `complaintctl check`).
  virtual Result<void> record_failure(const std::vector<std::int64_t>& outbox_ids,
                                      const std::string& reason) = 0;
  // Outbox rows and help requests the desk has not acknowledged (what waits for the desk).
  virtual Result<std::int64_t> count_unsent() = 0;

  // Help requests (core/sync/help_requests.h) the desk has not acknowledged, oldest first.
  virtual Result<std::vector<HelpRequest>> pending_help(int limit) = 0;
  // The desk holds these; they leave the queue (ids already marked stay as they were).
  virtual Result<void> mark_help_sent(const std::vector<std::int64_t>& ids, Instant at) = 0;

  // The desk cursor stored by the last apply_remote (0 at first).
  virtual Result<std::int64_t> cursor() = 0;
  // Stores the desk's updates (ticket state; each event once, by desk id) and the new
  // cursor in one transaction. Returns how many events were new.
  virtual Result<int> apply_remote(const std::vector<StatusUpdate>& updates, std::int64_t new_cursor) = 0;

  // The organisation's calendar as the desk last sent it; nullopt before the first.
  virtual Result<std::optional<StoredCalendar>> calendar() = 0;
  virtual Result<void> store_calendar(const StoredCalendar& calendar) = 0;
};

}  // namespace complaint
