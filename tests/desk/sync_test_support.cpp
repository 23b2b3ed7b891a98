// Test support for the sync unit tests; see sync_test_support.h.
#include "sync_test_support.h"

#include <unistd.h>
#include <atomic>

namespace complaint::testing {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  m_path = std::filesystem::temp_directory_path() /
           ("desk-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(m_path);
  std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(m_path, ignored);
}

KioskRecord registered_kiosk(const std::string& kiosk_id, const RequestSigner& signer, Instant at,
                             const std::string& secret_key_hex) {
  return KioskRecord{kiosk_id, KioskKeys{must(kiosk_public_key_hex(signer, secret_key_hex)), {}}, at,
                     std::nullopt};
}

KioskRecord shared_key_kiosk(const std::string& kiosk_id, Instant at, const std::string& shared_key_hex) {
  return KioskRecord{kiosk_id, KioskKeys{{}, shared_key_hex}, at, std::nullopt};
}

KioskSide::KioskSide(const std::string& path, const Clock& clock, const std::string& kiosk_id)
    : config(Config::defaults()), taxonomy(Taxonomy::defaults()) {
  config.site.kiosk_id = kiosk_id;
  calendar = std::make_unique<WorkCalendar>(must(WorkCalendar::create(config.calendar)));
  store = must(SqliteTicketStore::open(path));
  sync = must(SqliteKioskSyncStore::open(path));
  filing = std::make_unique<FilingService>(config, taxonomy, *calendar, *store, clock);
}

Ticket KioskSide::file_one(const std::string& content) {
  TicketDraft draft;
  draft.kind = "complaint";
  draft.channel = "kiosk";
  draft.category = "service_quality";
  draft.content = content;
  draft.anonymous = true;
  return must(filing->file(draft, FilingContext{}));
}

SyncBatch KioskSide::pending_batch(int limit) const {
  PendingItems pending = must(sync->pending(limit));
  SyncBatch batch;
  batch.kiosk_id = config.site.kiosk_id;
  batch.tickets = pending.tickets;
  batch.items = pending.items;
  return batch;
}

DeskSide::DeskSide(const std::string& path, const Clock& clock)
    : config(Config::defaults()), taxonomy(Taxonomy::defaults()) {
  calendar = std::make_unique<WorkCalendar>(must(WorkCalendar::create(config.calendar)));
  store = must(SqliteDeskStore::open(path));
  faulty = std::make_unique<FaultyDeskRepository>(*store);
  tickets = must(SqliteTicketStore::open(path));
  state = must(SqliteDeskStateStore::open(path));
  staff = std::make_unique<FilingService>(config, taxonomy, *calendar, *tickets, clock);
  service = std::make_unique<DeskSyncService>(*faulty, signer, clock, DeskSyncLimits{});
}

HttpRequest signed_batch(KioskSide& kiosk, const RequestSigner& signer, const std::string& kiosk_id,
                         const std::string& key, Instant at, SignatureScheme scheme) {
  PendingItems pending = must(kiosk.sync->pending(0));
  SyncBatch batch;
  batch.kiosk_id = kiosk.config.site.kiosk_id;
  batch.tickets = pending.tickets;
  batch.items = pending.items;
  HttpRequest request;
  request.path = kSyncPath;
  request.body = batch_to_json(batch);
  must(sign_request(request, signer, kiosk_id, key, at, scheme));
  return request;
}

SyncClient make_client(KioskSide& kiosk, Transport& transport, const RequestSigner& signer,
                       const Clock& clock, int batch_size) {
  SyncSettings settings;
  settings.kiosk_id = kiosk.config.site.kiosk_id;
  settings.key_hex = kTestKey;
  settings.batch_size = batch_size;
  return SyncClient(*kiosk.sync, transport, signer, clock, settings);
}

}  // namespace complaint::testing
