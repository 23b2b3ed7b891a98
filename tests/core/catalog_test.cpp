// Catalog: loading, fallback to the other language and then the key, {placeholder}
// formatting, and the shipped catalogs: same key set in both languages, and every key that
// validation, status, severity and satisfaction names need is present in both.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "core/config/config.h"
#include "core/domain/ticket.h"
#include "core/i18n/catalog.h"

namespace complaint {
namespace {

const std::string k_shipped = std::string(COMPLAINT_SOURCE_ASSETS) + "/i18n";

class CatalogDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/catalog_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    m_dir = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }
  void write(const std::string& name, const std::string& text) { std::ofstream(m_dir + "/" + name) << text; }
  std::string m_dir;
};

TEST_F(CatalogDirTest, FallsBackToTheOtherLanguageThenToTheKey) {
  write("zh-CN.toml", "[greeting]\nhello = \"您好\"\nonly_zh = \"仅中文\"\n");
  write("en.toml", "greeting.hello = \"Hello\"\ngreeting.only_en = \"English only\"\n");
  const auto zh = Catalog::load(m_dir, "zh-CN");
  ASSERT_TRUE(zh.ok()) << zh.error().message;
  EXPECT_EQ(zh->language(), "zh-CN");
  EXPECT_EQ(zh->text("greeting.hello"), "您好");
  EXPECT_EQ(zh->text("greeting.only_en"), "English only");
  EXPECT_FALSE(zh->has("greeting.only_en")) << "a fallback is not a translation";
  EXPECT_EQ(zh->text("greeting.nowhere"), "greeting.nowhere");
  EXPECT_EQ(zh->keys(), (std::vector<std::string>{"greeting.hello", "greeting.only_zh"}));

  const auto en = Catalog::load(m_dir, "en");
  ASSERT_TRUE(en.ok()) << en.error().message;
  EXPECT_EQ(en->text("greeting.hello"), "Hello");
  EXPECT_EQ(en->text("greeting.only_zh"), "仅中文");
}

TEST_F(CatalogDirTest, WorksWithoutTheFallbackFile) {
  write("en.toml", "a = \"A\"\n");
  const auto en = Catalog::load(m_dir, "en");
  ASSERT_TRUE(en.ok()) << en.error().message;
  EXPECT_EQ(en->text("a"), "A");
  EXPECT_EQ(en->text("b"), "b");
}

TEST_F(CatalogDirTest, MissingLanguageAndBrokenFilesAreErrors) {
  write("en.toml", "a = \"A\"\nb = 3\n");
  write("zh-CN.toml", "a = \"甲\n");
  const auto missing = Catalog::load(m_dir, "fr");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::config);
  const auto not_text = Catalog::load(m_dir, "en");
  ASSERT_FALSE(not_text.ok());
  EXPECT_EQ(not_text.error().field, "b");
  const auto syntax = Catalog::load(m_dir, "zh-CN");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.error().message.find("line 1"), std::string::npos) << syntax.error().message;
  const auto escape = Catalog::load(m_dir, "../etc/passwd");
  ASSERT_FALSE(escape.ok());
  EXPECT_EQ(escape.error().field, "language");
}

TEST_F(CatalogDirTest, FormatReplacesNamedPlaceholders) {
  write("zh-CN.toml",
        "too_long = \"内容不能超过{max}个字\"\ntwo = \"{a}-{b}-{a}\"\nodd = \"{unknown} {max\"\n");
  const auto zh = Catalog::load(m_dir, "zh-CN");
  ASSERT_TRUE(zh.ok()) << zh.error().message;
  EXPECT_EQ(zh->format("too_long", {{"max", "2000"}}), "内容不能超过2000个字");
  EXPECT_EQ(zh->format("two", {{"a", "1"}, {"b", "2"}}), "1-2-1");
  EXPECT_EQ(zh->format("odd", {{"max", "9"}}), "{unknown} {max") << "unknown and unclosed stay as written";
  EXPECT_EQ(zh->format("absent.key", {}), "absent.key");
}

TEST(ShippedCatalogs, BothLanguagesHaveExactlyTheSameKeys) {
  const auto zh = Catalog::load(k_shipped, "zh-CN");
  const auto en = Catalog::load(k_shipped, "en");
  ASSERT_TRUE(zh.ok()) << zh.error().message;
  ASSERT_TRUE(en.ok()) << en.error().message;
  for (const std::string& key : zh->keys()) EXPECT_TRUE(en->has(key)) << "en.toml lacks " << key;
  for (const std::string& key : en->keys()) EXPECT_TRUE(zh->has(key)) << "zh-CN.toml lacks " << key;
  for (const std::string& key : zh->keys()) EXPECT_FALSE(zh->text(key).empty()) << key;
  for (const std::string& key : en->keys()) EXPECT_FALSE(en->text(key).empty()) << key;
}

