// evaluate_escalation: the major / repeat / group / confidential flags of a ticket being filed.
// Pure; reasons come out in a stable order (category, channel, then words in configured order).
#include "core/escalation/escalation.h"

#include <algorithm>
#include <string_view>

namespace complaint {
namespace {

// Clause ends: a negation before one of these does not reach the words after it.
constexpr std::string_view k_clause_ends[] = {"，", "。", "！", "？", "；", "、", "：",
                                              ",",  ".",  "!",  "?",  ";",  ":",  "\n"};

bool ends_with(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// `prefix` without its last code point (UTF-8: drop continuation bytes, then the lead byte).
std::string_view drop_last_code_point(std::string_view prefix) {
  std::size_t size = prefix.size();
  while (size > 0 && (static_cast<unsigned char>(prefix[size - 1]) & 0xC0) == 0x80) --size;
  return prefix.substr(0, size > 0 ? size - 1 : 0);
}

// Whether the text before an occurrence ends, within k_negation_gap code points and the same
// clause, with a negation: "不需要赔偿", "不需要你们赔偿", "我不要求赔偿" waive; "不赔偿就起诉",
// "不需要道歉，我要赔偿" and "不想再拖了我要找媒体" do not.
bool negated(std::string_view prefix, const std::vector<std::string>& negations) {
  for (int gap = 0; gap <= k_negation_gap && !prefix.empty(); ++gap) {
    for (const std::string& negation : negations) {
      if (!negation.empty() && ends_with(prefix, negation)) return true;
    }
    for (const std::string_view end : k_clause_ends) {
      if (ends_with(prefix, end)) return false;
    }
    prefix = drop_last_code_point(prefix);
  }
  return false;
}

// Plain byte search is a correct UTF-8 substring match: UTF-8 is self-synchronising, so a
// valid encoded word can only match at character boundaries of valid text. A word counts
// when at least one occurrence is not negated.
bool mentions(const std::string& text, const std::string& word, const std::vector<std::string>& negations) {
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + word.size())) {
    if (!negated(std::string_view(text).substr(0, at), negations)) return true;
  }
  return false;
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
    if (mentions(ticket.content, word, policy.trigger_negations) ||
        mentions(ticket.desired_outcome, word, policy.trigger_negations)) {
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

  // 举报 is confidential by definition (docs/DOMAIN.md §1), whatever a deployment's taxonomy says.
  out.confidential = ticket.kind == "report" || (kind != nullptr && kind->confidential) ||
                     (category != nullptr && category->confidential);
  return out;
}

}  // namespace complaint
