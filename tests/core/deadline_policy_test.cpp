// Deadlines of docs/DOMAIN.md §3 with exact instants: the worked example, holidays, make-up
// days, year end, business hours, anonymous, complex, major, inquiry, calendar-day periods,
// callbacks, DST, and the period syntax.
#include <gtest/gtest.h>

#include "core/deadlines/deadline_policy.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

std::set<LocalDays> days_from(std::initializer_list<const char*> texts) {
  std::set<LocalDays> out;
  for (const char* text : texts) out.insert(*parse_local_date(text, "test"));
  return out;
}

// China's 2026 autumn holidays as the State Council's notice for 2026 has them (中秋 09-25..27,
// 国庆 10-01..07; make-up working days Sunday 09-20 and Saturday 10-10), plus 2027-01-01 as
// New Year's Day, assumed here because this fixture predates 2027's notice.
CalendarConfig china_2026_config() {
  CalendarConfig config;
  config.holidays =
      days_from({"2026-09-25", "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03",
                 "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07", "2027-01-01"});
  config.extra_workdays = days_from({"2026-09-20", "2026-10-10"});
  return config;
}

class DeadlineTest : public ::testing::Test {
 protected:
  void use(const CalendarConfig& config) {
    auto calendar = WorkCalendar::create(config);
    ASSERT_TRUE(calendar.ok()) << calendar.error().message;
    m_calendar.emplace(std::move(calendar).value());
  }
  void SetUp() override { use(china_2026_config()); }

  Instant at(std::string_view local) const { return *m_calendar->zone().parse_iso8601(local); }
  std::string iso(std::optional<Instant> instant) const {
    return instant ? m_calendar->zone().format_iso8601(*instant) : "(none)";
  }
  Deadlines file(std::string_view local, DeadlineInput input = {}) const {
    input.filed_at = at(local);
    if (input.kind.empty()) input.kind = "complaint";
    return compute_filing_deadlines(m_policy, *m_calendar, input);
  }
  std::string add(std::string_view local, std::string_view period) const {
    return iso(add_period(*m_calendar, at(local), *parse_period(period, "test")));
  }

  DeadlinePolicy m_policy;
  std::optional<WorkCalendar> m_calendar;
};

TEST_F(DeadlineTest, WorkedExampleFromTheDomainDoc) {
  const Deadlines d = file("2026-11-20T16:00:00");  // Friday
  EXPECT_EQ(iso(d.forward_by), "2026-11-20T17:00:00+08:00");
  EXPECT_EQ(iso(d.contact_by), "2026-11-21T16:00:00+08:00");
  EXPECT_EQ(iso(d.resolve_by), "2026-11-26T00:00:00+08:00");  // end of Wednesday 11-25
  EXPECT_FALSE(d.answer_by);
  EXPECT_FALSE(d.callback_by);
  EXPECT_FALSE(d.callback_not_before);
}

TEST_F(DeadlineTest, HolidayWeekIsSkippedAndTheSaturdayMakeUpDayCounts) {
  // Wed 09-30: 10-01..07 are holidays; Thu 10-08, Fri 10-09, Sat 10-10 (调休) are days 1-3.
  EXPECT_EQ(iso(file("2026-09-30T10:00:00").resolve_by), "2026-10-11T00:00:00+08:00");
  // Hour clocks ignore holidays.
  EXPECT_EQ(iso(file("2026-09-30T10:00:00").contact_by), "2026-10-01T10:00:00+08:00");
  // Filed during the holiday: counting starts on the first working day after it.
  EXPECT_EQ(add("2026-10-03T12:00:00", "1wd"), "2026-10-09T00:00:00+08:00");
}

TEST_F(DeadlineTest, SundayMakeUpDayCounts) {
  // Fri 09-18: Sat 09-19 rests, Sun 09-20 is a make-up working day, so it is day 1;
  // Mon 09-21 (2), Tue 09-22 (3).
  EXPECT_EQ(add("2026-09-18T11:00:00", "1wd"), "2026-09-21T00:00:00+08:00");
  EXPECT_EQ(iso(file("2026-09-18T11:00:00").resolve_by), "2026-09-23T00:00:00+08:00");
}

TEST_F(DeadlineTest, MidAutumnHolidaysAreSkipped) {
  // Thu 09-24: Fri 09-25 .. Sun 09-27 are 中秋 holidays; Mon 09-28 (1), Tue 09-29 (2), Wed 09-30 (3).
  EXPECT_EQ(iso(file("2026-09-24T10:00:00").resolve_by), "2026-10-01T00:00:00+08:00");
  // Filed on the holiday itself: counting starts on Monday 09-28.
  EXPECT_EQ(add("2026-09-26T12:00:00", "1wd"), "2026-09-29T00:00:00+08:00");
}

