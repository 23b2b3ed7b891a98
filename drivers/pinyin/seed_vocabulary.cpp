// SeedVocabulary parsing: one "word pinyin" pair per line; a malformed line is a config
// error naming the line, so a typo in the seed file is found at start-up, not by users.
#include "drivers/pinyin/seed_vocabulary.h"

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

constexpr const char* k_what = "pinyin seed words";
const std::string k_field = "pinyin.seed_words";

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
  for (ListLine& line : list_lines(text)) {
    if (line.fields.size() != 2)
      return list_line_error(k_what, k_field, line.number, "expected \"word pinyin\"");
    std::string& word = line.fields[0];
    std::string& pinyin = line.fields[1];
    if (!utf8::is_valid(word))
      return list_line_error(k_what, k_field, line.number, "word is not valid UTF-8");
    if (!is_pinyin(pinyin))
      return list_line_error(k_what, k_field, line.number, "pinyin must be a-z and ' only");
    vocabulary.m_by_key[key_of(pinyin)].push_back(word);
    vocabulary.m_all.push_back(SeedWord{std::move(word), std::move(pinyin)});
  }
  return vocabulary;
}

Result<SeedVocabulary> SeedVocabulary::load_file(const std::string& path) {
  TRY_ASSIGN(const std::string content, read_list_file(path, k_what, k_field));
  return parse(content);
}

const std::vector<std::string>& SeedVocabulary::words_for(std::string_view pinyin) const {
  static const std::vector<std::string> kNone;
  auto found = m_by_key.find(key_of(pinyin));
  return found == m_by_key.end() ? kNone : found->second;
}

}  // namespace complaint
