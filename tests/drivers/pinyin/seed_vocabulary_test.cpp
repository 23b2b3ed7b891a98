// SeedVocabulary: parsing of "word pinyin" lines, separator-free lookup, and the errors
// that make a broken seed file visible at start-up.
#include "drivers/pinyin/seed_vocabulary.h"

#include <gtest/gtest.h>

namespace complaint {
namespace {

TEST(SeedVocabularyTest, ParsesWordsAndIgnoresComments) {
  auto parsed = SeedVocabulary::parse("# header\n物业 wu'ye\n\n午夜 wuye  # same key\n漏水 lou'shui\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->all().size(), 3U);
  EXPECT_EQ(parsed->words_for("wuye"), (std::vector<std::string>{"物业", "午夜"}));
  EXPECT_EQ(parsed->words_for("wu'ye"), (std::vector<std::string>{"物业", "午夜"}));
  EXPECT_EQ(parsed->words_for("lou'shui").at(0), "漏水");
  EXPECT_TRUE(parsed->words_for("dianti").empty());
}

TEST(SeedVocabularyTest, RejectsMalformedLinesNamingTheLine) {
  for (const char* bad : {"物业\n", "物业 wu ye\n", "物业 WuYe\n", "ok ok\n物业 wu-ye\n"}) {
    auto parsed = SeedVocabulary::parse(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::config);
    EXPECT_NE(parsed.error().message.find("line"), std::string::npos);
  }
}

TEST(SeedVocabularyTest, MissingFileIsAConfigError) {
  auto loaded = SeedVocabulary::load_file("/nonexistent/seed_words.txt");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::config);
}

}  // namespace
}  // namespace complaint
