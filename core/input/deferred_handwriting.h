// DeferredHandwritingRecognizer: a HandwritingRecognizer whose engine is still opening on
// another thread, as DeferredInputMethod is for pinyin: the kiosk loads its two Zinnia models
// (~9 ms) beside its first frame instead of before it. The first recognition waits for the
// engine; a customer's first stroke comes long after it is ready. An engine that could not
// open (null) makes every recognition an `unavailable` error, which the keyboard records.
#pragma once

#include <future>
#include <memory>
#include <mutex>

#include "core/input/handwriting_recognizer.h"

namespace complaint {

class DeferredHandwritingRecognizer final : public HandwritingRecognizer {
 public:
  explicit DeferredHandwritingRecognizer(std::future<std::unique_ptr<HandwritingRecognizer>> opening);

  Result<std::vector<std::string>> recognize(const Ink& ink, std::size_t limit,
                                             const HandwritingContext& context) override;
  // Passed on once the engine is there; before that there is nothing to give back.
  void release_memory() override;

 private:
  HandwritingRecognizer* engine();  // waits for the engine on the first call; null if none

  std::future<std::unique_ptr<HandwritingRecognizer>> m_opening;
  std::unique_ptr<HandwritingRecognizer> m_engine;
  std::once_flag m_opened;
};

}  // namespace complaint
