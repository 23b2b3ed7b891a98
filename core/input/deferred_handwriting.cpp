// DeferredHandwritingRecognizer (see header).
#include "core/input/deferred_handwriting.h"

#include <chrono>
#include <utility>

namespace complaint {

DeferredHandwritingRecognizer::DeferredHandwritingRecognizer(
    std::future<std::unique_ptr<HandwritingRecognizer>> opening)
    : m_opening(std::move(opening)) {}

HandwritingRecognizer* DeferredHandwritingRecognizer::engine() {
  std::call_once(m_opened, [this] { m_engine = m_opening.get(); });
  return m_engine.get();
}

Result<std::vector<std::string>> DeferredHandwritingRecognizer::recognize(const Ink& ink, std::size_t limit,
                                                                          const HandwritingContext& context) {
  HandwritingRecognizer* opened = engine();
  if (opened == nullptr)
    return Error::make(ErrorCode::unavailable, "the handwriting engine could not open", "handwriting");
  return opened->recognize(ink, limit, context);
}

void DeferredHandwritingRecognizer::release_memory() {
  const bool ready =
      m_engine != nullptr ||
      (m_opening.valid() && m_opening.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
  if (!ready) return;
  if (HandwritingRecognizer* opened = engine()) opened->release_memory();
}

}  // namespace complaint
