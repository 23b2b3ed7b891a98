// The console's ticket search page; see console_pages.h.
#include "core/privacy/masking.h"
#include "desk/console_pages.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

std::string text_input(const PageContext& page, const char* name, const char* label_key,
                       const std::string& value, const char* type = "text") {
  return "<label>" + html_escape(page.catalog.text(label_key)) + "<input type=\"" + type + "\" name=\"" +
         name + "\" id=\"search-" + name + "\" value=\"" + html_escape(value) + "\"></label>";
}

// The query string of the search asked, at page `number`.
std::string page_link(const SearchInput& asked, int number) {
  std::string link = "/console/search?";
  for (const auto& [name, value] :
       {std::pair{"q", &asked.any}, std::pair{"number", &asked.number},
        std::pair{"check_code", &asked.check_code}, std::pair{"phone", &asked.phone},
        std::pair{"name", &asked.name}, std::pair{"words", &asked.words}, std::pair{"from", &asked.from},
        std::pair{"to", &asked.to}, std::pair{"state", &asked.state}}) {
    if (!value->empty()) link += std::string(name) + "=" + url_encode(*value) + "&";
  }
  return link + "page=" + std::to_string(number);
}

}  // namespace

std::string render_search(const PageContext& page, const SearchPageInput& input) {
  const Catalog& c = page.catalog;
  const SearchInput& asked = input.asked;
  std::string main = "<h1>" + html_escape(c.text("console.search.title")) + "</h1>";
  main += "<form method=\"get\" action=\"/console/search\" class=\"filters\" id=\"search-form\">";
  if (!asked.any.empty()) main += text_input(page, "q", "console.search.any", asked.any);
  main += text_input(page, "number", "register.column.number", asked.number);
  main += text_input(page, "check_code", "console.search.check_code", asked.check_code);
  main += text_input(page, "phone", "console.search.phone", asked.phone, "search");
  main += text_input(page, "name", "console.search.name", asked.name);
  main += text_input(page, "words", "console.search.words", asked.words);
  main += text_input(page, "from", "console.search.from", asked.from, "date");
  main += text_input(page, "to", "console.search.to", asked.to, "date");
  main += "<label>" + html_escape(c.text("register.column.status")) +
          "<select name=\"state\" id=\"search-state\">";
  const std::string chosen = asked.state.empty() ? "any" : asked.state;
  for (const SearchState state :
       {SearchState::any, SearchState::open, SearchState::archived, SearchState::withdrawn}) {
    const std::string id = to_string(state);
    main += "<option value=\"" + id + "\"" + (chosen == id ? " selected" : "") + ">" +
            html_escape(c.text("console.search.state." + id)) + "</option>";
  }
  main += "</select></label><button type=\"submit\" id=\"search-submit\">" +
          html_escape(c.text("console.search.submit")) + "</button></form>";
  main += "<p class=\"hint\">" + html_escape(c.text("console.search.hint")) + "</p>";
  if (!input.error.empty()) {
    main += "<p class=\"error\" id=\"error\" role=\"alert\">" + html_escape(input.error) + "</p>";
    return layout(page, c.text("console.search.title"), main);
  }
  if (!input.searched) return layout(page, c.text("console.search.title"), main);

  const TicketSearchPage& result = input.result;
  const std::int64_t first = static_cast<std::int64_t>(input.page - 1) * k_search_page;
  const std::int64_t shown_to = first + static_cast<std::int64_t>(result.tickets.size());
  main += "<p class=\"summary\" id=\"summary\">" +
          html_escape(c.format(result.more ? "console.search.summary_more" : "console.search.summary",
                               {{"total", std::to_string(result.total)},
                                {"first", std::to_string(result.tickets.empty() ? 0 : first + 1)},
                                {"last", std::to_string(shown_to)}})) +
          "</p>";
  if (result.tickets.empty()) {
    main += "<p class=\"empty\">" + html_escape(c.text("console.search.empty")) + "</p>";
    return layout(page, c.text("console.search.title"), main);
  }
  main += "<table class=\"queue\" id=\"results\"><thead><tr>";
  for (const char* column :
       {"register.column.number", "console.search.filed", "console.search.name", "console.search.phone",
        "register.column.category", "register.column.status", "register.column.department"}) {
    main += "<th>" + html_escape(c.text(column)) + "</th>";
  }
  main += "</tr></thead><tbody>";
  for (const Ticket& ticket : result.tickets) {
    const bool closed = !is_open(ticket.status);
    main += "<tr" + std::string(closed ? " class=\"closed\"" : "") + " data-number=\"" +
            html_escape(ticket.number) + "\"><td><a href=\"/console/tickets/" + url_encode(ticket.number) +
            "\">" + html_escape(ticket.number) + "</a>";
    if (ticket.major)
      main += " <span class=\"badge major\">" + html_escape(c.text("severity.major")) + "</span>";
    main += "</td><td>" + html_escape(format_local(page, ticket.filed_at)) + "</td><td>" +
            html_escape(ticket.customer_name) + "</td><td>" +
            html_escape(ticket.phone.empty() ? std::string() : mask_phone(ticket.phone)) + "</td><td>" +
            html_escape(category_label(page, ticket.category)) + "</td><td>" +
            html_escape(c.text(std::string("status.") + to_string(ticket.status))) + "</td><td>" +
            html_escape(ticket.department) + "</td></tr>";
  }
  main += "</tbody></table><nav class=\"pages\" id=\"pages\">";
  if (input.page > 1) {
    main += "<a href=\"" + html_escape(page_link(asked, input.page - 1)) + "\" id=\"page-previous\">" +
            html_escape(c.text("console.search.previous")) + "</a> ";
  }
  if (result.has_after(first, k_search_page)) {
    main += "<a href=\"" + html_escape(page_link(asked, input.page + 1)) + "\" id=\"page-next\">" +
            html_escape(c.text("console.search.next")) + "</a>";
  }
  main += "</nav>";
  return layout(page, c.text("console.search.title"), main);
}

}  // namespace complaint::desk
