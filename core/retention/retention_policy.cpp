// RetentionPolicy (see retention_policy.h).
#include "core/retention/retention_policy.h"

#include <algorithm>
#include <charconv>

#include "core/config/config_file.h"

namespace complaint {

int RetentionPolicy::years_for(const Ticket& ticket) const {
  int result = years;
  if (ticket.major) result = std::max(result, major_years);
  if (const auto kind = kind_years.find(ticket.kind); kind != kind_years.end()) {
    result = std::max(result, kind->second);
  }
  return result;
}

Instant RetentionPolicy::expires_at(const Ticket& ticket, Instant closed_at) const {
  using namespace std::chrono;
  const sys_days day = floor<days>(closed_at);
  const auto time_of_day = closed_at - day;
  const year_month_day date{day};
  year_month_day later = date + std::chrono::years{years_for(ticket)};
  // 29 February of a year that has none: the day after 28 February, so never short of a year.
  const sys_days later_day = later.ok() ? sys_days{later} : sys_days{later.year() / March / 1};
  return Instant{later_day + time_of_day};
}

namespace {

constexpr int k_max_years = 100;

Result<void> read_kind_years(SectionReader& in, RetentionPolicy& policy) {
  if (!in.has("kind_years")) return Ok{};
  std::vector<std::string> entries;
  TRY_VOID(in.text_list("kind_years", entries));
  std::map<std::string, int> kinds;
  for (const std::string& entry : entries) {
    const auto equals = entry.find('=');
    int value = 0;
    const char* first = entry.data() + (equals == std::string::npos ? 0 : equals + 1);
    const char* last = entry.data() + entry.size();
    const auto [end, error] = std::from_chars(first, last, value);
    if (equals == std::string::npos || equals == 0 || error != std::errc() || end != last || value < 1 ||
        value > k_max_years) {
      return in.invalid("kind_years",
                        "each entry is KIND=YEARS with YEARS from 1 to 100, not '" + entry + "'");
    }
    kinds[entry.substr(0, equals)] = value;
  }
  policy.kind_years = std::move(kinds);
  return Ok{};
}

}  // namespace

Result<void> read_retention(SectionReader& in, RetentionPolicy& policy) {
  TRY_VOID(in.integer("years", policy.years, 1, k_max_years));
  TRY_VOID(in.integer("major_years", policy.major_years, 1, k_max_years));
  TRY_VOID(read_kind_years(in, policy));
  return in.integer("kiosk_keep_days", policy.kiosk_keep_days, 1, 3660);
}

}  // namespace complaint
