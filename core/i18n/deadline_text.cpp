// The customer's deadline texts (rules in the header).
#include "core/i18n/deadline_text.h"

#include <algorithm>
#include <chrono>

namespace complaint {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

// "9:05", "15:30" (a time within the day: 0..1439 minutes).
std::string clock_time(minutes since_midnight) {
  const long total = since_midnight.count();
  const long minute = total % 60;
  return std::to_string(total / 60) + (minute < 10 ? ":0" : ":") + std::to_string(minute);
}

// "12月8日（周二）" / "Tue 8 Dec", with the year when it is not the current one.
std::string date_text(const Catalog& catalog, LocalDays day, LocalDays today) {
  const std::chrono::year_month_day ymd{day};
  const unsigned month = static_cast<unsigned>(ymd.month());
  const bool other_year = ymd.year() != std::chrono::year_month_day{today}.year();
  return catalog.format(other_year ? "deadline.date_with_year" : "deadline.date",
                        {{"year", std::to_string(static_cast<int>(ymd.year()))},
                         {"month", std::to_string(month)},
                         {"month_name", catalog.text("deadline.month." + std::to_string(month))},
                         {"day", std::to_string(static_cast<unsigned>(ymd.day()))},
                         {"weekday", catalog.text("deadline.weekday." +
                                                  std::to_string(std::chrono::weekday{day}.c_encoding()))}});
}

std::string when_text(const Catalog& catalog, const TimeZone& zone, Instant due, Instant now) {
  const LocalDays today = split_local(zone, now, MidnightAs::start_of_day).day;
  const LocalDayTime local = split_local(zone, due, MidnightAs::end_of_day);
  if (local.since_midnight == days{1})
    return catalog.format("deadline.end_of_day", {{"date", date_text(catalog, local.day, today)}});
  const std::string time = clock_time(local.since_midnight);
  if (local.day == today) return catalog.format("deadline.today", {{"time", time}});
  if (local.day == today + days{1}) return catalog.format("deadline.tomorrow", {{"time", time}});
  return catalog.format("deadline.on_day", {{"date", date_text(catalog, local.day, today)}, {"time", time}});
}

// English counts "1 day" and "3 days"; Chinese keeps one form in both keys.
std::string count_text(const Catalog& catalog, const char* unit, long n) {
  return catalog.format(std::string("deadline.left.") + unit + (n == 1 ? "" : "s"),
                        {{"n", std::to_string(n)}});
}

std::string left_text(const Catalog& catalog, const TimeZone& zone, Instant due, Instant now) {
  const auto remaining = due - now;
  if (remaining >= hours{24}) {
    const LocalDays today = split_local(zone, now, MidnightAs::start_of_day).day;
    const LocalDays due_day = split_local(zone, due, MidnightAs::end_of_day).day;
    // A whole day left that ends at tonight's 24:00 still reads "1 day", never "0 days".
    return count_text(catalog, "day", std::max<long>(1, (due_day - today).count()));
  }
  if (remaining >= hours{1}) return count_text(catalog, "hour", std::chrono::floor<hours>(remaining).count());
  // Under an hour: whole minutes, rounded down like the hours, but never "0 minutes" while
  // time is left.
  return count_text(catalog, "minute", std::max<long>(1, std::chrono::floor<minutes>(remaining).count()));
}

}  // namespace

DeadlineText deadline_text(const Catalog& catalog, const TimeZone& zone, Instant due, Instant now) {
  DeadlineText text;
  text.when = when_text(catalog, zone, due, now);
  text.overdue = due <= now;
  text.left = text.overdue ? catalog.text("deadline.overdue") : left_text(catalog, zone, due, now);
  return text;
}

std::string deadline_phrase(const Catalog& catalog, const TimeZone& zone, Instant due, Instant now) {
  const DeadlineText text = deadline_text(catalog, zone, due, now);
  return catalog.format("deadline.with_left", {{"when", text.when}, {"left", text.left}});
}

}  // namespace complaint
