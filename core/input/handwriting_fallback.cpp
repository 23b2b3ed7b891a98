// FallbackHandwritingRecognizer (see handwriting_fallback.h).
#include "core/input/handwriting_fallback.h"

#include <algorithm>

namespace complaint {

FallbackHandwritingRecognizer::FallbackHandwritingRecognizer(std::unique_ptr<HandwritingRecognizer> primary,
                                                             std::unique_ptr<HandwritingRecognizer> fallback)
    : m_primary(std::move(primary)), m_fallback(std::move(fallback)) {}

Result<std::vector<HandwritingCandidate>> FallbackHandwritingRecognizer::recognize_scored(
    const Ink& ink, std::size_t limit, const HandwritingContext& context) {
  TRY_ASSIGN(std::vector<HandwritingCandidate> primary, m_primary->recognize_scored(ink, limit, context));
  auto fallback = m_fallback->recognize(ink, limit, context);
  if (!fallback.ok()) return primary;
  std::vector<HandwritingCandidate> extra;  // the fallback's, best first, that the primary lacks
  for (std::string& character : fallback.value()) {
    const auto same = [&](const HandwritingCandidate& c) { return c.character == character; };
    if (std::find_if(primary.begin(), primary.end(), same) == primary.end())
      extra.push_back({std::move(character), std::nullopt});
  }
  std::vector<HandwritingCandidate> out;
  auto next_primary = primary.begin();
  auto next_extra = extra.begin();
  while (out.size() < limit && (next_primary != primary.end() || next_extra != extra.end())) {
    const bool fallback_place = (out.size() + 1) % k_every == 0;
    if ((fallback_place && next_extra != extra.end()) || next_primary == primary.end()) {
      out.push_back(std::move(*next_extra++));
    } else {
      out.push_back(std::move(*next_primary++));
    }
  }
  return out;
}

void FallbackHandwritingRecognizer::release_memory() {
  m_primary->release_memory();
  m_fallback->release_memory();
}

}  // namespace complaint
