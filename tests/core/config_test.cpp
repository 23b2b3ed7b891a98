// Config: defaults match docs/DOMAIN.md, the shipped example parses cleanly, unknown keys are
// warnings, and wrong types or invalid values are config errors naming the key.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "core/config/config.h"

namespace complaint {
namespace {

using std::chrono::days;

LocalDays day(int y, unsigned m, unsigned d) {
  return LocalDays{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

bool same_period(const Period& a, const Period& b) {
  return a.amount == b.amount && a.unit == b.unit;
}

TEST(Config, DefaultsFollowTheDomain) {
  const Config config = Config::defaults();
  EXPECT_EQ(config.escalation.trigger_words.size(), 21u);
  EXPECT_EQ(config.escalation.trigger_words.front(), "媒体");
  EXPECT_EQ(config.escalation.trigger_words.back(), "同归于尽");
  EXPECT_TRUE(config.taxonomy_path.empty());
  EXPECT_EQ(config.calendar.timezone, "Asia/Shanghai");
  EXPECT_FALSE(config.calendar.business_hours.has_value());
  EXPECT_TRUE(config.warnings.empty());
  EXPECT_EQ(config.escalation.group_threshold, 10);
}

TEST(Config, EmptyFileGivesTheDefaults) {
  const auto parsed = Config::parse("");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->escalation.trigger_words, Config::defaults().escalation.trigger_words);
  EXPECT_EQ(parsed->site.code, "WH01");
}

TEST(Config, ShippedExampleParsesWithoutWarningsAndEqualsTheDefaults) {
  const auto loaded = Config::load_file(std::string(COMPLAINT_SOURCE_ASSETS) + "/config.example.toml");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const Config& config = *loaded;
  const Config defaults = Config::defaults();
  EXPECT_TRUE(config.warnings.empty()) << config.warnings.front();
  EXPECT_EQ(config.site.code, defaults.site.code);
  EXPECT_EQ(config.site.kiosk_id, defaults.site.kiosk_id);
  EXPECT_EQ(config.site.name_zh, defaults.site.name_zh);
  EXPECT_EQ(config.tracking_url, defaults.tracking_url);
  EXPECT_TRUE(config.taxonomy_path.empty());
  EXPECT_EQ(config.escalation.trigger_words, defaults.escalation.trigger_words);
  EXPECT_EQ(config.escalation.trigger_negations, defaults.escalation.trigger_negations);
  EXPECT_EQ(config.deadlines.resolve_precedence, defaults.deadlines.resolve_precedence);
  EXPECT_FALSE(config.deadlines.resolve_light);
  EXPECT_EQ(config.escalation.repeat_window_days, defaults.escalation.repeat_window_days);
  EXPECT_EQ(config.escalation.group_window_days, defaults.escalation.group_window_days);
  EXPECT_TRUE(same_period(config.deadlines.resolve, defaults.deadlines.resolve));
  EXPECT_TRUE(same_period(config.deadlines.resolve_complex, defaults.deadlines.resolve_complex));
  EXPECT_TRUE(same_period(config.deadlines.callback_latest, defaults.deadlines.callback_latest));
  EXPECT_TRUE(same_period(config.deadlines.forward, defaults.deadlines.forward));
  EXPECT_EQ(config.sync.ca_file, defaults.sync.ca_file);
  EXPECT_EQ(config.assessment.profile, defaults.assessment.profile);
  EXPECT_EQ(config.assessment.substantiated_major, defaults.assessment.substantiated_major);
  EXPECT_EQ(config.assessment.late, defaults.assessment.late);
  // The example names the shipped calendar: 2026's National Day and its make-up Saturday.
  ASSERT_EQ(config.calendar.published.years.count(2026), 1u);
  const HolidayYear& year = config.calendar.published.years.at(2026);
  EXPECT_EQ(year.off_days.count(day(2026, 10, 1)), 1u);
  EXPECT_EQ(year.work_days.count(day(2026, 10, 10)), 1u);
  for (const auto& [workday, name] : year.work_days) {
    const std::chrono::weekday weekday{workday};
    EXPECT_TRUE(weekday == std::chrono::Saturday || weekday == std::chrono::Sunday)
        << "make-up days are weekends";
    EXPECT_EQ(year.off_days.count(workday), 0u);
  }
}

TEST(Config, ReadsEverySection) {
  const auto parsed = Config::parse(R"(
[site]
code = "SH02"
kiosk_id = "K7"
name_zh = "营业厅"
name_en = "Branch"
location = "一楼大厅"
hotline = "400-000-0000"
[tracking]
url = "https://desk.bank.cn/t/{number}?k={token}"
[taxonomy]
path = "/etc/complaint/taxonomy.toml"
[calendar]
timezone = "Asia/Urumqi"
holidays = [2026-10-01, "2026-10-02"]
extra_workdays = ["2026-10-10"]
business_hours = "08:30-17:00"
[policy]
resolve = "15d"
resolve_major = "3h"
callback_latest = "5wd"
customer_rating_suffices = true
dissatisfied_callback = "reopen"
trigger_words = ["投诉到底"]
repeat_window_days = 60
group_threshold = 5
group_window_days = 3
)");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const Config& config = *parsed;
  EXPECT_TRUE(config.warnings.empty());
  EXPECT_EQ(config.site.code, "SH02");
  EXPECT_EQ(config.site.kiosk_id, "K7");
  EXPECT_EQ(config.site.location, "一楼大厅");
  EXPECT_EQ(config.site.hotline, "400-000-0000");
  EXPECT_EQ(config.tracking_url, "https://desk.bank.cn/t/{number}?k={token}");
  EXPECT_EQ(config.taxonomy_path, "/etc/complaint/taxonomy.toml");
  EXPECT_EQ(config.calendar.timezone, "Asia/Urumqi");
  EXPECT_EQ(config.calendar.holidays, (std::set<LocalDays>{day(2026, 10, 1), day(2026, 10, 2)}));
  EXPECT_EQ(config.calendar.extra_workdays, (std::set<LocalDays>{day(2026, 10, 10)}));
  ASSERT_TRUE(config.calendar.business_hours.has_value());
  EXPECT_EQ(config.calendar.business_hours->open, std::chrono::minutes{8 * 60 + 30});
  EXPECT_EQ(config.calendar.business_hours->close, std::chrono::minutes{17 * 60});
  EXPECT_TRUE(same_period(config.deadlines.resolve, Period{15, PeriodUnit::calendar_days}));
  EXPECT_TRUE(same_period(config.deadlines.resolve_major, Period{3, PeriodUnit::hours}));
  EXPECT_TRUE(same_period(config.deadlines.callback_latest, Period{5, PeriodUnit::working_days}));
  EXPECT_TRUE(same_period(config.deadlines.contact, Config::defaults().deadlines.contact))
      << "untouched keys";
  EXPECT_EQ(config.escalation.trigger_words, std::vector<std::string>{"投诉到底"});
  EXPECT_EQ(config.escalation.repeat_window_days, 60);
  EXPECT_EQ(config.escalation.group_threshold, 5);
  EXPECT_EQ(config.escalation.group_window_days, 3);
  EXPECT_TRUE(config.deadlines.customer_rating_suffices);
  EXPECT_EQ(config.deadlines.dissatisfied_callback, DissatisfiedCallback::reopen);
  // The procedures' defaults: the staff callback is required, a dissatisfied one escalates.
  EXPECT_FALSE(Config::defaults().deadlines.customer_rating_suffices);
  EXPECT_EQ(Config::defaults().deadlines.dissatisfied_callback, DissatisfiedCallback::escalate);
}

// [assessment] (docs/DOMAIN.md §9): the property company's points by default, the tobacco
// company's per-complaint profile when chosen; an unknown profile is an error naming the key.
TEST(Config, ReadsTheAssessmentRules) {
  EXPECT_EQ(Config::defaults().assessment.profile, AssessmentRules::Profile::property);
  EXPECT_EQ(Config::defaults().assessment.substantiated_general, -1);
  EXPECT_EQ(Config::defaults().assessment.substantiated_major, -5);
  EXPECT_EQ(Config::defaults().assessment.late, -2);
  const auto parsed = Config::parse("[assessment]\nprofile = \"per_complaint\"\nper_complaint = -3\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->assessment.profile, AssessmentRules::Profile::per_complaint);
  EXPECT_EQ(parsed->assessment.per_complaint, -3);
  const auto unknown = Config::parse("[assessment]\nprofile = \"bank\"\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "assessment.profile");
}

// The callback step's rules in [policy] (docs/DOMAIN.md §3): a wrong value names its key.
TEST(Config, RefusesBadCallbackRules) {
  const auto unknown = Config::parse("[policy]\ndissatisfied_callback = \"archive\"\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "policy.dissatisfied_callback");
  const auto not_flag = Config::parse("[policy]\ncustomer_rating_suffices = \"yes\"\n");
  ASSERT_FALSE(not_flag.ok());
  EXPECT_EQ(not_flag.error().field, "policy.customer_rating_suffices");
  EXPECT_EQ(not_flag.error().key, "error.config.type");
}

TEST(Config, UnknownSectionsAndKeysAreWarnings) {
  const auto parsed = Config::parse(R"(
stray = 1
[site]
kisok_id = "K2"
[printr]
device = "x"
[policy.extra]
a = 1
)");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->warnings,
            (std::vector<std::string>{"unknown key: stray", "unknown key: site.kisok_id",
                                      "unknown section: printr", "unknown key: policy.extra"}));
  EXPECT_EQ(parsed->site.kiosk_id, "K1");
}

struct BadConfig {
  std::string name;
  std::string text;
  std::string field;
  std::string key;
};

TEST(Config, WrongTypesAndInvalidValuesAreErrorsNamingTheKey) {
  const std::vector<BadConfig> cases = {
      {"site not a table", "site = 1", "site", "error.config.type"},
      {"number as string", "[site]\ncode = 12", "site.code", "error.config.type"},
      {"bad site code", "[site]\ncode = \"wh 01\"", "site.code", "error.config.invalid"},
      {"bad kiosk id", "[site]\nkiosk_id = \"KIOSK-NUMBER-ONE\"", "site.kiosk_id", "error.config.invalid"},
      {"url without token", "[tracking]\nurl = \"https://x/t/{number}\"", "tracking.url",
       "error.config.invalid"},
      {"bad date", "[calendar]\nholidays = [\"2026-02-30\"]", "calendar.holidays", "error.date.invalid"},
      {"date list of numbers", "[calendar]\nextra_workdays = [20261010]", "calendar.extra_workdays",
       "error.config.type"},
      {"bad time zone", "[calendar]\ntimezone = \"Beijing time\"", "calendar.timezone",
       "error.timezone.unknown"},
      {"bad hours", "[calendar]\nbusiness_hours = \"9-5\"", "calendar.business_hours",
       "error.business_hours.invalid"},
      {"hours reversed", "[calendar]\nbusiness_hours = \"17:30-09:00\"", "calendar.business_hours",
       "error.business_hours.invalid"},
      {"hours past midnight", "[calendar]\nbusiness_hours = \"09:00-24:30\"", "calendar.business_hours",
       "error.business_hours.invalid"},
      {"bad period", "[policy]\nresolve = \"3 days\"", "policy.resolve", "error.period.invalid"},
      {"period as number", "[policy]\ncontact = 24", "policy.contact", "error.config.type"},
      {"trigger words not a list", "[policy]\ntrigger_words = \"媒体\"", "policy.trigger_words",
       "error.config.type"},
      {"empty trigger word", "[policy]\ntrigger_words = [\"\"]", "policy.trigger_words",
       "error.config.invalid"},
      {"threshold zero", "[policy]\ngroup_threshold = 0", "policy.group_threshold", "error.config.invalid"},
      {"unknown precedence", "[policy]\nresolve_precedence = \"longest\"", "policy.resolve_precedence",
       "error.config.invalid"},
      {"bad light period", "[policy]\nresolve_light = \"3 hours\"", "policy.resolve_light",
       "error.period.invalid"},
      {"window as float", "[policy]\nrepeat_window_days = 1.5", "policy.repeat_window_days",
       "error.config.type"},
  };
  for (const auto& bad : cases) {
    const auto parsed = Config::parse(bad.text);
    ASSERT_FALSE(parsed.ok()) << bad.name;
    EXPECT_EQ(parsed.error().code, ErrorCode::config) << bad.name;
    EXPECT_EQ(parsed.error().field, bad.field) << bad.name << ": " << parsed.error().message;
    EXPECT_EQ(parsed.error().key, bad.key) << bad.name << ": " << parsed.error().message;
    EXPECT_NE(parsed.error().message.find(bad.field), std::string::npos) << parsed.error().message;
  }
}

// [policy] says which limit a complex and major ticket gets, and light's own limit.
TEST(Config, ReadsThePrecedenceAndTheLightLimit) {
  const auto defaults = Config::parse("");
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->deadlines.resolve_precedence, ResolvePrecedence::major);
  EXPECT_FALSE(defaults->deadlines.resolve_light);
  const auto parsed = Config::parse(
      "[policy]\nresolve_precedence = \"complex\"\nresolve_complex = \"10wd\"\nresolve_light = \"3h\"\n"
      "trigger_negations = [\"不需要\"]\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_TRUE(parsed->warnings.empty());
  EXPECT_EQ(parsed->deadlines.resolve_precedence, ResolvePrecedence::complex);
  ASSERT_TRUE(parsed->deadlines.resolve_light);
  EXPECT_EQ(format_period(*parsed->deadlines.resolve_light), "3h");
  EXPECT_EQ(format_period(parsed->deadlines.resolve_complex), "10wd");
  EXPECT_EQ(parsed->escalation.trigger_negations, std::vector<std::string>{"不需要"});
  const auto bad = Config::parse("[policy]\nresolve_precedence = \"longest\"\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("\"major\", \"complex\""), std::string::npos) << bad.error().message;
}

TEST(Config, ReadsTheKiosksCaFile) {
  const auto parsed = Config::parse("[sync]\nca_file = \"/etc/k/ca.pem\"\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_TRUE(parsed->warnings.empty());
  EXPECT_EQ(parsed->sync.ca_file, "/etc/k/ca.pem");
}

// One file may serve a kiosk and a desk on one machine: each program passes over the
// sections the others own, whatever is in them, and reads its own when it registers them.
TEST(Config, OtherProgramsSectionsAreSkippedUnlessRegistered) {
  const std::string text = "[kiosk]\nidle_timeout_seconds = \"soon\"\n[desk]\nthreads = 0\n[pinyin]\nx = 1\n";
  const auto skipped = Config::parse(text);
  ASSERT_TRUE(skipped.ok()) << skipped.error().message;
  EXPECT_TRUE(skipped->warnings.empty()) << skipped->warnings.front();

  int threads = 32;
  const std::vector<ConfigSection> desk = {
      {"desk", [&threads](SectionReader& in) { return in.integer("threads", threads, 1, 256); }}};
  const auto read = Config::parse(text, desk);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().field, "desk.threads");
  const auto good = Config::parse("[desk]\nthreads = 4\nthreadz = 1\n", desk);
  ASSERT_TRUE(good.ok()) << good.error().message;
  EXPECT_EQ(threads, 4);
  EXPECT_EQ(good->warnings, (std::vector<std::string>{"unknown key: desk.threadz"}));
}

TEST(Config, BusinessHoursMayCloseAtMidnight) {
  const auto parsed = Config::parse("[calendar]\nbusiness_hours = \"00:00-24:00\"");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->calendar.business_hours->close, std::chrono::minutes{24 * 60});
}

TEST(Config, SyntaxErrorsCarryTheLineNumber) {
  const auto parsed = Config::parse("[site]\ncode = \"WH01\"\nname_zh = \"unterminated\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::config);
  EXPECT_NE(parsed.error().message.find("line 3"), std::string::npos) << parsed.error().message;
}

class ConfigFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/config_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    m_dir = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = m_dir + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  std::string m_dir;
};

TEST_F(ConfigFileTest, RelativeTaxonomyPathIsReadBesideTheConfigFile) {
  const auto loaded = Config::load_file(write("kiosk.toml", "[taxonomy]\npath = \"taxonomy.toml\"\n"));
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->taxonomy_path, m_dir + "/taxonomy.toml");
}

TEST_F(ConfigFileTest, RelativeCertificateFilesAreReadBesideTheConfigFile) {
  const auto loaded = Config::load_file(write("kiosk.toml", "[sync]\nca_file = \"desk-ca.pem\"\n"));
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->sync.ca_file, m_dir + "/desk-ca.pem");
  const auto absolute = Config::load_file(write("kiosk2.toml", "[sync]\nca_file = \"/etc/k/ca.pem\"\n"));
  ASSERT_TRUE(absolute.ok()) << absolute.error().message;
  EXPECT_EQ(absolute->sync.ca_file, "/etc/k/ca.pem") << "absolute paths stay";
}

TEST_F(ConfigFileTest, ErrorsInAFileNameTheFile) {
  const std::string path = write("kiosk.toml", "[policy]\nresolve = \"soon\"\n");
  const auto loaded = Config::load_file(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find(path), std::string::npos) << loaded.error().message;
  EXPECT_NE(loaded.error().message.find("line 2"), std::string::npos) << loaded.error().message;
}

TEST_F(ConfigFileTest, MissingFileIsAConfigErrorWithErrno) {
  const auto loaded = Config::load_file(m_dir + "/absent.toml");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::config);
  EXPECT_EQ(loaded.error().call, "open");
  EXPECT_EQ(loaded.error().status, ENOENT);
}

TEST(AssetsDir, EnvironmentWinsOverTheSourceTree) {
  const char* saved = std::getenv("COMPLAINT_ASSETS");
  const std::string restore = saved != nullptr ? saved : "";
  ::setenv("COMPLAINT_ASSETS", "/opt/assets", 1);
  EXPECT_EQ(assets_dir(), "/opt/assets");
  ::unsetenv("COMPLAINT_ASSETS");
  EXPECT_EQ(assets_dir(), COMPLAINT_SOURCE_ASSETS) << "the source tree exists during tests";
  if (saved != nullptr) ::setenv("COMPLAINT_ASSETS", restore.c_str(), 1);
}

}  // namespace
}  // namespace complaint