TEST_F(DeadlineTest, YearEndCrossesIntoANewYearHoliday) {
  // Wed 2026-12-30: Thu 12-31 (1), Fri 2027-01-01 holiday, weekend, Mon 01-04 (2), Tue 01-05 (3).
  EXPECT_EQ(iso(file("2026-12-30T15:00:00").resolve_by), "2027-01-06T00:00:00+08:00");
  // Filed late on 12-31 (a working day, not counted): Mon 01-04, Tue 01-05, Wed 01-06.
  EXPECT_EQ(iso(file("2026-12-31T23:30:00").resolve_by), "2027-01-07T00:00:00+08:00");
  EXPECT_EQ(iso(file("2026-12-31T23:30:00").forward_by), "2027-01-01T00:30:00+08:00");
}

TEST_F(DeadlineTest, BusinessHoursEndTheLastDayAtCloseOfBusiness) {
  CalendarConfig config = china_2026_config();
  config.business_hours = BusinessHours{9h, 17h + 30min};
  use(config);
  EXPECT_EQ(iso(file("2026-11-20T16:00:00").resolve_by), "2026-11-25T17:30:00+08:00");
  // Filed after close on Friday: the filing day is not counted anyway, so nothing changes.
  EXPECT_EQ(iso(file("2026-11-20T18:45:00").resolve_by), "2026-11-25T17:30:00+08:00");
  // Filed before opening on Monday: Monday is still the filing day and is not counted.
  EXPECT_EQ(iso(file("2026-11-23T08:00:00").resolve_by), "2026-11-26T17:30:00+08:00");
  // Hour clocks stay wall-clock.
  EXPECT_EQ(iso(file("2026-11-20T18:45:00").forward_by), "2026-11-20T19:45:00+08:00");
}

TEST_F(DeadlineTest, AnonymousTicketsHaveNoContactDeadline) {
  DeadlineInput input;
  input.anonymous = true;
  const Deadlines d = file("2026-11-20T16:00:00", input);
  EXPECT_FALSE(d.contact_by);
  EXPECT_EQ(iso(d.forward_by), "2026-11-20T17:00:00+08:00");
  EXPECT_EQ(iso(d.resolve_by), "2026-11-26T00:00:00+08:00");
}

TEST_F(DeadlineTest, ComplexCategoriesGetSevenWorkingDays) {
  DeadlineInput input;
  input.complex = true;
  // Mon 11-23 .. Fri 11-27 (5), Mon 11-30 (6), Tue 12-01 (7).
  EXPECT_EQ(iso(file("2026-11-20T16:00:00", input).resolve_by), "2026-12-02T00:00:00+08:00");
}

TEST_F(DeadlineTest, MajorTicketsResolveWithinFortyEightWallClockHours) {
  DeadlineInput input;
  input.major = true;
  input.complex = true;  // major wins over complex
  const Deadlines d = file("2026-11-20T16:00:00", input);
  EXPECT_EQ(iso(d.resolve_by), "2026-11-22T16:00:00+08:00");
  EXPECT_EQ(iso(d.contact_by), "2026-11-21T16:00:00+08:00");
}

// The credit cooperative's rule for 违规操作 (complex and major): 7-10 working days, not 48 h.
TEST_F(DeadlineTest, PrecedenceComplexGivesAComplexMajorTicketTheComplexLimit) {
  DeadlineInput input;
  input.major = true;
  input.complex = true;
  m_policy.resolve_complex = *parse_period("10wd", "test");
  m_policy.resolve_precedence = ResolvePrecedence::complex;
  // Mon 11-23 .. Fri 11-27 (5), Mon 11-30 .. Fri 12-04 (10).
  EXPECT_EQ(iso(file("2026-11-20T16:00:00", input).resolve_by), "2026-12-05T00:00:00+08:00");
  // Only a ticket that is both: a major one alone keeps 48 h, a complex one alone 10wd.
  input.complex = false;
  EXPECT_EQ(iso(file("2026-11-20T16:00:00", input).resolve_by), "2026-11-22T16:00:00+08:00");
  input.complex = true;
  input.major = false;
  EXPECT_EQ(iso(file("2026-11-20T16:00:00", input).resolve_by), "2026-12-05T00:00:00+08:00");
  // The default keeps major first.
  m_policy.resolve_precedence = ResolvePrecedence::major;
  input.major = true;
  EXPECT_EQ(iso(file("2026-11-20T16:00:00", input).resolve_by), "2026-11-22T16:00:00+08:00");
}

// The manufacturer's service centre: light 3 h, general 24 h, major 48 h.
TEST_F(DeadlineTest, LightTicketsGetTheLightLimitOnlyWhenOneIsConfigured) {
  DeadlineInput input;
  input.severity = Severity::light;
  // Unset: light is handled like general (today's behaviour).
  EXPECT_EQ(iso(file("2026-11-20T16:00:00", input).resolve_by), "2026-11-26T00:00:00+08:00");
  m_policy.resolve_light = *parse_period("3h", "test");
  m_policy.resolve = *parse_period("24h", "test");
  EXPECT_EQ(iso(file("2026-11-20T16:00:00", input).resolve_by), "2026-11-20T19:00:00+08:00");
  input.severity = Severity::general;
  EXPECT_EQ(iso(file("2026-11-20T16:00:00", input).resolve_by), "2026-11-21T16:00:00+08:00");
  // Complex lengthens and major escalates: both win over light.
  input.severity = Severity::light;
  input.complex = true;
  EXPECT_EQ(iso(file("2026-11-20T16:00:00", input).resolve_by), "2026-12-02T00:00:00+08:00");
  input.major = true;
  EXPECT_EQ(iso(file("2026-11-20T16:00:00", input).resolve_by), "2026-11-22T16:00:00+08:00");
}

