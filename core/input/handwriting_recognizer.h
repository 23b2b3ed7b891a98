// HandwritingRecognizer: strokes written on a pad -> Chinese character candidates, best
// first. Stateless per call (the keyboard passes the whole ink after every stroke), so one
// engine serves every text field. Implementations: drivers/handwriting (Zinnia) and
// FakeHandwritingRecognizer (core/input/fake_handwriting_recognizer.h).
#pragma once

#include <cstddef>
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

class HandwritingRecognizer {
 public:
  virtual ~HandwritingRecognizer() = default;

  // Characters the ink may be (UTF-8, one character each), best first, at most `limit`.
  // Empty ink gives an empty list; an error means the engine failed.
  virtual Result<std::vector<std::string>> recognize(const Ink& ink, std::size_t limit,
                                                     const HandwritingContext& context) = 0;

  // The customer is done writing (the keyboard was cleared at the end of a session): the
  // engine may give back memory it can reload on the next recognition.
  virtual void release_memory() {}
};

}  // namespace complaint
