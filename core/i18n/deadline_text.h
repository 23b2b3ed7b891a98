// A promised deadline the way a customer reads it, one formatter for the kiosk's done screen,
// the printed receipt and the desk's public tracking page (docs/DOMAIN.md §3, "Deadlines for
// people"). Every word comes from the catalogs' [deadline] table (zh-CN and English).
//
// Rules, in the site's zone, `now` from the caller's injected Clock (never the system clock):
//  - a deadline at the end of a day (stored as the next local midnight) reads as that day:
//    "12月8日（周二）当天内" / "by end of Tue 8 Dec";
//  - a deadline within a day reads with its time: "今天 15:30 前" / "today by 15:30",
//    "明天 10:00 前" / "tomorrow by 10:00", otherwise "12月9日（周三）10:00 前" /
//    "Wed 9 Dec by 10:00";
//  - the year is shown only when the deadline's local year is not the current one:
//    "2027年1月5日（周二）当天内" / "by end of Tue 5 Jan 2027";
//  - the relative part: "还有3天" / "3 days left" (whole local days from today to the
//    deadline's day) when 24 hours or more are left, "还有5小时" / "5 hours left" (whole
//    hours, rounded down: a promise never reads later than it is) under 24 hours,
//    "还有40分钟" / "40 minutes left" under an hour (rounded down, at least 1), "已超时" /
//    "overdue" once it has passed (at the deadline itself too).
// The staff console's countdowns keep their own time_span_text (desk/console_pages.h).
#pragma once

#include <string>

#include "core/calendar/time_zone.h"
#include "core/i18n/catalog.h"

namespace complaint {

struct DeadlineText {
  std::string when;  // "12月8日（周二）当天内" / "today by 15:30"
  std::string left;  // "还有3天" / "overdue"
  bool overdue = false;
};

DeadlineText deadline_text(const Catalog& catalog, const TimeZone& zone, Instant due, Instant now);
// Both parts in one phrase: "12月8日（周二）当天内（还有3天）" / "by end of Tue 8 Dec (3 days left)".
std::string deadline_phrase(const Catalog& catalog, const TimeZone& zone, Instant due, Instant now);

}  // namespace complaint