TEST_F(DeadlineTest, InquiriesGetAnAnswerDeadline) {
  DeadlineInput input;
  input.kind = "inquiry";
  EXPECT_EQ(iso(file("2026-11-20T16:00:00", input).answer_by), "2026-11-21T16:00:00+08:00");
  input.kind = "suggestion";
  EXPECT_FALSE(file("2026-11-20T16:00:00", input).answer_by);
}

TEST_F(DeadlineTest, CalendarDayPeriodEndingOnSundayMovesToMonday) {
  // Sat 11-14 + 15 days = Sun 11-29, a rest day: the period ends at the end of Mon 11-30.
  EXPECT_EQ(add("2026-11-14T10:00:00", "15d"), "2026-12-01T00:00:00+08:00");
  // Mon 11-16 + 15 days = Tue 12-01, a working day: no move.
  EXPECT_EQ(add("2026-11-16T10:00:00", "15d"), "2026-12-02T00:00:00+08:00");
  // Ending inside the National Day holidays moves past them: Thu 10-08.
  EXPECT_EQ(add("2026-09-20T10:00:00", "15d"), "2026-10-09T00:00:00+08:00");
}

TEST_F(DeadlineTest, CallbackWindowIsOneToThreeWorkingDaysAfterTheReply) {
  Deadlines d;
  compute_callback_deadlines(m_policy, *m_calendar, at("2026-11-23T10:00:00"), d);  // Monday
  EXPECT_EQ(iso(d.callback_not_before), "2026-11-24T00:00:00+08:00");               // from Tuesday
  EXPECT_EQ(iso(d.callback_by), "2026-11-27T00:00:00+08:00");                       // through Thursday
  // Replied on Friday: the weekend does not count.
  compute_callback_deadlines(m_policy, *m_calendar, at("2026-11-27T16:00:00"), d);
  EXPECT_EQ(iso(d.callback_not_before), "2026-11-30T00:00:00+08:00");
  EXPECT_EQ(iso(d.callback_by), "2026-12-03T00:00:00+08:00");
}

TEST_F(DeadlineTest, CallbackWindowRespectsBusinessHours) {
  CalendarConfig config = china_2026_config();
  config.business_hours = BusinessHours{9h, 17h + 30min};
  use(config);
  Deadlines d;
  compute_callback_deadlines(m_policy, *m_calendar, at("2026-11-23T10:00:00"), d);
  EXPECT_EQ(iso(d.callback_not_before), "2026-11-24T09:00:00+08:00");
  EXPECT_EQ(iso(d.callback_by), "2026-11-26T17:30:00+08:00");
}

TEST_F(DeadlineTest, DayPeriodsEndAtLocalMidnightAcrossDst) {
  CalendarConfig config;
  config.timezone = "Europe/Berlin";
  use(config);
  // Filed Fri 2026-03-27 (+01:00); DST starts Sun 03-29; day 1 is Mon 03-30 (+02:00).
  EXPECT_EQ(add("2026-03-27T12:00:00", "1wd"), "2026-03-31T00:00:00+02:00");
  // Sat 10-24 + 1 calendar day = Sun 10-25 (25 hours long, a rest day) -> end of Mon 10-26.
  EXPECT_EQ(add("2026-10-24T12:00:00", "1d"), "2026-10-27T00:00:00+01:00");
  // Hour periods are elapsed time: 24h after Sat 12:00 CET is Sun 13:00 CEST (Sunday lost an hour).
  EXPECT_EQ(add("2026-03-28T12:00:00", "24h"), "2026-03-29T13:00:00+02:00");
}

TEST(Period, ParsesTheConfigSyntax) {
  const auto check = [](std::string_view text, int amount, PeriodUnit unit) {
    auto period = parse_period(text, "deadlines.resolve");
    ASSERT_TRUE(period.ok()) << text;
    EXPECT_EQ(period->amount, amount) << text;
    EXPECT_EQ(period->unit, unit) << text;
    EXPECT_EQ(format_period(*period), text);
  };
  check("1h", 1, PeriodUnit::hours);
  check("24h", 24, PeriodUnit::hours);
  check("3wd", 3, PeriodUnit::working_days);
  check("15d", 15, PeriodUnit::calendar_days);
}

TEST(Period, RejectsBadTextAndNamesTheField) {
  for (const char* text : {"", "0h", "3x", "-1h", "+1h", "h", "3", "3 wd", " 3wd", "3WD", "3wdd", "1.5h",
                           "10000h", "99999999999999999999h"}) {
    auto period = parse_period(text, "deadlines.resolve");
    ASSERT_FALSE(period.ok()) << "accepted '" << text << "'";
    EXPECT_EQ(period.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(period.error().field, "deadlines.resolve");
    EXPECT_EQ(period.error().key, "error.period.invalid");
  }
}

}  // namespace
}  // namespace complaint
