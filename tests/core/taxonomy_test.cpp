// Taxonomy: the built-in defaults equal docs/DOMAIN.md §1, assets/taxonomy.toml parses to exactly
// the defaults (so the two cannot drift), and the reader rejects malformed files by name.
#include <gtest/gtest.h>

#include <set>

#include "core/config/config.h"
#include "core/domain/taxonomy.h"

namespace complaint {
namespace {

std::vector<std::string> ids(const std::vector<TaxonomyEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& entry : entries) out.push_back(entry.id);
  return out;
}

TEST(Taxonomy, DefaultsHaveTheIdsOfTheDomain) {
  const Taxonomy taxonomy = Taxonomy::defaults();
  EXPECT_EQ(ids(taxonomy.kinds()),
            (std::vector<std::string>{"complaint", "suggestion", "inquiry", "report"}));
  EXPECT_EQ(ids(taxonomy.channels()),
            (std::vector<std::string>{"kiosk", "walk_in", "phone", "hotline", "letter", "email",
                                      "opinion_box", "media", "referral_upper", "referral_government"}));
  EXPECT_EQ(ids(taxonomy.categories()),
            (std::vector<std::string>{"service_attitude", "service_quality", "work_error", "system_failure",
                                      "internal_coordination", "internal_management", "product",
                                      "service_channel", "engineering_quality", "rule_violation",
                                      "financial_crime", "other", "not_our_responsibility"}));
}

TEST(Taxonomy, DefaultFlagsFollowTheDomain) {
  const Taxonomy taxonomy = Taxonomy::defaults();
  for (const auto& category : taxonomy.categories()) {
    const std::string& id = category.id;
    EXPECT_EQ(category.complex, id == "product" || id == "service_channel" || id == "rule_violation") << id;
    EXPECT_EQ(category.major, id == "rule_violation" || id == "financial_crime") << id;
    EXPECT_EQ(category.confidential, id == "financial_crime") << id;
    EXPECT_EQ(category.staff_only, id == "not_our_responsibility") << id;
    EXPECT_FALSE(category.label_zh.empty()) << id;
    EXPECT_FALSE(category.label_en.empty()) << id;
    EXPECT_FALSE(category.icon.empty()) << id;
    EXPECT_GE(category.quick_phrases_zh.size(), 3u) << id;
    EXPECT_LE(category.quick_phrases_zh.size(), 5u) << id;
    EXPECT_EQ(category.quick_phrases_zh.size(), category.quick_phrases_en.size()) << id;
  }
  for (const auto& channel : taxonomy.channels()) {
    EXPECT_EQ(channel.major, channel.id == "media" || channel.id == "referral_government") << channel.id;
  }
  for (const auto& kind : taxonomy.kinds()) EXPECT_EQ(kind.confidential, kind.id == "report") << kind.id;
  EXPECT_EQ(taxonomy.category("rule_violation")->default_severity, Severity::major);
  EXPECT_EQ(taxonomy.category("service_attitude")->default_severity, Severity::general);
}

TEST(Taxonomy, LabelsAndLookups) {
  const Taxonomy taxonomy = Taxonomy::defaults();
  const TaxonomyEntry* attitude = taxonomy.category("service_attitude");
  ASSERT_NE(attitude, nullptr);
  EXPECT_EQ(attitude->label("zh-CN"), "服务态度");
  EXPECT_EQ(attitude->label("en"), "Service attitude");
  EXPECT_EQ(attitude->icon, "icon-attitude");
  EXPECT_EQ(taxonomy.channel("referral_government")->label("zh-CN"), "政府/监管部门转办");
  EXPECT_EQ(taxonomy.kind("report")->label("zh-CN"), "举报");
  EXPECT_EQ(taxonomy.category("weather"), nullptr);
  EXPECT_EQ(taxonomy.kind(""), nullptr);
}

void expect_same_entries(const std::vector<TaxonomyEntry>& a, const std::vector<TaxonomyEntry>& b) {
  ASSERT_EQ(ids(a), ids(b));
  for (std::size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(a[i].id);
    EXPECT_EQ(a[i].label_zh, b[i].label_zh);
    EXPECT_EQ(a[i].label_en, b[i].label_en);
    EXPECT_EQ(a[i].icon, b[i].icon);
    EXPECT_EQ(a[i].default_severity, b[i].default_severity);
    EXPECT_EQ(a[i].complex, b[i].complex);
    EXPECT_EQ(a[i].major, b[i].major);
    EXPECT_EQ(a[i].confidential, b[i].confidential);
    EXPECT_EQ(a[i].staff_only, b[i].staff_only);
    EXPECT_EQ(a[i].quick_phrases_zh, b[i].quick_phrases_zh);
    EXPECT_EQ(a[i].quick_phrases_en, b[i].quick_phrases_en);
  }
}

TEST(Taxonomy, ShippedAssetEqualsTheBuiltInDefaults) {
  const auto loaded = Taxonomy::load_file(std::string(COMPLAINT_SOURCE_ASSETS) + "/taxonomy.toml");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const Taxonomy defaults = Taxonomy::defaults();
  expect_same_entries(loaded->kinds(), defaults.kinds());
  expect_same_entries(loaded->channels(), defaults.channels());
  expect_same_entries(loaded->categories(), defaults.categories());
  EXPECT_EQ(loaded->topics(), defaults.topics());
}

constexpr const char* k_minimal = R"(
[[kinds]]
id = "complaint"
label_zh = "投诉"
label_en = "Complaint"
[[channels]]
id = "kiosk"
label_zh = "自助终端"
label_en = "Kiosk"
)";

