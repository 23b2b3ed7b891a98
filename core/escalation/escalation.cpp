// evaluate_escalation: the major / repeat / group / confidential flags of a ticket being filed.
// Pure; reasons come out in a stable order (category, channel, then words in configured order).
#include "core/escalation/escalation.h"

#include <algorithm>

namespace complaint {
namespace {

// Plain byte search is a correct UTF-8 substring match: UTF-8 is self-synchronising, so a
// valid encoded word can only match at character boundaries of valid text.
bool contains(const std::string& text, const std::string& word) {
  return text.find(word) != std::string::npos;
}

void add_reason(std::vector<std::string>& reasons, std::string reason) {
  // A word configured twice must not be reported twice.
  if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
    reasons.push_back(std::move(reason));
}

}  // namespace

EscalationOutcome evaluate_escalation(const Ticket& ticket, const Taxonomy& taxonomy,
                                      const EscalationPolicy& policy, const EscalationFacts& facts) {
  EscalationOutcome out;
  const TaxonomyEntry* kind = taxonomy.kind(ticket.kind);
  const TaxonomyEntry* channel = taxonomy.channel(ticket.channel);
  const TaxonomyEntry* category = taxonomy.category(ticket.category);

  if (category != nullptr && category->major) add_reason(out.major_reasons, "category:" + category->id);
  if (channel != nullptr && channel->major) add_reason(out.major_reasons, "channel:" + channel->id);
  // Threats of media exposure, litigation or extreme action are only visible in the text.
  for (const std::string& word : policy.trigger_words) {
    if (word.empty()) continue;
    if (contains(ticket.content, word) || contains(ticket.desired_outcome, word)) {
      add_reason(out.major_reasons, "word:" + word);
    }
  }
  out.major = !out.major_reasons.empty();
  if (out.major) {
    out.severity = Severity::major;
  } else if (category != nullptr) {
    out.severity = category->default_severity;
  }

  // A number the customer quoted is the strongest link; otherwise the same phone and category
  // within the window. Anonymous tickets cannot be linked by phone.
  if (!ticket.repeat_of.empty()) {
    out.repeat_of = ticket.repeat_of;
  } else if (!ticket.anonymous && !ticket.phone.empty() && facts.earlier_same_phone_category) {
    out.repeat_of = *facts.earlier_same_phone_category;
  }

  // "More than N customers": the open ones already counted plus this filing.
  out.group = facts.open_same_category_site + 1 > policy.group_threshold;

  // 举报 is confidential by definition (docs/DOMAIN.md §1), whatever a deployment's taxonomy says.
  out.confidential = ticket.kind == "report" || (kind != nullptr && kind->confidential) ||
                     (category != nullptr && category->confidential);
  return out;
}

}  // namespace complaint
