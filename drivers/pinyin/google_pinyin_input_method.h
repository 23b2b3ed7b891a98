// GooglePinyinInputMethod: InputMethod over Debian's libgooglepinyin. The library's
// decoder is a process-global singleton, so at most one instance is open at a time
// (open() refuses a second) and every call is serialised by one process-wide mutex.
// Seed words always rank first for their exact pinyin, and are learned into a fresh
// user dictionary at first start.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "core/input/input_method.h"
#include "drivers/pinyin/seed_vocabulary.h"

namespace complaint {

struct PinyinEngineOptions {
  std::string system_dictionary;                             // empty: the path of Debian's libgooglepinyin0
  std::string user_dictionary = "var/pinyin/user_dict.dat";  // writable; created if absent
  std::string seed_words;  // empty: assets_dir()/pinyin/seed_words.txt; "-": none
};

class GooglePinyinInputMethod final : public InputMethod {
 public:
  static Result<std::unique_ptr<GooglePinyinInputMethod>> open(const PinyinEngineOptions& options);
  // Writes the user dictionary and releases the decoder for the next instance.
  ~GooglePinyinInputMethod() override;
  GooglePinyinInputMethod(const GooglePinyinInputMethod&) = delete;
  GooglePinyinInputMethod& operator=(const GooglePinyinInputMethod&) = delete;

  Result<std::vector<PinyinCandidate>> candidates(std::string_view pinyin, std::size_t limit,
                                                  InputContext context) override;
  Result<std::vector<std::string>> predictions(std::string_view history, std::size_t limit) override;
  Result<void> learn(std::string_view pinyin, std::string_view text) override;
  Result<void> flush() override;

  // Seed words learned into the user dictionary at this start (0 when it already existed).
  std::size_t seeded() const { return m_seeded; }
  static std::string default_system_dictionary();

 private:
  explicit GooglePinyinInputMethod(SeedVocabulary seeds) : m_seeds(std::move(seeds)) {}

  SeedVocabulary m_seeds;
  std::size_t m_seeded = 0;
};

}  // namespace complaint
