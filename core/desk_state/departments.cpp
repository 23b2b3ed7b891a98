// DepartmentList and the department scope of staff accounts; see departments.h.
#include "core/desk_state/departments.h"

#include <algorithm>

#include "core/base/utf8.h"

namespace complaint {
namespace {

constexpr std::size_t kMaxIdBytes = 64;
constexpr std::size_t kMaxNamePoints = 64;

bool clean_text(const std::string& text) {
  if (!utf8::is_valid(text) || text.empty() || utf8::trim(text) != text) return false;
  return utf8::strip_controls(text, utf8::KeepNewlines::no) == text;
}

}  // namespace

Result<void> check_department(const Department& department) {
  if (!clean_text(department.id) || department.id.size() > kMaxIdBytes ||
      department.id.find(',') != std::string::npos) {
    return Error::invalid("id", "error.department.id",
                          "a department id has 1-64 bytes of text, no commas or control characters");
  }
  for (const auto& [name, field] :
       {std::pair{&department.name_zh, "name_zh"}, std::pair{&department.name_en, "name_en"}}) {
    const auto points = utf8::code_points(*name);
    if (!clean_text(*name) || !points || *points > kMaxNamePoints) {
      return Error::invalid(field, "error.department.name",
                            std::string(field) + ": a department name has 1-64 characters");
    }
  }
  return Ok{};
}

Result<std::vector<Department>> DepartmentList::all() {
  std::vector<Department> found;
  TRY_VOID(m_store.transact([&found](DeskStatePort& port) -> Result<void> {
    TRY_ASSIGN(found, port.departments());
    return Ok{};
  }));
  return found;
}

Result<void> DepartmentList::save(const Department& department) {
  TRY_VOID(check_department(department));
  return m_store.transact([&department](DeskStatePort& port) { return port.save_department(department); });
}

Result<Department> DepartmentList::require(const std::string& id, const char* field) {
  TRY_ASSIGN(const std::vector<Department> departments, all());
  for (const Department& department : departments) {
    if (department.id == id) return department;
  }
  return Error::invalid(field, "error.department.unknown", "unknown department '" + id + "'");
}

std::string department_name(const std::vector<Department>& departments, const std::string& id,
                            const std::string& language) {
  for (const Department& department : departments) {
    if (department.id == id) return language == "en" ? department.name_en : department.name_zh;
  }
  return id;
}

std::optional<std::vector<std::string>> department_scope(Role role,
                                                         const std::vector<std::string>& departments) {
  if (role == Role::handler) return departments;
  return std::nullopt;
}

bool sees_ticket(Role role, const std::vector<std::string>& departments, const Ticket& ticket) {
  const auto scope = department_scope(role, departments);
  return !scope || std::find(scope->begin(), scope->end(), ticket.department) != scope->end();
}

Error outside_scope_error(const std::string& number) {
  Error error =
      Error::make(ErrorCode::not_found, "ticket " + number + " is outside the account's departments");
  error.key = "error.ticket.not_found";
  return error;
}

Result<void> check_routing(const ActionRequest& request, DepartmentList& list, DeskRepository& accounts) {
  if (request.action != Action::forward && request.action != Action::reassign) return Ok{};
  // An empty department is the workflow's own refusal (department_missing).
  if (!request.department.empty()) {
    const auto known = list.require(request.department);
    if (!known.ok()) return known.error();
  }
  if (request.assignee.empty()) return Ok{};
  TRY_ASSIGN(const std::optional<StaffUser> person, accounts.find_user(request.assignee));
  const bool fits =
      person && !person->disabled &&
      (person->role != Role::handler || std::find(person->departments.begin(), person->departments.end(),
                                                  request.department) != person->departments.end());
  if (!fits) {
    return Error::invalid(
        "assignee", "error.assignee.unknown",
        "'" + request.assignee + "' is no active account of department " + request.department);
  }
  return Ok{};
}

}  // namespace complaint
