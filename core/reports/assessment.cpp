// Assessment points; see assessment.h and docs/DOMAIN.md §9.
#include "core/reports/assessment.h"

#include <map>

namespace complaint {
namespace {

std::vector<AssessmentLine> lines_of(const AssessedTicket& t, const AssessmentRules& rules) {
  std::vector<AssessmentLine> lines;
  if (rules.profile == AssessmentRules::Profile::per_complaint) {
    if (t.kind == "complaint") lines.push_back({t.number, "per_complaint", rules.per_complaint});
    return lines;
  }
  // 属实 and 部分属实 both count: the complaint was founded, at least in part.
  if (t.substantiated == Substantiated::substantiated || t.substantiated == Substantiated::partly) {
    lines.push_back(t.major ? AssessmentLine{t.number, "substantiated_major", rules.substantiated_major}
                            : AssessmentLine{t.number, "substantiated_general", rules.substantiated_general});
  }
  if (t.resolve_missed) lines.push_back({t.number, "late", rules.late});
  return lines;
}

}  // namespace

std::vector<AssessmentEntry> assess(const std::vector<AssessedTicket>& tickets,
                                    const AssessmentRules& rules) {
  std::map<std::pair<std::string, std::string>, AssessmentEntry> entries;
  for (const AssessedTicket& t : tickets) {
    const bool responsible = !t.responsible_department.empty();
    const std::string& department = responsible ? t.responsible_department : t.department;
    if (department.empty()) continue;
    const std::string person = responsible ? t.responsible_person : std::string();
    for (AssessmentLine& line : lines_of(t, rules)) {
      AssessmentEntry& entry = entries[{department, person}];
      entry.department = department;
      entry.person = person;
      entry.points += line.points;
      entry.lines.push_back(std::move(line));
    }
  }
  std::vector<AssessmentEntry> out;
  for (auto& [key, entry] : entries) out.push_back(std::move(entry));
  return out;
}

const char* to_string(AssessmentRules::Profile profile) {
  return profile == AssessmentRules::Profile::per_complaint ? "per_complaint" : "property";
}

}  // namespace complaint
