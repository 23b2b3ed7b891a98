// The [pinyin] config section: defaults, parsed values, and no "unknown key" warnings.
#include <gtest/gtest.h>

#include "core/config/config.h"

namespace complaint {
namespace {

TEST(PinyinConfigTest, DefaultsKeepTheUserDictionaryUnderVar) {
  const Config config = Config::defaults();
  EXPECT_EQ(config.pinyin.user_dictionary, "var/pinyin/user_dict.dat");
  EXPECT_TRUE(config.pinyin.seed_words.empty());
  EXPECT_TRUE(config.pinyin.system_dictionary.empty());
}

TEST(PinyinConfigTest, SectionIsParsedWithoutWarnings) {
  auto parsed = Config::parse(
      "[pinyin]\nuser_dictionary = \"/srv/kiosk/ud.dat\"\nseed_words = \"-\"\nsystem_dictionary = "
      "\"/d.dat\"\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->pinyin.user_dictionary, "/srv/kiosk/ud.dat");
  EXPECT_EQ(parsed->pinyin.seed_words, "-");
  EXPECT_EQ(parsed->pinyin.system_dictionary, "/d.dat");
  EXPECT_TRUE(parsed->warnings.empty());
}

TEST(PinyinConfigTest, WrongTypeIsAConfigError) {
  auto parsed = Config::parse("[pinyin]\nuser_dictionary = 3\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::config);
  EXPECT_EQ(parsed.error().field, "pinyin.user_dictionary");
}

}  // namespace
}  // namespace complaint
