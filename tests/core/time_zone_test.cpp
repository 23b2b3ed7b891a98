// TimeZone: zone loading, ISO 8601 formatting and parsing, local-date helpers, and the
// DST cases (overlap picks the earlier instant, a gap maps to the instant it ends).
#include <gtest/gtest.h>

#include "core/calendar/time_zone.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_days;

Instant utc(std::chrono::year_month_day day, std::chrono::seconds time_of_day = 0s) {
  return Instant{sys_days{day}} + time_of_day;
}

TimeZone load(std::string_view name) {
  auto zone = TimeZone::load(name);
  EXPECT_TRUE(zone.ok()) << name;
  return std::move(zone).value();
}

TEST(TimeZone, LoadsKnownZonesAndRejectsUnknownOnes) {
  EXPECT_EQ(load("Asia/Shanghai").name(), "Asia/Shanghai");
  auto unknown = TimeZone::load("Mars/Olympus_Mons");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(unknown.error().field, "timezone");
  EXPECT_EQ(unknown.error().key, "error.timezone.unknown");
  EXPECT_FALSE(TimeZone::load("").ok());
}

TEST(TimeZone, FormatsWithTheLocalOffset) {
  const TimeZone shanghai = load("Asia/Shanghai");
  EXPECT_EQ(shanghai.format_iso8601(utc(2026y / 11 / 20, 8h)), "2026-11-20T16:00:00+08:00");
  EXPECT_EQ(shanghai.format_iso8601(utc(2026y / 11 / 25, 16h)), "2026-11-26T00:00:00+08:00");
  const TimeZone utc_zone = load("Etc/UTC");
  EXPECT_EQ(utc_zone.format_iso8601(utc(2026y / 11 / 20, 8h + 5min + 9s)), "2026-11-20T08:05:09+00:00");
  const TimeZone new_york = load("America/New_York");
  EXPECT_EQ(new_york.format_iso8601(utc(2026y / 11 / 20, 8h)), "2026-11-20T03:00:00-05:00");
  const TimeZone kolkata = load("Asia/Kolkata");
  EXPECT_EQ(kolkata.format_iso8601(utc(2026y / 11 / 20, 8h)), "2026-11-20T13:30:00+05:30");
}

TEST(TimeZone, ParsesOffsetsZuluLocalTimesAndBareDates) {
  const TimeZone zone = load("Asia/Shanghai");
  const Instant expected = utc(2026y / 11 / 20, 8h);
  EXPECT_EQ(*zone.parse_iso8601("2026-11-20T16:00:00+08:00"), expected);
  EXPECT_EQ(*zone.parse_iso8601("2026-11-20T16:00:00+0800"), expected);
  EXPECT_EQ(*zone.parse_iso8601("2026-11-20T16:00:00+08"), expected);
  EXPECT_EQ(*zone.parse_iso8601("2026-11-20T08:00:00Z"), expected);
  EXPECT_EQ(*zone.parse_iso8601("2026-11-20T03:00:00-05:00"), expected);
  EXPECT_EQ(*zone.parse_iso8601("2026-11-20T16:00:00"), expected);  // read in the zone
  EXPECT_EQ(*zone.parse_iso8601("2026-11-20T16:00"), expected);
  EXPECT_EQ(*zone.parse_iso8601("2026-11-20 16:00:00"), expected);
  EXPECT_EQ(*zone.parse_iso8601("2026-11-20"), utc(2026y / 11 / 19, 16h));  // local midnight
}

TEST(TimeZone, FormattingRoundTrips) {
  const TimeZone zone = load("Asia/Shanghai");
  // 1900 Shanghai ran on local mean time, +08:05:43: the offset seconds must survive.
  for (const Instant at : {utc(2026y / 11 / 20, 8h), utc(2027y / 1 / 1), utc(1900y / 6 / 1, 1h)}) {
    auto parsed = zone.parse_iso8601(zone.format_iso8601(at));
    ASSERT_TRUE(parsed.ok()) << zone.format_iso8601(at);
    EXPECT_EQ(*parsed, at);
  }
}

// Found by fuzz/calendar_fuzzer.cpp: the last instant the sync wire accepts (9999-12-31 UTC)
// is already year 10000 east of UTC, and the fifth digit of the year was dropped ("0000-01-01").
TEST(TimeZone, YearsPast9999KeepEveryDigit) {
  const Instant last_on_the_wire = utc(9999y / 12 / 31, 23h + 59min + 59s);
  EXPECT_EQ(load("Pacific/Kiritimati").format_iso8601(last_on_the_wire), "10000-01-01T13:59:59+14:00");
  EXPECT_EQ(format_local_date(LocalDays{10027y / 3 / 4}), "10027-03-04");
  EXPECT_EQ(format_compact_date(LocalDays{10027y / 3 / 4}), "100270304");
  EXPECT_EQ(format_local_date(LocalDays{9999y / 12 / 31}), "9999-12-31");
}

