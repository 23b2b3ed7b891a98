// The organisation's departments (configured on the desk, edited by supervisors) and who
// sees which tickets: a handler sees and acts on the tickets of the departments their account
// belongs to; every other staff role sees all (dispatchers route everything). One place for
// the rules, used by the console's routes and by complaintctl.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/desk_state/desk_state_store.h"
#include "core/domain/ticket.h"
#include "core/sync/desk_repository.h"
#include "core/workflow/workflow.h"

namespace complaint {

// The list, read and changed through the desk state store (both engines).
class DepartmentList {
 public:
  explicit DepartmentList(DeskStateStore& store) : m_store(store) {}
  // Sorted by id.
  Result<std::vector<Department>> all();
  // Adds or renames (by id). invalid_input (error.department.*) when a field is not acceptable.
  Result<void> save(const Department& department);
  // The department, or invalid_input "error.department.unknown" naming `field`.
  Result<Department> require(const std::string& id, const char* field = "department");

 private:
  DeskStateStore& m_store;
};

// A department's fields: id 1-64 bytes of UTF-8 without control characters or commas, names
// 1-64 code points each.
Result<void> check_department(const Department& department);
// The department's name in `language` ("en" the English one, else the Chinese), its id when unknown.
std::string department_name(const std::vector<Department>& departments, const std::string& id,
                            const std::string& language);

// The departments whose tickets this account may see, or nullopt for all of them.
std::optional<std::vector<std::string>> department_scope(Role role,
                                                         const std::vector<std::string>& departments);
// Whether the account (its role and departments) may see and act on the ticket at all.
bool sees_ticket(Role role, const std::vector<std::string>& departments, const Ticket& ticket);
// Refusal of a ticket outside the account's departments: not_found, so a handler learns
// nothing about tickets of other departments.
Error outside_scope_error(const std::string& number);

// The routing inputs of a staff action checked against the desk's configuration: the
// department a forward or reassign names must be one of the list, and a reassign's person an
// active account of that department. invalid_input with a key the catalogs have.
Result<void> check_routing(const ActionRequest& request, DepartmentList& list, DeskRepository& accounts);

}  // namespace complaint
