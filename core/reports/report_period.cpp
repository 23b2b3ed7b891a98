// quarter_period, year_period and choose_period; see report_period.h.
#include "core/reports/report_period.h"

#include <cstdio>

namespace complaint {
namespace {

using std::chrono::last;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

bool digits(const std::string& text, std::size_t from, std::size_t count) {
  for (std::size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

int given(const std::string& text) {
  return text.empty() ? 0 : 1;
}

std::string four_digits(int value) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d", value);
  return text;
}

}  // namespace

Result<ReportPeriod> quarter_period(const std::string& text) {
  if (text.size() != 7 || text.substr(4, 2) != "-Q" || !digits(text, 0, 4) || text[6] < '1' ||
      text[6] > '4') {
    return Error::invalid("quarter", "error.quarter.invalid",
                          "quarter must be YYYY-Q1 to YYYY-Q4, got '" + text + "'");
  }
  const year y{std::stoi(text.substr(0, 4))};
  const unsigned first_month = 3u * static_cast<unsigned>(text[6] - '1') + 1u;
  return ReportPeriod{y / month{first_month} / 1, y / month{first_month + 2u} / last};
}

Result<ReportPeriod> year_period(const std::string& text) {
  if (text.size() != 4 || !digits(text, 0, 4)) {
    return Error::invalid("year", "error.year.invalid", "year must be YYYY, got '" + text + "'");
  }
  const year y{std::stoi(text)};
  return ReportPeriod{y / 1 / 1, y / 12 / 31};
}

Result<ReportPeriod> choose_period(const PeriodChoice& choice, const TimeZone& zone, Instant at) {
  const int range = given(choice.from) | given(choice.to);
  const int chosen = given(choice.month) + given(choice.quarter) + given(choice.year) + range;
  if (chosen > 1) {
    const char* field = !choice.month.empty() ? "month" : !choice.quarter.empty() ? "quarter" : "year";
    return Error::invalid(field, "error.report.options",
                          "give one of --month, --quarter, --year, or --from and --to");
  }
  if (choice.from.empty() != choice.to.empty()) {
    return Error::invalid(choice.from.empty() ? "from" : "to", "error.report.options",
                          "--from and --to go together");
  }
  if (!choice.month.empty()) return month_period(choice.month);
  if (!choice.quarter.empty()) return quarter_period(choice.quarter);
  if (!choice.year.empty()) return year_period(choice.year);
  if (!choice.from.empty()) return range_period(choice.from, choice.to);
  return month_of(zone, at);
}

PeriodKind kind_of(const ReportPeriod& period) {
  const year_month_day& from = period.from;
  const year_month_day& to = period.to;
  const bool whole_months =
      from.day() == std::chrono::day{1} && to == year_month_day{to.year() / to.month() / last};
  if (!whole_months || from.year() != to.year()) return PeriodKind::range;
  const unsigned first = static_cast<unsigned>(from.month());
  const unsigned end = static_cast<unsigned>(to.month());
  if (first == end) return PeriodKind::month;
  if (first == 1 && end == 12) return PeriodKind::year;
  if (first % 3 == 1 && end == first + 2) return PeriodKind::quarter;
  return PeriodKind::range;
}

PeriodChoice choice_of(const ReportPeriod& period) {
  const std::string y = four_digits(static_cast<int>(period.from.year()));
  const unsigned first = static_cast<unsigned>(period.from.month());
  PeriodChoice choice;
  switch (kind_of(period)) {
    case PeriodKind::month:
      choice.month = format_date(period.from).substr(0, 7);
      break;
    case PeriodKind::quarter:
      choice.quarter = y + "-Q" + std::to_string((first - 1) / 3 + 1);
      break;
    case PeriodKind::year:
      choice.year = y;
      break;
    case PeriodKind::range:
      choice.from = format_date(period.from);
      choice.to = format_date(period.to);
      break;
  }
  return choice;
}

std::string period_name(const ReportPeriod& period) {
  const PeriodChoice choice = choice_of(period);
  if (!choice.month.empty()) return choice.month;
  if (!choice.quarter.empty()) return choice.quarter;
  if (!choice.year.empty()) return choice.year;
  return choice.from + "_" + choice.to;
}

}  // namespace complaint
