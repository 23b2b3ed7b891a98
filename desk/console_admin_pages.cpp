// The supervisors' pages: the department list (add or rename) and the staff accounts (role,
// departments, disable / re-enable, password reset). Every form posts with the session's
// CSRF token; the routes check role and inputs again (console_routes.cpp).
#include "desk/console_pages.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

std::string csrf_field(const PageContext& page) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" +
         html_escape(page.session != nullptr ? page.session->csrf : "") + "\">";
}

std::string error_box(const std::string& error) {
  if (error.empty()) return {};
  return "<p class=\"error\" id=\"error\" role=\"alert\">" + html_escape(error) + "</p>";
}

std::string input(const char* name, const std::string& value, bool required = true) {
  return std::string("<input name=\"") + name + "\" value=\"" + html_escape(value) + "\"" +
         (required ? " required" : "") + ">";
}

}  // namespace

std::string render_departments(const PageContext& page, const std::vector<Department>& departments,
                               const std::string& error) {
  const Catalog& c = page.catalog;
  std::string main = "<h1>" + html_escape(c.text("console.departments.title")) + "</h1>" + error_box(error);
  if (departments.empty())
    main += "<p id=\"no-departments\">" + html_escape(c.text("console.departments.empty")) + "</p>";
  main += "<table class=\"queue\" id=\"departments\"><thead><tr>";
  for (const char* key :
       {"console.departments.id", "console.departments.name_zh", "console.departments.name_en"}) {
    main += "<th>" + html_escape(c.text(key)) + "</th>";
  }
  main += "<th></th></tr></thead><tbody>";
  // Each row is its own rename form (the code stays, the names change).
  for (const Department& d : departments) {
    const std::string form = "dept-" + html_escape(d.id);
    main += "<tr data-department=\"" + html_escape(d.id) + "\"><td>" + html_escape(d.id) +
            "<form method=\"post\" action=\"/console/departments\" id=\"" + form + "\">" + csrf_field(page) +
            "<input type=\"hidden\" name=\"id\" value=\"" + html_escape(d.id) +
            "\"></form></td><td><input form=\"" + form + "\" name=\"name_zh\" value=\"" +
            html_escape(d.name_zh) + "\" required></td><td><input form=\"" + form +
            "\" name=\"name_en\" value=\"" + html_escape(d.name_en) + "\" required></td><td><button form=\"" +
            form + "\" type=\"submit\">" + html_escape(c.text("console.departments.save")) +
            "</button></td></tr>";
  }
  main +=
      "</tbody></table><form method=\"post\" action=\"/console/departments\" class=\"action\" "
      "id=\"add-department\"><h2>" +
      html_escape(c.text("console.departments.add")) + "</h2>" + csrf_field(page) + "<label>" +
      html_escape(c.text("console.departments.id")) + input("id", "") + "</label><label>" +
      html_escape(c.text("console.departments.name_zh")) + input("name_zh", "") + "</label><label>" +
      html_escape(c.text("console.departments.name_en")) + input("name_en", "") +
      "</label><button type=\"submit\">" + html_escape(c.text("console.departments.save")) +
      "</button></form>";
  return layout(page, c.text("console.departments.title"), main);
}

std::string render_staff(const PageContext& page, const std::vector<StaffUser>& users,
                         const std::vector<Department>& departments, const std::string& error) {
  const Catalog& c = page.catalog;
  const std::string& language = c.language();
  std::string main = "<h1>" + html_escape(c.text("console.staff.title")) + "</h1>" + error_box(error) +
                     "<table class=\"queue\" id=\"staff\"><thead><tr>";
  for (const char* key : {"console.staff.name", "console.staff.role", "console.staff.departments",
                          "console.staff.state", "console.staff.reset_password"}) {
    main += "<th>" + html_escape(c.text(key)) + "</th>";
  }
  main += "</tr></thead><tbody>";
  for (const StaffUser& user : users) {
    const std::string action = "/console/staff";
    const std::string name_field =
        "<input type=\"hidden\" name=\"name\" value=\"" + html_escape(user.name) + "\">";
    const std::string form = "staff-" + html_escape(user.name);
    main += "<tr data-user=\"" + html_escape(user.name) + "\"" +
            (user.disabled ? " class=\"disabled\"" : "") + "><td>" + html_escape(user.name) +
            "</td><td><form method=\"post\" action=\"" + action + "\" id=\"" + form + "\">" +
            csrf_field(page) + name_field +
            "<input type=\"hidden\" name=\"op\" value=\"save\"><select name=\"role\">";
    for (const Role role :
         {Role::intake_clerk, Role::dispatcher, Role::handler, Role::supervisor, Role::executive}) {
      main += "<option value=\"" + std::string(to_string(role)) + "\"" +
              (role == user.role ? " selected" : "") + ">" +
              html_escape(c.text(std::string("role.") + to_string(role))) + "</option>";
    }
    main += "</select></form></td><td>";
    for (const Department& d : departments) {
      bool member = false;
      for (const std::string& id : user.departments) member = member || id == d.id;
      main += "<label class=\"check\"><input type=\"checkbox\" form=\"" + form +
              "\" name=\"dept:" + html_escape(d.id) + "\" value=\"1\"" + (member ? " checked" : "") + ">" +
              html_escape(department_name(departments, d.id, language)) + "</label> ";
    }
    main += "<button form=\"" + form + "\" type=\"submit\">" + html_escape(c.text("console.staff.save")) +
            "</button></td><td>" +
            html_escape(c.text(user.disabled ? "console.staff.disabled" : "console.staff.active")) +
            "<form method=\"post\" class=\"inline\" action=\"" + action + "\">" + csrf_field(page) +
            name_field + "<input type=\"hidden\" name=\"op\" value=\"" +
            (user.disabled ? "enable" : "disable") + "\"><button type=\"submit\"" +
            (user.disabled ? "" : " class=\"danger\"") + ">" +
            html_escape(c.text(user.disabled ? "console.staff.enable" : "console.staff.disable")) +
            "</button></form></td><td><form method=\"post\" class=\"inline\" action=\"" + action + "\">" +
            csrf_field(page) + name_field +
            "<input type=\"hidden\" name=\"op\" value=\"password\"><input type=\"password\" " +
            "name=\"password\" autocomplete=\"new-password\" minlength=\"8\" aria-label=\"" +
            html_escape(c.text("console.staff.new_password")) + "\" placeholder=\"" +
            html_escape(c.text("console.staff.new_password")) + "\"><button type=\"submit\">" +
            html_escape(c.text("console.staff.reset_password")) + "</button></form></td></tr>";
  }
  main += "</tbody></table>";
  return layout(page, c.text("console.staff.title"), main);
}

}  // namespace complaint::desk
