// The 12-month trend of the statistics page (docs/DOMAIN.md §9): per month, the tickets filed
// in it and the on-time rate of all its clocks together, each month its own cohort evaluated
// as of the same instant. load_report_cohort is called once per month, as it is (its interface is
// being reworked elsewhere; per month keeps this independent of how it loads).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/reports/monthly_report.h"

namespace complaint {

struct TrendMonth {
  std::string month;  // "2026-11"
  int filed = 0;
  int met = 0, missed = 0;                     // over the four clocks
  std::optional<double> on_time_rate() const;  // met / (met + missed); nullopt when both are 0
};

// `months` months ending with the month of `last_day`, oldest first.
Result<std::vector<TrendMonth>> monthly_trend(TicketRepository& store, std::chrono::year_month_day last_day,
                                              int months, Instant as_of, const TimeZone& zone,
                                              const AssessmentRules& rules = {},
                                              const ReportScope& scope = {});

}  // namespace complaint
