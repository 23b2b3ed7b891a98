// WorkCalendar: working days with holidays and make-up days (调休), config validation, and
// end of day at the next local midnight or close of business, including across DST.
#include <gtest/gtest.h>

#include "core/calendar/work_calendar.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

std::set<LocalDays> days_from(std::initializer_list<const char*> texts) {
  std::set<LocalDays> out;
  for (const char* text : texts) out.insert(*parse_local_date(text, "test"));
  return out;
}

// China's 2026 Mid-Autumn and National Day holidays as the State Council's notice for 2026
// has them: 中秋 09-25..27, 国庆 10-01..07, make-up working days Sunday 09-20 and Saturday 10-10.
CalendarConfig autumn_holidays_config() {
  CalendarConfig config;
  config.holidays = days_from({"2026-09-25", "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02",
                               "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"});
  config.extra_workdays = days_from({"2026-09-20", "2026-10-10"});
  return config;
}

WorkCalendar make_calendar(const CalendarConfig& config) {
  auto calendar = WorkCalendar::create(config);
  EXPECT_TRUE(calendar.ok()) << (calendar.ok() ? "" : calendar.error().message);
  return std::move(calendar).value();
}

TEST(WorkCalendar, WeekdaysWorkAndWeekendsRest) {
  const WorkCalendar calendar = make_calendar(CalendarConfig{});
  EXPECT_TRUE(calendar.is_working_day(LocalDays{2026y / 11 / 20}));   // Friday
  EXPECT_FALSE(calendar.is_working_day(LocalDays{2026y / 11 / 21}));  // Saturday
  EXPECT_FALSE(calendar.is_working_day(LocalDays{2026y / 11 / 22}));  // Sunday
  EXPECT_TRUE(calendar.is_working_day(LocalDays{2026y / 11 / 23}));   // Monday
}

TEST(WorkCalendar, HolidaysRestAndMakeUpDaysWork) {
  const WorkCalendar calendar = make_calendar(autumn_holidays_config());
  EXPECT_FALSE(calendar.is_working_day(LocalDays{2026y / 9 / 25}));  // Friday, 中秋 holiday
  EXPECT_FALSE(calendar.is_working_day(LocalDays{2026y / 10 / 1}));  // Thursday, holiday
  EXPECT_FALSE(calendar.is_working_day(LocalDays{2026y / 10 / 7}));  // Wednesday, holiday
  EXPECT_TRUE(calendar.is_working_day(LocalDays{2026y / 9 / 20}));   // Sunday, make-up day
  EXPECT_FALSE(calendar.is_working_day(LocalDays{2026y / 9 / 27}));  // Sunday, holiday
  EXPECT_TRUE(calendar.is_working_day(LocalDays{2026y / 10 / 10}));  // Saturday, make-up day
  EXPECT_EQ(calendar.next_working_day(LocalDays{2026y / 9 / 30}), LocalDays{2026y / 10 / 8});
  EXPECT_EQ(calendar.next_working_day(LocalDays{2026y / 9 / 19}), LocalDays{2026y / 9 / 20});
  EXPECT_EQ(calendar.next_working_day(LocalDays{2026y / 9 / 24}), LocalDays{2026y / 9 / 28});
  EXPECT_EQ(calendar.next_working_day(LocalDays{2026y / 10 / 9}), LocalDays{2026y / 10 / 10});
}

TEST(WorkCalendar, LocalDayUsesTheSiteZone) {
  const WorkCalendar calendar = make_calendar(CalendarConfig{});
  // 2026-11-20T17:00Z is already Saturday 01:00 in Shanghai.
  const Instant at = Instant{std::chrono::sys_days{2026y / 11 / 20}} + 17h;
  EXPECT_EQ(calendar.local_day(at), LocalDays{2026y / 11 / 21});
}

TEST(WorkCalendar, EndOfDayIsTheNextMidnightOrCloseOfBusiness) {
  const WorkCalendar plain = make_calendar(CalendarConfig{});
  EXPECT_EQ(plain.zone().format_iso8601(plain.end_of_day(LocalDays{2026y / 11 / 25})),
            "2026-11-26T00:00:00+08:00");
  CalendarConfig config;
  config.business_hours = BusinessHours{9h, 17h + 30min};
  const WorkCalendar with_hours = make_calendar(config);
  EXPECT_EQ(with_hours.zone().format_iso8601(with_hours.end_of_day(LocalDays{2026y / 11 / 25})),
            "2026-11-25T17:30:00+08:00");
}

TEST(WorkCalendar, EndOfDayFollowsDstSwitches) {
  CalendarConfig config;
  config.timezone = "Europe/Berlin";
  const WorkCalendar berlin = make_calendar(config);
  // Sunday 2026-03-29 has 23 hours, Sunday 2026-10-25 has 25: the end is the next midnight.
  const Instant spring_end = berlin.end_of_day(LocalDays{2026y / 3 / 29});
  EXPECT_EQ(berlin.zone().format_iso8601(spring_end), "2026-03-30T00:00:00+02:00");
  EXPECT_EQ(spring_end - berlin.end_of_day(LocalDays{2026y / 3 / 28}), 23h);
  const Instant autumn_end = berlin.end_of_day(LocalDays{2026y / 10 / 25});
  EXPECT_EQ(berlin.zone().format_iso8601(autumn_end), "2026-10-26T00:00:00+01:00");
  EXPECT_EQ(autumn_end - berlin.end_of_day(LocalDays{2026y / 10 / 24}), 25h);

  // Santiago's midnight of 2026-09-06 does not exist: Saturday ends when Sunday begins.
  config.timezone = "America/Santiago";
  const WorkCalendar santiago = make_calendar(config);
  EXPECT_EQ(santiago.zone().format_iso8601(santiago.end_of_day(LocalDays{2026y / 9 / 5})),
            "2026-09-06T01:00:00-03:00");
}

TEST(WorkCalendar, RejectsUnknownZones) {
  CalendarConfig config;
  config.timezone = "Asia/Atlantis";
  auto calendar = WorkCalendar::create(config);
  ASSERT_FALSE(calendar.ok());
  EXPECT_EQ(calendar.error().key, "error.timezone.unknown");
}

TEST(WorkCalendar, RejectsInvertedBusinessHours) {
  CalendarConfig config;
  config.business_hours = BusinessHours{17h, 9h};
  auto calendar = WorkCalendar::create(config);
  ASSERT_FALSE(calendar.ok());
  EXPECT_EQ(calendar.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(calendar.error().field, "calendar.business_hours");
  config.business_hours = BusinessHours{9h, 25h};
  EXPECT_FALSE(WorkCalendar::create(config).ok());
  config.business_hours = BusinessHours{0h, 24h};
  EXPECT_TRUE(WorkCalendar::create(config).ok());
}

TEST(WorkCalendar, RejectsADayThatIsBothHolidayAndMakeUpDay) {
  CalendarConfig config = autumn_holidays_config();
  config.extra_workdays.insert(LocalDays{2026y / 10 / 3});
  auto calendar = WorkCalendar::create(config);
  ASSERT_FALSE(calendar.ok());
  EXPECT_EQ(calendar.error().field, "calendar.extra_workdays");
  EXPECT_NE(calendar.error().message.find("2026-10-03"), std::string::npos);
}

}  // namespace
}  // namespace complaint
