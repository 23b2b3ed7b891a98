// DeskSyncService: the desk's handler of POST /api/v1/sync, independent of the HTTP
// library (desk/routes/sync_routes.cpp adapts it). Checks in order: size, signature
// headers, kiosk, signature, timestamp, nonce, payload; any failure answers 4xx with a
// JSON error and changes nothing but the nonce record. A kiosk registered with a shared key
// whose request verifies under Ed25519 has that key replaced by its public key.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/base/clock.h"
#include "core/calendar/holiday_data.h"
#include "core/sync/desk_repository.h"
#include "core/sync/request_auth.h"
#include "core/sync/transport.h"

namespace complaint {

struct DeskSyncLimits {
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::seconds clock_skew{300};
  int feed_limit = 500;  // desk events per answer; the kiosk asks again while `more`
};

class DeskSyncService {
 public:
  using Log = std::function<void(std::string_view)>;
  // The organisation's calendar as the desk has it now: its version and canonical JSON.
  using CalendarSource = std::function<StoredCalendar()>;
  DeskSyncService(DeskRepository& repository, const RequestSigner& signer, const Clock& clock,
                  DeskSyncLimits limits, Log log = {});

  HttpResponse handle(const HttpRequest& request);
  // Every answer then carries the calendar's version, and the calendar itself to a kiosk
  // whose batch named another version. Without a source, answers carry neither.
  void set_calendar_source(CalendarSource source) { m_calendar = std::move(source); }

 private:
  Result<std::string> handle_checked(const HttpRequest& request);
  void forget_shared_key(const KioskRecord& kiosk);
  void log(const std::string& line) const;

  DeskRepository& m_repository;
  const RequestSigner& m_signer;
  const Clock& m_clock;
  DeskSyncLimits m_limits;
  Log m_log;
  CalendarSource m_calendar;
};

}  // namespace complaint
