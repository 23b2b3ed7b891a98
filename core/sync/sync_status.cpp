// current_sync_status(); see sync_status.h.
#include "core/sync/sync_status.h"

#include "core/sync/sync_worker.h"

namespace complaint {

SyncStatus current_sync_status(TicketRepository& repository, const SyncWorker* worker) {
  SyncStatus status = worker != nullptr ? worker->status() : SyncStatus{};
  const Result<std::int64_t> queued = repository.count_unsent();
  status.queued = queued.ok() ? *queued : -1;
  return status;
}

}  // namespace complaint
