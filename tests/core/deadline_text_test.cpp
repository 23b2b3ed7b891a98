// deadline_text: the customer's deadline texts in both languages on a FixedClock, in
// Asia/Shanghai (UTC+8): end of day, the same day, tomorrow, another day, another year,
// the relative part (days, hours, minutes) and overdue.
#include "core/i18n/deadline_text.h"

#include <gtest/gtest.h>

#include "core/base/clock.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_days;

const std::string k_shipped = std::string(COMPLAINT_SOURCE_ASSETS) + "/i18n";

// A local (UTC+8) date and time as an instant.
Instant local(std::chrono::year_month_day day, std::chrono::minutes time = 0min) {
  return Instant{sys_days{day}} + time - 8h;
}

class DeadlineTextTest : public ::testing::Test {
 protected:
  DeadlineTextTest()
      : zh(Catalog::load(k_shipped, "zh-CN").value()),
        en(Catalog::load(k_shipped, "en").value()),
        zone(TimeZone::load("Asia/Shanghai").value()),
        clock(local(2026y / 12 / 5, 10h + 0min)) {}  // Saturday 5 Dec 2026, 10:00

  std::string zh_of(Instant due) const { return deadline_phrase(zh, zone, due, clock.now()); }
  std::string en_of(Instant due) const { return deadline_phrase(en, zone, due, clock.now()); }

  Catalog zh;
  Catalog en;
  TimeZone zone;
  FixedClock clock;
};

TEST_F(DeadlineTextTest, EndOfDayReadsAsThatDay) {
  // Stored as the next local midnight: the end of Tuesday 8 December.
  const Instant due = local(2026y / 12 / 9);
  EXPECT_EQ(zh_of(due), "12月8日（周二）当天内（还有3天）");
  EXPECT_EQ(en_of(due), "by end of Tue 8 Dec (3 days left)");
  const DeadlineText parts = deadline_text(zh, zone, due, clock.now());
  EXPECT_EQ(parts.when, "12月8日（周二）当天内");
  EXPECT_EQ(parts.left, "还有3天");
  EXPECT_FALSE(parts.overdue);
}

TEST_F(DeadlineTextTest, SameDayReadsTodayWithTheTime) {
  const Instant due = local(2026y / 12 / 5, 15h + 30min);
  EXPECT_EQ(zh_of(due), "今天 15:30 前（还有5小时）");
  EXPECT_EQ(en_of(due), "today by 15:30 (5 hours left)");
  clock.set(local(2026y / 12 / 5, 14h + 50min));
  EXPECT_EQ(zh_of(due), "今天 15:30 前（还有40分钟）");
  EXPECT_EQ(en_of(due), "today by 15:30 (40 minutes left)");
  clock.set(local(2026y / 12 / 5, 15h + 29min) + 30s);
  EXPECT_EQ(en_of(due), "today by 15:30 (1 minute left)");
}

TEST_F(DeadlineTextTest, NextDayReadsTomorrow) {
  const Instant due = local(2026y / 12 / 6, 10h);
  EXPECT_EQ(zh_of(due), "明天 10:00 前（还有1天）");
  EXPECT_EQ(en_of(due), "tomorrow by 10:00 (1 day left)");
  clock.set(local(2026y / 12 / 5, 20h));
  EXPECT_EQ(zh_of(due), "明天 10:00 前（还有14小时）");
  EXPECT_EQ(en_of(due), "tomorrow by 10:00 (14 hours left)");
}

TEST_F(DeadlineTextTest, TonightsMidnightIsTheEndOfToday) {
  const Instant due = local(2026y / 12 / 6);
  EXPECT_EQ(zh_of(due), "12月5日（周六）当天内（还有14小时）");
  clock.set(local(2026y / 12 / 5));
  EXPECT_EQ(en_of(due), "by end of Sat 5 Dec (1 day left)");
}

TEST_F(DeadlineTextTest, LaterDayWithinTheDayShowsDateAndTime) {
  const Instant due = local(2026y / 12 / 9, 9h + 5min);
  EXPECT_EQ(zh_of(due), "12月9日（周三）9:05 前（还有4天）");
  EXPECT_EQ(en_of(due), "Wed 9 Dec by 9:05 (4 days left)");
}

TEST_F(DeadlineTextTest, YearOnlyWhenNotTheCurrentOne) {
  const Instant due = local(2027y / 1 / 6);  // end of Tuesday 5 January 2027
  EXPECT_EQ(zh_of(due), "2027年1月5日（周二）当天内（还有31天）");
  EXPECT_EQ(en_of(due), "by end of Tue 5 Jan 2027 (31 days left)");
  // The same date seen from within 2027 drops the year.
  clock.set(local(2027y / 1 / 2, 9h));
  EXPECT_EQ(en_of(due), "by end of Tue 5 Jan (3 days left)");
}

TEST_F(DeadlineTextTest, PastDeadlineIsOverdue) {
  const Instant due = local(2026y / 12 / 4, 16h);
  const DeadlineText parts = deadline_text(zh, zone, due, clock.now());
  EXPECT_TRUE(parts.overdue);
  EXPECT_EQ(parts.left, "已超时");
  EXPECT_EQ(zh_of(due), "12月4日（周五）16:00 前（已超时）");
  EXPECT_EQ(en_of(due), "Fri 4 Dec by 16:00 (overdue)");
  // Exactly at the deadline it has passed.
  clock.set(due);
  EXPECT_EQ(en_of(due), "today by 16:00 (overdue)");
}

}  // namespace
}  // namespace complaint