std::string minimal_with_category(const std::string& category_lines) {
  return std::string(k_minimal) +
         "[[categories]]\nid = \"other\"\nlabel_zh = \"其他\"\nlabel_en = \"Other\"\n" + category_lines;
}

TEST(Taxonomy, ParsesAMinimalFileWithDefaultsForOmittedKeys) {
  const auto parsed = Taxonomy::parse(minimal_with_category("major = true\n"));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const TaxonomyEntry* other = parsed->category("other");
  ASSERT_NE(other, nullptr);
  EXPECT_TRUE(other->major);
  EXPECT_EQ(other->default_severity, Severity::major) << "always-major entries start major";
  EXPECT_FALSE(other->complex);
  EXPECT_TRUE(other->icon.empty());
  EXPECT_EQ(parsed->kind("complaint")->default_severity, Severity::general);
}

struct BadTaxonomy {
  std::string name;
  std::string text;
  std::string field;
};

TEST(Taxonomy, RejectsMalformedFilesNamingTheKey) {
  const std::vector<BadTaxonomy> cases = {
      {"typo in a flag", minimal_with_category("confidental = true\n"), "categories[0].confidental"},
      {"flag not a bool", minimal_with_category("complex = \"yes\"\n"), "categories[0].complex"},
      {"bad severity", minimal_with_category("default_severity = \"huge\"\n"),
       "categories[0].default_severity"},
      {"phrases not strings", minimal_with_category("quick_phrases_zh = [1]\n"),
       "categories[0].quick_phrases_zh[0]"},
      {"duplicate id",
       minimal_with_category("[[categories]]\nid = \"other\"\nlabel_zh = \"x\"\nlabel_en = \"x\"\n"),
       "categories[1].id"},
      {"bad id",
       std::string(k_minimal) + "[[categories]]\nid = \"Bad Id\"\nlabel_zh = \"x\"\nlabel_en = \"x\"\n",
       "categories[0].id"},
      {"missing label", std::string(k_minimal) + "[[categories]]\nid = \"x\"\nlabel_zh = \"x\"\n",
       "categories[0].label_en"},
      {"no categories", k_minimal, "categories"},
      {"only staff categories", minimal_with_category("staff_only = true\n"), "categories"},
      {"unknown top-level key", minimal_with_category("[[colours]]\nid = \"red\"\n"), "colours"},
  };
  for (const auto& bad : cases) {
    const auto parsed = Taxonomy::parse(bad.text);
    ASSERT_FALSE(parsed.ok()) << bad.name;
    EXPECT_EQ(parsed.error().code, ErrorCode::config) << bad.name;
    EXPECT_EQ(parsed.error().field, bad.field) << bad.name << ": " << parsed.error().message;
  }
}

// Every kind offers its own topics in the customer's words, always with a way out ("其他"),
// each mapped to a category a customer may be filed under, with a pictogram shipped in assets.
TEST(Taxonomy, EveryKindHasItsOwnTopicsEndingInOther) {
  const Taxonomy taxonomy = Taxonomy::defaults();
  std::set<std::string> seen;
  for (const TaxonomyEntry& kind : taxonomy.kinds()) {
    const auto topics = taxonomy.topics_of(kind.id);
    EXPECT_GE(topics.size(), 6u) << kind.id;
    EXPECT_LE(topics.size(), 10u) << kind.id;
    ASSERT_FALSE(topics.empty()) << kind.id;
    EXPECT_EQ(topics.back()->category, "other") << kind.id << ": the last topic is the way out";
    for (const TaxonomyTopic* topic : topics) {
      EXPECT_TRUE(seen.insert(topic->id).second) << topic->id << " offered under two kinds";
      const TaxonomyEntry* category = taxonomy.category(topic->category);
      ASSERT_NE(category, nullptr) << topic->id;
      EXPECT_FALSE(category->staff_only) << topic->id;
    }
  }
  EXPECT_EQ(seen.size(), taxonomy.topics().size()) << "every topic belongs to a kind";
  EXPECT_EQ(taxonomy.topic("card_retained")->label("zh-CN"), "卡被吞");
  EXPECT_EQ(taxonomy.topic("card_retained")->label("en"), "Card retained by ATM");
  EXPECT_EQ(taxonomy.topic("rude_staff")->category, "service_attitude");
  EXPECT_EQ(taxonomy.topic("nope"), nullptr);
  const auto icons = check_taxonomy_icons(taxonomy, std::string(COMPLAINT_SOURCE_ASSETS) + "/icons");
  EXPECT_TRUE(icons.ok()) << icons.error().message;
}

