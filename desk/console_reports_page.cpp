// The console's statistics page (/console/reports, supervisors and executives): the month at a
// glance from core's monthly_report (docs/DOMAIN.md §9): totals, on-time rates per clock,
// satisfaction, the tables by category, channel and department, and the assessment points;
// plus the same figures as CSV and as the printed table (PDF), and the register (leaders only)
// as CSV downloads, for a month, quarter, year or range (core/reports/report_period.h). The page
// links every figure to the list of its tickets (drill-down, render_report_tickets), where
// confidential tickets are listed only to those allowed to see them (report_access.h). Charts
// are inline SVG (desk/report_charts.h): the 12-month trend and the categories.
#include <algorithm>
#include <cstdio>
#include <set>

#include "core/reports/monthly_report.h"
#include "core/reports/report_access.h"
#include "core/reports/report_figure.h"
#include "core/reports/report_output.h"
#include "core/reports/report_period.h"
#include "desk/console_pages.h"
#include "desk/report_charts.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

std::string percent(const std::optional<double>& rate) {
  if (!rate) return "–";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", *rate * 100.0);
  return text;
}

// `rows` hold HTML: text passes through html_escape (text()), figures through Figures::link.
std::string table(const std::string& id, const std::string& caption, const std::vector<std::string>& head,
                  const std::vector<std::vector<std::string>>& rows) {
  std::string html =
      "<table class=\"record report\" id=\"" + id + "\"><caption>" + html_escape(caption) + "</caption><tr>";
  for (const std::string& title : head) html += "<th>" + html_escape(title) + "</th>";
  html += "</tr>";
  for (const auto& row : rows) {
    html += "<tr>";
    for (const std::string& value : row) html += "<td>" + value + "</td>";
    html += "</tr>";
  }
  return html + "</table>";
}

std::string text(const std::string& value) {
  return html_escape(value);
}

// A figure as a link to the list of its tickets (0: plain, there is nothing to list).
struct Figures {
  std::string period_query;  // already URL-encoded
  std::string link(const std::string& key, int value) const {
    if (value == 0) return "0";
    return "<a class=\"figure\" href=\"/console/reports/tickets?" + html_escape(period_query) +
           "&amp;figure=" + html_escape(url_encode(key)) + "\">" + std::to_string(value) + "</a>";
  }
};

// The period form: which kind of period, and every kind's field filled in where it is the
// shown period's kind, so the page shows what was asked and "Show" asks it again.
std::string period_form(const Catalog& c, const ReportPeriod& period) {
  const PeriodChoice choice = choice_of(period);
  const PeriodKind shown = kind_of(period);
  std::string html = "<form method=\"get\" action=\"/console/reports\" id=\"period-form\"><label>" +
                     html_escape(c.text("console.reports.choose")) +
                     "<select name=\"period\" id=\"period-kind\">";
  const std::pair<PeriodKind, const char*> kinds[] = {{PeriodKind::month, "month"},
                                                      {PeriodKind::quarter, "quarter"},
                                                      {PeriodKind::year, "year"},
                                                      {PeriodKind::range, "range"}};
  for (const auto& [kind, name] : kinds) {
    html += std::string("<option value=\"") + name + "\"" + (kind == shown ? " selected" : "") + ">" +
            html_escape(c.text(std::string("console.reports.kind.") + name)) + "</option>";
  }
  html += "</select></label>";
  const auto input = [&c](const char* name, const char* type, const std::string& value) {
    return std::string("<label>") + html_escape(c.text(std::string("console.reports.") + name)) +
           "<input type=\"" + type + "\" name=\"" + name + "\" id=\"" + name + "\" value=\"" +
           html_escape(value) + "\"></label>";
  };
  html += input("month", "month", choice.month) + input("quarter", "text", choice.quarter) +
          input("year", "number", choice.year) + input("from", "date", choice.from) +
          input("to", "date", choice.to);
  return html + "<button type=\"submit\">" + html_escape(c.text("console.reports.show")) + "</button>";
}

std::string label_of(const PageContext& page, const TaxonomyEntry* entry, const std::string& id) {
  return entry != nullptr ? entry->label(page.catalog.language()) : id;
}

}  // namespace

