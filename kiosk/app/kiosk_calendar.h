// The kiosk's holiday calendar: the organisation's, as the desk last sent it (stored in the
// kiosk's file by sync), in place of the config's published data; the shipped data only
// until the first sync brings one. The operator's own lists in the config still win.
#pragma once

#include <string>

#include "core/base/result.h"
#include "core/calendar/work_calendar.h"

namespace complaint {

// Adopts the stored calendar into `calendar` when the kiosk's file holds one.
Result<void> adopt_stored_calendar(const CalendarConfig& config, const std::string& db_path,
                                   WorkCalendar& calendar);

// Adopts a calendar the desk just sent (its canonical JSON) into `calendar`; a calendar
// that does not make a valid one under `config` leaves it as it was.
Result<void> adopt_received_calendar(const CalendarConfig& config, const StoredCalendar& received,
                                     WorkCalendar& calendar);

}  // namespace complaint
