// Dates and times as people read them, in the site's zone and the reader's language: the
// weekday names come from the catalogs' [weekday] table (0 = Sunday), shared by the kiosk's
// screens, the receipt, the desk's console and complaintctl's exports.
#pragma once

#include <string>

#include "core/calendar/time_zone.h"
#include "core/i18n/catalog.h"

namespace complaint {

// "星期五" / "Friday".
std::string weekday_name(const Catalog& catalog, LocalDays day);
// "2026-11-20 16:05 星期五" / "2026-11-20 16:05 Friday"; with MidnightAs::end_of_day a
// deadline at local midnight reads "2026-11-19 24:00 星期四".
std::string format_local_with_weekday(const Catalog& catalog, const TimeZone& zone, Instant at,
                                      MidnightAs midnight = MidnightAs::start_of_day);

}  // namespace complaint
