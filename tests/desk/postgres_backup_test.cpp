// The PostgreSQL desk's backup (docs/OPERATIONS.md §3): the packaged complaint-desk-pg-backup
// dumps the test server's desk database with pg_dump (rotating to BACKUP_KEEP), pg_restore puts
// the dump into a new database, and the real complaint-desk serves the restored tickets and
// staff accounts; the restored append-only trigger still allows only retention's change.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "console_client.h"
#include "core/calendar/work_calendar.h"
#include "core/retention/retention_run.h"
#include "core/services/filing_service.h"
#include "desk_process.h"
#include "drivers/postgres/pg_desk_store.h"
#include "postgres_server.h"

namespace complaint::testing {
namespace {

namespace fs = std::filesystem;

TEST(PostgresBackupRestore, ADumpRestoresIntoANewDatabaseTheDeskServes) {
  PostgresServer& server = shared_postgres_server();
  if (!server.running()) GTEST_SKIP() << "no PostgreSQL server: " << server.why_not();
  const std::string source = server.create_database("backup_source");
  ASSERT_FALSE(source.empty());
  const std::string folder =
      (fs::temp_directory_path() / ("pg-backup-" + std::to_string(::getpid()))).string();
  fs::remove_all(folder);
  fs::create_directories(folder);

  const auto added =
      run_command({COMPLAINTCTL_PATH, "--db", source, "desk", "user", "add", "sam", "--role", "supervisor"},
                  "sam-password-1\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::vector<Ticket> filed;
  {
    auto store = PgDeskStore::open(source);
    ASSERT_TRUE(store.ok()) << store.error().message;
    const Config config = Config::defaults();
    const Taxonomy taxonomy = Taxonomy::defaults();
    auto calendar = WorkCalendar::create(config.calendar);
    ASSERT_TRUE(calendar.ok());
    SystemClock clock;
    FilingService filing(config, taxonomy, *calendar, **store, clock);
    for (int i = 0; i < 5; ++i) {
      TicketDraft draft;
      draft.kind = "complaint";
      draft.channel = "walk_in";
      draft.category = "service_attitude";
      draft.content = "柜员态度差 #" + std::to_string(i);
      draft.customer_name = "张三";
      draft.phone = "13800138000";
      auto ticket = filing.file(draft, FilingContext{"clerk", Role::intake_clerk});
      ASSERT_TRUE(ticket.ok()) << ticket.error().message;
      filed.push_back(*ticket);
    }
  }

  // The packaged script, three times: two dumps are kept.
  const std::string script = std::string(SOURCE_DIR) + "/packaging/desk/complaint-desk-pg-backup";
  const std::string backups = folder + "/backups";
  std::vector<std::string> written;
  for (int i = 0; i < 3; ++i) {
    const auto dumped =
        run_command({"/usr/bin/env", "PATH=" + server.bin_dir() + ":/usr/bin:/bin", "COMPLAINT_DB=" + source,
                     "BACKUP_DIR=" + backups, "BACKUP_KEEP=2", "/bin/sh", script});
    ASSERT_EQ(dumped.exit_code, 0) << dumped.err;
    ASSERT_EQ(dumped.out.rfind("backup written to ", 0), 0u) << dumped.out;
    written.push_back(dumped.out.substr(18, dumped.out.find('\n') - 18));
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // names are to the second
  }
  std::vector<std::string> kept;
  for (const auto& entry : fs::directory_iterator(backups)) kept.push_back(entry.path());
  std::sort(kept.begin(), kept.end());
  EXPECT_EQ(kept, (std::vector<std::string>{written[1], written[2]}));

  const std::string target = server.create_database("backup_target");
  ASSERT_FALSE(target.empty());
  const auto restored = run_command(
      {server.bin_dir() + "/pg_restore", "--no-owner", "--exit-on-error", "-d", target, written[2]});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;

  // The same tickets, read through the desk's store on the restored database...
  auto copy = PgDeskStore::open(target);
  ASSERT_TRUE(copy.ok()) << copy.error().message;
  for (const Ticket& ticket : filed) {
    auto found = (*copy)->find(ticket.number);
    ASSERT_TRUE(found.ok() && found->has_value()) << ticket.number;
    EXPECT_EQ(**found, ticket);
  }
  // ...and the real desk serves them to the restored staff account.
  DeskProcess desk(folder + "/desk", {}, target);
  ASSERT_TRUE(desk.started()) << desk.log();
  ConsoleClient browser(desk.port());
  ASSERT_EQ(browser.login("sam", "sam-password-1"), 303);
  auto queue = browser.get("/console");
  ASSERT_TRUE(queue);
  for (const Ticket& ticket : filed) EXPECT_NE(queue->body.find(ticket.number), std::string::npos);
  // The restored trigger refuses a change to the trail.
  EXPECT_FALSE(server.run_sql(target, "UPDATE events SET actor = 'x'"));
  fs::remove_all(folder);
}

}  // namespace
}  // namespace complaint::testing
