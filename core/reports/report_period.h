// The periods a report can cover besides a month or a from/to range (docs/DOMAIN.md §9): a
// quarter and a year, and the one choice complaintctl and the console both make among them.
#pragma once

#include <string>

#include "core/reports/monthly_report.h"

namespace complaint {

// "2026-Q3" (Q1..Q4): July 1 to September 30. invalid_input (quarter) otherwise.
Result<ReportPeriod> quarter_period(const std::string& quarter);
// "2026": January 1 to December 31. invalid_input (year) otherwise.
Result<ReportPeriod> year_period(const std::string& year);

// What a caller was asked for; an empty string is "not given".
struct PeriodChoice {
  std::string month, quarter, year, from, to;
};

// Exactly one of month, quarter, year or from+to; none at all is the month of `at`. Two
// choices are refused (error.report.options) rather than one silently winning.
Result<ReportPeriod> choose_period(const PeriodChoice& choice, const TimeZone& zone, Instant at);

// How the period would have been asked for: a whole month "2026-11", a whole quarter
// "2026-Q4", a whole year "2026", else the range. For file names and links back to it.
enum class PeriodKind { month, quarter, year, range };
PeriodKind kind_of(const ReportPeriod& period);
PeriodChoice choice_of(const ReportPeriod& period);
std::string period_name(const ReportPeriod& period);  // "2026-Q4"; a range "2026-11-03_2026-11-20"

}  // namespace complaint
