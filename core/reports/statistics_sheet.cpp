// statistics_sheet; see statistics_sheet.h. The figures and their order are report_fields'
// (the CSV's), so the PDF and the CSV cannot disagree.
#include "core/reports/statistics_sheet.h"

#include "core/reports/report_fields.h"

namespace complaint {
namespace {

using namespace report_fields;

std::string local_minute(const TimeZone& zone, Instant at) {
  return format_day_time(split_local(zone, at, MidnightAs::start_of_day));
}

}  // namespace

StatisticsSheet statistics_sheet(const MonthlyReport& report, const Catalog& catalog,
                                 const Taxonomy& taxonomy, const TimeZone& zone,
                                 const std::string& organisation, Instant generated_at) {
  const auto text = [&catalog](const std::string& key) { return catalog.text("report." + key); };
  StatisticsSheet sheet;
  sheet.title = text("sheet.title");
  sheet.organisation = organisation;
  sheet.period = catalog.format("report.sheet.period", {{"from", format_date(report.period.from)},
                                                        {"to", format_date(report.period.to)}});
  sheet.generated = catalog.format("report.sheet.generated", {{"generated", local_minute(zone, generated_at)},
                                                              {"as_of", local_minute(zone, report.as_of)}});
  const std::vector<std::string> item_value = {text("column.item"), text("column.value")};

  SheetTable totals{text("section.totals"), item_value, {}};
  for (const TotalField& total : kTotals) {
    totals.rows.push_back(
        {text(std::string("total.") + total.key), std::to_string(report.totals.*total.member)});
  }
  sheet.tables.push_back(std::move(totals));

  SheetTable clocks{text("sheet.on_time"),
                    {text("column.item"), text("outcome.met"), text("outcome.missed"),
                     text("outcome.pending"), text("outcome.rate")},
                    {}};
  for (const ClockField& clock : kClocks) {
    const ClockCounts& counts = report.*clock.member;
    clocks.rows.push_back({text(std::string("clock.") + clock.key), std::to_string(counts.met),
                           std::to_string(counts.missed), std::to_string(counts.pending),
                           percent(counts.rate())});
  }
  sheet.tables.push_back(std::move(clocks));

  SheetTable ratings{text("sheet.satisfaction"),
                     {text("column.item"), text("outcome.rated"), catalog.text("satisfaction.satisfied"),
                      catalog.text("satisfaction.basically_satisfied"),
                      catalog.text("satisfaction.dissatisfied"), text("outcome.satisfaction_rate")},
                     {}};
  for (const SatisfactionField& field : kSatisfactions) {
    const SatisfactionCounts& counts = report.*field.member;
    ratings.rows.push_back({text(std::string("section.") + field.key), std::to_string(counts.rated()),
                            std::to_string(counts.satisfied), std::to_string(counts.basically_satisfied),
                            std::to_string(counts.dissatisfied), percent(counts.rate())});
  }
  sheet.tables.push_back(std::move(ratings));

  sheet.tables.push_back({text("section.reply_hours"),
                          item_value,
                          {{text("outcome.replied"), std::to_string(report.replied)},
                           {text("outcome.median"), hours(report.reply_hours_median)},
                           {text("outcome.p90"), hours(report.reply_hours_p90)}}});

  for (const CountTable& table : kCountTables) {
    SheetTable counts{text(std::string("section.") + table.key), item_value, {}};
    for (const auto& [id, count] : report.*table.member) {
      const TaxonomyEntry* entry = table.entry != nullptr ? (taxonomy.*table.entry)(id) : nullptr;
      std::string item = entry != nullptr ? entry->label(catalog.language()) : id;
      if (table.catalog_prefix != nullptr) item = catalog.text(table.catalog_prefix + id);
      counts.rows.push_back({item, std::to_string(count)});
    }
    sheet.tables.push_back(std::move(counts));
  }

  SheetTable assessment{
      text("section.assessment"),
      {catalog.text("register.column.responsible_department"),
       catalog.text("register.column.responsible_person"), text("sheet.points"), text("sheet.tickets")},
      {}};
  for (const AssessmentEntry& entry : report.assessment) {
    assessment.rows.push_back(
        {entry.department, entry.person, std::to_string(entry.points), std::to_string(entry.lines.size())});
  }
  sheet.tables.push_back(std::move(assessment));
  return sheet;
}

}  // namespace complaint
