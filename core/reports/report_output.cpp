// The report's JSON and CSV; see report_output.h.
#include "core/reports/report_output.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/reports/csv.h"
#include "core/reports/report_fields.h"

namespace complaint {
namespace {

using namespace report_fields;

using nlohmann::json;

json rate_json(const std::optional<double>& rate) {
  return rate ? json(*rate) : json(nullptr);
}

json clock_json(const ClockCounts& counts) {
  return {{"met", counts.met},
          {"missed", counts.missed},
          {"pending", counts.pending},
          {"rate", rate_json(counts.rate())}};
}

json satisfaction_json(const SatisfactionCounts& counts) {
  return {{"rated", counts.rated()},
          {"satisfied", counts.satisfied},
          {"basically_satisfied", counts.basically_satisfied},
          {"dissatisfied", counts.dissatisfied},
          {"rate", rate_json(counts.rate())}};
}

}  // namespace

json report_to_json(const MonthlyReport& report, const TimeZone& zone) {
  json out;
  out["period"] = {{"from", format_date(report.period.from)}, {"to", format_date(report.period.to)}};
  out["as_of"] = zone.format_iso8601(report.as_of);
  json totals = json::object();
  for (const TotalField& total : kTotals) totals[total.key] = report.totals.*total.member;
  out["totals"] = totals;
  for (const CountTable& table : kCountTables) out[table.key] = json(report.*table.member);
  json on_time = json::object();
  for (const ClockField& clock : kClocks) on_time[clock.key] = clock_json(report.*clock.member);
  out["on_time"] = on_time;
  json satisfaction = satisfaction_json(report.satisfaction);
  satisfaction["staff"] = satisfaction_json(report.satisfaction_staff);
  satisfaction["customer"] = satisfaction_json(report.satisfaction_customer);
  out["satisfaction"] = satisfaction;
  out["reply_hours"] = {
      {"count", report.replied},
      {"median", report.reply_hours_median ? json(*report.reply_hours_median) : json(nullptr)},
      {"p90", report.reply_hours_p90 ? json(*report.reply_hours_p90) : json(nullptr)}};
  json assessment = json::array();
  for (const AssessmentEntry& entry : report.assessment) {
    json lines = json::array();
    for (const AssessmentLine& line : entry.lines) {
      lines.push_back({{"number", line.number}, {"rule", line.rule}, {"points", line.points}});
    }
    assessment.push_back({{"department", entry.department},
                          {"person", entry.person},
                          {"points", entry.points},
                          {"tickets", lines}});
  }
  out["assessment"] = assessment;
  out["assessment_profile"] = to_string(report.assessment_profile);
  return out;
}

std::string report_to_csv(const MonthlyReport& report, const Catalog& catalog, const Taxonomy& taxonomy,
                          const TimeZone& zone) {
  const auto text = [&catalog](const std::string& key) { return catalog.text("report." + key); };
  std::string out(kUtf8Bom);
  out += csv_row({text("column.section"), text("column.item"), text("column.value")});
  const std::string period = text("section.period");
  out += csv_row({period, text("period.from"), format_date(report.period.from)});
  out += csv_row({period, text("period.to"), format_date(report.period.to)});
  out += csv_row({period, text("period.as_of"), zone.format_iso8601(report.as_of)});
  for (const TotalField& total : kTotals) {
    out += csv_row({text("section.totals"), text(std::string("total.") + total.key),
                    std::to_string(report.totals.*total.member)});
  }
  for (const CountTable& table : kCountTables) {
    for (const auto& [id, count] : report.*table.member) {
      const TaxonomyEntry* entry = table.entry != nullptr ? (taxonomy.*table.entry)(id) : nullptr;
      std::string item = entry != nullptr ? entry->label(catalog.language()) : id;
      if (table.catalog_prefix != nullptr) item = catalog.text(table.catalog_prefix + id);
      out += csv_row({text(std::string("section.") + table.key), item, std::to_string(count)});
    }
  }
  for (const ClockField& clock : kClocks) {
    const ClockCounts& counts = report.*clock.member;
    const std::string section = text(std::string("clock.") + clock.key);
    out += csv_row({section, text("outcome.met"), std::to_string(counts.met)});
    out += csv_row({section, text("outcome.missed"), std::to_string(counts.missed)});
    out += csv_row({section, text("outcome.pending"), std::to_string(counts.pending)});
    out += csv_row({section, text("outcome.rate"), percent(counts.rate())});
  }
  for (const SatisfactionField& field : kSatisfactions) {
    const SatisfactionCounts& counts = report.*field.member;
    const std::string section = text(std::string("section.") + field.key);
    out += csv_row({section, text("outcome.rated"), std::to_string(counts.rated())});
    out += csv_row({section, catalog.text("satisfaction.satisfied"), std::to_string(counts.satisfied)});
    out += csv_row({section, catalog.text("satisfaction.basically_satisfied"),
                    std::to_string(counts.basically_satisfied)});
    out += csv_row({section, catalog.text("satisfaction.dissatisfied"), std::to_string(counts.dissatisfied)});
    out += csv_row({section, text("outcome.satisfaction_rate"), percent(counts.rate())});
  }
  const std::string reply = text("section.reply_hours");
  out += csv_row({reply, text("outcome.replied"), std::to_string(report.replied)});
  out += csv_row({reply, text("outcome.median"), hours(report.reply_hours_median)});
  out += csv_row({reply, text("outcome.p90"), hours(report.reply_hours_p90)});
  for (const AssessmentEntry& entry : report.assessment) {
    const std::string who = entry.person.empty() ? entry.department : entry.department + " / " + entry.person;
    out += csv_row({text("section.assessment"), who, std::to_string(entry.points)});
  }
  return out;
}

}  // namespace complaint
