// Figure keys; see report_figure.h.
#include "core/reports/report_figure.h"

#include <set>

#include "core/reports/report_fields.h"

namespace complaint {

std::string figure_key(std::initializer_list<std::string_view> parts) {
  std::string key;
  for (std::string_view part : parts) {
    if (!key.empty()) key += '.';
    key += part;
  }
  return key;
}

bool is_figure_key(std::string_view key, std::initializer_list<std::string_view> parts) {
  bool first = true;
  for (std::string_view part : parts) {
    if (!first) {
      if (key.empty() || key.front() != '.') return false;
      key.remove_prefix(1);
    }
    first = false;
    if (!key.starts_with(part)) return false;
    key.remove_prefix(part.size());
  }
  return key.empty();
}

std::string assessment_figure(const std::string& department, const std::string& person) {
  return "assessment." + department + "," + person;
}

std::vector<ReportFigure> report_figures(const MonthlyReport& report) {
  std::vector<ReportFigure> figures;
  for (const auto& field : report_fields::kTotals) {
    figures.push_back({figure_key({"total", field.key}), report.totals.*field.member});
  }
  for (const auto& table : report_fields::kCountTables) {
    for (const auto& [id, count] : report.*table.member)
      figures.push_back({figure_key({table.key, id}), count});
  }
  for (const auto& clock : report_fields::kClocks) {
    const ClockCounts& counts = report.*clock.member;
    figures.push_back({figure_key({"on_time", clock.key, "met"}), counts.met});
    figures.push_back({figure_key({"on_time", clock.key, "missed"}), counts.missed});
    figures.push_back({figure_key({"on_time", clock.key, "pending"}), counts.pending});
  }
  for (const auto& rating : report_fields::kSatisfactions) {
    const SatisfactionCounts& counts = report.*rating.member;
    figures.push_back({figure_key({rating.key, "rated"}), counts.rated()});
    figures.push_back({figure_key({rating.key, "satisfied"}), counts.satisfied});
    figures.push_back({figure_key({rating.key, "basically_satisfied"}), counts.basically_satisfied});
    figures.push_back({figure_key({rating.key, "dissatisfied"}), counts.dissatisfied});
  }
  figures.push_back({"reply_hours.count", report.replied});
  for (const AssessmentEntry& entry : report.assessment) {
    std::set<std::string> tickets;
    for (const AssessmentLine& line : entry.lines) tickets.insert(line.number);
    figures.push_back({assessment_figure(entry.department, entry.person), static_cast<int>(tickets.size())});
  }
  return figures;
}

}  // namespace complaint
