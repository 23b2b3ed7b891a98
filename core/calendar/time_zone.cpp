// TimeZone over date/tz: the zone is located once in load() and kept as a pointer into the
// process-wide tz database, so conversions are a binary search, never a database lookup.
#include "core/calendar/time_zone.h"

#include <date/tz.h>

#include <array>
#include <cstdint>
#include <exception>

namespace complaint {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const date::time_zone* vendor_zone(const void* zone) {
  return static_cast<const date::time_zone*>(zone);
}

// Appends `value` as exactly `width` decimal digits (zero-padded). Used instead of
// snprintf/streams because formatting runs for every deadline shown or serialised.
void append_digits(std::string& out, std::int64_t value, int width) {
  std::array<char, 20> buffer{};
  for (int i = width - 1; i >= 0; --i) {
    buffer[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buffer.data(), static_cast<std::size_t>(width));
}

void append_date(std::string& out, LocalDays day, bool with_dashes) {
  const std::chrono::year_month_day ymd{day};
  int year = static_cast<int>(ymd.year());
  if (year < 0) {
    out.push_back('-');
    year = -year;
  }
  // Four digits, or five past 9999: a deadline 9999 days after a filing late in year 9999,
  // or such an instant in a zone ahead of UTC, must never print as a year of the first millennium.
  append_digits(out, year, year > 9999 ? 5 : 4);
  if (with_dashes) out.push_back('-');
  append_digits(out, static_cast<unsigned>(ymd.month()), 2);
  if (with_dashes) out.push_back('-');
  append_digits(out, static_cast<unsigned>(ymd.day()), 2);
}

// A cursor over the text being parsed; every reader fails without consuming on a mismatch.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : m_text(text) {}
  bool done() const { return m_pos == m_text.size(); }
  bool accept(char c) {
    if (done() || m_text[m_pos] != c) return false;
    ++m_pos;
    return true;
  }
  bool accept_any(std::string_view set, char& which) {
    if (done() || set.find(m_text[m_pos]) == std::string_view::npos) return false;
    which = m_text[m_pos++];
    return true;
  }
  // Exactly `width` ASCII digits.
  bool digits(int width, int& value) {
    if (m_text.size() - m_pos < static_cast<std::size_t>(width)) return false;
    int result = 0;
    for (int i = 0; i < width; ++i) {
      const char c = m_text[m_pos + static_cast<std::size_t>(i)];
      if (c < '0' || c > '9') return false;
      result = result * 10 + (c - '0');
    }
    m_pos += static_cast<std::size_t>(width);
    value = result;
    return true;
  }

 private:
  std::string_view m_text;
  std::size_t m_pos = 0;
};

bool scan_date(Scanner& in, LocalDays& day) {
  int year = 0;
  int month = 0;
  int day_of_month = 0;
  if (!in.digits(4, year) || !in.accept('-') || !in.digits(2, month) || !in.accept('-') ||
      !in.digits(2, day_of_month)) {
    return false;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day_of_month)}};
  if (!ymd.ok()) return false;
  day = LocalDays{ymd};
  return true;
}

// "HH:MM" or "HH:MM:SS"; no leap seconds and no 24:00, which the tz database cannot name.
bool scan_time(Scanner& in, seconds& time_of_day) {
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!in.digits(2, hour) || !in.accept(':') || !in.digits(2, minute)) return false;
  if (in.accept(':') && !in.digits(2, second)) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  time_of_day = hours{hour} + minutes{minute} + seconds{second};
  return true;
}

// "Z", "+08:00", "+0800", "+08" (and "+08:05:43", which format_iso8601 emits for
// historical local mean time offsets, so that formatting always round-trips).
bool scan_offset(Scanner& in, seconds& offset) {
  char sign = 0;
  if (in.accept_any("Zz", sign)) {
    offset = seconds{0};
    return true;
  }
  if (!in.accept_any("+-", sign)) return false;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!in.digits(2, hour)) return false;
  if (in.accept(':')) {
    if (!in.digits(2, minute)) return false;
    if (in.accept(':') && !in.digits(2, second)) return false;
  } else if (!in.done() && !in.digits(2, minute)) {
    return false;
  }
  if (hour > 23 || minute > 59 || second > 59) return false;
  offset = hours{hour} + minutes{minute} + seconds{second};
  if (sign == '-') offset = -offset;
  return true;
}

Error invalid_instant(std::string_view text) {
  return Error::invalid("datetime", "error.date.invalid",
                        "'" + std::string(text) +
                            "' is not an ISO 8601 date or date-time; use e.g. 2026-11-20, "
                            "2026-11-20T16:00:00 or 2026-11-20T16:00:00+08:00");
}

}  // namespace