TEST(TimeZone, RejectsGarbage) {
  const TimeZone zone = load("Asia/Shanghai");
  for (const char* text : {"", "garbage", "2026-11-20T", "2026-13-01", "2026-02-30", "2026-11-20T24:00:00",
                           "2026-11-20T16:60:00", "2026-11-20T16:00:00+", "2026-11-20T16:00:00+8",
                           "2026-11-20T16:00:00+08:00junk", "2026/11/20", "20261120", "2026-11-20T16",
                           " 2026-11-20", "2026-11-20T16:00:00+25:00"}) {
    auto parsed = zone.parse_iso8601(text);
    ASSERT_FALSE(parsed.ok()) << "accepted '" << text << "'";
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(parsed.error().key, "error.date.invalid");
  }
}

TEST(TimeZone, LocalDatesParseFormatAndNameTheField) {
  const LocalDays day = *parse_local_date("2026-10-01", "calendar.holidays");
  EXPECT_EQ(day, LocalDays{2026y / 10 / 1});
  EXPECT_EQ(format_local_date(day), "2026-10-01");
  EXPECT_EQ(format_compact_date(day), "20261001");
  auto bad = parse_local_date("2026-10-32", "calendar.holidays");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "calendar.holidays");
  EXPECT_EQ(bad.error().key, "error.date.invalid");
  EXPECT_FALSE(parse_local_date("2026-10-01T00:00:00", "x").ok());
}

TEST(TimeZone, ConvertsToLocalAndReportsTheOffset) {
  const TimeZone zone = load("Asia/Shanghai");
  const Instant at = utc(2026y / 11 / 20, 8h);
  EXPECT_EQ(zone.to_local(at), LocalSeconds{LocalDays{2026y / 11 / 20}} + 16h);
  EXPECT_EQ(zone.offset_at(at), 8h);
  EXPECT_EQ(zone.to_instant(zone.to_local(at)), at);
}

TEST(TimeZone, DstOverlapPicksTheEarlierInstant) {
  // Berlin, 2026-10-25: 02:00-03:00 local happens twice, first at +02:00 then at +01:00.
  const TimeZone berlin = load("Europe/Berlin");
  const Instant at = berlin.to_instant(LocalSeconds{LocalDays{2026y / 10 / 25}} + 2h + 30min);
  EXPECT_EQ(at, utc(2026y / 10 / 25, 30min));
  EXPECT_EQ(berlin.format_iso8601(at), "2026-10-25T02:30:00+02:00");
}

TEST(TimeZone, DstGapMapsToTheInstantTheGapEnds) {
  // Berlin, 2026-03-29: 02:00-03:00 local never happens; clocks jump at 01:00Z.
  const TimeZone berlin = load("Europe/Berlin");
  const Instant at = berlin.to_instant(LocalSeconds{LocalDays{2026y / 3 / 29}} + 2h + 30min);
  EXPECT_EQ(berlin.format_iso8601(at), "2026-03-29T03:00:00+02:00");
  // Santiago skips its midnight on 2026-09-06: that day begins at 01:00 -03:00.
  const TimeZone santiago = load("America/Santiago");
  EXPECT_EQ(santiago.format_iso8601(santiago.to_instant(LocalSeconds{LocalDays{2026y / 9 / 6}})),
            "2026-09-06T01:00:00-03:00");
}

TEST(SplitLocal, MidnightIsTheEndOfTheDayBeforeOnlyForDeadlines) {
  const auto zone = TimeZone::load("Asia/Shanghai");
  ASSERT_TRUE(zone.ok());
  const auto midnight = zone->parse_iso8601("2026-11-26T00:00:00+08:00");
  ASSERT_TRUE(midnight.ok());
  const LocalDayTime deadline = split_local(*zone, *midnight, MidnightAs::end_of_day);
  EXPECT_EQ(format_local_date(deadline.day), "2026-11-25");
  EXPECT_EQ(deadline.since_midnight, std::chrono::hours(24));
  const LocalDayTime start = split_local(*zone, *midnight, MidnightAs::start_of_day);
  EXPECT_EQ(format_local_date(start.day), "2026-11-26");
  EXPECT_EQ(start.since_midnight, std::chrono::minutes(0));
  const LocalDayTime afternoon =
      split_local(*zone, *midnight + std::chrono::hours(16), MidnightAs::end_of_day);
  EXPECT_EQ(format_local_date(afternoon.day), "2026-11-26");
  EXPECT_EQ(afternoon.since_midnight, std::chrono::hours(16));
}

TEST(SplitLocal, FormatsDayAndTimeWithMidnightAs2400ForDeadlines) {
  const auto zone = TimeZone::load("Asia/Shanghai");
  ASSERT_TRUE(zone.ok());
  const auto midnight = zone->parse_iso8601("2026-12-04T00:00:00+08:00");
  ASSERT_TRUE(midnight.ok());
  EXPECT_EQ(format_day_time(split_local(*zone, *midnight, MidnightAs::end_of_day)), "2026-12-03 24:00");
  EXPECT_EQ(format_day_time(split_local(*zone, *midnight, MidnightAs::start_of_day)), "2026-12-04 00:00");
  const Instant afternoon = *midnight + std::chrono::hours(16) + std::chrono::minutes(5);
  EXPECT_EQ(format_day_time(split_local(*zone, afternoon, MidnightAs::end_of_day)), "2026-12-04 16:05");
}

}  // namespace
}  // namespace complaint
