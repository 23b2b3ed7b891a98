// Opening a desk's SQLite file: its stores (open_desk_stores, and complaintctl's on the store it
// opened first) run PRAGMA quick_check once per open of the file, not once per store (it reads
// the whole file: 39 s on the 1.8 GB benchmark year, docs/BENCHMARKS.md), and a damaged file is
// still refused with the error that names it.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "core/store/sqlite_store.h"
#include "drivers/postgres/desk_stores.h"
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

namespace fs = std::filesystem;

class SqliteDeskOpenTest : public ::testing::Test {
 protected:
  TempDir dir;
  std::string path = dir.file("desk.db");
};

TEST_F(SqliteDeskOpenTest, TheDesksStoresCheckTheFileOnce) {
  const std::int64_t before_new = SqliteTicketStore::quick_checks_run();
  { must(open_desk_stores(path)); }  // a new file: every schema created
  EXPECT_EQ(SqliteTicketStore::quick_checks_run() - before_new, 1);

  const std::int64_t before = SqliteTicketStore::quick_checks_run();
  {
    DeskStores stores = must(open_desk_stores(path));
    EXPECT_TRUE(stores.tickets().count_tickets().ok());
  }
  EXPECT_EQ(SqliteTicketStore::quick_checks_run() - before, 1);

  // complaintctl: its store first, then the desk's stores on it.
  const std::int64_t before_ctl = SqliteTicketStore::quick_checks_run();
  auto store = must(SqliteTicketStore::open(path));
  {
    DeskStores stores = must(open_desk_stores(*store));
    EXPECT_EQ(&stores.tickets(), store.get());
  }
  EXPECT_EQ(SqliteTicketStore::quick_checks_run() - before_ctl, 1);
}

TEST_F(SqliteDeskOpenTest, ADamagedDeskFileIsRefusedWithTheErrorThatNamesIt) {
  { must(open_desk_stores(path)); }
  {
    // Pages enough to damage some in the middle of a table's b-tree.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const char* fill =
        "CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT);"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) "
        "INSERT INTO filler (body) SELECT printf('%.900c', 'x') || i FROM n;";
    ASSERT_EQ(sqlite3_exec(db, fill, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    ASSERT_EQ(sqlite3_close(db), SQLITE_OK);
  }
  ASSERT_FALSE(fs::exists(path + "-wal")) << "the WAL must be checkpointed into the file first";
  const auto size = fs::file_size(path);
  constexpr std::uintmax_t kPage = 4096;
  ASSERT_GT(size, 40 * kPage);
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>((size - 20 * kPage) / kPage * kPage));
    const std::string garbage(3 * kPage, '\x5a');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto opened = open_desk_stores(path);
  ASSERT_FALSE(opened.ok()) << "the damage went unnoticed";
  EXPECT_EQ(opened.error().code, ErrorCode::storage);
  EXPECT_NE(opened.error().message.find("database " + path + " is damaged"), std::string::npos)
      << opened.error().message;
  EXPECT_EQ(opened.error().call, "PRAGMA quick_check");
}

}  // namespace
}  // namespace complaint::testing