TEST(ShippedCatalogs, PlaceholdersMatchBetweenLanguages) {
  const auto zh = Catalog::load(k_shipped, "zh-CN");
  const auto en = Catalog::load(k_shipped, "en");
  ASSERT_TRUE(zh.ok() && en.ok());
  const auto placeholders = [](const std::string& text) {
    std::set<std::string> names;
    for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
      const std::size_t close = text.find('}', open);
      if (close == std::string::npos) continue;
      // A language may spell the month as a number (11月) or a name (November): same value.
      const std::string name = text.substr(open + 1, close - open - 1);
      names.insert(name == "month_name" ? "month" : name);
    }
    return names;
  };
  for (const std::string& key : zh->keys()) {
    EXPECT_EQ(placeholders(zh->text(key)), placeholders(en->text(key))) << key;
  }
}

TEST(ShippedCatalogs, NamesOfStatusSeverityAndSatisfactionExist) {
  const auto zh = Catalog::load(k_shipped, "zh-CN");
  ASSERT_TRUE(zh.ok());
  for (const Status status : {Status::filed, Status::forwarded, Status::in_progress, Status::replied,
                              Status::called_back, Status::archived, Status::withdrawn}) {
    EXPECT_TRUE(zh->has(std::string("status.") + to_string(status))) << to_string(status);
  }
  for (const Severity severity : {Severity::light, Severity::general, Severity::major}) {
    EXPECT_TRUE(zh->has(std::string("severity.") + to_string(severity))) << to_string(severity);
  }
  for (const Satisfaction satisfaction : {Satisfaction::none, Satisfaction::satisfied,
                                          Satisfaction::basically_satisfied, Satisfaction::dissatisfied}) {
    EXPECT_TRUE(zh->has(std::string("satisfaction.") + to_string(satisfaction))) << to_string(satisfaction);
  }
  EXPECT_EQ(zh->text("status.withdrawn"), "已撤诉");
  EXPECT_EQ(zh->text("satisfaction.basically_satisfied"), "基本满意");
  EXPECT_EQ(zh->text("weekday.5"), "星期五");
  EXPECT_EQ(zh->format("error.content.too_long", {{"max", "2000"}}), "内容不能超过2000个字。");
}

TEST(ShippedCatalogs, KeysUsedAcrossTheCodeExist) {
  // Keys raised outside validation (calendar, deadlines, ticket numbers, config, the CLI).
  const std::vector<std::string> keys = {
      "error.period.invalid",         "error.date.invalid",         "error.timezone.unknown",
      "error.business_hours.invalid", "error.calendar.conflict",    "error.number.malformed",
      "error.number.check",           "error.config.type",          "error.config.invalid",
      "error.taxonomy.invalid",       "error.catalog.invalid",      "error.filed_at.future",
      "error.repeat_of.unknown",      "error.ticket.not_found",     "error.input.malformed",
      "error.input.unknown_field",    "error.satisfaction.unknown", "register.column.number",
  };
  for (const char* language : {"zh-CN", "en"}) {
    const auto catalog = Catalog::load(k_shipped, language);
    ASSERT_TRUE(catalog.ok());
    for (const std::string& key : keys) EXPECT_TRUE(catalog->has(key)) << language << " lacks " << key;
  }
}

// Customer topics: the taxonomy file's errors and filing's refusals of a topic.
TEST(ShippedCatalogs, TopicKeysExist) {
  for (const char* language : {"zh-CN", "en"}) {
    const auto catalog = Catalog::load(k_shipped, language);
    ASSERT_TRUE(catalog.ok());
    for (const char* key : {"error.taxonomy.topic_category", "error.taxonomy.icon_missing",
                            "error.topic.unknown", "error.topic.category", "register.column.topic",
                            "kiosk.kind.topic_prompt.complaint", "kiosk.kind.topic_prompt.suggestion",
                            "kiosk.kind.topic_prompt.inquiry", "kiosk.kind.topic_prompt.report"}) {
      EXPECT_TRUE(catalog->has(key)) << language << " lacks " << key;
    }
  }
}

}  // namespace
}  // namespace complaint
