// Figure keys: each number a report shows has a key, so the console can link it to the list of
// the tickets it counts (drill-down, ReportScope::drill) and a test can check every list
// against its number. Keys are the JSON's paths joined by dots (docs/DOMAIN.md §9):
//   total.filed, total.overdue_at_end, ...      the totals
//   by_category.service_attitude, by_kiosk.WH01-K1, ...   a count table's row
//   on_time.forward.met, on_time.resolve.pending, ...     a clock's outcome
//   satisfaction.rated, staff.dissatisfied, customer.satisfied, ...
//   reply_hours.count                           the tickets replied to
//   assessment.DEPARTMENT,PERSON                an assessment entry's tickets (a department id
//                                               has no comma; PERSON may be empty)
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/reports/monthly_report.h"

namespace complaint {

std::string figure_key(std::initializer_list<std::string_view> parts);
// Whether `key` is `parts` joined by dots, without building it.
bool is_figure_key(std::string_view key, std::initializer_list<std::string_view> parts);
std::string assessment_figure(const std::string& department, const std::string& person);

struct ReportFigure {
  std::string key;
  int value = 0;  // the number shown; an assessment entry's: its distinct tickets
};
// Every figure of the report that counts tickets, in the outputs' order.
std::vector<ReportFigure> report_figures(const MonthlyReport& report);

}  // namespace complaint