Result<TimeZone> TimeZone::load(std::string_view name) {
  try {
    const date::time_zone* zone = date::locate_zone(name);
    // Touch the zone once so its transition table is read now, not during the first filing.
    (void)zone->get_info(std::chrono::floor<seconds>(std::chrono::system_clock::now()));
    return TimeZone(std::string(name), zone);
  } catch (const std::exception& e) {
    // date/tz throws for an unknown name and for a missing or unreadable /usr/share/zoneinfo.
    return Error::invalid("timezone", "error.timezone.unknown",
                          "unknown time zone '" + std::string(name) + "': " + e.what());
  }
}

LocalSeconds TimeZone::to_local(Instant at) const {
  return LocalSeconds{at.time_since_epoch() + offset_at(at)};
}

Instant TimeZone::to_instant(LocalSeconds local) const {
  const date::local_info info = vendor_zone(m_zone)->get_info(date::local_seconds{local.time_since_epoch()});
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:
      // In an overlap `first` is the period before the switch, so this is the earlier instant.
      return Instant{local.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent:
      // The local time was skipped: the switch instant is the first one at or after it.
      return info.first.end;
  }
  return Instant{local.time_since_epoch() - info.first.offset};
}

seconds TimeZone::offset_at(Instant at) const {
  return vendor_zone(m_zone)->get_info(at).offset;
}

std::string TimeZone::format_iso8601(Instant at) const {
  const seconds offset = offset_at(at);
  const LocalSeconds local{at.time_since_epoch() + offset};
  const LocalDays day = std::chrono::floor<days>(local);
  const std::chrono::hh_mm_ss<seconds> time{local - day};

  std::string out;
  out.reserve(32);
  append_date(out, day, true);
  out.push_back('T');
  append_digits(out, time.hours().count(), 2);
  out.push_back(':');
  append_digits(out, time.minutes().count(), 2);
  out.push_back(':');
  append_digits(out, time.seconds().count(), 2);
  out.push_back(offset < seconds{0} ? '-' : '+');
  const std::chrono::hh_mm_ss<seconds> magnitude{offset < seconds{0} ? -offset : offset};
  append_digits(out, magnitude.hours().count(), 2);
  out.push_back(':');
  append_digits(out, magnitude.minutes().count(), 2);
  if (magnitude.seconds().count() != 0) {
    out.push_back(':');
    append_digits(out, magnitude.seconds().count(), 2);
  }
  return out;
}

Result<Instant> TimeZone::parse_iso8601(std::string_view text) const {
  Scanner in(text);
  LocalDays day;
  if (!scan_date(in, day)) return invalid_instant(text);
  if (in.done()) return to_instant(LocalSeconds{day});

  char separator = 0;
  seconds time_of_day{0};
  if (!in.accept_any("Tt ", separator) || !scan_time(in, time_of_day)) return invalid_instant(text);
  const LocalSeconds local = LocalSeconds{day} + time_of_day;
  if (in.done()) return to_instant(local);

  seconds offset{0};
  if (!scan_offset(in, offset) || !in.done()) return invalid_instant(text);
  return Instant{local.time_since_epoch() - offset};
}

Result<LocalDays> parse_local_date(std::string_view text, std::string_view field) {
  Scanner in(text);
  LocalDays day;
  if (!scan_date(in, day) || !in.done()) {
    return Error::invalid(std::string(field), "error.date.invalid",
                          "'" + std::string(text) + "' is not a date; use YYYY-MM-DD, e.g. 2026-11-20");
  }
  return day;
}

std::string format_local_date(LocalDays day) {
  std::string out;
  append_date(out, day, true);
  return out;
}

std::string format_compact_date(LocalDays day) {
  std::string out;
  append_date(out, day, false);
  return out;
}

LocalDayTime split_local(const TimeZone& zone, Instant at, MidnightAs midnight) {
  const LocalSeconds local = zone.to_local(at);
  LocalDays day = std::chrono::floor<std::chrono::days>(local);
  auto since_midnight = std::chrono::duration_cast<std::chrono::minutes>(local - day);
  if (midnight == MidnightAs::end_of_day && local == LocalSeconds(day)) {
    day -= std::chrono::days(1);
    since_midnight = std::chrono::hours(24);
  }
  return {day, since_midnight};
}

std::string format_day_time(const LocalDayTime& at) {
  std::string out;
  append_date(out, at.day, true);
  out.push_back(' ');
  append_digits(out, at.since_midnight.count() / 60, 2);
  out.push_back(':');
  append_digits(out, at.since_midnight.count() % 60, 2);
  return out;
}

}  // namespace complaint
