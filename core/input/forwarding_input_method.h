// ForwardingInputMethod: an InputMethod in front of another engine that passes every call
// on unchanged. The wrappers (BlockingInputMethod, SurnameFirstInputMethod) derive from it
// and override only the calls they change, so a call added to InputMethod reaches the
// engine through every wrapper without each one repeating it.
#pragma once

#include <memory>
#include <utility>

#include "core/input/input_method.h"

namespace complaint {

class ForwardingInputMethod : public InputMethod {
 public:
  explicit ForwardingInputMethod(std::unique_ptr<InputMethod> engine) : m_engine(std::move(engine)) {}

  Result<std::vector<PinyinCandidate>> candidates(std::string_view pinyin, std::size_t limit,
                                                  InputContext context) override {
    return m_engine->candidates(pinyin, limit, context);
  }
  Result<std::vector<std::string>> predictions(std::string_view history, std::size_t limit) override {
    return m_engine->predictions(history, limit);
  }
  Result<void> learn(std::string_view pinyin, std::string_view text) override {
    return m_engine->learn(pinyin, text);
  }
  Result<void> flush() override { return m_engine->flush(); }

 protected:
  InputMethod& engine() { return *m_engine; }

 private:
  std::unique_ptr<InputMethod> m_engine;
};

}  // namespace complaint
