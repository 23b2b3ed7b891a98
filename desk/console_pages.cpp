// The console's layout, login, queue and message pages; see console_pages.h. The ticket
// page is in console_ticket_page.cpp.
#include "desk/console_pages.h"

#include "core/reports/report_access.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "core/calendar/calendar_warning.h"
#include "core/desk_state/staff_accounts.h"
#include "core/i18n/local_time_text.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

std::string option(const std::string& value, const std::string& label, bool selected) {
  return "<option value=\"" + html_escape(value) + "\"" + (selected ? " selected" : "") + ">" +
         html_escape(label) + "</option>";
}

}  // namespace

std::string time_span_text(const Catalog& c, std::chrono::seconds span) {
  long total = static_cast<long>(span.count() < 0 ? -span.count() : span.count());
  // Under an hour the minutes are the whole message: a part minute counts as one, since
  // "0分钟" would read as "already due" (and 59 min 30 s as "1小时", not "60分钟").
  if (total < 3600) total = std::max(60L, (total + 59) / 60 * 60);
  const long days = total / 86400;
  const long hours = total % 86400 / 3600;
  const long minutes = total % 3600 / 60;
  const auto part = [&c](long value, const char* unit) { return std::to_string(value) + c.text(unit); };
  const auto pair = [&c](const std::string& first, const std::string& second) {
    return c.format("console.unit.pair", {{"first", first}, {"second", second}});
  };
  // Two units at most, the larger first, a zero second unit left out: "2天3小时", "3小时",
  // "58分钟" (minutes do not matter to a deadline days away).
  if (days > 0) {
    return hours > 0 ? pair(part(days, "console.unit.day"), part(hours, "console.unit.hour"))
                     : part(days, "console.unit.day");
  }
  if (hours > 0) {
    return minutes > 0 ? pair(part(hours, "console.unit.hour"), part(minutes, "console.unit.minute"))
                       : part(hours, "console.unit.hour");
  }
  return part(minutes, "console.unit.minute");
}

std::string format_local(const PageContext& page, Instant at, bool with_weekday, MidnightAs midnight) {
  const LocalDayTime local = split_local(page.zone, at, midnight);
  std::string text = format_day_time(local);
  if (with_weekday) {
    text +=
        " " + page.catalog.format("console.weekday", {{"weekday", weekday_name(page.catalog, local.day)}});
  }
  return text;
}

std::string countdown_html(const PageContext& page, Instant deadline) {
  const auto left = deadline - page.now;
  const bool late = left.count() < 0;
  const std::string text = page.catalog.format(late ? "console.countdown.overdue" : "console.countdown.left",
                                               {{"time", time_span_text(page.catalog, left)}});
  return "<span class=\"countdown" + std::string(late ? " late" : "") + "\" data-deadline=\"" +
         std::to_string(deadline.time_since_epoch().count()) + "\">" + html_escape(text) + "</span>";
}

std::string category_label(const PageContext& page, const std::string& id) {
  const TaxonomyEntry* entry = page.taxonomy.category(id);
  return entry != nullptr ? entry->label(page.catalog.language()) : id;
}

std::string topic_label(const PageContext& page, const std::string& id) {
  const TaxonomyTopic* topic = page.taxonomy.topic(id);
  return topic != nullptr ? topic->label(page.catalog.language()) : id;
}

