// The leaders' list of withdrawals recorded as not voluntary whose investigation is still open
// (/console/investigations; docs/DOMAIN.md §2). Each row links to its ticket, where the
// close_investigation action takes the finding through the workflow like every other action.
#include "desk/console_pages.h"
#include "desk/web_forms.h"

namespace complaint::desk {

std::string render_investigations(const PageContext& page, const std::vector<Ticket>& tickets) {
  const Catalog& c = page.catalog;
  std::string main = "<h1>" + html_escape(c.text("console.investigations.title")) + "</h1><p>" +
                     html_escape(c.text("console.investigations.intro")) + "</p>";
  if (tickets.empty()) {
    main += "<p id=\"no-investigations\">" + html_escape(c.text("console.investigations.empty")) + "</p>";
    return layout(page, c.text("console.investigations.title"), main);
  }
  main += "<table class=\"queue\" id=\"investigations\"><thead><tr>";
  for (const char* key : {"register.column.number", "register.column.category", "register.column.department",
                          "console.investigations.withdrawn_at", "register.column.handler"}) {
    main += "<th>" + html_escape(c.text(key)) + "</th>";
  }
  main += "</tr></thead><tbody>";
  for (const Ticket& t : tickets) {
    main += "<tr data-number=\"" + html_escape(t.number) + "\"><td><a href=\"/console/tickets/" +
            url_encode(t.number) + "\">" + html_escape(t.number) + "</a></td><td>" +
            html_escape(category_label(page, t.category)) + "</td><td>" + html_escape(t.department) +
            "</td><td>" + html_escape(t.withdrawn_at ? format_local(page, *t.withdrawn_at) : std::string()) +
            "</td><td>" + html_escape(t.handler) + "</td></tr>";
  }
  main += "</tbody></table>";
  return layout(page, c.text("console.investigations.title"), main);
}

}  // namespace complaint::desk
