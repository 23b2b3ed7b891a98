// complaintctl export: the month's register as CSV that a real CSV reader (Python's
// csv module, independent of our writer) opens with Chinese text, commas, quotes and
// line breaks intact; tickets of other months are not in it.
#include <fstream>

#include "ctl_fixture.h"

namespace complaint::testing {
namespace {

using nlohmann::json;

TEST_F(CtlTest, ExportsTheMonthAsCsvWithChineseIntact) {
  json tricky = complaint_json();
  tricky["content"] = "第一行，有逗号\n第二行有\"引号\"";
  tricky["filed_at"] = "2026-11-20T16:00:00+08:00";
  const std::string tricky_number = file_ok(tricky)["number"];
  json plain = complaint_json();
  plain["name"] = "李四";
  plain["phone"] = "0571-87654321";
  plain["filed_at"] = "2026-11-01T00:00:00+08:00";
  file_ok(plain);
  json october = complaint_json();
  october["filed_at"] = "2026-10-31T23:59:00+08:00";
  const std::string october_number = file_ok(october)["number"];

  const ProcessResult exported = ctl({"export", "--month", "2026-11", "--format", "csv"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  ASSERT_EQ(exported.out.substr(0, 3), "\xEF\xBB\xBF") << "no UTF-8 BOM";
  const std::string csv_path = m_dir + "/register.csv";
  std::ofstream(csv_path, std::ios::binary) << exported.out;

  // Python reads it back as Excel would: utf-8-sig, RFC 4180 quoting.
  const std::string reader =
      "import csv, json, sys\n"
      "rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))\n"
      "print(json.dumps(rows, ensure_ascii=False))\n";
  const ProcessResult parsed = run_process({"/usr/bin/python3", "-c", reader, csv_path});
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  const json rows = json::parse(parsed.out);
  ASSERT_EQ(rows.size(), 3u) << "header + the two November tickets";
  const json& header = rows[0];
  EXPECT_EQ(header[0], "编号");
  for (const json& row : rows) EXPECT_EQ(row.size(), header.size());

  const auto column = [&](const std::string& title) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == title) return i;
    }
    ADD_FAILURE() << "no column " << title;
    return std::size_t{0};
  };
  bool found_tricky = false;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    EXPECT_NE(rows[r][0], october_number);
    if (rows[r][0] != tricky_number) continue;
    found_tricky = true;
    EXPECT_EQ(rows[r][column("投诉内容")], tricky["content"]);
    EXPECT_EQ(rows[r][column("客户姓名")], "张三");
    EXPECT_EQ(rows[r][column("受理时间")], "2026-11-20 16:00 星期五");
    EXPECT_EQ(rows[r][column("投诉类别")], "服务态度");
  }
  EXPECT_TRUE(found_tricky);
}

}  // namespace
}  // namespace complaint::testing
