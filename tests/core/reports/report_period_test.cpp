// Quarters, years and the one period choice complaintctl and the console share
// (docs/DOMAIN.md §9): the days each covers, malformed values named by field, two choices
// refused, and the name a period is linked and downloaded under.
#include "core/reports/report_period.h"

#include <gtest/gtest.h>

namespace complaint {
namespace {

using namespace std::chrono_literals;

const Instant kNow = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 9}} + 2h;

// A choice with the given fields set (designated initializers would leave the rest unnamed).
PeriodChoice ask(std::string month, std::string quarter, std::string year, std::string from = "",
                 std::string to = "") {
  PeriodChoice choice;
  choice.month = std::move(month);
  choice.quarter = std::move(quarter);
  choice.year = std::move(year);
  choice.from = std::move(from);
  choice.to = std::move(to);
  return choice;
}

TEST(ReportPeriod, QuartersAndYearsAreWholeMonthsOfLocalDays) {
  const TimeZone zone = TimeZone::load("Asia/Shanghai").value();
  const ReportPeriod q1 = quarter_period("2028-Q1").value();
  EXPECT_EQ(format_date(q1.from), "2028-01-01");
  EXPECT_EQ(format_date(q1.to), "2028-03-31");
  const ReportPeriod q3 = quarter_period("2026-Q3").value();
  EXPECT_EQ(format_date(q3.from), "2026-07-01");
  EXPECT_EQ(format_date(q3.to), "2026-09-30");
  EXPECT_EQ(zone.format_iso8601(period_end(quarter_period("2026-Q4").value(), zone)),
            "2027-01-01T00:00:00+08:00");
  const ReportPeriod year = year_period("2026").value();
  EXPECT_EQ(format_date(year.from), "2026-01-01");
  EXPECT_EQ(format_date(year.to), "2026-12-31");
  for (const char* bad : {"2026-Q0", "2026-Q5", "2026Q3", "2026-q3", "26-Q3", "2026-Q33", ""}) {
    const auto refused = quarter_period(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().field, "quarter");
    EXPECT_EQ(refused.error().key, "error.quarter.invalid");
  }
  for (const char* bad : {"26", "20266", "2026-", "abcd"}) {
    const auto refused = year_period(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().field, "year");
    EXPECT_EQ(refused.error().key, "error.year.invalid");
  }
}

TEST(ReportPeriod, OneChoiceAtMostAndNoneIsTheMonthOfNow) {
  const TimeZone zone = TimeZone::load("Asia/Shanghai").value();
  EXPECT_EQ(period_name(choose_period({}, zone, kNow).value()), "2026-11");
  EXPECT_EQ(period_name(choose_period(ask("", "2026-Q3", ""), zone, kNow).value()), "2026-Q3");
  EXPECT_EQ(period_name(choose_period(ask("", "", "2025"), zone, kNow).value()), "2025");
  EXPECT_EQ(period_name(choose_period(ask("2026-02", "", ""), zone, kNow).value()), "2026-02");
  EXPECT_EQ(period_name(choose_period(ask("", "", "", "2026-11-03", "2026-11-20"), zone, kNow).value()),
            "2026-11-03_2026-11-20");
  const auto two = choose_period(ask("2026-11", "", "2026"), zone, kNow);
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().field, "month");
  EXPECT_EQ(two.error().key, "error.report.options");
  EXPECT_EQ(choose_period(ask("", "2026-Q1", "", "2026-01-01", "2026-03-31"), zone, kNow).error().field,
            "quarter");
  EXPECT_EQ(choose_period(ask("", "", "", "2026-01-01"), zone, kNow).error().field, "to");
  EXPECT_EQ(choose_period(ask("", "", "", "", "2026-01-01"), zone, kNow).error().field, "from");
}

TEST(ReportPeriod, ARangeOfWholeMonthsIsNamedAsItWouldHaveBeenAsked) {
  EXPECT_EQ(period_name(range_period("2026-10-01", "2026-12-31").value()), "2026-Q4");
  EXPECT_EQ(period_name(range_period("2026-01-01", "2026-12-31").value()), "2026");
  EXPECT_EQ(period_name(range_period("2026-02-01", "2026-02-28").value()), "2026-02");
  EXPECT_EQ(period_name(range_period("2026-02-01", "2026-04-30").value()), "2026-02-01_2026-04-30");
  EXPECT_EQ(period_name(range_period("2026-12-01", "2027-01-31").value()), "2026-12-01_2027-01-31");
  const PeriodChoice range = choice_of(range_period("2026-11-02", "2026-11-30").value());
  EXPECT_EQ(range.from, "2026-11-02");
  EXPECT_EQ(range.to, "2026-11-30");
  EXPECT_TRUE(range.month.empty());
}

}  // namespace
}  // namespace complaint
