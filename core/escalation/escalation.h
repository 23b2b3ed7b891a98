// Escalation (docs/DOMAIN.md §4): major by category, channel and trigger words in the text;
// repeat by same phone and category within a window or a referenced earlier number;
// group complaints are the desk's (group_complaints.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/domain/taxonomy.h"
#include "core/domain/ticket.h"

namespace complaint {

// How many characters may stand between a negation and the trigger word it waives
// ("不需要你们赔偿"): more reaches into another thought ("不想再拖了我要找媒体").
inline constexpr int k_negation_gap = 2;

// Facts the store looked up for the ticket being filed.
struct EscalationFacts {
  std::optional<std::string> earlier_same_phone_category;  // number of the latest match
};

struct EscalationOutcome {
  bool major = false;
  std::vector<std::string> major_reasons;  // "category:...", "channel:...", "word:..."
  Severity severity = Severity::general;
  std::string repeat_of;
  bool confidential = false;  // reports and financial crime: supervisor only
};

EscalationOutcome evaluate_escalation(const Ticket& ticket, const Taxonomy& taxonomy,
                                      const EscalationPolicy& policy, const EscalationFacts& facts);

}  // namespace complaint
