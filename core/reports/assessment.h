// Assessment points (考核, docs/DOMAIN.md §9): configurable rules ([assessment] in the config)
// applied to a period's cohort, summed per department and person, each point traceable to its
// ticket and rule. Pure; monthly_report hands it what the events had made of each ticket.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain/ticket.h"

namespace complaint {

// Defaults: the property company's procedure (a substantiated general complaint -1, a
// substantiated major one -5, handled late -2); `per_complaint` is the tobacco company's
// alternative (-1 for every complaint against a department).
struct AssessmentRules {
  enum class Profile { property, per_complaint };
  Profile profile = Profile::property;
  int substantiated_general = -1;
  int substantiated_major = -5;
  int late = -2;
  int per_complaint = -1;
};

// One cohort ticket as the rules see it as of the report's instant.
struct AssessedTicket {
  std::string number;
  std::string kind;
  bool major = false;
  Substantiated substantiated = Substantiated::none;
  std::string responsible_department;
  std::string responsible_person;
  std::string department;       // last forwarded to: charged when no responsible department is recorded
  bool resolve_missed = false;  // its resolve clock (an inquiry's answer) was missed
};

struct AssessmentLine {
  std::string number;
  std::string rule;  // substantiated_general, substantiated_major, late, per_complaint
  int points = 0;
};

struct AssessmentEntry {
  std::string department;
  std::string person;  // empty: the department itself
  int points = 0;
  std::vector<AssessmentLine> lines;  // in cohort order
};

// Sorted by department, then person. A ticket with nobody to charge (no responsible
// department recorded, never forwarded) adds nothing.
std::vector<AssessmentEntry> assess(const std::vector<AssessedTicket>& tickets, const AssessmentRules& rules);

const char* to_string(AssessmentRules::Profile profile);

}  // namespace complaint
