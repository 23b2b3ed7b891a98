// CtlTest: a fixture with a fresh database directory and helpers to run the real
// complaintctl against it and to count rows (the "changed nothing" check).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/store/sqlite_store.h"
#include "process.h"

namespace complaint::testing {

struct RowCounts {
  std::int64_t tickets = 0, events = 0, outbox = 0, counters = 0;
  bool operator==(const RowCounts&) const = default;
};

class CtlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = make_temp_dir("ctl");
    m_db = m_dir + "/kiosk.db";
  }
  void TearDown() override { std::system(("rm -rf '" + m_dir + "'").c_str()); }

  ProcessResult ctl(std::vector<std::string> args, const std::string& input = {}) {
    args.insert(args.begin(), {COMPLAINTCTL_PATH, "--db", m_db});
    return run_process(args, input);
  }

  // A config with the shipped holiday calendar, and an instant it covers, for a `check`
  // that is to find nothing to warn about whatever today is.
  std::vector<std::string> calendar_options() {
    const std::string path = m_dir + "/calendar.toml";
    std::ofstream(path) << "[calendar]\ndata = \"cn\"\n";
    return {"--config", path, "--now", "2026-06-01T09:00:00+08:00"};
  }

  // Files one ticket; fails the test unless it was accepted. Returns the JSON answer.
  nlohmann::json file_ok(const nlohmann::json& ticket) {
    const ProcessResult result = ctl({"--json", "file"}, ticket.dump());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    if (result.exit_code != 0) return nlohmann::json::object();
    return nlohmann::json::parse(result.out);
  }

  RowCounts counts() {
    auto store = SqliteTicketStore::open(m_db);
    EXPECT_TRUE(store.ok());
    if (!store.ok()) return {};
    RowCounts c;
    c.tickets = *(*store)->count_rows("tickets");
    c.events = *(*store)->count_rows("events");
    c.outbox = *(*store)->count_rows("outbox");
    c.counters = *(*store)->count_rows("counters");
    return c;
  }

 public:
  static nlohmann::json complaint_json() {
    return {{"kind", "complaint"},
            {"channel", "kiosk"},
            {"category", "service_attitude"},
            {"content", "柜员态度冷漠，排队四十分钟无人解释。"},
            {"name", "张三"},
            {"phone", "13800138000"}};
  }

 protected:
  std::string m_dir;
  std::string m_db;
};

}  // namespace complaint::testing
