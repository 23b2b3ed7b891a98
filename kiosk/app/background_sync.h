// BackgroundSync: the kiosk's outbox drains to the desk ([sync] in the config) on a
// SyncWorker thread, so filing and the UI never wait on the network; the desk's status
// changes land in the same database, where the check-progress screen reads them. A new
// outbox row (a ticket just filed) wakes the worker within a second, so the receipt's QR
// page finds the ticket at the desk while the customer is still at the kiosk.
// The same watcher runs the kiosk's retention (core/retention/kiosk_retention.h): only a
// syncing kiosk has tickets the desk acknowledged, the condition for dropping its copy.
// main.cpp picks the transport (libcurl) and signer (libsodium) and passes them in.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/base/clock.h"
#include "core/config/config.h"
#include "core/retention/kiosk_retention.h"
#include "core/store/sqlite_kiosk_sync_store.h"
#include "core/store/sqlite_store.h"
#include "core/sync/sync_worker.h"

namespace complaint {

class BackgroundSync {
 public:
  // Opens the sync store on `db_path` and starts the worker. `transport`, `signer` and
  // `clock` (a real clock: requests are signed with the time) must outlive the result.
  // `retention`: the kiosk's reprint window, counted on `retention_clock` (the UI's clock,
  // which tests may fix); the phone hash is keyed with the kiosk's key.
  static Result<std::unique_ptr<BackgroundSync>> start(const SyncConfig& sync, const std::string& kiosk_id,
                                                       const std::string& db_path, Transport& transport,
                                                       const RequestSigner& signer, const Clock& clock,
                                                       const RetentionPolicy& retention,
                                                       const Clock& retention_clock,
                                                       SyncClient::CalendarListener on_calendar = {});
  ~BackgroundSync();  // stops the watcher and the worker (a request in flight finishes first)

  void wake() { m_worker->wake(); }
  SyncStatus status() const { return m_worker->status(); }
  const SyncWorker& worker() const { return *m_worker; }  // for Services::sync

  static constexpr std::chrono::seconds kWatchInterval{1};

 private:
  BackgroundSync() = default;
  void watch();  // wakes the worker whenever the unsent count grew since the last look

  std::unique_ptr<SqliteKioskSyncStore> m_store;
  std::unique_ptr<SqliteTicketStore> m_tickets;  // for the retention run
  std::unique_ptr<KioskRetention> m_retention;
  std::unique_ptr<SyncClient> m_client;
  std::unique_ptr<SyncWorker> m_worker;
  std::mutex m_watch_mutex;
  std::condition_variable m_watch_stop;
  bool m_stopping = false;
  std::thread m_watcher;
};

}  // namespace complaint
