// DeferredInputMethod: an InputMethod whose engine is still opening on another thread.
// The kiosk opens libgooglepinyin beside its first frame instead of before it: on a new
// kiosk the engine seeds its user dictionary with the domain words first (about 20 ms of a
// 60 ms start budget, measured with kiosk_bench). The first call waits for the engine; a
// customer's first key tap comes long after it is ready.
#pragma once

#include <future>
#include <memory>
#include <mutex>

#include "core/input/input_method.h"

namespace complaint {

class DeferredInputMethod final : public InputMethod {
 public:
  // `opening` yields the engine (never null: where the real one cannot open, the caller's
  // fallback, as main() falls back to letters only).
  explicit DeferredInputMethod(std::future<std::unique_ptr<InputMethod>> opening);

  Result<std::vector<PinyinCandidate>> candidates(std::string_view pinyin, std::size_t limit,
                                                  InputContext context) override;
  Result<std::vector<std::string>> predictions(std::string_view history, std::size_t limit) override;
  Result<void> learn(std::string_view pinyin, std::string_view text) override;
  Result<void> flush() override;

 private:
  InputMethod& engine();  // waits for the engine on the first call

  std::future<std::unique_ptr<InputMethod>> m_opening;
  std::unique_ptr<InputMethod> m_engine;
  std::once_flag m_opened;
};

}  // namespace complaint
