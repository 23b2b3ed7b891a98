// The REAL complaint-desk with `--db` naming a PostgreSQL database (a private server this
// binary starts): accounts made by complaintctl on that database sign in, the console
// shows and changes a ticket, and the change is in PostgreSQL and in the kiosk's feed.
#include <gtest/gtest.h>

#include <filesystem>
#include <tuple>

#include "console_client.h"
#include "core/calendar/work_calendar.h"
#include "core/services/filing_service.h"
#include "desk_process.h"
#include "drivers/postgres/pg_desk_store.h"
#include "postgres_server.h"

namespace complaint::testing {
namespace {

TEST(PostgresDeskProcess, TheConsoleWorksOnAPostgreSQLDesk) {
  PostgresServer& server = shared_postgres_server();
  if (!server.running()) GTEST_SKIP() << "no PostgreSQL server: " << server.why_not();
  const std::string conninfo = server.create_database("desk_process");
  ASSERT_FALSE(conninfo.empty());
  const std::string folder =
      (std::filesystem::temp_directory_path() / ("pg-desk-" + std::to_string(::getpid()))).string();
  std::filesystem::remove_all(folder);

  DeskProcess desk(folder, {}, conninfo);
  ASSERT_TRUE(desk.started()) << desk.log();
  EXPECT_NE(desk.log().find("db=postgresql"), std::string::npos);  // the conninfo is not logged
  const auto added =
      run_command({COMPLAINTCTL_PATH, "--db", conninfo, "desk", "user", "add", "sam", "--role", "supervisor"},
                  "sam-password-1\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  for (const auto& [id, zh, en] :
       {std::tuple{"营业部", "营业部", "Business office"}, {"credit", "信贷部", "Credit"}}) {
    const auto department = run_command(
        {COMPLAINTCTL_PATH, "--db", conninfo, "desk", "department", "add", id, "--zh", zh, "--en", en});
    ASSERT_EQ(department.exit_code, 0) << department.err;
  }
  const auto cleo = run_command({COMPLAINTCTL_PATH, "--db", conninfo, "desk", "user", "add", "cleo", "--role",
                                 "handler", "--departments", "credit"},
                                "cleo-password-1\n");
  ASSERT_EQ(cleo.exit_code, 0) << cleo.err;

  // A ticket filed into the same database (as a sync from a kiosk would put it there).
  auto store = PgDeskStore::open(conninfo);
  ASSERT_TRUE(store.ok()) << store.error().message;
  const Config config = Config::defaults();
  const Taxonomy taxonomy = Taxonomy::defaults();
  auto calendar = WorkCalendar::create(config.calendar);
  ASSERT_TRUE(calendar.ok());
  SystemClock clock;
  FilingService filing(config, taxonomy, *calendar, **store, clock);
  TicketDraft draft;
  draft.kind = "complaint";
  draft.channel = "walk_in";
  draft.category = "service_attitude";
  draft.content = "柜员态度差";
  draft.customer_name = "张三";
  draft.phone = "13800138000";
  auto filed = filing.file(draft, FilingContext{"clerk", Role::intake_clerk});
  ASSERT_TRUE(filed.ok()) << filed.error().message;

  ConsoleClient browser(desk.port());
  ASSERT_EQ(browser.login("sam", "wrong-password"), 401);
  ASSERT_EQ(browser.login("sam", "sam-password-1"), 303);
  auto queue = browser.get("/console");
  ASSERT_TRUE(queue);
  EXPECT_NE(queue->body.find(filed->number), std::string::npos);
  auto forged = browser.act(filed->number, {{"action", "forward"}, {"department", "nowhere"}});
  EXPECT_EQ(forged->status, 400);
  EXPECT_NE(forged->body.find("This department is not in the department list."), std::string::npos);
  auto forwarded = browser.act(filed->number, {{"action", "forward"}, {"department", "营业部"}});
  ASSERT_TRUE(forwarded);
  EXPECT_EQ(forwarded->status, 303) << forwarded->body;
  // A handler of another department: not in the queue, no page, no action; disabled, the
  // signed-in session ends at its next request.
  ConsoleClient other(desk.port());
  ASSERT_EQ(other.login("cleo", "cleo-password-1"), 303);
  EXPECT_EQ(other.get("/console")->body.find(filed->number), std::string::npos);
  EXPECT_EQ(other.get("/console/tickets/" + filed->number)->status, 404);
  EXPECT_EQ(other.act(filed->number, {{"action", "contact"}})->status, 404);
  const auto disabled = run_command({COMPLAINTCTL_PATH, "--db", conninfo, "desk", "user", "disable", "cleo"});
  ASSERT_EQ(disabled.exit_code, 0) << disabled.err;
  EXPECT_EQ(other.get("/console")->status, 303);
  EXPECT_EQ(other.login("cleo", "cleo-password-1"), 401);
  auto refused = browser.act(filed->number, {{"action", "archive"}});
  EXPECT_EQ(refused->status, 403);

  const auto stored = (*store)->find(filed->number);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->status, Status::forwarded);
  EXPECT_EQ((*stored)->department, "营业部");
  const auto feed = (*store)->changes_for_kiosk("K1", 0, 10);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->updates.size(), 1u);
  EXPECT_EQ(feed->updates[0].ticket.status, Status::forwarded);
  EXPECT_EQ(desk.stop(), 0);
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace complaint::testing
