// The register (台帐, seed 003 《客户投诉处理管理台帐》): one row per ticket of a cohort with the
// record form's columns, the verification's judgement, and every clock's deadline, done time and
// outcome as of an instant (clock_outcomes). CSV through csv.h; column titles from the catalog.
// complaintctl export and the console's download both write it.
#pragma once

#include <string>
#include <vector>

#include "core/domain/taxonomy.h"
#include "core/i18n/catalog.h"
#include "core/reports/monthly_report.h"

namespace complaint {

std::string register_to_csv(const std::vector<TicketHistory>& cohort, const Catalog& catalog,
                            const Taxonomy& taxonomy, const TimeZone& zone, Instant as_of);

}  // namespace complaint
