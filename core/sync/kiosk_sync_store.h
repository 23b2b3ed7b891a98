// KioskSyncStore: the kiosk side of sync on top of its store — unsent outbox rows as
// protocol items, marking rows sent only on the desk's acknowledgement, and storing the
// desk's status updates without creating outbox rows (no echo). SqliteKioskSyncStore
// (core/store/sqlite_kiosk_sync_store.h) implements it; FaultyKioskSyncStore scripts failures.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/sync/sync_protocol.h"

namespace complaint {

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
  // Counts a failed attempt on these rows and remembers why (for `complaintctl check`).
  virtual Result<void> record_failure(const std::vector<std::int64_t>& outbox_ids,
                                      const std::string& reason) = 0;
  virtual Result<std::int64_t> count_unsent() = 0;

  // The desk cursor stored by the last apply_remote (0 at first).
  virtual Result<std::int64_t> cursor() = 0;
  // Stores the desk's updates (ticket state; each event once, by desk id) and the new
  // cursor in one transaction. Returns how many events were new.
  virtual Result<int> apply_remote(const std::vector<StatusUpdate>& updates, std::int64_t new_cursor) = 0;
};

}  // namespace complaint
