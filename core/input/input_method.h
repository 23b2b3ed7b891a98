// InputMethod: pinyin -> Chinese candidates, next-word predictions and learning into a
// user dictionary. Stateless per call (partial choice is done by the caller with each
// candidate's pinyin_length), so one engine can serve any text field. Implementations:
// drivers/pinyin (libgooglepinyin) and FakeInputMethod (core/input/fake_input_method.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace complaint {

// One conversion of the pinyin searched for: `text` converts its first `pinyin_length`
// bytes (letters and ' separators). pinyin_length == pinyin.size() for a whole-input
// candidate; a shorter one is a partial choice that leaves the rest to compose.
struct PinyinCandidate {
  std::string text;  // UTF-8
  std::size_t pinyin_length = 0;

  friend bool operator==(const PinyinCandidate&, const PinyinCandidate&) = default;
};

// Where the text being converted goes, so candidates can be ranked for it. name_start: the
// first syllables of a person's name (the name field is still empty), where a surname is
// far likelier than the general word of the same pinyin (王 before 网 for "wang").
enum class InputContext { text, name_start };

class InputMethod {
 public:
  virtual ~InputMethod() = default;

  // Candidates for `pinyin` (lowercase a-z and ' only), best first, at most `limit`, for
  // text going where `context` says. An empty list means nothing converts; an error means
  // the engine failed.
  virtual Result<std::vector<PinyinCandidate>> candidates(std::string_view pinyin, std::size_t limit,
                                                          InputContext context) = 0;

  // Words likely to follow `history` (UTF-8 text just committed; only its last few
  // characters matter), best first, at most `limit`.
  virtual Result<std::vector<std::string>> predictions(std::string_view history, std::size_t limit) = 0;

  // Records that the user turned `pinyin` into `text` (e.g. "tousuwuye" -> "投诉物业"
  // chosen in two steps) so it ranks higher next time. A no-op where already first.
  virtual Result<void> learn(std::string_view pinyin, std::string_view text) = 0;

  // Writes what was learned to persistent storage (the user dictionary).
  virtual Result<void> flush() = 0;
};

}  // namespace complaint
