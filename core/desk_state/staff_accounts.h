// Staff account administration, once for the console (supervisors) and `complaintctl desk
// user ...`: the password rule, the staff roles, and changes of role, departments, disabled
// flag and password, checked against the department list. A disabled account's sessions end
// at its next request (the console reads the account on every request).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/desk_state/departments.h"
#include "core/sync/desk_repository.h"

namespace complaint {

constexpr std::size_t kMinPasswordLength = 8;

// invalid_input "desk.error.password_short" when shorter than kMinPasswordLength.
Result<void> check_new_password(const std::string& password);
// The roles a staff account can have (not customer, not kiosk); invalid_input "desk.error.role".
Result<Role> staff_role(const std::string& text);
// Who files complaints at the desk (/console/intake: calls, letters, referrals): the intake
// clerks (受理员, who own a ticket until it is forwarded, docs/DOMAIN.md §2), the dispatchers
// who take the hotline and the supervisors; not handlers (a department's own staff) nor
// executives.
bool takes_complaints(Role role);
// "a,b" or "a, b" as department ids (empty items dropped), each checked against the list.
Result<std::vector<std::string>> department_ids(const std::string& text, DepartmentList& list);

struct AccountChange {
  std::optional<Role> role;
  std::optional<std::vector<std::string>> departments;  // ids, already checked
  std::optional<bool> disabled;
  std::string password_hash;  // empty: unchanged
};

// Applies the change to account `name`. `actor` is the signed-in account making it (empty
// from the command line): nobody disables or changes the role of their own account.
// not_found "error.staff.unknown" for no such account; forbidden "error.staff.self".
Result<StaffUser> change_account(DeskRepository& accounts, const std::string& name,
                                 const AccountChange& change, const std::string& actor);

}  // namespace complaint
