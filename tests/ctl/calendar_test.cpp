// complaintctl and the holiday calendar: --now, check's exit 3 for a missing year (in both
// languages), calendar import on a desk's file (JSON and .ics) and what a bad file leaves
// (nothing), calendar show, and the acceptance promise of 2026-09-30.
#include <nlohmann/json.hpp>

#include "ctl_fixture.h"

namespace complaint::testing {
namespace {

using nlohmann::json;

constexpr const char* k_december = "2026-12-15T09:00:00+08:00";

class CalendarCtlTest : public CtlTest {
 protected:
  void SetUp() override {
    CtlTest::SetUp();
    m_config = m_dir + "/config.toml";
    std::ofstream(m_config) << "[calendar]\ndata = \"cn\"\n";
  }
  // A desk's SQLite file: registering a kiosk creates the desk's tables.
  void make_desk() {
    m_db = m_dir + "/desk.db";
    const ProcessResult added = ctl({"desk", "kiosk", "add", "K1"});
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = m_dir + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  ProcessResult at(const char* now, std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", m_config, "--now", now});
    return ctl(args);
  }
  std::string m_config;
};

const std::string k_2027 = R"({"year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知", "days": [
  {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
  {"name": "元旦", "date": "2027-01-02", "isOffDay": true},
  {"name": "元旦", "date": "2027-01-03", "isOffDay": true}]})";

TEST_F(CalendarCtlTest, DecemberWithoutNextYearWarnsWithExitThree) {
  const ProcessResult check = at(k_december, {"check"});
  EXPECT_EQ(check.exit_code, 3) << check.err;
  EXPECT_NE(check.out.find("2027"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("No holiday arrangement for 2027"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("尚未导入 2027 年的节假日安排"), std::string::npos) << check.out;
  const ProcessResult june = at("2026-06-01T09:00:00+08:00", {"--json", "check"});
  EXPECT_EQ(june.exit_code, 0) << june.out << june.err;
  EXPECT_TRUE(json::parse(june.out)["calendar_missing_years"].empty());
}

TEST_F(CalendarCtlTest, AGeneralComplaintOnTheLastDayOfSeptemberIsPromisedTheTenthOfOctober) {
  const ProcessResult result = run_process({COMPLAINTCTL_PATH, "--db", m_db, "--config", m_config, "--now",
                                            "2026-09-30T10:00:00+08:00", "--json", "file"},
                                           complaint_json().dump());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(json::parse(result.out)["deadlines"]["resolve_by"], "2026-10-11T00:00:00+08:00");
}

TEST_F(CalendarCtlTest, AnImportOnTheDeskSilencesTheWarningAndShows) {
  make_desk();
  const ProcessResult imported = at(k_december, {"calendar", "import", write("2027.json", k_2027)});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("2027"), std::string::npos);
  const ProcessResult check = at(k_december, {"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const ProcessResult shown = at(k_december, {"--json", "calendar", "show"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const json years = json::parse(shown.out)["years"];
  ASSERT_EQ(years.size(), 3u);  // 2025 and 2026 shipped, 2027 imported
  EXPECT_EQ(years[2]["year"], 2027);
}

TEST_F(CalendarCtlTest, AnIcsFileImportsToo) {
  make_desk();
  const ProcessResult imported =
      at(k_december, {"--json", "calendar", "import",
                      write("2027.ics",
                            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\n"
                            "DTEND;VALUE=DATE:20270104\nSUMMARY:元旦\nEND:VEVENT\nEND:VCALENDAR\n")});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(json::parse(imported.out)["imported"], json::array({2027}));
}

TEST_F(CalendarCtlTest, BadFilesChangeNothingAndSaySoInBothLanguages) {
  make_desk();
  const std::string before = at(k_december, {"--json", "calendar", "show"}).out;
  for (const std::string& text :
       {std::string(R"({"year": 2027, "days": [{"date": "2027-01-01", "isOffDay": true},
                                              {"date": "2027-01-01", "isOffDay": false}]})"),
        std::string(R"({"year": 3027, "days": [{"date": "3027-01-01", "isOffDay": true}]})"),
        std::string(R"({"year": 2027, "days": [{"date": "2027-1-1", "isOffDay": true}]})")}) {
    const ProcessResult imported = at(k_december, {"calendar", "import", write("bad.json", text)});
    EXPECT_EQ(imported.exit_code, 2) << text;
    EXPECT_NE(imported.err.find("error.calendar."), std::string::npos) << imported.err;
    EXPECT_NE(imported.err.find("节假日"), std::string::npos) << imported.err;
    EXPECT_EQ(at(k_december, {"--json", "calendar", "show"}).out, before);
  }
  EXPECT_EQ(at(k_december, {"check"}).exit_code, 3);
}

// Filed Wednesday 2026-12-30 10:00, a general complaint (3wd): without 2027's list the count
// is 12-31, 01-01 (a Friday), 01-04; with 元旦 01-01..03 off it is 12-31, 01-04, 01-05.
TEST_F(CalendarCtlTest, AnImportMovesOpenPromisesOnlyLaterWithAnAuditEvent) {
  make_desk();
  const ProcessResult filed = run_process({COMPLAINTCTL_PATH, "--db", m_db, "--config", m_config, "--now",
                                           "2026-12-30T10:00:00+08:00", "--json", "file"},
                                          complaint_json().dump());
  ASSERT_EQ(filed.exit_code, 0) << filed.err;
  const std::string number = json::parse(filed.out)["number"];
  EXPECT_EQ(json::parse(filed.out)["deadlines"]["resolve_by"], "2027-01-05T00:00:00+08:00");

  const ProcessResult imported = at(k_december, {"--json", "calendar", "import", write("2027.json", k_2027)});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(json::parse(imported.out)["tickets_recomputed"], 1);
  json shown = json::parse(at(k_december, {"--json", "show", number}).out);
  EXPECT_EQ(shown["deadlines"]["resolve_by"], "2027-01-06T00:00:00+08:00");
  const json& last = shown["events"].back();
  EXPECT_EQ(last["action"], "recompute_deadlines");
  EXPECT_EQ(last["data"]["changes"][0]["clock"], "resolve_by");
  EXPECT_EQ(last["data"]["changes"][0]["old"], "2027-01-05T00:00:00+08:00");
  EXPECT_EQ(last["data"]["changes"][0]["new"], "2027-01-06T00:00:00+08:00");

  // A list without the holiday would give 01-05 again: earlier than promised, so it stays.
  const ProcessResult again =
      at(k_december,
         {"--json", "calendar", "import",
          write("2027b.json", R"({"year": 2027, "days": [{"date": "2027-01-01", "isOffDay": false}]})")});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(json::parse(again.out)["tickets_recomputed"], 0);
  shown = json::parse(at(k_december, {"--json", "show", number}).out);
  EXPECT_EQ(shown["deadlines"]["resolve_by"], "2027-01-06T00:00:00+08:00");
}

TEST_F(CalendarCtlTest, ImportNeedsTheDesksDatabase) {
  const ProcessResult imported = at(k_december, {"calendar", "import", write("2027.json", k_2027)});
  EXPECT_EQ(imported.exit_code, 2) << imported.err;
}

TEST_F(CalendarCtlTest, NowMustBeAnInstant) {
  EXPECT_EQ(at("yesterday", {"check"}).exit_code, 2);
}

}  // namespace
}  // namespace complaint::testing
