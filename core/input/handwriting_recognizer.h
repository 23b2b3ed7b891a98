// HandwritingRecognizer: strokes written on a pad -> Chinese character candidates, best
// first. Stateless per call (the keyboard passes the whole ink after every stroke), so one
// engine serves every text field. Implementations: drivers/handwriting (Zinnia) and
// FakeHandwritingRecognizer (core/input/fake_handwriting_recognizer.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/input/input_method.h"

namespace complaint {

struct InkPoint {
  int x = 0;  // pad units (pixels on the kiosk), origin top left, y down
  int y = 0;

  friend bool operator==(const InkPoint&, const InkPoint&) = default;
};

using InkStroke = std::vector<InkPoint>;  // one pen-down .. pen-up, in writing order

// What was written so far on a pad of width x height units.
struct Ink {
  int width = 0;
  int height = 0;
  std::vector<InkStroke> strokes;

  bool empty() const { return strokes.empty(); }
  friend bool operator==(const Ink&, const Ink&) = default;
};

// Where the written character goes, so candidates of like shape can be ranked for it
// (RankedHandwritingRecognizer, core/input/handwriting_ranking.h).
struct HandwritingContext {
  InputContext input = InputContext::text;  // name_start: a person's name, still empty
  std::string preceding;                    // the field's text before it (UTF-8)
};

// A candidate with the engine's confidence in it: higher is likelier, comparable only with the
// other candidates one engine gave for the same ink; nullopt when the engine gives none.
struct HandwritingCandidate {
  std::string character;
  std::optional<double> score;
  friend bool operator==(const HandwritingCandidate&, const HandwritingCandidate&) = default;
};

inline std::vector<std::string> candidate_characters(std::vector<HandwritingCandidate> candidates) {
  std::vector<std::string> out;
  out.reserve(candidates.size());
  for (HandwritingCandidate& candidate : candidates) out.push_back(std::move(candidate.character));
  return out;
}

class HandwritingRecognizer {
 public:
  virtual ~HandwritingRecognizer() = default;

  // Characters the ink may be (UTF-8, one character each), best first, at most `limit`.
  // Empty ink gives an empty list; an error means the engine failed.
  virtual Result<std::vector<std::string>> recognize(const Ink& ink, std::size_t limit,
                                                     const HandwritingContext& context) = 0;

  // recognize() with the engine's scores, for a ranking that weighs the context against them
  // (RankedHandwritingRecognizer). By default recognize()'s list, without scores.
  virtual Result<std::vector<HandwritingCandidate>> recognize_scored(const Ink& ink, std::size_t limit,
                                                                     const HandwritingContext& context) {
    TRY_ASSIGN(std::vector<std::string> found, recognize(ink, limit, context));
    std::vector<HandwritingCandidate> out;
    out.reserve(found.size());
    for (std::string& character : found) out.push_back({std::move(character), std::nullopt});
    return out;
  }
  // The customer is done writing (the keyboard was cleared at the end of a session): the
  // engine may give back memory it can reload on the next recognition.
  virtual void release_memory() {}
};

// An engine that scores its candidates: it writes recognize_scored(), and recognize() is that
// list without the scores.
class ScoringHandwritingRecognizer : public HandwritingRecognizer {
 public:
  Result<std::vector<std::string>> recognize(const Ink& ink, std::size_t limit,
                                             const HandwritingContext& context) final {
    TRY_ASSIGN(std::vector<HandwritingCandidate> found, recognize_scored(ink, limit, context));
    return candidate_characters(std::move(found));
  }
  Result<std::vector<HandwritingCandidate>> recognize_scored(const Ink& ink, std::size_t limit,
                                                             const HandwritingContext& context) override = 0;
};

}  // namespace complaint
