// FakeHandwritingRecognizer: the scriptable HandwritingRecognizer for tests. A table
// stroke count -> characters: ink of n strokes gets the characters added for n (none: an
// empty list), with the scores given to add_scored_result (none from add_result). It can be told to fail
// after n calls, once or from then on; every ink it was given is recorded.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/base/fault_script.h"
#include "core/input/handwriting_recognizer.h"

namespace complaint {

class FakeHandwritingRecognizer final : public ScoringHandwritingRecognizer {
 public:
  void add_result(std::size_t strokes, std::vector<std::string> characters);
  void add_scored_result(std::size_t strokes, std::vector<HandwritingCandidate> candidates);
  // The (n+1)-th call from now fails with ErrorCode::io; n = 0 fails the next.
  void fail_after(std::size_t calls, FailureMode mode);

  Result<std::vector<HandwritingCandidate>> recognize_scored(const Ink& ink, std::size_t limit,
                                                             const HandwritingContext& context) override;
  void release_memory() override;
  std::size_t releases() const;

  std::vector<Ink> inks() const;  // what recognize() was given, in order
  std::vector<HandwritingContext> contexts() const;
  std::size_t calls() const;

 private:
  mutable std::mutex m_mutex;
  std::map<std::size_t, std::vector<HandwritingCandidate>> m_results;
  std::vector<Ink> m_inks;
  std::vector<HandwritingContext> m_contexts;
  std::size_t m_releases = 0;
  enum class Call { recognize };
  FaultScript<Call> m_faults;
};

}  // namespace complaint
