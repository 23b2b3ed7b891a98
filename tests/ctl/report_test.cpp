// complaintctl report end to end on a kiosk's SQLite file: JSON by default, CSV with -o; a
// month, a quarter, a year; bad options are refused (exit 2, the field named) and write nothing.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ctl_fixture.h"

namespace complaint::testing {
namespace {

using nlohmann::json;

TEST_F(CtlTest, ReportsAMonthAsJsonAndCsv) {
  json letter = complaint_json();
  letter["filed_at"] = "2026-11-20T16:00:00+08:00";
  const std::string number = file_ok(letter)["number"];
  json october = complaint_json();
  october["phone"] = "13900139000";
  october["filed_at"] = "2026-10-31T23:59:00+08:00";
  file_ok(october);

  const ProcessResult report = ctl({"report", "--month", "2026-11", "--as-of", "2026-11-20T18:00:00+08:00"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const json out = json::parse(report.out);
  EXPECT_EQ(out["period"], (json{{"from", "2026-11-01"}, {"to", "2026-11-30"}}));
  EXPECT_EQ(out["as_of"], "2026-11-20T18:00:00+08:00");
  EXPECT_EQ(out["totals"]["filed"], 1);
  // Filed 16:00, not forwarded by 18:00: the forward clock (1 h) is missed, contact pending.
  EXPECT_EQ(out["on_time"]["forward"], (json{{"met", 0}, {"missed", 1}, {"pending", 0}, {"rate", 0.0}}));
  EXPECT_EQ(out["on_time"]["contact"]["pending"], 1);
  EXPECT_EQ(out["on_time"]["contact"]["rate"], nullptr);
  EXPECT_EQ(out["totals"]["open_at_end"], 1);
  EXPECT_EQ(out["totals"]["overdue_at_end"], 1);
  EXPECT_EQ(out["by_category"], (json{{"service_attitude", 1}}));
  EXPECT_EQ(out["assessment"], json::array());

  const std::string csv = m_dir + "/stats.csv";
  const ProcessResult written = ctl(
      {"report", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv", "--lang", "en", "-o", csv});
  ASSERT_EQ(written.exit_code, 0) << written.err;
  EXPECT_TRUE(written.out.empty());
  std::ifstream file(csv, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_EQ(text.str().substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(text.str().find("Section,Item,Value\r\n"), std::string::npos);
  EXPECT_NE(text.str().find("Totals,Filed,1\r\n"), std::string::npos);
  (void)number;
}

// A quarter and a year are their whole months (docs/DOMAIN.md §9).
TEST_F(CtlTest, ReportsAQuarterAndAYear) {
  json september = complaint_json();
  september["filed_at"] = "2026-09-30T23:30:00+08:00";
  file_ok(september);
  json october = complaint_json();
  october["phone"] = "13900139000";
  october["filed_at"] = "2026-10-01T00:10:00+08:00";
  file_ok(october);

  const std::string as_of = "2026-11-20T18:00:00+08:00";
  const ProcessResult q3 = ctl({"report", "--quarter", "2026-Q3", "--as-of", as_of});
  ASSERT_EQ(q3.exit_code, 0) << q3.err;
  EXPECT_EQ(json::parse(q3.out)["period"], (json{{"from", "2026-07-01"}, {"to", "2026-09-30"}}));
  EXPECT_EQ(json::parse(q3.out)["totals"]["filed"], 1);
  const ProcessResult q4 = ctl({"report", "--quarter", "2026-Q4", "--as-of", as_of});
  ASSERT_EQ(q4.exit_code, 0) << q4.err;
  EXPECT_EQ(json::parse(q4.out)["period"], (json{{"from", "2026-10-01"}, {"to", "2026-12-31"}}));
  EXPECT_EQ(json::parse(q4.out)["totals"]["filed"], 1);
  const ProcessResult year = ctl({"report", "--year", "2026", "--as-of", as_of});
  ASSERT_EQ(year.exit_code, 0) << year.err;
  EXPECT_EQ(json::parse(year.out)["period"], (json{{"from", "2026-01-01"}, {"to", "2026-12-31"}}));
  EXPECT_EQ(json::parse(year.out)["totals"]["filed"], 2);
}

TEST_F(CtlTest, BadReportOptionsAreRefusedAndWriteNothing) {
  file_ok(complaint_json());
  const std::string csv = m_dir + "/never.csv";
  struct Case {
    std::vector<std::string> args;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{"--month", "2026-13"}, "month"},
      {{"--quarter", "2026-Q5"}, "quarter"},
      {{"--quarter", ""}, "quarter"},
      {{"--year", "26"}, "year"},
      {{"--year", "2026", "--quarter", "2026-Q1"}, "quarter"},
      {{"--month", "2026-11", "--year", "2026"}, "month"},
      {{"--month", "2026-11", "--from", "2026-11-01", "--to", "2026-11-30"}, "month"},
      {{"--from", "2026-11-01"}, "to"},
      {{"--from", "2026-11-30", "--to", "2026-11-01"}, "to"},
      {{"--from", "2026-11-31", "--to", "2026-12-01"}, "from"},
      {{"--month", "2026-11", "--format", "xml"}, "format"},
      {{"--month", "2026-11", "--as-of", "soon"}, "as_of"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"report"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.insert(args.end(), {"-o", csv});
    const ProcessResult result = ctl(args);
    EXPECT_EQ(result.exit_code, 2) << c.field << ": " << result.err;
    EXPECT_EQ(json::parse(result.err)["field"], c.field) << result.err;
    EXPECT_FALSE(std::filesystem::exists(csv)) << c.field;
  }
}

}  // namespace
}  // namespace complaint::testing
