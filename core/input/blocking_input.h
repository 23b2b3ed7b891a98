// The block list (candidate_block_list.h) in front of an engine: BlockingInputMethod over an
// InputMethod, BlockingHandwritingRecognizer over a HandwritingRecognizer. Each asks its
// engine for a few more than the caller's limit, so a blocked candidate's place is taken by
// the next one, and a blocked word is never learned into the user dictionary.
#pragma once

#include <memory>

#include "core/input/candidate_block_list.h"
#include "core/input/forwarding_input_method.h"
#include "core/input/handwriting_recognizer.h"

namespace complaint {

// flush() passes straight on (ForwardingInputMethod).
class BlockingInputMethod final : public ForwardingInputMethod {
 public:
  BlockingInputMethod(std::unique_ptr<InputMethod> engine, std::shared_ptr<const CandidateBlockList> blocked);

  Result<std::vector<PinyinCandidate>> candidates(std::string_view pinyin, std::size_t limit,
                                                  InputContext context) override;
  Result<std::vector<std::string>> predictions(std::string_view history, std::size_t limit) override;
  Result<void> learn(std::string_view pinyin, std::string_view text) override;

 private:
  std::shared_ptr<const CandidateBlockList> m_blocked;
};

class BlockingHandwritingRecognizer final : public HandwritingRecognizer {
 public:
  BlockingHandwritingRecognizer(std::unique_ptr<HandwritingRecognizer> engine,
                                std::shared_ptr<const CandidateBlockList> blocked);

  Result<std::vector<std::string>> recognize(const Ink& ink, std::size_t limit,
                                             const HandwritingContext& context) override;
  void release_memory() override;

 private:
  std::unique_ptr<HandwritingRecognizer> m_engine;
  std::shared_ptr<const CandidateBlockList> m_blocked;
};

}  // namespace complaint
