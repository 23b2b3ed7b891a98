// HolidayData: a country's published holiday arrangements (public holidays and make-up
// working days, 调休) by year, as WorkCalendar uses them. The readers and the writer of its
// files are in holiday_files.h. Invariant (kept by the readers): no day is both off and
// working, and every year lies in 2000..2199.
#pragma once

#include <map>
#include <string>

#include "core/base/clock.h"
#include "core/calendar/time_zone.h"

namespace complaint {

struct HolidayYear {
  std::string source;  // the notice it comes from, e.g. "国办发明电〔2025〕7号"
  std::map<LocalDays, std::string> off_days;   // day -> holiday name
  std::map<LocalDays, std::string> work_days;  // make-up working days -> the holiday they serve
};

struct HolidayData {
  std::map<int, HolidayYear> years;  // a year is listed: its arrangement is known

  bool empty() const { return years.empty(); }
  // Later data wins per year: an imported year replaces the shipped one whole.
  void merge_over(const HolidayData& later) {
    for (const auto& [year, days] : later.years) years[year] = days;
  }
};

// A calendar as a database keeps it: the canonical JSON of core/calendar/holiday_files.h and
// its version. The desk keeps the imported years (one row per database, so every desk on it
// agrees); a kiosk keeps what the desk last sent.
struct StoredCalendar {
  std::string version;
  std::string document;
  Instant imported_at{};  // on a kiosk: when it arrived
};

inline constexpr int k_first_calendar_year = 2000;
inline constexpr int k_last_calendar_year = 2199;

}  // namespace complaint