std::string report_period_query(const ReportPeriod& period) {
  const PeriodChoice choice = choice_of(period);
  if (!choice.month.empty()) return "month=" + url_encode(choice.month);
  if (!choice.quarter.empty()) return "quarter=" + url_encode(choice.quarter);
  if (!choice.year.empty()) return "year=" + url_encode(choice.year);
  return "from=" + url_encode(choice.from) + "&to=" + url_encode(choice.to);
}

std::string render_report(const PageContext& page, const MonthlyReport& r,
                          const std::vector<TrendMonth>& trend) {
  const Catalog& c = page.catalog;
  const auto t = [&c](const std::string& key) { return c.text("report." + key); };
  const std::string query = html_escape(report_period_query(r.period));
  const Figures figures{report_period_query(r.period)};
  std::string main = "<section class=\"reports\"><h1>" + html_escape(c.text("console.reports.title")) +
                     "</h1>" + period_form(c, r.period) + " <a id=\"download\" href=\"/console/reports.csv?" +
                     query + "\">" + html_escape(c.text("console.reports.download")) +
                     "</a> <a id=\"download-pdf\" href=\"/console/reports.pdf?" + query + "\">" +
                     html_escape(c.text("console.reports.download_pdf")) + "</a>";
  if (page.session != nullptr && may_read_register(page.session->role)) {
    main += " <a id=\"download-register\" href=\"/console/register.csv?" + query + "\">" +
            html_escape(c.text("console.reports.download_register")) + "</a>";
  }
  main += "</form>";
  if (r.departments) {
    std::string names;
    for (const std::string& id : *r.departments) names += (names.empty() ? "" : "、") + id;
    main += "<p id=\"scope\">" + html_escape(c.format("console.reports.scope", {{"departments", names}})) +
            "</p>";
  }
  main += "<p id=\"period\">" +
          html_escape(c.format("console.reports.period", {{"from", format_date(r.period.from)},
                                                          {"to", format_date(r.period.to)},
                                                          {"as_of", format_local(page, r.as_of)}})) +
          "</p>";
  main += "<figure class=\"chart\">" +
          trend_svg(trend, {c.text("console.reports.trend"), c.text("console.reports.trend_filed"),
                            c.text("console.reports.trend_on_time")}) +
          "</figure>";
  std::vector<std::vector<std::string>> trend_rows;
  for (const TrendMonth& month : trend) {
    trend_rows.push_back({"<a href=\"/console/reports?month=" + html_escape(url_encode(month.month)) + "\">" +
                              html_escape(month.month) + "</a>",
                          std::to_string(month.filed), text(percent(month.on_time_rate()))});
  }
  main += table("trend", c.text("console.reports.trend"),
                {c.text("console.reports.month"), c.text("console.reports.trend_filed"),
                 c.text("console.reports.trend_on_time")},
                trend_rows);
  const MonthlyReport::Totals& totals = r.totals;
  const std::pair<const char*, int> total_rows[] = {
      {"filed", totals.filed},
      {"major", totals.major},
      {"group", totals.group},
      {"repeat", totals.repeat},
      {"anonymous", totals.anonymous},
      {"withdrawn", totals.withdrawn},
      {"reopened", totals.reopened},
      {"open_at_end", totals.open_at_end},
      {"overdue_at_end", totals.overdue_at_end},
  };
  std::vector<std::vector<std::string>> rows;
  for (const auto& [key, value] : total_rows)
    rows.push_back({text(t(std::string("total.") + key)), figures.link(figure_key({"total", key}), value)});
  main += table("totals", t("section.totals"), {t("column.item"), t("column.value")}, rows);

  rows.clear();
  const std::pair<const char*, const ClockCounts*> clocks[] = {
      {"forward", &r.forward}, {"contact", &r.contact}, {"resolve", &r.resolve}, {"callback", &r.callback}};
  for (const auto& [key, counts] : clocks) {
    rows.push_back({text(t(std::string("clock.") + key)),
                    figures.link(figure_key({"on_time", key, "met"}), counts->met),
                    figures.link(figure_key({"on_time", key, "missed"}), counts->missed),
                    figures.link(figure_key({"on_time", key, "pending"}), counts->pending),
                    text(percent(counts->rate()))});
  }
  main += table(
      "on-time", c.text("console.reports.on_time"),
      {t("column.item"), t("outcome.met"), t("outcome.missed"), t("outcome.pending"), t("outcome.rate")},
      rows);

  rows.clear();
  const std::pair<const char*, const SatisfactionCounts*> ratings[] = {
      {"satisfaction", &r.satisfaction},
      {"staff", &r.satisfaction_staff},
      {"customer", &r.satisfaction_customer}};
  for (const auto& [key, counts] : ratings) {
    rows.push_back({text(t(std::string("section.") + key)),
                    figures.link(figure_key({key, "rated"}), counts->rated()),
                    figures.link(figure_key({key, "satisfied"}), counts->satisfied),
                    figures.link(figure_key({key, "basically_satisfied"}), counts->basically_satisfied),
                    figures.link(figure_key({key, "dissatisfied"}), counts->dissatisfied),
                    text(percent(counts->rate()))});
  }
  main += table("satisfaction", c.text("console.reports.satisfaction"),
                {t("column.item"), t("outcome.rated"), c.text("satisfaction.satisfied"),
                 c.text("satisfaction.basically_satisfied"), c.text("satisfaction.dissatisfied"),
                 t("outcome.satisfaction_rate")},
                rows);

  const auto counts_table = [&](const char* id, const char* section, const CountById& counts,
                                const TaxonomyEntry* (Taxonomy::*entry)(std::string_view) const) {
    std::vector<std::vector<std::string>> lines;
    for (const auto& [key, count] : counts) {
      lines.push_back({text(entry != nullptr ? label_of(page, (page.taxonomy.*entry)(key), key) : key),
                       figures.link(figure_key({section, key}), count)});
    }
    return table(id, t(std::string("section.") + section), {t("column.item"), t("column.value")}, lines);
  };
  main += counts_table("by-category", "by_category", r.by_category, &Taxonomy::category);
  std::vector<std::pair<std::string, int>> category_bars;
  for (const auto& [id, count] : r.by_category) {
    category_bars.emplace_back(label_of(page, page.taxonomy.category(id), id), count);
  }
  std::stable_sort(category_bars.begin(), category_bars.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (!category_bars.empty()) {
    main += "<figure class=\"chart\">" + bars_svg("category-chart", t("section.by_category"), category_bars) +
            "</figure>";
  }
  main += counts_table("by-channel", "by_channel", r.by_channel, &Taxonomy::channel);
  main += counts_table("by-department", "by_department", r.by_department, nullptr);

  rows.clear();
  for (const AssessmentEntry& entry : r.assessment) {
    std::set<std::string> tickets;
    for (const AssessmentLine& line : entry.lines) tickets.insert(line.number);
    rows.push_back(
        {text(entry.department), text(entry.person), text(std::to_string(entry.points)),
         figures.link(assessment_figure(entry.department, entry.person), static_cast<int>(tickets.size()))});
  }
  main +=
      table("assessment", t("section.assessment"),
            {c.text("register.column.responsible_department"), c.text("register.column.responsible_person"),
             c.text("console.reports.points"), c.text("console.reports.tickets")},
            rows);
  return layout(page, c.text("console.reports.title"), main + "</section>");
}

std::string figure_label(const PageContext& page, const std::string& key) {
  const Catalog& c = page.catalog;
  const auto t = [&c](const std::string& name) { return c.text("report." + name); };
  const std::size_t dot = key.find('.');
  if (dot == std::string::npos) return key;
  const std::string group = key.substr(0, dot), rest = key.substr(dot + 1);
  if (group == "total") return t("total." + rest);
  if (group == "on_time") {
    const std::size_t second = rest.find('.');
    if (second == std::string::npos) return key;
    return t("clock." + rest.substr(0, second)) + " · " + t("outcome." + rest.substr(second + 1));
  }
  if (group == "satisfaction" || group == "staff" || group == "customer") {
    return t("section." + group) + " · " +
           (rest == "rated" ? t("outcome.rated") : c.text("satisfaction." + rest));
  }
  if (group == "reply_hours") return t("outcome.replied");
  if (group == "assessment") {
    const std::size_t comma = rest.find(',');
    const std::string person = comma == std::string::npos ? "" : rest.substr(comma + 1);
    return t("section.assessment") + " · " + rest.substr(0, comma) + (person.empty() ? "" : " " + person);
  }
  if (group == "by_kind") {
    const TaxonomyEntry* entry = page.taxonomy.kind(rest);
    return t("section.by_kind") + " · " + label_of(page, entry, rest);
  }
  if (group == "by_category") return t("section.by_category") + " · " + category_label(page, rest);
  if (group == "by_channel") {
    return t("section.by_channel") + " · " + label_of(page, page.taxonomy.channel(rest), rest);
  }
  if (group == "by_severity") return t("section.by_severity") + " · " + c.text("severity." + rest);
  return t("section." + group) + " · " + rest;
}

std::string render_report_tickets(const PageContext& page, const ReportTicketsInput& input) {
  const Catalog& c = page.catalog;
  const std::string label = figure_label(page, input.figure);
  std::string main = "<section class=\"reports\"><h1>" +
                     html_escape(c.text("console.reports.tickets_title")) + "</h1><p id=\"figure\">" +
                     html_escape(label) + "</p>";
  main += "<p id=\"period\">" +
          html_escape(c.format("console.reports.period", {{"from", format_date(input.period.from)},
                                                          {"to", format_date(input.period.to)},
                                                          {"as_of", format_local(page, input.as_of)}})) +
          "</p><p id=\"count\">" +
          html_escape(c.format("console.reports.tickets_count", {{"count", std::to_string(input.total)}})) +
          "</p>";
  if (input.confidential > 0) {
    main += "<p id=\"confidential\">" +
            html_escape(c.format("console.reports.tickets_confidential",
                                 {{"count", std::to_string(input.confidential)}})) +
            "</p>";
  }
  main += "<table class=\"queue\" id=\"tickets\"><thead><tr>";
  for (const char* column : {"register.column.number", "register.column.filed_at", "register.column.kind",
                             "register.column.category", "register.column.channel", "register.column.status",
                             "register.column.department"}) {
    main += "<th>" + html_escape(c.text(column)) + "</th>";
  }
  main += "</tr></thead><tbody>";
  for (const Ticket& ticket : input.tickets) {
    main += "<tr data-number=\"" + html_escape(ticket.number) + "\"><td><a href=\"/console/tickets/" +
            url_encode(ticket.number) + "\">" + html_escape(ticket.number) + "</a></td><td>" +
            html_escape(format_local(page, ticket.filed_at)) + "</td><td>" +
            html_escape(label_of(page, page.taxonomy.kind(ticket.kind), ticket.kind)) + "</td><td>" +
            html_escape(category_label(page, ticket.category)) + "</td><td>" +
            html_escape(label_of(page, page.taxonomy.channel(ticket.channel), ticket.channel)) + "</td><td>" +
            html_escape(c.text(std::string("status.") + to_string(ticket.status))) + "</td><td>" +
            html_escape(ticket.department) + "</td></tr>";
  }
  main += "</tbody></table>";
  if (input.first > 0 || input.more) {
    const int listable = input.total - input.confidential;
    main +=
        "<p id=\"more\">" +
        html_escape(c.format("console.reports.tickets_more",
                             {{"first", std::to_string(input.first + 1)},
                              {"last", std::to_string(input.first + static_cast<int>(input.tickets.size()))},
                              {"count", std::to_string(listable)}}));
    if (input.more) {
      const int next_page = input.first / k_report_tickets_page + 2;
      main += " <a id=\"next\" href=\"/console/reports/tickets?" +
              html_escape(report_period_query(input.period)) +
              "&amp;figure=" + html_escape(url_encode(input.figure)) +
              "&amp;page=" + std::to_string(next_page) + "\">" +
              html_escape(c.text("console.reports.tickets_next")) + "</a>";
    }
    main += "</p>";
  }
  main += "<p><a id=\"back\" href=\"/console/reports?" + html_escape(report_period_query(input.period)) +
          "\">" + html_escape(c.text("console.reports.back")) + "</a></p></section>";
  return layout(page, c.text("console.reports.tickets_title"), main);
}

}  // namespace complaint::desk
