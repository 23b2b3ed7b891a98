// SyncClient: one kiosk's side of the protocol. drain() sends the outbox in signed
// batches until it is empty and the desk has no more updates, or until the first
// failure. Invariant: a row leaves the queue only when the desk acknowledged it, or refused
// it for good (then with its reason, never retried, never blocking the rows behind it); the
// desk cursor advances only together with storing the updates it covers.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/base/clock.h"
#include "core/sync/kiosk_sync_store.h"
#include "core/sync/request_auth.h"
#include "core/sync/transport.h"

namespace complaint {

struct SyncSettings {
  std::string kiosk_id;
  std::string key_hex;
  int batch_size = 200;                     // outbox rows per request at most...
  std::size_t max_body_bytes = 512 * 1024;  // ...and requests stay under this (the desk caps at 1 MiB)
  int max_requests = 0;                     // per drain(); 0: until done
};

struct SyncRound {
  int requests = 0;               // requests that got an HTTP answer
  int sent = 0;                   // outbox rows sent (a retried row counts each time)
  int acknowledged = 0;           // rows the desk confirmed and that are now marked sent
  int help_delivered = 0;         // help requests the desk confirmed
  int refused = 0;                // rows the desk refused for good in this round (now recorded)
  RefusalSummary refusals;        // every refusal kept on this kiosk, as the round left them
  int updates = 0;                // desk events newly stored on the kiosk
  bool calendar_updated = false;  // the desk sent its calendar and it is stored
  std::int64_t remaining = -1;    // unsent rows afterwards (-1: could not count)
  std::optional<Error> error;     // the failure that ended the round early
  Instant finished_at{};          // by the client's clock
  // The Retry-After of the answer that ended the round (a busy desk, or one whose database
  // is away): the desk's own word on when to come back.
  std::optional<std::chrono::seconds> retry_after;
  bool ok() const { return !error && remaining == 0; }
};

class SyncClient {
 public:
  // Help requests sent with one request at most (a burst of presses waits for the next).
  static constexpr int kHelpRequestsPerBatch = 20;

  SyncClient(KioskSyncStore& store, Transport& transport, const RequestSigner& signer, const Clock& clock,
             SyncSettings settings);

  SyncRound drain();
  // Called on the sync thread after the desk's calendar (its canonical JSON) was stored:
  // the kiosk counts its next deadlines with it.
  using CalendarListener = std::function<void(const StoredCalendar&)>;
  void set_calendar_listener(CalendarListener listener) { m_on_calendar = std::move(listener); }

 private:
  // One request: returns whether there is more to do.
  Result<bool> exchange(SyncRound& round);
  Result<std::string> encode_batch(std::vector<std::int64_t>& ids, std::vector<std::int64_t>& help_ids,
                                   int& sent);
  Result<void> check_own_tickets(const std::vector<Ticket>& tickets) const;

  KioskSyncStore& m_store;
  Transport& m_transport;
  const RequestSigner& m_signer;
  const Clock& m_clock;
  SyncSettings m_settings;
  CalendarListener m_on_calendar;
};

}  // namespace complaint
