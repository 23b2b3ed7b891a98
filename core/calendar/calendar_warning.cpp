// missing_calendar_years (see calendar_warning.h).
#include "core/calendar/calendar_warning.h"

namespace complaint {

std::set<int> missing_calendar_years(const WorkCalendar& calendar, Instant now) {
  using namespace std::chrono;
  const LocalDays today = calendar.local_day(now);
  const year_month_day date{today};
  std::set<int> wanted{static_cast<int>(date.year())};
  if (date.month() >= November) wanted.insert(static_cast<int>(date.year()) + 1);
  wanted.insert(static_cast<int>(year_month_day{today + k_deadline_horizon}.year()));
  std::set<int> missing;
  for (const int year : wanted) {
    if (!calendar.covers_year(year)) missing.insert(year);
  }
  return missing;
}

std::string join_years(const std::set<int>& years) {
  std::string out;
  for (const int year : years) {
    if (!out.empty()) out += ", ";
    out += std::to_string(year);
  }
  return out;
}

}  // namespace complaint
