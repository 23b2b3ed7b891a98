// statistics_pdf: the printed statistics table (客户投诉案件统计表, docs/DOMAIN.md §9) as an
// A4 portrait PDF: the sheet's title, organisation, period and generation time, then its
// tables with a ruled grid, a table's column heads repeated on each page it spans, and
// "page N of M" at the foot. The fonts are embedded (subset) by cairo, so the Chinese prints
// on a machine without them. Only layout: every text and figure is the sheet's.
// Used by complaintctl and the desk alone, so no interface in core/.
#pragma once

#include <string>

#include "core/base/result.h"
#include "core/reports/statistics_sheet.h"

namespace complaint {

// `page_label` is the catalog's "report.sheet.page" with {page} and {pages} left in.
Result<std::string> statistics_pdf(const StatisticsSheet& sheet, const std::string& page_label,
                                   const std::string& font_family = "Noto Sans CJK SC");

}  // namespace complaint