std::string layout(const PageContext& page, const std::string& title, const std::string& main) {
  const Catalog& c = page.catalog;
  std::string html = "<!doctype html><html lang=\"" + c.language() +
                     "\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" +
                     html_escape(title) + " · " + html_escape(c.text("console.title")) +
                     "</title><link rel=\"stylesheet\" href=\"/console/assets/console.css\"></head>";
  // The live countdown's words, for console.js (no inline script: the CSP forbids it).
  html += "<body data-left=\"" + html_escape(c.text("console.countdown.left")) + "\" data-late=\"" +
          html_escape(c.text("console.countdown.overdue")) + "\" data-day=\"" +
          html_escape(c.text("console.unit.day")) + "\" data-hour=\"" +
          html_escape(c.text("console.unit.hour")) + "\" data-minute=\"" +
          html_escape(c.text("console.unit.minute")) + "\" data-pair=\"" +
          html_escape(c.text("console.unit.pair")) + "\"><header><a class=\"brand\" href=\"/console\">" +
          html_escape(c.text("console.title")) + "</a><nav>";
  html +=
      "<a href=\"/console/lang/zh-CN\" lang=\"zh-CN\">中文</a> <a href=\"/console/lang/en\" "
      "lang=\"en\">English</a>";
  if (page.session != nullptr && report_scope(page.session->role, page.session->departments).ok()) {
    html += " <a href=\"/console/reports\" id=\"reports\">" + html_escape(c.text("console.reports.title")) +
            "</a> ";
  }
  if (page.session != nullptr && takes_complaints(page.session->role)) {
    html += "<a href=\"/console/intake\" id=\"nav-intake\">" + html_escape(c.text("console.intake.nav")) +
            "</a> ";
  }
  if (page.session != nullptr) {
    // Every role: whoever is nearest the lobby goes.
    html += "<a href=\"/console/help\" id=\"nav-help\"" +
            std::string(page.open_help > 0 ? " class=\"alert\"" : "") + ">" +
            html_escape(c.text("console.help.nav")) +
            (page.open_help > 0 ? " (" + std::to_string(page.open_help) + ")" : std::string()) + "</a> ";
  }
  if (page.session != nullptr &&
      (page.session->role == Role::supervisor || page.session->role == Role::executive)) {
    html += "<a href=\"/console/investigations\" id=\"nav-investigations\">" +
            html_escape(c.text("console.nav.investigations")) + "</a> ";
  }
  if (page.session != nullptr && page.session->role == Role::supervisor) {
    html += "<a href=\"/console/departments\" id=\"nav-departments\">" +
            html_escape(c.text("console.nav.departments")) +
            "</a> <a href=\"/console/staff\" id=\"nav-staff\">" + html_escape(c.text("console.nav.staff")) +
            "</a> <a href=\"/console/notices\" id=\"nav-notices\">" +
            html_escape(c.text("console.nav.notices")) + "</a> ";
  }
  if (page.session != nullptr) {
    // Every role: a number, a phone or words, straight to the search page.
    html +=
        "<form method=\"get\" action=\"/console/search\" class=\"inline search\" role=\"search\">"
        "<input type=\"search\" name=\"q\" id=\"nav-search\" placeholder=\"" +
        html_escape(c.text("console.search.placeholder")) + "\" aria-label=\"" +
        html_escape(c.text("console.search.title")) +
        "\"></form> <a href=\"/console/search\" id=\"nav-search-page\">" +
        html_escape(c.text("console.search.title")) + "</a> ";
    html += "<span class=\"user\" id=\"user\">" + html_escape(page.session->user) + " · " +
            html_escape(c.text(std::string("role.") + to_string(page.session->role))) + "</span>";
    html +=
        "<form method=\"post\" action=\"/console/logout\" class=\"inline\"><input type=\"hidden\" "
        "name=\"csrf\" value=\"" +
        html_escape(page.session->csrf) + "\"><button type=\"submit\" id=\"logout\">" +
        html_escape(c.text("console.logout")) + "</button></form>";
  }
  html += "</nav></header>";
  if (!page.calendar_missing.empty()) {
    html += "<p class=\"banner\" id=\"calendar-warning\" role=\"alert\">" +
            html_escape(c.format("calendar.missing_year", {{"years", join_years(page.calendar_missing)}})) +
            "</p>";
  }
  html += "<main>" + main + "</main><script src=\"/console/assets/console.js\"></script></body></html>";
  return html;
}

std::string render_login(const PageContext& page, const std::string& csrf, const std::string& name,
                         const std::string& error) {
  const Catalog& c = page.catalog;
  std::string main = "<section class=\"login\"><h1>" + html_escape(c.text("console.login.title")) + "</h1>";
  if (!error.empty()) main += "<p class=\"error\" id=\"error\" role=\"alert\">" + html_escape(error) + "</p>";
  main += "<form method=\"post\" action=\"/console/login\"><input type=\"hidden\" name=\"csrf\" value=\"" +
          html_escape(csrf) + "\"><label>" + html_escape(c.text("console.login.name")) +
          "<input name=\"name\" id=\"name\" autocomplete=\"username\" required value=\"" + html_escape(name) +
          "\"></label><label>" + html_escape(c.text("console.login.password")) +
          "<input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\" "
          "required></label><button type=\"submit\" id=\"login\">" +
          html_escape(c.text("console.login.submit")) + "</button></form></section>";
  return layout(page, c.text("console.login.title"), main);
}

