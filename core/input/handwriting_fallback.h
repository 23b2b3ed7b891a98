// FallbackHandwritingRecognizer: a primary engine's candidates with every sixth place (the last
// of each page of the candidate bar) given to the best of a second engine's that the primary
// did not offer. The kiosk's primary is the model trained on distorted writing of the 3,500
// level-1 characters (assets/handwriting, BENCHMARKS "Handwriting recognition"), far better
// on them but blind to every other character; Debian's model knows 6,763 (GB2312), so a
// rarer character (a surname such as 邝) is still offered. The primary's top 5 stay its own.
#pragma once

#include <memory>

#include "core/input/handwriting_recognizer.h"

namespace complaint {

class FallbackHandwritingRecognizer final : public ScoringHandwritingRecognizer {
 public:
  static constexpr std::size_t k_every = 6;  // the fallback's places: 6th, 12th, ...

  FallbackHandwritingRecognizer(std::unique_ptr<HandwritingRecognizer> primary,
                                std::unique_ptr<HandwritingRecognizer> fallback);

  // The primary's failure is the caller's; the fallback's only costs its candidates.
  // The primary's candidates keep its scores; the fallback's have none (its scale is another).
  Result<std::vector<HandwritingCandidate>> recognize_scored(const Ink& ink, std::size_t limit,
                                                             const HandwritingContext& context) override;
  void release_memory() override;

 private:
  std::unique_ptr<HandwritingRecognizer> m_primary;
  std::unique_ptr<HandwritingRecognizer> m_fallback;
};

}  // namespace complaint
