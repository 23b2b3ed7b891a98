// Test support for the sync unit tests: a kiosk (SQLite store + sync store + filing
// service) and a desk (SQLite stores + DeskSyncService) in one process, wired by a
// FakeTransport, with a FakeSigner and a FixedClock. Real stores; fakes only at the edges.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/calendar/work_calendar.h"
#include "core/config/config.h"
#include "core/domain/taxonomy.h"
#include "core/services/filing_service.h"
#include "core/store/sqlite_desk_state_store.h"
#include "core/store/sqlite_desk_store.h"
#include "core/store/sqlite_kiosk_sync_store.h"
#include "core/store/sqlite_store.h"
#include "core/sync/desk_sync_service.h"
#include "core/sync/fake_transport.h"
#include "core/sync/faulty_sync_stores.h"
#include "core/sync/sync_client.h"

namespace complaint::testing {

inline constexpr const char* kTestKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

// A kiosk as `complaintctl desk kiosk add` registers it: the desk holds only the public key
// of `secret_key_hex` (the kiosk's [sync] key).
KioskRecord registered_kiosk(const std::string& kiosk_id, const RequestSigner& signer, Instant at,
                             const std::string& secret_key_hex = kTestKey);
// A kiosk registered before Ed25519: the desk holds `shared_key_hex` in clear.
KioskRecord shared_key_kiosk(const std::string& kiosk_id, Instant at,
                             const std::string& shared_key_hex = kTestKey);

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  std::string file(const std::string& name) const { return (m_path / name).string(); }

 private:
  std::filesystem::path m_path;
};

template <class T>
T must(Result<T> result) {
  if (!result.ok()) {
    ADD_FAILURE() << "unexpected error: " << result.error().message;
    std::abort();
  }
  return std::move(result).value();
}

inline void must(Result<void> result) {
  if (!result.ok()) {
    ADD_FAILURE() << "unexpected error: " << result.error().message;
    std::abort();
  }
}

struct KioskSide {
  KioskSide(const std::string& path, const Clock& clock, const std::string& kiosk_id = "K1");
  Ticket file_one(const std::string& content);
  // The outbox's pending rows (at most `limit`, 0: all) as the batch the sync client sends.
  SyncBatch pending_batch(int limit = 0) const;

  Config config;
  Taxonomy taxonomy;
  std::unique_ptr<WorkCalendar> calendar;
  std::unique_ptr<SqliteTicketStore> store;
  std::unique_ptr<SqliteKioskSyncStore> sync;
  std::unique_ptr<FilingService> filing;
};

struct DeskSide {
  DeskSide(const std::string& path, const Clock& clock);
  // Every request goes through here (and through the fault wrapper).
  HttpResponse handle(const HttpRequest& request) { return service->handle(request); }
  std::int64_t rows(const std::string& table) { return must(store->count_rows(table)); }

  Config config;
  Taxonomy taxonomy;
  std::unique_ptr<WorkCalendar> calendar;
  FakeSigner signer;
  std::unique_ptr<SqliteDeskStore> store;
  std::unique_ptr<FaultyDeskRepository> faulty;
  std::unique_ptr<SqliteTicketStore> tickets;   // the register, as the console sees it
  std::unique_ptr<SqliteDeskStateStore> state;  // console sessions, throttle, form secrets
  std::unique_ptr<FilingService> staff;         // staff actions at the desk
  std::unique_ptr<DeskSyncService> service;
};

// A sync request carrying all of `kiosk`'s unsent rows (batch kiosk id: the kiosk's own, K1
// unless it was made as another), signed as `kiosk_id` with `key` at `at`.
HttpRequest signed_batch(KioskSide& kiosk, const RequestSigner& signer, const std::string& kiosk_id,
                         const std::string& key, Instant at,
                         SignatureScheme scheme = SignatureScheme::ed25519);

// A SyncClient for `kiosk` talking to `transport`.
SyncClient make_client(KioskSide& kiosk, Transport& transport, const RequestSigner& signer,
                       const Clock& clock, int batch_size = 50);

}  // namespace complaint::testing
