// WorkCalendar: which local days are working days (Mon-Fri, minus public holidays,
// plus make-up working days 调休) and when business closes, in the site's time zone.
#pragma once

#include <chrono>
#include <optional>
#include <set>

#include "core/calendar/time_zone.h"

namespace complaint {

struct BusinessHours {
  std::chrono::minutes open{9 * 60};
  std::chrono::minutes close{17 * 60 + 30};
};

struct CalendarConfig {
  std::string timezone = "Asia/Shanghai";
  std::set<LocalDays> holidays;
  std::set<LocalDays> extra_workdays;
  std::optional<BusinessHours> business_hours;  // absent: periods end at 24:00
};

class WorkCalendar {
 public:
  static Result<WorkCalendar> create(const CalendarConfig& config);

  const TimeZone& zone() const { return m_zone; }
  bool is_working_day(LocalDays day) const;
  LocalDays local_day(Instant at) const;
  // The first working day strictly after `day`.
  LocalDays next_working_day(LocalDays day) const;
  // The end of a day that ends a period: 24:00 (next midnight), or close of business.
  Instant end_of_day(LocalDays day) const;
  const std::optional<BusinessHours>& business_hours() const { return m_business_hours; }

 private:
  WorkCalendar(TimeZone zone, const CalendarConfig& config);
  TimeZone m_zone;
  std::set<LocalDays> m_holidays;
  std::set<LocalDays> m_extra_workdays;
  std::optional<BusinessHours> m_business_hours;
};

}  // namespace complaint
