// Local date-time texts with the weekday (see header).
#include "core/i18n/local_time_text.h"

namespace complaint {

std::string weekday_name(const Catalog& catalog, LocalDays day) {
  return catalog.text("weekday." + std::to_string(std::chrono::weekday{day}.c_encoding()));
}

std::string format_local_with_weekday(const Catalog& catalog, const TimeZone& zone, Instant at,
                                      MidnightAs midnight) {
  const LocalDayTime local = split_local(zone, at, midnight);
  return format_day_time(local) + " " + weekday_name(catalog, local.day);
}

}  // namespace complaint
