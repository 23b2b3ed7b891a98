// The kiosk's holiday calendar (see kiosk_calendar.h).
#include "kiosk/app/kiosk_calendar.h"

#include "core/calendar/organisation_calendar.h"
#include "core/store/sqlite_kiosk_sync_store.h"

namespace complaint {

Result<void> adopt_received_calendar(const CalendarConfig& config, const StoredCalendar& received,
                                     WorkCalendar& calendar) {
  TRY_ASSIGN(const CalendarConfig organisation, with_received_calendar(config, received));
  TRY_ASSIGN(const WorkCalendar newer, WorkCalendar::create(organisation));
  calendar.adopt_days(newer);
  return Ok{};
}

Result<void> adopt_stored_calendar(const CalendarConfig& config, const std::string& db_path,
                                   WorkCalendar& calendar) {
  TRY_ASSIGN(const auto store, SqliteKioskSyncStore::open(db_path));
  TRY_ASSIGN(const std::optional<StoredCalendar> stored, store->calendar());
  if (!stored) return Ok{};
  return adopt_received_calendar(config, *stored, calendar);
}

}  // namespace complaint