std::string render_queue(const PageContext& page, const QueuePageInput& input) {
  const Catalog& c = page.catalog;
  const QueueFilter& filter = input.filter;
  const std::string any = c.text("console.queue.any");
  std::string main = "<h1>" + html_escape(c.text("console.queue.title")) + "</h1>";
  main += "<form method=\"get\" action=\"/console\" class=\"filters\" id=\"filters\">";
  main += "<label>" + html_escape(c.text("register.column.status")) + "<select name=\"status\">" +
          option("", any, !filter.status);
  for (const Status status :
       {Status::filed, Status::forwarded, Status::in_progress, Status::replied, Status::called_back}) {
    main += option(to_string(status), c.text(std::string("status.") + to_string(status)),
                   filter.status == status);
  }
  main += "</select></label><label>" + html_escape(c.text("register.column.category")) +
          "<select name=\"category\">" + option("", any, filter.category.empty());
  for (const TaxonomyEntry& entry : page.taxonomy.categories()) {
    main += option(entry.id, entry.label(c.language()), filter.category == entry.id);
  }
  main += "</select></label><label>" + html_escape(c.text("register.column.department")) +
          "<select name=\"department\">" + option("", any, filter.department.empty());
  for (const std::string& department : input.departments) {
    main += option(department, department, filter.department == department);
  }
  main += "</select></label><label>" + html_escape(c.text("register.column.major")) +
          "<select name=\"major\">" + option("", any, !filter.major) +
          option("yes", c.text("register.yes"), filter.major == true) +
          option("no", c.text("register.no"), filter.major == false) + "</select></label>";
  main += "<label>" + html_escape(c.text("register.column.group")) +
          "<select name=\"group\" id=\"group-filter\">" + option("", any, !filter.group) +
          option("yes", c.text("register.yes"), filter.group == true) +
          option("no", c.text("register.no"), filter.group == false) + "</select></label>";
  main += "<button type=\"submit\">" + html_escape(c.text("console.queue.apply")) + "</button></form>";
  main +=
      "<p class=\"summary\" id=\"summary\">" +
      html_escape(c.format("console.queue.summary", {{"total", std::to_string(input.view.total)},
                                                     {"overdue", std::to_string(input.view.overdue)},
                                                     {"shown", std::to_string(input.view.rows.size())}})) +
      "</p>";
  if (input.view.rows.empty()) {
    main += "<p class=\"empty\">" + html_escape(c.text("console.queue.empty")) + "</p>";
    return layout(page, c.text("console.queue.title"), main);
  }
  // Each cell carries its column's name, so that on a phone-width screen (console.css) a row
  // becomes a card of labelled lines instead of a table wider than the screen.
  const std::vector<std::string> columns = {"register.column.number",     "register.column.kind",
                                            "register.column.category",   "register.column.status",
                                            "register.column.department", "console.column.deadline"};
  const auto cell = [&](std::size_t column) {
    return "<td data-label=\"" + html_escape(c.text(columns[column])) + "\">";
  };
  main += "<table class=\"queue\" id=\"queue\"><thead><tr>";
  for (const std::string& column : columns) main += "<th>" + html_escape(c.text(column)) + "</th>";
  main += "</tr></thead><tbody>";
  for (const QueueRow& row : input.view.rows) {
    const Ticket& ticket = row.ticket;
    const TaxonomyEntry* kind = page.taxonomy.kind(ticket.kind);
    main += "<tr class=\"" + std::string(row.overdue ? "overdue" : "") + "\" data-number=\"" +
            html_escape(ticket.number) + "\">" + cell(0) + "<a href=\"/console/tickets/" +
            url_encode(ticket.number) + "\">" + html_escape(ticket.number) + "</a>";
    if (ticket.major)
      main += " <span class=\"badge major\">" + html_escape(c.text("severity.major")) + "</span>";
    if (ticket.group)
      main += " <span class=\"badge group\">" + html_escape(c.text("console.group.badge")) + "</span>";
    if (row.overdue)
      main += " <span class=\"badge late\">" + html_escape(c.text("console.overdue")) + "</span>";
    if (ticket.extension_requested_until)
      main += " <span class=\"badge extension\">" + html_escape(c.text("console.queue.extension_pending")) +
              "</span>";
    main += "</td>" + cell(1) + html_escape(kind != nullptr ? kind->label(c.language()) : ticket.kind) +
            "</td>" + cell(2) + html_escape(category_label(page, ticket.category)) + "</td>" + cell(3) +
            html_escape(c.text(std::string("status.") + to_string(ticket.status))) + "</td>" + cell(4) +
            html_escape(ticket.department) + "</td>" + cell(5);
    if (row.next) {
      main += html_escape(c.text("console.deadline." + row.next->name)) + " " +
              html_escape(format_local(page, row.next->at, false, MidnightAs::end_of_day)) + "<br>" +
              countdown_html(page, row.next->at);
    }
    main += "</td></tr>";
  }
  main += "</tbody></table>";
  return layout(page, c.text("console.queue.title"), main);
}

std::string render_message(const PageContext& page, const std::string& title, const std::string& message) {
  const std::string main = "<h1>" + html_escape(title) +
                           "</h1><p class=\"error\" id=\"error\" role=\"alert\">" + html_escape(message) +
                           "</p><p><a href=\"/console\">" +
                           html_escape(page.catalog.text("console.queue.back")) + "</a></p>";
  return layout(page, title, main);
}

}  // namespace complaint::desk
