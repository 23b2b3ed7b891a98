// WorkCalendar: which local days are working days (Mon-Fri, minus public holidays,
// plus make-up working days 调休) and when business closes, in the site's time zone.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "core/calendar/holiday_data.h"
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
  // [calendar] data: a folder of published arrangements; a bare name such as "cn" is
  // assets/calendar/<name>, "" none. Config loading reads it into `published`.
  std::string data;
  // The published arrangements (shipped, or the desk's imported calendar merged over them).
  // `holidays` and `extra_workdays` above are the operator's own and win over these.
  HolidayData published;
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
  // Years whose arrangement is known (published, or named by the operator's lists): a
  // deadline counted into another year may be wrong, and the programs warn.
  bool covers_year(int year) const;
  std::set<int> covered_years() const;

  // Takes `newer`'s days and years (not its zone or hours), for everyone holding this
  // calendar: a kiosk when sync brings the organisation's calendar, a desk when another desk
  // imported one. Safe while other threads count deadlines; each count sees one calendar.
  void adopt_days(const WorkCalendar& newer);

 private:
  struct Days {
    std::set<LocalDays> holidays;        // the operator's, then the published ones
    std::set<LocalDays> extra_workdays;  // likewise
    std::set<int> covered_years;
  };
  // Copies of a WorkCalendar share this, so adopt_days reaches every copy.
  struct Shared {
    mutable std::mutex mutex;
    std::shared_ptr<const Days> days;
  };
  WorkCalendar(TimeZone zone, const CalendarConfig& config);
  std::shared_ptr<const Days> current_days() const;
  static bool is_working_day(const Days& days, LocalDays day);

  TimeZone m_zone;
  std::optional<BusinessHours> m_business_hours;
  std::shared_ptr<Shared> m_shared;
};

}  // namespace complaint
