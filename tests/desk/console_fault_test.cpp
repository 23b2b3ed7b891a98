// Fault siblings of the console tests: the desk's own router and console routes in one
// process over a scriptable ticket store (FakeTicketRepository) and a fault-injecting desk
// store. A failing store answers 503 in the user's language and changes nothing; a
// concurrent change is a 409, not a silent overwrite.
#include <gtest/gtest.h>

#include "core/desk_state/departments.h"
#include "core/desk_state/fake_desk_state_store.h"
#include "core/store/fake_ticket_repository.h"
#include "desk/routes/routes.h"
#include "desk/web_forms.h"
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

const Instant kNow = Instant{std::chrono::seconds{1795400000}};

class ConsoleFaultTest : public ::testing::Test {
 protected:
  ConsoleFaultTest() : desk_store(must(SqliteDeskStore::open(dir.file("desk.db")))), faulty(*desk_store) {
    ::setenv("COMPLAINT_ASSETS", SOURCE_DIR "/assets", 1);
    must(desk_store->add_user(StaffUser{0, "sam", Role::supervisor, "hash", kNow}));
    DepartmentList departments(state);
    must(departments.save(Department{"营业部", "营业部", "Business office"}));
    must(departments.save(Department{"x", "x", "x"}));
    resources = must(desk::DeskResources::load(config, tickets, clock));
    context = std::make_unique<desk::DeskContext>(desk::DeskContext{
        config, settings, tickets, faulty, state, signer, clock, *resources, [](std::string_view) {}});
    context->verify_password = [](std::string_view hash, std::string_view password) {
      return hash == "hash" && password == "right";
    };
    desk::add_all_routes(router, *context);
    calendar = std::make_unique<WorkCalendar>(must(WorkCalendar::create(config.calendar)));
    filing = std::make_unique<FilingService>(config, taxonomy, *calendar, tickets, clock);
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "walk_in";
    draft.category = "service_quality";
    draft.content = "排队太久";
    draft.anonymous = true;
    number = must(filing->file(draft, FilingContext{"clerk", Role::intake_clerk})).number;
    sign_in();
  }

  desk::DeskResponse send(const std::string& method, const std::string& path, const std::string& body = {}) {
    desk::DeskRequest request;
    request.http.method = method;
    request.http.path = path;
    request.http.body = body;
    request.http.headers = {{"Cookie", cookies}, {"Accept-Language", "zh-CN"}};
    request.remote_address = "127.0.0.1";
    return router.dispatch(request);
  }

  std::string cookie_of(const desk::DeskResponse& response, const std::string& name) {
    for (const auto& [header, value] : response.headers) {
      if (header == "Set-Cookie" && value.rfind(name + "=", 0) == 0) {
        return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
      }
    }
    return {};
  }

  void sign_in() {
    const std::string token = cookie_of(send("GET", "/console/login"), "desk_login");
    cookies = "desk_login=" + token;
    const auto signed_in = send("POST", "/console/login", "csrf=" + token + "&name=sam&password=right");
    ASSERT_EQ(signed_in.status, 303);
    cookies = "desk_session=" + cookie_of(signed_in, "desk_session");
    const std::string page = send("GET", "/console").body;
    const std::size_t at = page.find("name=\"csrf\" value=\"");
    ASSERT_NE(at, std::string::npos);
    csrf = page.substr(at + 19, 64);
  }

  TempDir dir;
  FixedClock clock{kNow};
  Config config = Config::defaults();
  DeskConfig settings;
  Taxonomy taxonomy = Taxonomy::defaults();
  FakeSigner signer;
  FakeTicketRepository tickets;
  std::unique_ptr<SqliteDeskStore> desk_store;
  FaultyDeskRepository faulty;
  FakeDeskStateStore state;
  std::unique_ptr<desk::DeskResources> resources;
  std::unique_ptr<desk::DeskContext> context;
  desk::Router router;
  std::unique_ptr<WorkCalendar> calendar;
  std::unique_ptr<FilingService> filing;
  std::string number;
  std::string cookies;
  std::string csrf;
};

TEST_F(ConsoleFaultTest, AFailingQueueIsA503InTheUsersLanguage) {
  faulty.script().fail(DeskOperation::queue, 0, FailureMode::once,
                       Error::make(ErrorCode::storage, "disk I/O error"));
  const auto failed = send("GET", "/console");
  EXPECT_EQ(failed.status, 503);
  EXPECT_NE(failed.body.find("服务台出现故障"), std::string::npos);
  EXPECT_EQ(failed.body.find("disk I/O error"), std::string::npos);  // no internals shown
  const auto recovered = send("GET", "/console");
  EXPECT_EQ(recovered.status, 200);
  EXPECT_NE(recovered.body.find("id=\"summary\""), std::string::npos);
}