std::string topic_lines(const std::string& id, const std::string& kind, const std::string& category) {
  return "[[topics]]\nid = \"" + id + "\"\nkind = \"" + kind + "\"\ncategory = \"" + category +
         "\"\nlabel_zh = \"排队太久\"\nlabel_en = \"Waited too long\"\nicon = \"icon-x\"\n";
}

TEST(Taxonomy, ReadsTopicsAndRejectsBadOnesAsConfigErrors) {
  const std::string staff =
      "[[categories]]\nid = \"not_ours\"\nlabel_zh = \"x\"\nlabel_en = \"x\"\nstaff_only = true\n";
  const auto parsed =
      Taxonomy::parse(minimal_with_category(staff + topic_lines("long_wait", "complaint", "other")));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->topics_of("complaint").size(), 1u);
  EXPECT_EQ(parsed->topics_of("complaint").front()->icon, "icon-x");
  EXPECT_TRUE(parsed->topics_of("suggestion").empty());
  EXPECT_TRUE(Taxonomy::parse(minimal_with_category(""))->topics().empty()) << "topics are optional";

  struct Bad {
    std::string name, text, field, key;
  };
  const std::vector<Bad> cases = {
      {"unknown category", topic_lines("a", "complaint", "nowhere"), "topics[0].category",
       "error.taxonomy.topic_category"},
      {"staff-only category", topic_lines("a", "complaint", "not_ours"), "topics[0].category",
       "error.taxonomy.topic_category"},
      {"unknown kind", topic_lines("a", "praise", "other"), "topics[0].kind", "error.taxonomy.invalid"},
      {"duplicate id", topic_lines("a", "complaint", "other") + topic_lines("a", "complaint", "other"),
       "topics[1].id", "error.taxonomy.invalid"},
      {"bad id", topic_lines("Long Wait", "complaint", "other"), "topics[0].id", "error.taxonomy.invalid"},
      {"unknown key", topic_lines("a", "complaint", "other") + "colour = \"red\"\n", "topics[0].colour",
       "error.taxonomy.invalid"},
  };
  for (const Bad& bad : cases) {
    const auto result = Taxonomy::parse(minimal_with_category(staff + bad.text));
    ASSERT_FALSE(result.ok()) << bad.name;
    EXPECT_EQ(result.error().code, ErrorCode::config) << bad.name;
    EXPECT_EQ(result.error().field, bad.field) << bad.name << ": " << result.error().message;
    EXPECT_EQ(result.error().key, bad.key) << bad.name;
  }
}

TEST(Taxonomy, AMissingPictogramIsAConfigErrorNamingTheTopic) {
  const auto parsed = Taxonomy::parse(minimal_with_category(topic_lines("long_wait", "complaint", "other")));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const auto missing = check_taxonomy_icons(*parsed, std::string(COMPLAINT_SOURCE_ASSETS) + "/icons");
  ASSERT_FALSE(missing.ok()) << "the kind complaint has no icon in this file";
  EXPECT_EQ(missing.error().code, ErrorCode::config);
  EXPECT_EQ(missing.error().key, "error.taxonomy.icon_missing");
  EXPECT_EQ(missing.error().field, "kinds.complaint.icon");

  std::string text = minimal_with_category(topic_lines("long_wait", "complaint", "other"));
  text.replace(text.find("label_en = \"Complaint\""), 0, "icon = \"icon-complaint\"\n");
  const auto with_kind_icon = Taxonomy::parse(text);
  ASSERT_TRUE(with_kind_icon.ok()) << with_kind_icon.error().message;
  const auto topic_missing =
      check_taxonomy_icons(*with_kind_icon, std::string(COMPLAINT_SOURCE_ASSETS) + "/icons");
  ASSERT_FALSE(topic_missing.ok());
  EXPECT_EQ(topic_missing.error().field, "topics.long_wait.icon");
  EXPECT_NE(topic_missing.error().message.find("icon-x.svg"), std::string::npos)
      << topic_missing.error().message;
}

TEST(Taxonomy, SyntaxErrorsCarryTheLineNumber) {
  const auto parsed = Taxonomy::parse("[[kinds]]\nid = \"complaint\"\nlabel_zh = \n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::config);
  EXPECT_NE(parsed.error().message.find("line 3"), std::string::npos) << parsed.error().message;
}

TEST(Taxonomy, MissingFileIsAConfigErrorWithErrno) {
  const auto loaded = Taxonomy::load_file("/nonexistent/taxonomy.toml");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::config);
  EXPECT_EQ(loaded.error().call, "open");
  EXPECT_NE(loaded.error().status, 0);
  EXPECT_NE(loaded.error().message.find("/nonexistent/taxonomy.toml"), std::string::npos);
}

}  // namespace
}  // namespace complaint
