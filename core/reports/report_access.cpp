// Report access; see report_access.h.
#include "core/reports/report_access.h"

namespace complaint {
namespace {

bool is_leader(Role role) {
  return role == Role::supervisor || role == Role::executive;
}

Error forbidden(std::string message, const char* key) {
  Error error = Error::make(ErrorCode::forbidden, std::move(message));
  error.key = key;
  return error;
}

}  // namespace

Result<ReportScope> report_scope(Role role, const std::vector<std::string>& departments) {
  if (is_leader(role)) return ReportScope{};
  if (role != Role::dispatcher) {
    return forbidden(std::string("reports are not for the role ") + to_string(role),
                     "error.report.forbidden");
  }
  if (departments.empty()) {
    return forbidden("a dispatcher's reports need a department on the account", "error.report.no_department");
  }
  ReportScope scope;
  scope.departments = departments;
  return scope;
}

bool lists_ticket(Role role, const Ticket& ticket, const Taxonomy& taxonomy) {
  return is_leader(role) || !is_confidential(ticket, taxonomy);
}

bool may_read_register(Role role) {
  return is_leader(role);
}

}  // namespace complaint
