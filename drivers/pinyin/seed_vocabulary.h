// SeedVocabulary: the deployment's domain words with their pinyin (assets/pinyin/
// seed_words.txt, lines "物业 wu'ye", '#' comments). Keys are pinyin without separators,
// so "wuye" and "wu'ye" find the same words; words keep the file's order.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/result.h"

namespace complaint {

struct SeedWord {
  std::string word;    // UTF-8
  std::string pinyin;  // as written, a-z and '
};

class SeedVocabulary {
 public:
  static Result<SeedVocabulary> parse(std::string_view text);
  static Result<SeedVocabulary> load_file(const std::string& path);

  // The seed words whose pinyin is exactly `pinyin` (separators ignored), file order.
  const std::vector<std::string>& words_for(std::string_view pinyin) const;
  const std::vector<SeedWord>& all() const { return m_all; }

  // Pinyin with the ' separators removed: the lookup key.
  static std::string key_of(std::string_view pinyin);

 private:
  std::vector<SeedWord> m_all;
  std::map<std::string, std::vector<std::string>, std::less<>> m_by_key;
};

}  // namespace complaint
