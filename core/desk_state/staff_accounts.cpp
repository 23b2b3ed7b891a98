// Staff account administration; see staff_accounts.h.
#include "core/desk_state/staff_accounts.h"

#include "core/base/utf8.h"

namespace complaint {

Result<void> check_new_password(const std::string& password) {
  if (password.size() < kMinPasswordLength) {
    return Error::invalid("password", "desk.error.password_short",
                          "a password must have at least 8 characters");
  }
  return Ok{};
}

bool takes_complaints(Role role) {
  return role == Role::intake_clerk || role == Role::dispatcher || role == Role::supervisor;
}

Result<Role> staff_role(const std::string& text) {
  const auto role = role_from_string(text);
  if (!role || *role == Role::customer || *role == Role::kiosk) {
    return Error::invalid("role", "desk.error.role",
                          "role must be intake_clerk, dispatcher, handler, supervisor or executive");
  }
  return *role;
}

Result<std::vector<std::string>> department_ids(const std::string& text, DepartmentList& list) {
  std::vector<std::string> ids;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::size_t end = comma == std::string::npos ? text.size() : comma;
    const std::string id = utf8::trim(std::string_view(text).substr(start, end - start));
    if (!id.empty()) {
      TRY_ASSIGN(const Department department, list.require(id, "departments"));
      bool seen = false;
      for (const std::string& known : ids) seen = seen || known == department.id;
      if (!seen) ids.push_back(department.id);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return ids;
}

Result<StaffUser> change_account(DeskRepository& accounts, const std::string& name,
                                 const AccountChange& change, const std::string& actor) {
  TRY_ASSIGN(std::optional<StaffUser> found, accounts.find_user(name));
  if (!found) {
    Error error = Error::make(ErrorCode::not_found, "no staff account is named " + name);
    error.key = "error.staff.unknown";
    return error;
  }
  StaffUser user = std::move(*found);
  const bool own = !actor.empty() && actor == name;
  if (own && ((change.disabled && *change.disabled) || (change.role && *change.role != user.role))) {
    Error error =
        Error::make(ErrorCode::forbidden, actor + " may not disable or change the role of their own account");
    error.key = "error.staff.self";
    return error;
  }
  if (change.role) user.role = *change.role;
  if (change.departments) user.departments = *change.departments;
  if (change.disabled) user.disabled = *change.disabled;
  if (!change.password_hash.empty()) user.password_hash = change.password_hash;
  TRY_ASSIGN(const bool stored, accounts.update_user(user));
  if (!stored) return Error::make(ErrorCode::not_found, "no staff account is named " + name);
  return user;
}

}  // namespace complaint
