// RankedHandwritingRecognizer and DomainCharacterPairs (see handwriting_ranking.h).
#include "core/input/handwriting_ranking.h"

#include <algorithm>
#include <optional>

#include "core/base/utf8.h"

namespace complaint {

DomainCharacterPairs::DomainCharacterPairs(const std::vector<std::string>& words) {
  for (const std::string& word : words) {
    std::size_t start = 0;
    while (start < word.size()) {
      const std::size_t second = start + utf8::length_at(word, start);
      if (second >= word.size()) break;
      const std::size_t end = second + utf8::length_at(word, second);
      m_pairs.insert(word.substr(start, end - start));
      start = second;
    }
  }
}

bool DomainCharacterPairs::contains(std::string_view first, std::string_view second) const {
  if (first.empty() || second.empty()) return false;
  std::string pair(first);
  pair += second;
  return m_pairs.contains(pair);
}

RankedHandwritingRecognizer::RankedHandwritingRecognizer(std::unique_ptr<HandwritingRecognizer> engine,
                                                         std::shared_ptr<const SurnameList> surnames,
                                                         DomainCharacterPairs pairs, double margin)
    : m_engine(std::move(engine)),
      m_surnames(std::move(surnames)),
      m_pairs(std::move(pairs)),
      m_margin(margin) {}

Result<std::vector<std::string>> RankedHandwritingRecognizer::recognize(const Ink& ink, std::size_t limit,
                                                                        const HandwritingContext& context) {
  TRY_ASSIGN(std::vector<HandwritingCandidate> found, m_engine->recognize_scored(ink, limit, context));
  const std::string_view before =
      std::string_view(context.preceding)
          .substr(utf8::previous_start(context.preceding, context.preceding.size()));
  const std::optional<double> best = found.empty() ? std::nullopt : found.front().score;
  const auto close_to_best = [&](const HandwritingCandidate& candidate) {
    return !best || !candidate.score || *best - *candidate.score <= m_margin;
  };
  const auto likely = [&](const HandwritingCandidate& candidate) {
    if (!close_to_best(candidate)) return false;
    if (context.input == InputContext::name_start)
      return m_surnames && m_surnames->rank(candidate.character).has_value();
    return m_pairs.contains(before, candidate.character);
  };
  const auto window_end = found.begin() + static_cast<std::ptrdiff_t>(std::min(found.size(), k_shape_window));
  std::stable_partition(found.begin(), window_end, likely);
  return candidate_characters(std::move(found));
}

void RankedHandwritingRecognizer::release_memory() {
  m_engine->release_memory();
}

}  // namespace complaint
