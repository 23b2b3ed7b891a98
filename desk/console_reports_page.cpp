// The console's statistics page (/console/reports, supervisors and executives): the month at a
// glance from core's monthly_report (docs/DOMAIN.md §9): totals, on-time rates per clock,
// satisfaction, the tables by category, channel and department, and the assessment points;
// plus the same figures as CSV and as the printed table (PDF), and the register (leaders only)
// as CSV downloads, for a month, quarter, year or range (core/reports/report_period.h). The page
// itself lists no ticket: confidential tickets are counted, never shown. Charts are inline SVG
// (desk/report_charts.h): the 12-month trend and the categories. No drill-down yet.
#include <algorithm>
#include <cstdio>

#include "core/reports/monthly_report.h"
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

std::string cell(const std::string& text, const char* tag = "td") {
  return std::string("<") + tag + ">" + html_escape(text) + "</" + tag + ">";
}

std::string table(const std::string& id, const std::string& caption, const std::vector<std::string>& head,
                  const std::vector<std::vector<std::string>>& rows) {
  std::string html =
      "<table class=\"record report\" id=\"" + id + "\"><caption>" + html_escape(caption) + "</caption><tr>";
  for (const std::string& title : head) html += cell(title, "th");
  html += "</tr>";
  for (const auto& row : rows) {
    html += "<tr>";
    for (const std::string& value : row) html += cell(value);
    html += "</tr>";
  }
  return html + "</table>";
}

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
  std::string main = "<section class=\"reports\"><h1>" + html_escape(c.text("console.reports.title")) +
                     "</h1>" + period_form(c, r.period) + " <a id=\"download\" href=\"/console/reports.csv?" +
                     query + "\">" + html_escape(c.text("console.reports.download")) +
                     "</a> <a id=\"download-pdf\" href=\"/console/reports.pdf?" + query + "\">" +
                     html_escape(c.text("console.reports.download_pdf")) +
                     "</a> <a id=\"download-register\" href=\"/console/register.csv?" + query + "\">" +
                     html_escape(c.text("console.reports.download_register")) + "</a></form>";
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
    trend_rows.push_back({month.month, std::to_string(month.filed), percent(month.on_time_rate())});
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
    rows.push_back({t(std::string("total.") + key), std::to_string(value)});
  main += table("totals", t("section.totals"), {t("column.item"), t("column.value")}, rows);

  rows.clear();
  const std::pair<const char*, const ClockCounts*> clocks[] = {
      {"forward", &r.forward}, {"contact", &r.contact}, {"resolve", &r.resolve}, {"callback", &r.callback}};
  for (const auto& [key, counts] : clocks) {
    rows.push_back({t(std::string("clock.") + key), std::to_string(counts->met),
                    std::to_string(counts->missed), std::to_string(counts->pending),
                    percent(counts->rate())});
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
    rows.push_back({t(std::string("section.") + key), std::to_string(counts->rated()),
                    std::to_string(counts->satisfied), std::to_string(counts->basically_satisfied),
                    std::to_string(counts->dissatisfied), percent(counts->rate())});
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
      lines.push_back(
          {entry != nullptr ? label_of(page, (page.taxonomy.*entry)(key), key) : key, std::to_string(count)});
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
    rows.push_back(
        {entry.department, entry.person, std::to_string(entry.points), std::to_string(entry.lines.size())});
  }
  main +=
      table("assessment", t("section.assessment"),
            {c.text("register.column.responsible_department"), c.text("register.column.responsible_person"),
             c.text("console.reports.points"), c.text("console.reports.lines")},
            rows);
  return layout(page, c.text("console.reports.title"), main + "</section>");
}

}  // namespace complaint::desk
