// The report's figures in the one order every output lists them (JSON, CSV, the PDF sheet),
// with where each one's label comes from. Internal to core/reports.
#pragma once

#include <cstdio>
#include <optional>
#include <string>

#include "core/domain/taxonomy.h"
#include "core/reports/monthly_report.h"

namespace complaint::report_fields {

// The totals in one order, shared by the JSON, the CSV and the PDF sheet.
struct TotalField {
  const char* key;
  int MonthlyReport::Totals::*member;
};
inline constexpr TotalField kTotals[] = {
    {"filed", &MonthlyReport::Totals::filed},
    {"major", &MonthlyReport::Totals::major},
    {"group", &MonthlyReport::Totals::group},
    {"repeat", &MonthlyReport::Totals::repeat},
    {"anonymous", &MonthlyReport::Totals::anonymous},
    {"withdrawn", &MonthlyReport::Totals::withdrawn},
    {"withdrawn_voluntary", &MonthlyReport::Totals::withdrawn_voluntary},
    {"withdrawn_involuntary", &MonthlyReport::Totals::withdrawn_involuntary},
    {"reopened", &MonthlyReport::Totals::reopened},
    {"open_at_end", &MonthlyReport::Totals::open_at_end},
    {"overdue_at_end", &MonthlyReport::Totals::overdue_at_end},
    {"not_forwarded", &MonthlyReport::Totals::not_forwarded},
};

struct CountTable {
  const char* key;
  CountById MonthlyReport::*member;
  const TaxonomyEntry* (Taxonomy::*entry)(std::string_view) const;  // labels from the taxonomy, or
  const char* catalog_prefix;  // labels from the catalog ("severity."), or neither: the id itself
};
inline constexpr CountTable kCountTables[] = {
    {"by_kind", &MonthlyReport::by_kind, &Taxonomy::kind, nullptr},
    {"by_category", &MonthlyReport::by_category, &Taxonomy::category, nullptr},
    {"by_channel", &MonthlyReport::by_channel, &Taxonomy::channel, nullptr},
    {"by_department", &MonthlyReport::by_department, nullptr, nullptr},
    {"by_site", &MonthlyReport::by_site, nullptr, nullptr},
    {"by_kiosk", &MonthlyReport::by_kiosk, nullptr, nullptr},
    {"by_severity", &MonthlyReport::by_severity, nullptr, "severity."},
};

struct ClockField {
  const char* key;
  ClockCounts MonthlyReport::*member;
};
inline constexpr ClockField kClocks[] = {{"forward", &MonthlyReport::forward},
                                         {"contact", &MonthlyReport::contact},
                                         {"resolve", &MonthlyReport::resolve},
                                         {"callback", &MonthlyReport::callback}};

struct SatisfactionField {
  const char* key;
  SatisfactionCounts MonthlyReport::*member;
};
inline constexpr SatisfactionField kSatisfactions[] = {{"satisfaction", &MonthlyReport::satisfaction},
                                                       {"staff", &MonthlyReport::satisfaction_staff},
                                                       {"customer", &MonthlyReport::satisfaction_customer}};

// "83.3%", or empty when there is no rate.
inline std::string percent(const std::optional<double>& rate) {
  if (!rate) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", *rate * 100.0);
  return text;
}

inline std::string hours(const std::optional<double>& value) {
  if (!value) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", *value);
  return text;
}

}  // namespace complaint::report_fields
