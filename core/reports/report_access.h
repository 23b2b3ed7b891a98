// Who sees which report (docs/DOMAIN.md §9): supervisors and executives every department's
// tickets; a dispatcher the tickets last forwarded to the account's departments (an account
// without one sees none); nobody else. Confidential tickets (reports, confidential categories)
// are counted for everyone who sees the report but listed in a drill-down only to supervisors
// and executives, who alone may handle them (is_confidential, core/workflow). The register
// holds every ticket's content: supervisors and executives only.
#pragma once

#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/domain/taxonomy.h"
#include "core/reports/monthly_report.h"
#include "core/workflow/workflow.h"

namespace complaint {

// The scope of the account's reports, or forbidden (error.report.forbidden,
// error.report.no_department).
Result<ReportScope> report_scope(Role role, const std::vector<std::string>& departments);
bool lists_ticket(Role role, const Ticket& ticket, const Taxonomy& taxonomy);
bool may_read_register(Role role);

}  // namespace complaint
