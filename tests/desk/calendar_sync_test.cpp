// The organisation's calendar through one sync, with the REAL complaint-desk on loopback and
// the REAL complaintctl on both sides: a 2027 list imported at the desk reaches a kiosk in
// its next sync and moves the kiosk's next promise across 元旦 2027; before it, the kiosk
// counts with its shipped data (2025, 2026), where 2027-01-01 is an ordinary Friday.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "desk_process.h"
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

using nlohmann::json;

// Filed Tuesday 2026-12-01 10:00 with a 30-working-day resolve period: the count crosses
// New Year. With 2027-01-01 a working day it ends Tuesday 01-12; with 01-01 a holiday, 01-13.
constexpr const char* k_filed = "2026-12-01T10:00:00+08:00";
constexpr const char* k_without_2027 = "2027-01-13T00:00:00+08:00";
constexpr const char* k_with_2027 = "2027-01-14T00:00:00+08:00";

const char* k_2027 = R"({"year": 2027, "source": "test", "days": [
  {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
  {"name": "元旦", "date": "2027-01-02", "isOffDay": true},
  {"name": "元旦", "date": "2027-01-03", "isOffDay": true}]})";

std::string resolve_by_of_a_new_ticket(const std::string& db, const std::string& config) {
  const json ticket{{"kind", "complaint"},
                    {"channel", "kiosk"},
                    {"category", "service_attitude"},
                    {"content", "柜员态度冷漠，排队四十分钟无人解释。"},
                    {"name", "张三"},
                    {"phone", "13800138000"}};
  const CommandResult filed = run_command(
      {COMPLAINTCTL_PATH, "--db", db, "--config", config, "--now", k_filed, "--json", "file"}, ticket.dump());
  EXPECT_EQ(filed.exit_code, 0) << filed.err;
  if (filed.exit_code != 0) return {};
  return json::parse(filed.out)["deadlines"]["resolve_by"].get<std::string>();
}

TEST(CalendarSync, AnImportAtTheDeskChangesTheKiosksNextPromiseInOneSync) {
  TempDir dir;
  DeskProcess desk(dir.file("desk"), "[calendar]\ndata = \"cn\"\n[desk]\ncalendar_refresh_seconds = 1\n");
  ASSERT_TRUE(desk.started()) << desk.log();
  const std::string key = desk.add_kiosk("K1");
  ASSERT_EQ(key.size(), 64u);
  const std::string kiosk_config = dir.file("kiosk.toml");
  std::ofstream(kiosk_config) << "[calendar]\ndata = \"cn\"\n[policy]\nresolve = \"30wd\"\n"
                              << kiosk_sync_config(desk.url(), key);
  const std::string kiosk_db = dir.file("kiosk.db");

  EXPECT_EQ(resolve_by_of_a_new_ticket(kiosk_db, kiosk_config), k_without_2027);

  const std::string file = dir.file("2027.json");
  std::ofstream(file) << k_2027;
  const CommandResult imported = run_command({COMPLAINTCTL_PATH, "--db", desk.db(), "--config",
                                              dir.file("desk") + "/desk.toml", "calendar", "import", file});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // past calendar_refresh_seconds

  const CommandResult synced =
      run_command({COMPLAINTCTL_PATH, "--db", kiosk_db, "--config", kiosk_config, "sync"});
  EXPECT_EQ(synced.exit_code, 0) << synced.out << synced.err << desk.log();
  EXPECT_EQ(resolve_by_of_a_new_ticket(kiosk_db, kiosk_config), k_with_2027) << desk.log();
  EXPECT_NE(desk.log().find("calendar"), std::string::npos) << desk.log();
}

}  // namespace
}  // namespace complaint::testing
