// CandidateBlockList parsing and matching (see candidate_block_list.h). A malformed line is a
// config error naming the line, so a typo in a deployment's list is found at start-up.
#include "core/input/candidate_block_list.h"

#include <sstream>

#include "core/base/utf8.h"
#include "core/config/text_file.h"

namespace complaint {
namespace {

Error line_error(std::size_t line, const std::string& why) {
  return Error{ErrorCode::config,
               "pinyin block list, line " + std::to_string(line) + ": " + why,
               "pinyin.block_list",
               "error.config.invalid",
               {},
               0};
}

}  // namespace

Result<CandidateBlockList> CandidateBlockList::parse(std::string_view text) {
  CandidateBlockList list;
  std::istringstream lines{std::string(text)};
  std::string line;
  for (std::size_t number = 1; std::getline(lines, line); ++number) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream fields(line);
    std::string word;
    std::string extra;
    if (!(fields >> word)) continue;  // blank or comment
    if (fields >> extra) return line_error(number, "one word a line, without spaces");
    if (!utf8::is_valid(word)) return line_error(number, "the word is not valid UTF-8");
    list.m_words.push_back(std::move(word));
  }
  return list;
}

Result<CandidateBlockList> CandidateBlockList::load_file(const std::string& path) {
  auto content = read_text_file(path, "pinyin block list");
  if (!content.ok()) {
    Error error = content.error();
    error.field = "pinyin.block_list";
    return error;
  }
  return parse(content.value());
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
