// FakeHandwritingRecognizer: table lookups by stroke count with scripted failures.
#include "core/input/fake_handwriting_recognizer.h"

namespace complaint {

void FakeHandwritingRecognizer::add_result(std::size_t strokes, std::vector<std::string> characters) {
  std::vector<HandwritingCandidate> candidates;
  for (std::string& character : characters) candidates.push_back({std::move(character), std::nullopt});
  add_scored_result(strokes, std::move(candidates));
}

void FakeHandwritingRecognizer::add_scored_result(std::size_t strokes,
                                                  std::vector<HandwritingCandidate> candidates) {
  std::lock_guard lock(m_mutex);
  auto& list = m_results[strokes];
  list.insert(list.end(), candidates.begin(), candidates.end());
}

void FakeHandwritingRecognizer::fail_after(std::size_t calls, FailureMode mode) {
  m_faults.fail(Call::recognize, static_cast<int>(calls), mode,
                Error::make(ErrorCode::io, "fake handwriting: scripted failure",
                            "FakeHandwritingRecognizer::recognize"));
}

Result<std::vector<HandwritingCandidate>> FakeHandwritingRecognizer::recognize_scored(
    const Ink& ink, std::size_t limit, const HandwritingContext& context) {
  std::lock_guard lock(m_mutex);
  m_inks.push_back(ink);
  m_contexts.push_back(context);
  if (auto failure = m_faults.on_call(Call::recognize)) return *failure;
  std::vector<HandwritingCandidate> out;
  if (auto found = m_results.find(ink.strokes.size()); found != m_results.end()) {
    for (const HandwritingCandidate& candidate : found->second) {
      if (out.size() >= limit) break;
      out.push_back(candidate);
    }
  }
  return out;
}

void FakeHandwritingRecognizer::release_memory() {
  std::lock_guard lock(m_mutex);
  ++m_releases;
}

std::size_t FakeHandwritingRecognizer::releases() const {
  std::lock_guard lock(m_mutex);
  return m_releases;
}

std::vector<Ink> FakeHandwritingRecognizer::inks() const {
  std::lock_guard lock(m_mutex);
  return m_inks;
}

std::vector<HandwritingContext> FakeHandwritingRecognizer::contexts() const {
  std::lock_guard lock(m_mutex);
  return m_contexts;
}

std::size_t FakeHandwritingRecognizer::calls() const {
  std::lock_guard lock(m_mutex);
  return m_inks.size();
}

}  // namespace complaint
