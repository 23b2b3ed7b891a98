// The printed statistics table (客户投诉案件统计表, docs/DOMAIN.md §9) as text: every label
// already in the catalog's language, every figure already formatted, in the order the sheet
// prints them. Pure; drivers/report_pdf draws it, so the figures are decided here and the
// PDF is only layout (and the sheet is testable without cairo).
#pragma once

#include <string>
#include <vector>

#include "core/domain/taxonomy.h"
#include "core/i18n/catalog.h"
#include "core/reports/monthly_report.h"

namespace complaint {

struct SheetTable {
  std::string title;
  std::vector<std::string> columns;            // the first is the item's
  std::vector<std::vector<std::string>> rows;  // as many cells as columns
};

struct StatisticsSheet {
  std::string title;         // 客户投诉案件统计表
  std::string organisation;  // [site] name_zh / name_en
  std::string period;        // "统计期间：2026-07-01 至 2026-09-30"
  std::string generated;     // "生成时间：…，统计截至：…"
  std::vector<SheetTable> tables;
};

StatisticsSheet statistics_sheet(const MonthlyReport& report, const Catalog& catalog,
                                 const Taxonomy& taxonomy, const TimeZone& zone,
                                 const std::string& organisation, Instant generated_at);

}  // namespace complaint
