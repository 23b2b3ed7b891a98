// CandidateBlockList: words a lobby kiosk must never offer as a candidate: politically
// sensitive terms and insults (assets/pinyin/blocked_words.txt, one word a line, '#'
// comments; [pinyin] block_list names another file). A candidate is blocked when it contains
// a listed word anywhere, so 台独 also blocks 台独分子. It filters what the engines offer
// (pinyin candidates and predictions, handwriting candidates: blocking_input.h), never what
// a customer types letter by letter.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace complaint {

class CandidateBlockList {
 public:
  CandidateBlockList() = default;  // blocks nothing
  // config error naming the line for a word that is not valid UTF-8 or holds a space.
  static Result<CandidateBlockList> parse(std::string_view text);
  static Result<CandidateBlockList> load_file(const std::string& path);

  bool blocks(std::string_view candidate) const;
  std::size_t size() const { return m_words.size(); }

 private:
  std::vector<std::string> m_words;
};

}  // namespace complaint
