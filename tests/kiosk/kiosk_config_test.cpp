// The kiosk's own sections (kiosk/kiosk_config.h): [pinyin] defaults and values, [kiosk]
// values and the errors a bad value gets, and no "unknown key" warnings for known keys.
#include "kiosk/kiosk_config.h"

#include <gtest/gtest.h>

#include "core/config/config.h"

namespace complaint {
namespace {

Result<Config> parse_kiosk(const std::string& text, KioskSettings& settings) {
  return Config::parse(text, kiosk_config_sections(settings));
}

TEST(KioskConfig, DefaultsKeepTheUserDictionaryUnderVar) {
  const KioskSettings settings;
  EXPECT_EQ(settings.pinyin.user_dictionary, "var/pinyin/user_dict.dat");
  EXPECT_TRUE(settings.pinyin.seed_words.empty());
  EXPECT_TRUE(settings.pinyin.system_dictionary.empty());
  EXPECT_TRUE(settings.pinyin.surnames.empty());
  EXPECT_EQ(settings.kiosk.language, "zh-CN");
  EXPECT_EQ(settings.kiosk.address_field, AddressField::none);
  EXPECT_EQ(settings.kiosk.done_seconds, 20);
}

TEST(KioskConfig, PinyinSectionIsParsedWithoutWarnings) {
  KioskSettings settings;
  auto parsed = parse_kiosk(
      "[pinyin]\nuser_dictionary = \"/srv/kiosk/ud.dat\"\nseed_words = \"-\"\nsystem_dictionary = "
      "\"/d.dat\"\nsurnames = \"/srv/kiosk/surnames.txt\"\n",
      settings);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(settings.pinyin.user_dictionary, "/srv/kiosk/ud.dat");
  EXPECT_EQ(settings.pinyin.seed_words, "-");
  EXPECT_EQ(settings.pinyin.system_dictionary, "/d.dat");
  EXPECT_EQ(settings.pinyin.surnames, "/srv/kiosk/surnames.txt");
  EXPECT_TRUE(parsed->warnings.empty());
}

TEST(KioskConfig, KioskSectionIsParsedWithoutWarnings) {
  KioskSettings settings;
  auto parsed = parse_kiosk(
      "[kiosk]\nidle_timeout_seconds = 90\nlanguage = \"en\"\nlarge_text = true\nhigh_contrast = true\n"
      "address_field = \"building_unit\"\nscreen_dpi = 160\nstaff_pin_hash = \"$y$abc\"\ndone_seconds = 30\n"
      "voice = true\nvoice_clips_dir = \"/srv/clips\"\n",
      settings);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_TRUE(parsed->warnings.empty()) << parsed->warnings.front();
  EXPECT_EQ(settings.kiosk.idle_timeout_seconds, 90);
  EXPECT_EQ(settings.kiosk.done_seconds, 30);
  EXPECT_EQ(settings.kiosk.language, "en");
  EXPECT_TRUE(settings.kiosk.large_text);
  EXPECT_TRUE(settings.kiosk.high_contrast);
  EXPECT_TRUE(settings.kiosk.voice);
  EXPECT_EQ(settings.kiosk.voice_clips_dir, "/srv/clips");
  EXPECT_EQ(settings.kiosk.address_field, AddressField::building_unit);
  EXPECT_EQ(settings.kiosk.screen_dpi, 160);
  EXPECT_EQ(settings.kiosk.staff_pin_hash, "$y$abc");
}

TEST(KioskConfig, BadValuesAreConfigErrorsNamingTheKey) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[pinyin]\nuser_dictionary = 3\n", "pinyin.user_dictionary"},
      {"[kiosk]\nlanguage = \"fr\"\n", "kiosk.language"},
      {"[kiosk]\naddress_field = \"street\"\n", "kiosk.address_field"},
      {"[kiosk]\nlarge_text = \"yes\"\n", "kiosk.large_text"},
      {"[kiosk]\nvoice = 1\n", "kiosk.voice"},
      {"[kiosk]\nidle_timeout_seconds = 1\n", "kiosk.idle_timeout_seconds"},
  };
  for (const auto& [text, field] : cases) {
    KioskSettings settings;
    auto parsed = parse_kiosk(text, settings);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::config) << text;
    EXPECT_EQ(parsed.error().field, field) << parsed.error().message;
  }
}

// [kiosk] check_code_station: 1-31 (0 is the desk's), a config error with its own catalog
// text otherwise; unset, the kiosk codes nothing.
TEST(KioskConfig, CheckCodeStationIsOneTo31) {
  {
    KioskSettings settings;
    ASSERT_TRUE(parse_kiosk("[kiosk]\ncheck_code_station = 31\n", settings).ok());
    EXPECT_EQ(settings.kiosk.check_code_station, 31);
  }
  {
    KioskSettings settings;
    ASSERT_TRUE(parse_kiosk("[kiosk]\nlanguage = \"en\"\n", settings).ok());
    EXPECT_FALSE(settings.kiosk.check_code_station.has_value());
  }
  for (const char* value : {"0", "32", "-1", "\"1\""}) {
    KioskSettings settings;
    const auto parsed = parse_kiosk(std::string("[kiosk]\ncheck_code_station = ") + value + "\n", settings);
    ASSERT_FALSE(parsed.ok()) << value;
    EXPECT_EQ(parsed.error().code, ErrorCode::config) << value;
    EXPECT_EQ(parsed.error().field, "kiosk.check_code_station") << parsed.error().message;
    EXPECT_EQ(parsed.error().key, "error.config.check_code_station") << value;
    EXPECT_FALSE(settings.kiosk.check_code_station.has_value());
  }
}

TEST(KioskConfig, TheShippedExampleHasNoUnknownKioskKeys) {
  KioskSettings settings;
  const auto loaded = Config::load_file(std::string(COMPLAINT_SOURCE_ASSETS) + "/config.example.toml",
                                        kiosk_config_sections(settings));
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_TRUE(loaded->warnings.empty()) << loaded->warnings.front();
}

}  // namespace
}  // namespace complaint
