// Console state shared through the desk's store, with REAL desk processes: two desks on one
// PostgreSQL database accept each other's sessions and rating forms and count sign-in
// failures together (N desks must not allow N times the guesses); a desk restarted on its
// SQLite file keeps everyone signed in.
#include <gtest/gtest.h>

#include <regex>

#include "console_client.h"
#include "core/calendar/work_calendar.h"
#include "core/services/filing_service.h"
#include "desk/web_forms.h"
#include "desk_process.h"
#include "drivers/postgres/pg_desk_store.h"
#include "postgres_server.h"
#include "sync_test_support.h"
#include "tests/core/good_draft.h"

namespace complaint::testing {
namespace {

int add_user(const std::string& db, const std::string& name, const std::string& role,
             const std::string& password) {
  return run_command({COMPLAINTCTL_PATH, "--db", db, "desk", "user", "add", name, "--role", role},
                     password + "\n")
      .exit_code;
}

// A ticket walked to "replied" in the database, so its tracking page offers the rating form.
Ticket replied_ticket(TicketRepository& store) {
  const Config config = Config::defaults();
  const Taxonomy taxonomy = Taxonomy::defaults();
  const WorkCalendar calendar = must(WorkCalendar::create(config.calendar));
  SystemClock clock;
  FilingService filing(config, taxonomy, calendar, store, clock);
  const TicketDraft draft = good_draft();  // a walk-in named complaint
  Ticket ticket = must(filing.file(draft, FilingContext{"clerk", Role::intake_clerk}));
  const auto act = [&](Action action, Role role, auto fill) {
    ActionRequest request;
    request.action = action;
    request.role = role;
    request.actor = "经办人";
    request.at = clock.now();
    fill(request);
    ticket = must(filing.act(ticket.number, request));
  };
  act(Action::forward, Role::dispatcher, [](ActionRequest& r) { r.department = "营业部"; });
  act(Action::contact, Role::handler, [](ActionRequest&) {});
  act(Action::record, Role::handler, [](ActionRequest& r) {
    r.verification = "属实";
    r.handling_opinion = "致歉";
    r.handling_result = "已当面致歉";
  });
  act(Action::reply, Role::handler, [](ActionRequest&) {});
  return ticket;
}

std::string csrf_of(const std::string& html) {
  std::smatch match;
  const std::regex field("name=\"csrf\" value=\"([^\"]+)\"");
  return std::regex_search(html, match, field) ? match[1].str() : std::string();
}

TEST(SharedConsoleState, TwoDesksOnOnePostgreSQLDatabaseShareSessionsFormsAndTheThrottle) {
  PostgresServer& server = shared_postgres_server();
  if (!server.running()) GTEST_SKIP() << "no PostgreSQL server: " << server.why_not();
  const std::string conninfo = server.create_database("shared_console_state");
  ASSERT_FALSE(conninfo.empty());
  TempDir dir;
  DeskProcess desk_a(dir.file("desk-a"), {}, conninfo);
  DeskProcess desk_b(dir.file("desk-b"), {}, conninfo);
  ASSERT_TRUE(desk_a.started()) << desk_a.log();
  ASSERT_TRUE(desk_b.started()) << desk_b.log();
  ASSERT_EQ(add_user(conninfo, "sam", "supervisor", "sam-password-1"), 0);
  ASSERT_EQ(add_user(conninfo, "ann", "dispatcher", "ann-password-1"), 0);

  // A session made by desk A is a session on desk B (a load balancer may send the next
  // request to either), and signing out on B ends it on A.
  ConsoleClient on_a(desk_a.port());
  ASSERT_EQ(on_a.login("sam", "sam-password-1"), 303);
  ConsoleClient on_b(desk_b.port());
  on_b.cookies = on_a.cookies;
  auto queue = on_b.get("/console");
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->status, 200);
  EXPECT_NE(queue->body.find("id=\"summary\""), std::string::npos) << queue->body.substr(0, 400);
  auto out = on_b.post("/console/logout", {{"csrf", on_b.csrf()}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 303);
  on_a.cookies.erase("desk_login");
  auto after = on_a.get("/console");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 303) << "signed out on B is signed out on A";

