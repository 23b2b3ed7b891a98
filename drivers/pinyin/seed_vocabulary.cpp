// SeedVocabulary parsing: one "word pinyin" pair per line; a malformed line is a config
// error naming the line, so a typo in the seed file is found at start-up, not by users.
#include "drivers/pinyin/seed_vocabulary.h"

#include <sstream>

#include "core/base/utf8.h"
#include "core/config/text_file.h"

namespace complaint {
namespace {

bool is_pinyin(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || c == '\'')) return false;
  }
  return true;
}

Error line_error(std::size_t line, const std::string& why) {
  return Error{ErrorCode::config,
               "pinyin seed words, line " + std::to_string(line) + ": " + why,
               "pinyin.seed_words",
               "error.config.invalid",
               {},
               0};
}

}  // namespace

std::string SeedVocabulary::key_of(std::string_view pinyin) {
  std::string key;
  for (char c : pinyin) {
    if (c != '\'') key += c;
  }
  return key;
}

Result<SeedVocabulary> SeedVocabulary::parse(std::string_view text) {
  SeedVocabulary vocabulary;
  std::istringstream lines{std::string(text)};
  std::string line;
  for (std::size_t number = 1; std::getline(lines, line); ++number) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream fields(line);
    std::string word;
    std::string pinyin;
    std::string extra;
    if (!(fields >> word)) continue;  // blank or comment
    if (!(fields >> pinyin) || (fields >> extra)) return line_error(number, "expected \"word pinyin\"");
    if (!utf8::is_valid(word)) return line_error(number, "word is not valid UTF-8");
    if (!is_pinyin(pinyin)) return line_error(number, "pinyin must be a-z and ' only");
    vocabulary.m_by_key[key_of(pinyin)].push_back(word);
    vocabulary.m_all.push_back(SeedWord{std::move(word), std::move(pinyin)});
  }
  return vocabulary;
}

Result<SeedVocabulary> SeedVocabulary::load_file(const std::string& path) {
  auto content = read_text_file(path, "pinyin seed words");
  if (!content.ok()) {
    Error error = content.error();
    error.field = "pinyin.seed_words";
    return error;
  }
  return parse(content.value());
}

const std::vector<std::string>& SeedVocabulary::words_for(std::string_view pinyin) const {
  static const std::vector<std::string> kNone;
  auto found = m_by_key.find(key_of(pinyin));
  return found == m_by_key.end() ? kNone : found->second;
}

}  // namespace complaint
