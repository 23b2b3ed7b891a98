// FakeInputMethod: table lookups with scripted failures (see fake_input_method.h).
#include "core/input/fake_input_method.h"

#include <algorithm>

namespace complaint {

void FakeInputMethod::add_words(std::string pinyin, std::vector<std::string> words) {
  std::lock_guard lock(m_mutex);
  auto& list = m_words[std::move(pinyin)];
  list.insert(list.end(), words.begin(), words.end());
}

void FakeInputMethod::add_predictions(std::string after, std::vector<std::string> words) {
  std::lock_guard lock(m_mutex);
  auto& list = m_predictions[std::move(after)];
  list.insert(list.end(), words.begin(), words.end());
}

void FakeInputMethod::fail_after(std::size_t calls, FailureMode mode) {
  m_faults.fail(AnyCall::call, static_cast<int>(calls), mode,
                Error::make(ErrorCode::io, "fake input method: scripted failure", "FakeInputMethod"));
}

std::optional<Error> FakeInputMethod::next_failure(const char* call) {
  ++m_calls;
  auto failure = m_faults.on_call(AnyCall::call);
  if (failure) failure->call = call;
  return failure;
}

Result<std::vector<PinyinCandidate>> FakeInputMethod::candidates(std::string_view pinyin, std::size_t limit,
                                                                 InputContext context) {
  std::lock_guard lock(m_mutex);
  if (auto failure = next_failure("FakeInputMethod::candidates")) return *failure;
  m_last_context = context;
  std::vector<PinyinCandidate> out;
  auto append = [&](const std::vector<std::string>& words, std::size_t length) {
    for (const auto& word : words) {
      if (out.size() >= limit) return;
      out.push_back(PinyinCandidate{word, length});
    }
  };
  if (auto exact = m_words.find(pinyin); exact != m_words.end()) append(exact->second, pinyin.size());
  // Proper prefixes, longest first: the partial choices a real engine offers.
  for (std::size_t length = pinyin.size(); length-- > 1;) {
    if (auto prefix = m_words.find(pinyin.substr(0, length)); prefix != m_words.end()) {
      append(prefix->second, length);
    }
  }
  return out;
}

Result<std::vector<std::string>> FakeInputMethod::predictions(std::string_view history, std::size_t limit) {
  std::lock_guard lock(m_mutex);
  if (auto failure = next_failure("FakeInputMethod::predictions")) return *failure;
  // The longest table key that ends the history wins, as an n-gram model would.
  const std::vector<std::string>* best = nullptr;
  std::size_t best_length = 0;
  for (const auto& [after, words] : m_predictions) {
    if (after.size() > best_length && history.ends_with(after)) {
      best = &words;
      best_length = after.size();
    }
  }
  if (best == nullptr) return std::vector<std::string>{};
  std::vector<std::string> out(best->begin(), best->begin() + std::min(limit, best->size()));
  return out;
}

Result<void> FakeInputMethod::learn(std::string_view pinyin, std::string_view text) {
  std::lock_guard lock(m_mutex);
  if (auto failure = next_failure("FakeInputMethod::learn")) return *failure;
  m_learned.emplace_back(std::string(pinyin), std::string(text));
  return Ok{};
}

Result<void> FakeInputMethod::flush() {
  std::lock_guard lock(m_mutex);
  if (auto failure = next_failure("FakeInputMethod::flush")) return *failure;
  ++m_flushes;
  return Ok{};
}

std::vector<std::pair<std::string, std::string>> FakeInputMethod::learned() const {
  std::lock_guard lock(m_mutex);
  return m_learned;
}

std::optional<InputContext> FakeInputMethod::last_context() const {
  std::lock_guard lock(m_mutex);
  return m_last_context;
}

std::size_t FakeInputMethod::calls() const {
  std::lock_guard lock(m_mutex);
  return m_calls;
}

std::size_t FakeInputMethod::flushes() const {
  std::lock_guard lock(m_mutex);
  return m_flushes;
}

}  // namespace complaint
