// CandidateBlockList parsing and matching (see candidate_block_list.h). A malformed line is a
// config error naming the line, so a typo in a deployment's list is found at start-up.
#include "core/input/candidate_block_list.h"

#include "core/config/text_file.h"

namespace complaint {
namespace {

constexpr const char* k_what = "pinyin block list";
const std::string k_field = "pinyin.block_list";

}  // namespace

Result<CandidateBlockList> CandidateBlockList::parse(std::string_view text) {
  CandidateBlockList list;
  TRY_ASSIGN(list.m_words, parse_word_list(text, k_what, k_field, "word"));
  return list;
}

Result<CandidateBlockList> CandidateBlockList::load_file(const std::string& path) {
  CandidateBlockList list;
  TRY_ASSIGN(list.m_words, load_word_list(path, k_what, k_field, "word"));
  return list;
}

bool CandidateBlockList::blocks(std::string_view candidate) const {
  // A few hundred words against candidates of a few characters, a few times per tap: a plain
  // scan costs microseconds (UTF-8 substrings match only on whole characters).
  for (const std::string& word : m_words) {
    if (candidate.find(word) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace complaint
