// TimeZone: converts between UTC instants and a site's civil time using the system
// tz database (Howard Hinnant's date/tz over /usr/share/zoneinfo), and formats and
// parses ISO 8601 instants with offsets. Vendor types stay in the .cpp.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/clock.h"
#include "core/base/result.h"

namespace complaint {

using LocalDays = std::chrono::local_days;
using LocalSeconds = std::chrono::local_seconds;

class TimeZone {
 public:
  static Result<TimeZone> load(std::string_view name);  // e.g. "Asia/Shanghai"
  const std::string& name() const { return m_name; }

  LocalSeconds to_local(Instant at) const;
  // The instant a local time names; in an overlap the earlier one; in a DST gap (the local
  // time never happens) the instant the gap ends, i.e. the first instant at or after it.
  Instant to_instant(LocalSeconds local) const;
  std::chrono::seconds offset_at(Instant at) const;

  // "2026-11-26T00:00:00+08:00"
  std::string format_iso8601(Instant at) const;
  // Accepts "...Z", "...+08:00", "...+0800"; a time without offset is read in this zone;
  // a bare date "2026-11-20" is local midnight.
  Result<Instant> parse_iso8601(std::string_view text) const;

 private:
  TimeZone(std::string name, const void* zone) : m_name(std::move(name)), m_zone(zone) {}
  std::string m_name;
  const void* m_zone;  // const date::time_zone*, owned by the process-wide tz database
};

// A local date and the minutes since its midnight (0..1440). With `end_of_day`, an instant
// at local midnight reads as 24:00 of the day before: the way a day-based deadline is
// meant ("by 25 Nov 24:00", not "by 26 Nov 00:00").
enum class MidnightAs { start_of_day, end_of_day };
struct LocalDayTime {
  LocalDays day;
  std::chrono::minutes since_midnight;
};
LocalDayTime split_local(const TimeZone& zone, Instant at, MidnightAs midnight);
// "2026-11-20 16:05"; a deadline at local midnight (end_of_day) as "2026-11-20 24:00".
std::string format_day_time(const LocalDayTime& at);

// "2026-11-20" <-> local_days; error names the field.
Result<LocalDays> parse_local_date(std::string_view text, std::string_view field);
std::string format_local_date(LocalDays day);    // "2026-11-20"
std::string format_compact_date(LocalDays day);  // "20261120"

}  // namespace complaint