  // The rating form loaded from desk A is accepted by desk B.
  auto store = must(PgDeskStore::open(conninfo));
  const Ticket ticket = replied_ticket(*store);
  httplib::Client browser_a("127.0.0.1", desk_a.port());
  httplib::Client browser_b("127.0.0.1", desk_b.port());
  const std::string page_path = "/t/" + ticket.number + "?k=" + desk::url_encode(ticket.tracking_token);
  auto page = browser_a.Get(page_path);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  const std::string csrf = csrf_of(page->body);
  ASSERT_FALSE(csrf.empty()) << "the replied ticket's page offers the rating form";
  auto rated = browser_b.Post("/t/" + ticket.number + "/rating",
                              "k=" + desk::url_encode(ticket.tracking_token) +
                                  "&csrf=" + desk::url_encode(csrf) + "&lang=zh-CN&rating=satisfied&comment=",
                              "application/x-www-form-urlencoded");
  ASSERT_TRUE(rated);
  EXPECT_EQ(rated->status, 303) << rated->body.substr(0, 400);
  // Recorded as the customer's own rating (the staff callback is still to come).
  const TicketEvent rating = must(store->events(ticket.number)).back();
  EXPECT_EQ(rating.action, "customer_rating");
  EXPECT_NE(rating.data_json.find("\"satisfaction\":\"satisfied\""), std::string::npos) << rating.data_json;
  EXPECT_EQ(must(store->find(ticket.number))->status, Status::replied);

  // Five wrong passwords for one account, spread over both desks, lock it on both.
  for (int attempt = 0; attempt < 5; ++attempt) {
    ConsoleClient guesser(attempt % 2 == 0 ? desk_a.port() : desk_b.port());
    EXPECT_EQ(guesser.login("ann", "guess-" + std::to_string(attempt)), 401) << attempt;
  }
  for (const int port : {desk_a.port(), desk_b.port()}) {
    ConsoleClient guesser(port);
    EXPECT_EQ(guesser.login("ann", "ann-password-1"), 429) << "locked on the desk at port " << port;
  }
  EXPECT_EQ(desk_a.stop(), 0);
  EXPECT_EQ(desk_b.stop(), 0);
}

TEST(SharedConsoleState, ARestartedDeskKeepsItsSessionsAndTheirIdsAreNotInTheDatabase) {
  TempDir dir;
  const std::string folder = dir.file("desk");
  std::map<std::string, std::string> cookies;
  std::string db;
  {
    DeskProcess desk(folder);
    ASSERT_TRUE(desk.started()) << desk.log();
    db = desk.db();
    ASSERT_EQ(add_user(db, "sam", "supervisor", "sam-password-1"), 0);
    ConsoleClient browser(desk.port());
    ASSERT_EQ(browser.login("sam", "sam-password-1"), 303);
    cookies = browser.cookies;
    EXPECT_EQ(desk.stop(), 0);
  }
  ASSERT_TRUE(cookies.contains("desk_session"));
  const auto dump = run_command({"/usr/bin/sqlite3", db, "SELECT * FROM staff_sessions"}, "");
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  EXPECT_NE(dump.out.find("sam"), std::string::npos) << "the session is in the database";
  EXPECT_EQ(dump.out.find(cookies.at("desk_session")), std::string::npos) << "but not its id";

  DeskProcess restarted(folder);
  ASSERT_TRUE(restarted.started()) << restarted.log();
  ConsoleClient browser(restarted.port());
  browser.cookies = cookies;
  auto queue = browser.get("/console");
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->status, 200) << "still signed in after the restart";
  EXPECT_EQ(restarted.stop(), 0);
}

}  // namespace
}  // namespace complaint::testing
