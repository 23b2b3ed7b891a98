// BackgroundSync; see background_sync.h.
#include "kiosk/app/background_sync.h"

#include <algorithm>
#include <cstdio>

namespace complaint {

Result<std::unique_ptr<BackgroundSync>> BackgroundSync::start(
    const SyncConfig& sync, const std::string& kiosk_id, const std::string& db_path, Transport& transport,
    const RequestSigner& signer, const Clock& clock, const RetentionPolicy& retention,
    const Clock& retention_clock, SyncClient::CalendarListener on_calendar) {
  if (sync.key.empty()) {
    return Error::invalid("sync.key", "desk.error.not_configured",
                          "[sync] url is set but key is empty (see complaintctl desk kiosk add)");
  }
  std::unique_ptr<BackgroundSync> running(new BackgroundSync());
  TRY_ASSIGN(running->m_store, SqliteKioskSyncStore::open(db_path));
  SyncSettings settings;
  settings.kiosk_id = sync.kiosk_id.empty() ? kiosk_id : sync.kiosk_id;
  settings.key_hex = sync.key;
  settings.batch_size = sync.batch_size;
  running->m_client = std::make_unique<SyncClient>(*running->m_store, transport, signer, clock, settings);
  running->m_client->set_calendar_listener(std::move(on_calendar));
  BackoffPolicy policy;
  policy.interval = std::chrono::seconds(sync.interval_seconds);
  policy.cap = std::chrono::seconds(sync.backoff_max_seconds);
  policy.base = std::min(policy.base, policy.cap);
  running->m_worker = std::make_unique<SyncWorker>(*running->m_client, policy);
  TRY_ASSIGN(running->m_tickets, SqliteTicketStore::open(db_path));
  // The kiosk has no desk salt; its own key (never sent anywhere) keys the phone hash, in a
  // domain of its own so the hash is no signature of anything.
  const std::string key = sync.key;
  running->m_retention = std::make_unique<KioskRetention>(
      *running->m_tickets, retention, retention_clock, [&signer, key](std::string_view phone) {
        return signer.hmac_sha256_hex(key, "complaint-kiosk retention phone " + std::string(phone));
      });
  running->m_worker->start();
  running->m_watcher = std::thread([watched = running.get()] { watched->watch(); });
  return running;
}

BackgroundSync::~BackgroundSync() {
  {
    std::lock_guard lock(m_watch_mutex);
    m_stopping = true;
  }
  m_watch_stop.notify_all();
  if (m_watcher.joinable()) m_watcher.join();
  if (m_worker) m_worker->stop();
}

void BackgroundSync::watch() {
  const auto initial = m_store->count_unsent();
  std::int64_t seen = initial.ok() ? *initial : 0;
  std::unique_lock lock(m_watch_mutex);
  while (!m_watch_stop.wait_for(lock, kWatchInterval, [this] { return m_stopping; })) {
    lock.unlock();
    // The worker itself ignores a wake during a failure backoff: a desk that is down is
    // not hammered once per filed ticket.
    if (auto unsent = m_store->count_unsent(); unsent.ok()) {
      if (*unsent > seen) m_worker->wake();
      seen = *unsent;
    }
    if (auto ran = m_retention->tick(); ran && !ran->ok()) {
      std::fprintf(stderr, "complaint-kiosk: retention: %s\n", ran->error().message.c_str());
    } else if (ran && !(*ran)->due.empty()) {
      std::fprintf(stderr, "complaint-kiosk: retention: anonymised %zu ticket(s) the desk holds\n",
                   (*ran)->due.size());
    }
    lock.lock();
  }
}

}  // namespace complaint
