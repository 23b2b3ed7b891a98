// ZinniaRecognizer: HandwritingRecognizer over Debian's Zinnia with the Simplified Chinese
// model. The ink is first fitted into the model's square writing box (its bounding box,
// aspect kept, centred), so where on the pad and how large the customer writes matters
// little; a short stroke alone is not blown up past half the pad.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "core/input/handwriting_recognizer.h"

namespace complaint {

struct HandwritingEngineOptions {
  std::string model;  // empty: the path of Debian's tegaki-zinnia-simplified-chinese model
};

class ZinniaRecognizer final : public ScoringHandwritingRecognizer {
 public:
  static Result<std::unique_ptr<ZinniaRecognizer>> open(const HandwritingEngineOptions& options);
  ~ZinniaRecognizer() override;
  ZinniaRecognizer(const ZinniaRecognizer&) = delete;
  ZinniaRecognizer& operator=(const ZinniaRecognizer&) = delete;

  // The shape alone (the context is for RankedHandwritingRecognizer in front of it), with
  // Zinnia's scores (its classifier's values: higher is likelier).
  Result<std::vector<HandwritingCandidate>> recognize_scored(const Ink& ink, std::size_t limit,
                                                             const HandwritingContext& context) override;
  // Drops the model's pages from the process (they stay in the page cache).
  void release_memory() override;

  static std::string default_model();
  // The ink fitted into the engine's box (exposed for tests and the benchmark).
  static Ink normalized(const Ink& ink);
  static constexpr int kBox = 1000;

 private:
  struct Engine;
  explicit ZinniaRecognizer(std::unique_ptr<Engine> engine);

  std::unique_ptr<Engine> m_engine;
  std::mutex m_mutex;
};

}  // namespace complaint
