// The report as complaintctl writes it: JSON (the keys of docs/DOMAIN.md §9) and CSV (section,
// item, value rows labelled from the catalogs, UTF-8 with a BOM). Pure formatting of a
// MonthlyReport; nothing is computed here.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/domain/taxonomy.h"
#include "core/i18n/catalog.h"
#include "core/reports/monthly_report.h"

namespace complaint {

nlohmann::json report_to_json(const MonthlyReport& report, const TimeZone& zone);
std::string report_to_csv(const MonthlyReport& report, const Catalog& catalog, const Taxonomy& taxonomy,
                          const TimeZone& zone);

}  // namespace complaint
