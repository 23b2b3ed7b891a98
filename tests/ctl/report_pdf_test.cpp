// complaintctl report --format pdf: the printed statistics table read back with pdftotext
// (poppler-utils) and every figure of its tables checked against the JSON of the same
// report, in zh-CN and English; its fonts embedded (pdffonts), A4 (pdfinfo).
#include <cstdio>
#include <regex>

#include "core/config/config.h"
#include "core/i18n/catalog.h"
#include "ctl_fixture.h"

namespace complaint::testing {
namespace {

using nlohmann::json;

// The tool's full path (run_process does not search PATH); empty when it is not installed.
std::string tool_path(const std::string& tool) {
  const ProcessResult found = run_process({"/bin/sh", "-c", "command -v " + tool});
  return found.exit_code == 0 ? split_lines(found.out).at(0) : std::string();
}

// The PDF's text, line by line, each line cut into its cells (two or more spaces apart).
std::vector<std::vector<std::string>> cells_of(const std::string& text) {
  std::vector<std::vector<std::string>> lines;
  const std::regex gap(" {2,}");
  for (std::string line : split_lines(text)) {
    line = std::regex_replace(line, std::regex("^[ \f]+| +$"), "");
    if (line.empty()) continue;
    std::vector<std::string> cells(std::sregex_token_iterator(line.begin(), line.end(), gap, -1), {});
    lines.push_back(std::move(cells));
  }
  return lines;
}

// The cells after `label` on the line that starts with it; empty when no line does.
std::vector<std::string> row_of(const std::vector<std::vector<std::string>>& lines,
                                const std::string& label) {
  for (const auto& cells : lines) {
    if (!cells.empty() && cells[0] == label) return {cells.begin() + 1, cells.end()};
  }
  return {};
}

std::string percent(const json& rate) {
  if (rate.is_null()) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", rate.get<double>() * 100.0);
  return text;
}

class ReportPdf : public CtlTest, public ::testing::WithParamInterface<const char*> {
 protected:
  void SetUp() override {
    CtlTest::SetUp();
    for (const char* tool : {"pdftotext", "pdffonts", "pdfinfo"}) {
      if (tool_path(tool).empty()) GTEST_SKIP() << tool << " not installed (Debian: poppler-utils)";
    }
  }
};

TEST_P(ReportPdf, EveryFigureOfThePrintedTableIsTheJsons) {
  const std::string language = GetParam();
  // Filed now (an action cannot be entered as happening before its ticket was entered): one
  // forwarded at once, on time; one not yet, its forward clock still running; in this year.
  std::string year;
  for (int i = 0; i < 2; ++i) {
    json ticket = complaint_json();
    ticket["phone"] = "1390013900" + std::to_string(i);
    const json filed = file_ok(ticket);
    year = filed["filed_at"].get<std::string>().substr(0, 4);
    if (i == 1) continue;
    const ProcessResult forward =
        ctl({"transition", filed["number"].get<std::string>(), "forward", "--department", "营业部"});
    ASSERT_EQ(forward.exit_code, 0) << forward.err;
  }
  const std::vector<std::string> period = {"--year", year};
  std::vector<std::string> args = {"report"};
  args.insert(args.end(), period.begin(), period.end());
  const ProcessResult report = ctl(args);
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const json figures = json::parse(report.out);
  ASSERT_EQ(figures["totals"]["filed"], 2);

  const std::string pdf = m_dir + "/report.pdf";
  args.insert(args.end(), {"--format", "pdf", "--lang", language, "-o", pdf});
  const ProcessResult written = ctl(args);
  ASSERT_EQ(written.exit_code, 0) << written.err;
  EXPECT_TRUE(written.out.empty());
  EXPECT_EQ(read_file(pdf).substr(0, 5), "%PDF-");

  const ProcessResult info = run_process({tool_path("pdfinfo"), pdf});
  EXPECT_NE(info.out.find("595.28 x 841.89 pts (A4)"), std::string::npos) << info.out;
  const ProcessResult fonts = run_process({tool_path("pdffonts"), pdf});
  const std::vector<std::string> font_lines = split_lines(fonts.out);
  ASSERT_GT(font_lines.size(), 2u) << fonts.out;
  for (std::size_t i = 2; i < font_lines.size(); ++i) {
    if (font_lines[i].empty()) continue;
    // Columns: name type encoding emb sub uni object ID; "yes yes yes" = embedded subset.
    EXPECT_TRUE(std::regex_search(font_lines[i], std::regex(" yes +yes +yes +\\d+ +\\d+$"))) << font_lines[i];
  }

  const ProcessResult text = run_process({tool_path("pdftotext"), "-layout", "-enc", "UTF-8", pdf, "-"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  const auto lines = cells_of(text.out);
  const Catalog catalog = Catalog::load(assets_dir() + "/i18n", language).value();
  const auto label = [&catalog](const std::string& key) { return catalog.text("report." + key); };
  EXPECT_NE(text.out.find(label("sheet.title")), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(language == "en" ? "Customer Service Centre" : "客户服务中心"), std::string::npos);
  EXPECT_NE(text.out.find(year + "-01-01"), std::string::npos);
  EXPECT_NE(text.out.find(year + "-12-31"), std::string::npos);

  int checked = 0;
  for (const auto& [key, value] : figures["totals"].items()) {
    EXPECT_EQ(row_of(lines, label("total." + key)),
              std::vector<std::string>{std::to_string(value.get<int>())})
        << key << "\n"
        << text.out;
    ++checked;
  }
  for (const auto& [key, clock] : figures["on_time"].items()) {
    std::vector<std::string> expected = {std::to_string(clock["met"].get<int>()),
                                         std::to_string(clock["missed"].get<int>()),
                                         std::to_string(clock["pending"].get<int>())};
    if (!clock["rate"].is_null()) expected.push_back(percent(clock["rate"]));
    EXPECT_EQ(row_of(lines, label("clock." + key)), expected) << key << "\n" << text.out;
    ++checked;
  }
  EXPECT_EQ(row_of(lines, "营业部"),
            std::vector<std::string>{std::to_string(figures["by_department"]["营业部"].get<int>())});
  EXPECT_EQ(row_of(lines, label("outcome.replied")), std::vector<std::string>{"0"});
  EXPECT_EQ(checked, 16);
  // Figures that are not all zero, so the comparison means something.
  EXPECT_EQ(figures["on_time"]["forward"]["met"], 1);
  EXPECT_EQ(figures["on_time"]["forward"]["pending"], 1);
  EXPECT_EQ(figures["by_department"]["营业部"], 1);
}

INSTANTIATE_TEST_SUITE_P(BothLanguages, ReportPdf, ::testing::Values("zh-CN", "en"), [](const auto& info) {
  return std::string(info.param) == "en" ? std::string("en") : std::string("zh_CN");
});

}  // namespace
}  // namespace complaint::testing
