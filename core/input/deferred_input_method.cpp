// DeferredInputMethod (see header): every call waits once for the engine, then passes on.
#include "core/input/deferred_input_method.h"

#include <cassert>
#include <utility>

namespace complaint {

DeferredInputMethod::DeferredInputMethod(std::future<std::unique_ptr<InputMethod>> opening)
    : m_opening(std::move(opening)) {}

InputMethod& DeferredInputMethod::engine() {
  std::call_once(m_opened, [this] { m_engine = m_opening.get(); });
  assert(m_engine != nullptr);
  return *m_engine;
}

Result<std::vector<PinyinCandidate>> DeferredInputMethod::candidates(std::string_view pinyin,
                                                                     std::size_t limit,
                                                                     InputContext context) {
  return engine().candidates(pinyin, limit, context);
}

Result<std::vector<std::string>> DeferredInputMethod::predictions(std::string_view history,
                                                                  std::size_t limit) {
  return engine().predictions(history, limit);
}

Result<void> DeferredInputMethod::learn(std::string_view pinyin, std::string_view text) {
  return engine().learn(pinyin, text);
}

Result<void> DeferredInputMethod::flush() {
  return engine().flush();
}

}  // namespace complaint
