// SyncStatus: what a kiosk shows staff about its sync with the desk: how many outbox rows
// wait, when a round last succeeded, why the last one failed, and the rows the desk refused.
// SyncWorker keeps it up to date after each round; current_sync_status() adds the queue
// counted now, so the number is right between rounds and when sync is off.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "core/base/clock.h"
#include "core/base/error.h"
#include "core/store/ticket_repository.h"
#include "core/sync/kiosk_sync_store.h"

namespace complaint {

class SyncWorker;

struct SyncStatus {
  bool running = false;      // a worker drains the outbox; false: [sync] is off or could not start
  std::int64_t queued = -1;  // outbox rows the desk has not acknowledged; -1: could not count
  int rounds = 0;
  int consecutive_failures = 0;
  std::optional<Instant> last_success;  // when the last round without an error ended
  std::optional<Error> last_error;      // what ended the last round; empty after a success
  RefusalSummary refusals;              // rows the desk refused for good, as the last round left them
  std::chrono::milliseconds next_wait{0};
};

// The worker's status (`worker` null: sync is off) with `queued` counted in `repository`
// now (TicketRepository::count_unsent).
SyncStatus current_sync_status(TicketRepository& repository, const SyncWorker* worker);

}  // namespace complaint