TEST_F(ConsoleFaultTest, AFailingWriteChangesNothingAndSaysSo) {
  tickets.fail(RepositoryOperation::apply, 0, FailureMode::once,
               Error::make(ErrorCode::storage, "disk full"));
  const auto failed = send("POST", "/console/tickets/" + number + "/act",
                           "csrf=" + csrf + "&action=forward&department=" + desk::url_encode("营业部"));
  EXPECT_EQ(failed.status, 503);
  EXPECT_NE(failed.body.find("未作任何更改"), std::string::npos);
  EXPECT_EQ(must(tickets.find(number))->status, Status::filed);
  EXPECT_EQ(tickets.all_events().size(), 1u);
  const auto retried = send("POST", "/console/tickets/" + number + "/act",
                            "csrf=" + csrf + "&action=forward&department=" + desk::url_encode("营业部"));
  EXPECT_EQ(retried.status, 303);
  EXPECT_EQ(must(tickets.find(number))->status, Status::forwarded);
}

TEST_F(ConsoleFaultTest, AConcurrentChangeIsAConflictNotAnOverwrite) {
  tickets.fail(RepositoryOperation::apply, 0, FailureMode::once,
               Error::make(ErrorCode::conflict, "ticket was changed meanwhile"));
  const auto raced =
      send("POST", "/console/tickets/" + number + "/act", "csrf=" + csrf + "&action=forward&department=x");
  EXPECT_EQ(raced.status, 409);
  EXPECT_NE(raced.body.find("他人刚刚修改了这件投诉"), std::string::npos);
  EXPECT_EQ(must(tickets.find(number))->department, "");
}

TEST_F(ConsoleFaultTest, AFailingUserLookUpRefusesTheSignIn) {
  faulty.script().fail(DeskOperation::users, 0, FailureMode::once, Error::make(ErrorCode::storage, "gone"));
  cookies.clear();  // a browser without a session
  const std::string token = cookie_of(send("GET", "/console/login"), "desk_login");
  cookies = "desk_login=" + token;
  const auto refused = send("POST", "/console/login", "csrf=" + token + "&name=sam&password=right");
  EXPECT_EQ(refused.status, 503);
  EXPECT_TRUE(cookie_of(refused, "desk_session").empty());
  EXPECT_NE(refused.body.find("服务台出现故障"), std::string::npos);
}

// The shared session and throttle tables live in the desk's store: when it cannot answer,
// nobody is signed in half-way and no session is granted without its row.
TEST_F(ConsoleFaultTest, AFailingSessionStoreRefusesTheSignInAndKeepsNothing) {
  for (const DeskStateStep step : {DeskStateStep::insert_attempt, DeskStateStep::insert_session}) {
    state.script().fail(step, 0, FailureMode::once, Error::make(ErrorCode::storage, "database is locked"));
    cookies.clear();
    const std::string token = cookie_of(send("GET", "/console/login"), "desk_login");
    cookies = "desk_login=" + token;
    const auto refused = send("POST", "/console/login", "csrf=" + token + "&name=sam&password=right");
    EXPECT_EQ(refused.status, 503) << static_cast<int>(step);
    EXPECT_TRUE(cookie_of(refused, "desk_session").empty());
    EXPECT_NE(refused.body.find("服务台出现故障"), std::string::npos);
    EXPECT_EQ(refused.body.find("database is locked"), std::string::npos);
  }
  EXPECT_EQ(state.sessions(), 1u) << "only the fixture's own sign-in";
  EXPECT_EQ(state.attempts(), 0u) << "the failed attempts were taken back";
}

TEST_F(ConsoleFaultTest, ASessionLookUpThatFailsRefusesTheRequestButKeepsTheSession) {
  state.script().fail(DeskStateStep::find_session, 0, FailureMode::once,
                      Error::make(ErrorCode::storage, "disk I/O error"));
  const auto refused =
      send("POST", "/console/tickets/" + number + "/act", "csrf=" + csrf + "&action=forward&department=x");
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(must(tickets.find(number))->status, Status::filed);
  const auto retried =
      send("POST", "/console/tickets/" + number + "/act", "csrf=" + csrf + "&action=forward&department=x");
  EXPECT_EQ(retried.status, 303) << "the session outlived the store's hiccup";
}

}  // namespace
}  // namespace complaint::testing
