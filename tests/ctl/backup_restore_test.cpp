// complaintctl backup --keep and restore (docs/OPERATIONS.md §2): a backup taken while a
// filing loop writes holds every ticket whose filing was acknowledged (its number printed
// after the commit) before the backup began, and restores into a database that finds them
// all; rotation keeps the newest N; a corrupt file, a file that is no database and a newer
// schema are refused with the live database byte for byte unchanged.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "ctl_fixture.h"

namespace complaint::testing {
namespace {

namespace fs = std::filesystem;

class BackupRestore : public CtlTest {
 protected:
  std::vector<std::string> backups() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(m_dir + "/backups")) names.push_back(entry.path());
    std::sort(names.begin(), names.end());
    return names;
  }
  // The bytes of a database and its WAL: "nothing changed" is this, unchanged.
  std::string bytes_of(const std::string& db) { return read_file(db) + "|" + read_file(db + "-wal"); }
  ProcessResult restore(const std::string& db, const std::string& backup) {
    return run_process({COMPLAINTCTL_PATH, "--db", db, "restore", backup});
  }
  // A desk database with a few tickets, closed cleanly, to restore over.
  std::string live_desk() {
    const std::string live = m_dir + "/live.db";
    EXPECT_EQ(run_process({FILING_LOOP_PATH, live, "3", "live"}).exit_code, 0);
    return live;
  }
};

TEST_F(BackupRestore, ABackupUnderWriteLoadRestoresEveryAcknowledgedTicket) {
  const std::string printed = m_dir + "/numbers.txt";
  std::thread loop([&] {
    std::system(
        ("'" + std::string(FILING_LOOP_PATH) + "' '" + m_db + "' 1500 load > '" + printed + "'").c_str());
  });
  // Wait until the loop has acknowledged some tickets, then back up while it keeps filing.
  std::vector<std::string> acknowledged;
  for (int i = 0; i < 600 && acknowledged.size() < 50; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::string text = read_file(printed);
    acknowledged =
        split_lines(text.substr(0, text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1));
  }
  ASSERT_GE(acknowledged.size(), 50u);
  const ProcessResult backup = ctl({"--json", "backup", m_dir + "/backups", "--keep", "3"});
  loop.join();
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  const std::string path = nlohmann::json::parse(backup.out)["backup"];
  EXPECT_EQ(fs::path(path).parent_path(), fs::path(m_dir + "/backups"));

  const std::string restored = m_dir + "/restored.db";
  const ProcessResult done = restore(restored, path);
  ASSERT_EQ(done.exit_code, 0) << done.err;
  auto store = SqliteTicketStore::open(restored);
  ASSERT_TRUE(store.ok()) << store.error().message;
  ASSERT_TRUE((*store)->integrity_check().ok());
  for (const std::string& number : acknowledged) {
    auto found = (*store)->find(number);
    ASSERT_TRUE(found.ok());
    EXPECT_TRUE(found->has_value()) << number << " was acknowledged before the backup and is missing";
  }
  EXPECT_GE(*(*store)->count_tickets(), static_cast<std::int64_t>(acknowledged.size()));
  EXPECT_LE(*(*store)->count_tickets(), 1500);
}

TEST_F(BackupRestore, RotationKeepsTheNewestBackups) {
  ASSERT_EQ(run_process({FILING_LOOP_PATH, m_db, "2", "r"}).exit_code, 0);
  std::vector<std::string> written;
  for (int i = 0; i < 4; ++i) {
    const ProcessResult backup = ctl({"--json", "backup", m_dir + "/backups", "--keep", "2"});
    ASSERT_EQ(backup.exit_code, 0) << backup.err;
    written.push_back(nlohmann::json::parse(backup.out)["backup"]);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // names are to the second
  }
  EXPECT_EQ(backups(), (std::vector<std::string>{written[2], written[3]}));
  for (const char* keep : {"0", "x", "-1"}) {
    EXPECT_EQ(ctl({"backup", m_dir + "/backups", "--keep", keep}).exit_code, 2) << keep;
  }
}

TEST_F(BackupRestore, ACorruptBackupIsRefusedAndNothingChanges) {
  ASSERT_EQ(run_process({FILING_LOOP_PATH, m_db, "200", "c"}).exit_code, 0);
  const std::string good = m_dir + "/good.db";
  ASSERT_EQ(ctl({"backup", good}).exit_code, 0);
  const std::string live = live_desk();
  const std::string before = bytes_of(live);

  // Overwrite the middle of the tickets' pages: a valid header over damaged b-trees.
  std::string corrupt_bytes = read_file(good);
  ASSERT_GT(corrupt_bytes.size(), 40000u);
  for (std::size_t i = 8192; i < 8192 + 3000; ++i) corrupt_bytes[i] = static_cast<char>(i * 7);
  const std::string corrupt = m_dir + "/corrupt.db";
  std::ofstream(corrupt, std::ios::binary) << corrupt_bytes;
  const ProcessResult refused = restore(live, corrupt);
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("the database was not changed"), std::string::npos) << refused.err;
  EXPECT_EQ(bytes_of(live), before);

  const std::string text = m_dir + "/notes.txt";
  std::ofstream(text) << "this is not a database\n";
  const ProcessResult not_db = restore(live, text);
  EXPECT_NE(not_db.exit_code, 0);
  EXPECT_NE(not_db.err.find("not a database"), std::string::npos) << not_db.err;
  EXPECT_EQ(bytes_of(live), before);

  EXPECT_EQ(restore(live, m_dir + "/missing.db").exit_code, 2);
  EXPECT_EQ(bytes_of(live), before);
  EXPECT_FALSE(fs::exists(live + ".restore-check"));
}

TEST_F(BackupRestore, ABackupOfANewerSchemaIsRefused) {
  ASSERT_EQ(run_process({FILING_LOOP_PATH, m_db, "5", "n"}).exit_code, 0);
  const std::string newer = m_dir + "/newer.db";
  ASSERT_EQ(ctl({"backup", newer}).exit_code, 0);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(newer.c_str(), &db), SQLITE_OK);
  const std::string version =
      "PRAGMA user_version = " + std::to_string(SqliteTicketStore::latest_schema_version() + 1);
  ASSERT_EQ(sqlite3_exec(db, version.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const std::string live = live_desk();
  const std::string before = bytes_of(live);
  const ProcessResult refused = restore(live, newer);
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("schema version"), std::string::npos) << refused.err;
  EXPECT_EQ(bytes_of(live), before);
}

TEST_F(BackupRestore, AGoodBackupReplacesTheLiveDatabase) {
  ASSERT_EQ(run_process({FILING_LOOP_PATH, m_db, "7", "g"}).exit_code, 0);
  const std::string good = m_dir + "/good.db";
  ASSERT_EQ(ctl({"backup", good}).exit_code, 0);
  const std::string live = live_desk();
  const ProcessResult done = run_process({COMPLAINTCTL_PATH, "--json", "--db", live, "restore", good});
  ASSERT_EQ(done.exit_code, 0) << done.err;
  EXPECT_EQ(nlohmann::json::parse(done.out)["tickets"], 7);
  auto store = SqliteTicketStore::open(live);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(*(*store)->count_tickets(), 7);
  EXPECT_TRUE((*store)->integrity_check().ok());
}

}  // namespace
}  // namespace complaint::testing
