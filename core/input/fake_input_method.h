// FakeInputMethod: the scriptable InputMethod for tests. A table pinyin -> words; an
// input gets the words of its exact pinyin (whole-input candidates), then the words of
// every table pinyin that is a proper prefix of it, longest first (partial choices).
// It can be told to fail after n calls, once or from then on; learn() is recorded, and so
// is the context of the last candidates() call (the fake ranks alike in every context).
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/fault_script.h"
#include "core/input/input_method.h"

namespace complaint {

class FakeInputMethod final : public InputMethod {
 public:
  FakeInputMethod() = default;

  void add_words(std::string pinyin, std::vector<std::string> words);
  void add_predictions(std::string after, std::vector<std::string> words);
  // The (n+1)-th call from now (of any method) fails with ErrorCode::io; n = 0 fails the next.
  void fail_after(std::size_t calls, FailureMode mode);

  Result<std::vector<PinyinCandidate>> candidates(std::string_view pinyin, std::size_t limit,
                                                  InputContext context) override;
  Result<std::vector<std::string>> predictions(std::string_view history, std::size_t limit) override;
  Result<void> learn(std::string_view pinyin, std::string_view text) override;
  Result<void> flush() override;

  // What learn() was told, in order; calls counts every method call.
  std::vector<std::pair<std::string, std::string>> learned() const;
  // The context of the last candidates() call that did not fail; none before the first.
  // Only the last: the kiosk runs on this fake when it has no engine, for months.
  std::optional<InputContext> last_context() const;
  std::size_t calls() const;
  std::size_t flushes() const;

 private:
  std::optional<Error> next_failure(const char* call);

  mutable std::mutex m_mutex;
  std::map<std::string, std::vector<std::string>, std::less<>> m_words;
  std::map<std::string, std::vector<std::string>, std::less<>> m_predictions;
  std::vector<std::pair<std::string, std::string>> m_learned;
  std::optional<InputContext> m_last_context;
  std::size_t m_calls = 0;
  std::size_t m_flushes = 0;
  enum class AnyCall { call };  // the script counts every method alike
  FaultScript<AnyCall> m_faults;
};

}  // namespace complaint
