// HandwritingRecognizer: strokes written on a pad -> Chinese character candidates, best
// first. Stateless per call (the keyboard passes the whole ink after every stroke), so one
// engine serves every text field. Implementations: drivers/handwriting (Zinnia) and
// FakeHandwritingRecognizer (core/input/fake_handwriting_recognizer.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/base/result.h"

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

class HandwritingRecognizer {
 public:
  virtual ~HandwritingRecognizer() = default;

  // Characters the ink may be (UTF-8, one character each), best first, at most `limit`.
  // Empty ink gives an empty list; an error means the engine failed.
  virtual Result<std::vector<std::string>> recognize(const Ink& ink, std::size_t limit) = 0;

  // The customer is done writing (the keyboard was cleared at the end of a session): the
  // engine may give back memory it can reload on the next recognition.
  virtual void release_memory() {}
};

}  // namespace complaint
