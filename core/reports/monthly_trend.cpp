// monthly_trend; see monthly_trend.h. Each month's figures are monthly_report's, so the trend
// and the month's own page cannot disagree.
#include "core/reports/monthly_trend.h"

namespace complaint {

std::optional<double> TrendMonth::on_time_rate() const {
  if (met + missed == 0) return std::nullopt;
  return static_cast<double>(met) / static_cast<double>(met + missed);
}

Result<std::vector<TrendMonth>> monthly_trend(TicketRepository& store, std::chrono::year_month_day last_day,
                                              int months, Instant as_of, const TimeZone& zone,
                                              const AssessmentRules& rules, const ReportScope& scope) {
  std::vector<TrendMonth> trend;
  const std::chrono::year_month last = last_day.year() / last_day.month();
  for (int back = months - 1; back >= 0; --back) {
    const std::chrono::year_month month = last - std::chrono::months{back};
    const ReportPeriod period{month / 1, month / std::chrono::last};
    TRY_ASSIGN(const std::vector<TicketHistory> cohort, load_report_cohort(store, period, zone));
    const MonthlyReport report = monthly_report(cohort, period, as_of, zone, rules, scope);
    TrendMonth point;
    point.month = format_date(period.from).substr(0, 7);
    point.filed = report.totals.filed;
    for (const ClockCounts* clock : {&report.forward, &report.contact, &report.resolve, &report.callback}) {
      point.met += clock->met;
      point.missed += clock->missed;
    }
    trend.push_back(std::move(point));
  }
  return trend;
}

}  // namespace complaint
