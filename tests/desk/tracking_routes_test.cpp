// The tracking page's routes in one process (Router + real SQLite stores): what the page
// shows and never shows, the language choice, identical 404s in equal time, the rate
// limit, and the rating form (CSRF, bad input changes nothing, a good one is an event).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>

#include "desk/routes/routes.h"
#include "desk/web_forms.h"
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

using desk::DeskRequest;
using desk::DeskResponse;

constexpr const char* kContent = "柜员态度冷漠，排队四十分钟无人解释。";
constexpr const char* kAnswer = "我们已向您当面致歉，并已对柜员进行服务培训。";

class TrackingRoutesTest : public ::testing::Test {
 protected:
  TrackingRoutesTest() : m_clock(Instant{std::chrono::seconds{1795680000}}) {}

  // Both limits off unless given: most tests look the page up many times.
  void start(int rate_per_minute = 0, int burst = 20, int failures_per_minute = 0, int failure_burst = 10) {
    m_desk = std::make_unique<DeskSide>(m_dir.file("desk.db"), m_clock);
    m_desk->config.site.hotline = "95588";
    m_desk->config.site.logo = m_logo;
    m_settings.tracking_rate_per_minute = rate_per_minute;
    m_settings.tracking_burst = burst;
    m_settings.tracking_failures_per_minute = failures_per_minute;
    m_settings.tracking_failure_burst = failure_burst;
    m_resources = std::move(desk::DeskResources::load(m_desk->config, *m_desk->tickets, m_clock)).value();
    m_context = std::make_unique<desk::DeskContext>(desk::DeskContext{
        m_desk->config, m_settings, *m_desk->tickets, *m_desk->store, *m_desk->state, m_desk->signer, m_clock,
        *m_resources, [](std::string_view line) { std::cerr << line << "\n"; }});
    desk::add_tracking_routes(m_router, *m_context);
    TicketDraft draft;
    draft.kind = m_kind;
    draft.channel = "walk_in";
    draft.category = m_kind == "inquiry" ? "service_quality" : "service_attitude";
    draft.content = kContent;
    draft.customer_name = "张三丰";
    draft.phone = "13800138000";
    FilingContext filing{"前台王五", Role::intake_clerk};
    m_ticket = must(m_desk->staff->file(draft, filing));
  }

  DeskResponse get(const std::string& path_and_query, const std::string& accept_language = "",
                   const std::string& address = "192.0.2.1") {
    DeskRequest request;
    request.http.method = "GET";
    const std::size_t question = path_and_query.find('?');
    request.http.path = path_and_query.substr(0, question);
    if (question != std::string::npos) {
      for (const auto& [name, value] : desk::parse_form(path_and_query.substr(question + 1))) {
        request.query.emplace(name, value);
      }
    }
    if (!accept_language.empty()) request.http.headers.emplace_back("Accept-Language", accept_language);
    request.remote_address = address;
    return m_router.dispatch(request);
  }

  DeskResponse post_rating(const std::string& body,
                           std::vector<std::pair<std::string, std::string>> headers = {}) {
    DeskRequest request;
    request.http.method = "POST";
    request.http.path = "/t/" + m_ticket.number + "/rating";
    request.http.body = body;
    request.http.headers = std::move(headers);
    request.http.headers.emplace_back("Host", "desk.example");
    request.remote_address = "192.0.2.1";
    return m_router.dispatch(request);
  }

  std::string page_path() const { return "/t/" + m_ticket.number + "?k=" + m_ticket.tracking_token; }

  void act(Action action, Role role, std::function<void(ActionRequest&)> fill = {}) {
    ActionRequest request;
    request.action = action;
    request.role = role;
    request.actor = "经办人李四";
    request.at = m_clock.now();
    if (fill) fill(request);
    m_ticket = must(m_desk->staff->act(m_ticket.number, request));
  }

  void reply() {
    m_clock.advance(std::chrono::minutes(30));
    act(Action::forward, Role::dispatcher, [](ActionRequest& r) { r.department = "营业部"; });
    m_clock.advance(std::chrono::hours(2));
    act(Action::contact, Role::handler);
    act(Action::record, Role::handler, [](ActionRequest& r) {
      r.verification = "属实";
      r.handling_opinion = "致歉";
      r.handling_result = "已当面致歉并培训柜员";
    });
    m_clock.advance(std::chrono::hours(20));
    act(Action::reply, Role::handler, [](ActionRequest& r) { r.customer_answer = kAnswer; });
  }

  std::string csrf_of(const std::string& html) {
    std::smatch match;
    const std::regex field("name=\"csrf\" value=\"([^\"]+)\"");
    if (!std::regex_search(html, match, field)) {
      ADD_FAILURE() << "no csrf field in the page";
      return {};
    }
    return match[1];
  }

  std::string form(const std::string& csrf, const std::string& rating, const std::string& comment = "",
                   const std::string& lang = "zh-CN") {
    return "k=" + desk::url_encode(m_ticket.tracking_token) + "&csrf=" + desk::url_encode(csrf) +
           "&lang=" + lang + "&rating=" + rating + "&comment=" + desk::url_encode(comment);
  }

  Ticket stored() {
    const std::optional<Ticket> found = must(m_desk->tickets->find(m_ticket.number));
    EXPECT_TRUE(found.has_value());
    return found.value_or(Ticket{});
  }
  std::size_t event_count() { return must(m_desk->tickets->events(m_ticket.number)).size(); }

  std::string m_kind = "complaint";  // what start() files
  TempDir m_dir;
  std::string m_logo;
  FixedClock m_clock;
  std::unique_ptr<DeskSide> m_desk;
  DeskConfig m_settings;
  std::unique_ptr<desk::DeskResources> m_resources;
  std::unique_ptr<desk::DeskContext> m_context;
  desk::Router m_router;
  Ticket m_ticket;
};

TEST_F(TrackingRoutesTest, ShowsTheProgressButNeverTheComplaintTextOrStaffNames) {
  start();
  reply();
  const DeskResponse page = get(page_path());
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  for (const char* shown :
       {"投诉办理进度", "已答复您", "收到", "转交负责部门", "调查处理", "回访", "办结", "营业部", "张**",
        "138****8000", "tel:95588", "按时完成", "name=\"rating\"", "客户服务中心", "服务态度", kAnswer}) {
    EXPECT_NE(page.body.find(shown), std::string::npos) << "missing " << shown;
  }
  // Who it is from and the hotline come first; the answer comes before the question.
  EXPECT_LT(page.body.find("客户服务中心"), page.body.find("id=\"summary\""));
  EXPECT_LT(page.body.find("tel:95588"), page.body.find("id=\"summary\""));
  EXPECT_LT(page.body.find(kAnswer), page.body.find("name=\"rating\""));
  EXPECT_NE(page.body.find(m_ticket.number), std::string::npos);
  for (const char* hidden :
       {kContent, "张三丰", "13800138000", "经办人李四", "前台王五", "已当面致歉", "属实"}) {
    EXPECT_EQ(page.body.find(hidden), std::string::npos) << "leaks " << hidden;
  }
  EXPECT_EQ(page.body.find("<script"), std::string::npos);
  EXPECT_EQ(page.body.find("http://"), std::string::npos) << "no external assets";
  EXPECT_EQ(page.body.find("https://"), std::string::npos) << "no external assets";
  const auto header = [&page](const std::string& name) {
    for (const auto& [key, value] : page.headers)
      if (key == name) return value;
    return std::string();
  };
  EXPECT_EQ(header("Cache-Control"), "no-store");
  EXPECT_EQ(header("Referrer-Policy"), "same-origin");
  EXPECT_NE(header("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
}

TEST_F(TrackingRoutesTest, TheAnswerForTheCustomerGoesWithAReopening) {
  start();
  EXPECT_EQ(get(page_path()).body.find("id=\"answer\""), std::string::npos) << "no answer before the reply";
  reply();
  EXPECT_NE(get(page_path()).body.find(kAnswer), std::string::npos);
  act(Action::reopen, Role::supervisor, [](ActionRequest& r) { r.note = "客户不满意"; });
  const std::string reopened = get(page_path()).body;
  EXPECT_EQ(reopened.find(kAnswer), std::string::npos) << "a reopened ticket's answer is stale";
  EXPECT_EQ(reopened.find("id=\"answer\""), std::string::npos);
}

TEST_F(TrackingRoutesTest, ShowsTheOrganisationsLogoAsAnImageOfThePageItself) {
  m_logo = std::string(SOURCE_DIR) + "/tests/desk/data/logo.png";
  start();
  const DeskResponse page = get(page_path());
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("<img id=\"logo\" src=\"data:image/png;base64,iVBORw0KGgo"), std::string::npos);
}

// The page names the kind and words its promise as the kiosk and the receipt do (deadline_text,
// on the desk's clock: Thu 26 Nov 2026 16:00); an inquiry shows one answer deadline, not two.
TEST_F(TrackingRoutesTest, AnInquiryNamesItsKindAndPromisesOneAnswer) {
  m_kind = "inquiry";
  start();
  ASSERT_TRUE(m_ticket.deadlines.answer_by && m_ticket.deadlines.resolve_by);
  const std::string zh = get(page_path(), "zh-CN").body;
  for (const char* shown : {"<h1>咨询办理进度</h1>", "data-kind=\"inquiry\">咨询</b>", "服务质量",
                            "data-clock=\"answer_by\"", "时限 明天 16:00 前", "还有1天"}) {
    EXPECT_NE(zh.find(shown), std::string::npos) << "missing " << shown << "\n" << zh;
  }
  EXPECT_EQ(zh.find("data-clock=\"resolve_by\""), std::string::npos) << "a second answer deadline";
  EXPECT_EQ(zh.find("投诉办理进度"), std::string::npos);
  const std::string en = get(page_path(), "en").body;
  for (const char* shown :
       {"<h1>Inquiry progress</h1>", ">Inquiry</b>", "Due tomorrow by 16:00", "1 day left"}) {
    EXPECT_NE(en.find(shown), std::string::npos) << "missing " << shown << "\n" << en;
  }
  // Two days on, the answer is overdue: the badge says so, no time left is shown.
  m_clock.advance(std::chrono::hours{48});
  const std::string later = get(page_path(), "zh-CN").body;
  EXPECT_NE(later.find("时限 11月27日（周五）16:00 前"), std::string::npos) << later;
  EXPECT_NE(later.find("data-outcome=\"overdue\""), std::string::npos) << later;
  EXPECT_EQ(later.find("class=\"left\""), std::string::npos) << later;
}

TEST_F(TrackingRoutesTest, FollowsThePhonesLanguageAndTheOverride) {
  start();
  EXPECT_NE(get(page_path(), "en-US,en;q=0.9").body.find("Complaint progress"), std::string::npos);
  EXPECT_NE(get(page_path(), "en-US,en;q=0.9").body.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(get(page_path(), "fr-FR, en;q=0.3, zh-CN;q=0.8").body.find("<html lang=\"zh-CN\""),
            std::string::npos);
  EXPECT_NE(get(page_path(), "de").body.find("<html lang=\"zh-CN\""), std::string::npos);
  EXPECT_NE(get(page_path() + "&lang=en", "zh-CN").body.find("Received"), std::string::npos);
  EXPECT_NE(get("/t/NOPE?k=x", "en").body.find("Not found"), std::string::npos);
}

TEST_F(TrackingRoutesTest, EveryLookupFailureIsTheSame404) {
  start();
  const DeskResponse wrong_token = get("/t/" + m_ticket.number + "?k=AAAAAAAAAAAAAAAAAAAAAAAA");
  EXPECT_EQ(wrong_token.status, 404);
  EXPECT_NE(wrong_token.body.find("未找到"), std::string::npos);
  std::string forged = m_ticket.tracking_token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  for (const std::string& path : std::vector<std::string>{
           "/t/" + m_ticket.number + "?k=" + forged, "/t/" + m_ticket.number,
           "/t/WH01-K1-20261120-9999-0?k=" + m_ticket.tracking_token, "/t/not-a-number?k=x",
           "/t/" + m_ticket.number + "?k=" + m_ticket.tracking_token + "x"}) {
    const DeskResponse response = get(path);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(response.body, wrong_token.body) << path;
    EXPECT_EQ(response.headers, wrong_token.headers) << path;
  }
}

// Median handling time of `path`, interleaved with the other path so drift hits both.
TEST_F(TrackingRoutesTest, AWrongTokenTakesAsLongAsAnUnknownNumber) {
#if defined(__SANITIZE_ADDRESS__)
  // ASan's instrumentation weighs code paths unlike the product (a found row's decoding costs
  // it 13 % more here since 2026-12-04); the timing is asserted in the plain build.
  GTEST_SKIP() << "timing comparison not meaningful under AddressSanitizer; checked by the plain build";
#endif
  start();
  get(page_path());  // as after any real visit
  const std::string wrong = "/t/" + m_ticket.number + "?k=AAAAAAAAAAAAAAAAAAAAAAAA";
  const std::string unknown = "/t/WH01-K1-20261120-9999-0?k=" + m_ticket.tracking_token;
  std::vector<double> wrong_us;
  std::vector<double> unknown_us;
  const auto time = [this](const std::string& path) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(get(path).status, 404);
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  };
  for (int i = 0; i < 600; ++i) {
    wrong_us.push_back(time(wrong));
    unknown_us.push_back(time(unknown));
  }
  const auto median = [](std::vector<double> values) {
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
  };
  const double a = median(wrong_us);
  const double b = median(unknown_us);
  // Equal work: the medians differ by noise only. Reading a found row costs more than a
  // miss (7.6 µs against 3.7 µs here), which this bound catches: without the decoy
  // look-up in tracking_routes.cpp this test fails.
  std::cout << "[ info     ] median 404: wrong token " << a << " µs, unknown number " << b << " µs"
            << std::endl;
  EXPECT_LE(std::abs(a - b), 0.06 * std::max(a, b) + 1.0)
      << "wrong token " << a << " µs, unknown " << b << " µs";
}

TEST_F(TrackingRoutesTest, EachAddressIsRateLimited) {
  start(/*rate_per_minute=*/60, /*burst=*/5);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(get(page_path()).status, 200) << i;
  const DeskResponse limited = get(page_path());
  EXPECT_EQ(limited.status, 429);
  EXPECT_NE(limited.body.find("请求过于频繁"), std::string::npos);
  EXPECT_NE(std::find(limited.headers.begin(), limited.headers.end(),
                      std::pair<std::string, std::string>{"Retry-After", "1"}),
            limited.headers.end());
  EXPECT_EQ(get("/t/NOPE?k=x").status, 429) << "misses count too";
  EXPECT_EQ(get(page_path(), "", "192.0.2.2").status, 200) << "another address has its own bucket";
}

// A carrier's NAT puts many phones behind one address. Failed look-ups from it are limited
// strictly (a guesser), successful ones loosely: every customer behind it still loads their
// own page, interleaved with a guesser who gets 429 and a page saying why, in both languages.
TEST_F(TrackingRoutesTest, CustomersBehindOneAddressLoadTheirPagesWhileAGuesserIsRefused) {
  start(/*rate_per_minute=*/120, /*burst=*/100, /*failures_per_minute=*/1, /*failure_burst=*/5);
  std::vector<Ticket> customers{m_ticket};
  for (int i = 0; i < 30; ++i) {
    TicketDraft draft;
    draft.kind = m_kind;
    draft.channel = "walk_in";
    draft.category = m_kind == "inquiry" ? "service_quality" : "service_attitude";
    draft.content = "排队时间过长 #" + std::to_string(i);
    draft.anonymous = true;
    customers.push_back(must(m_desk->staff->file(draft, FilingContext{"前台王五", Role::intake_clerk})));
  }
  const std::string carrier = "198.51.100.7";
  int guess = 0;
  const auto guess_path = [&guess] {
    return "/t/WH01-K1-20261120-" + std::to_string(1000 + guess++) + "-0?k=AAAAAAAAAAAAAAAAAAAAAAAA";
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(get(guess_path(), "", carrier).status, 404) << "guess " << i;
  const DeskResponse refused = get(guess_path(), "zh-CN", carrier);
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.body.find("无效查询过多"), std::string::npos) << refused.body;
  EXPECT_NE(std::find(refused.headers.begin(), refused.headers.end(),
                      std::pair<std::string, std::string>{"Retry-After", "60"}),
            refused.headers.end());
  const DeskResponse refused_en = get(guess_path(), "en", carrier);
  EXPECT_EQ(refused_en.status, 429);
  EXPECT_NE(refused_en.body.find("Too many wrong look-ups"), std::string::npos) << refused_en.body;

  for (const Ticket& customer : customers) {
    const DeskResponse page = get("/t/" + customer.number + "?k=" + customer.tracking_token, "", carrier);
    EXPECT_EQ(page.status, 200) << customer.number;
    EXPECT_NE(page.body.find(customer.number), std::string::npos) << customer.number;
    EXPECT_EQ(get(guess_path(), "", carrier).status, 429) << "the guesser, between customers";
  }
  EXPECT_EQ(get(guess_path(), "", "192.0.2.2").status, 404) << "another address has its own failures";
}

// The customer's rating is its own event: satisfaction and comment recorded, the ticket left
// waiting for the staff callback (docs/DOMAIN.md §2), once a round.
TEST_F(TrackingRoutesTest, TheRatingIsTheCustomersOwnEventAndLeavesTheCallbackToStaff) {
  start();
  const DeskResponse before = get(page_path());
  EXPECT_EQ(before.body.find("name=\"rating\""), std::string::npos) << "no rating before the reply";
  reply();
  const DeskResponse page = get(page_path());
  const std::size_t events = event_count();
  const DeskResponse posted =
      post_rating(form(csrf_of(page.body), "basically_satisfied", "  态度好多了\n谢谢  "),
                  {{"Origin", "http://desk.example"}, {"Sec-Fetch-Site", "same-origin"}});
  ASSERT_EQ(posted.status, 303) << posted.body;
  const Ticket rated = stored();
  EXPECT_EQ(rated.status, Status::replied) << "the rating is not the callback";
  EXPECT_EQ(rated.satisfaction, Satisfaction::none);
  EXPECT_TRUE(rated.callback_note.empty());
  const std::vector<TicketEvent> trail = must(m_desk->tickets->events(m_ticket.number));
  ASSERT_EQ(trail.size(), events + 1);
  EXPECT_EQ(trail.back().action, "customer_rating");
  EXPECT_EQ(trail.back().role, "customer");
  EXPECT_EQ(trail.back().from, Status::replied);
  EXPECT_EQ(trail.back().to, Status::replied);
  EXPECT_EQ(nlohmann::json::parse(trail.back().data_json),
            (nlohmann::json{{"satisfaction", "basically_satisfied"}, {"comment", "态度好多了\n谢谢"}}));

  std::string location;
  for (const auto& [name, value] : posted.headers)
    if (name == "Location") location = value;
  ASSERT_FALSE(location.empty());
  const DeskResponse after = get(location);
  EXPECT_EQ(after.status, 200);
  EXPECT_NE(after.body.find("感谢您的评价"), std::string::npos);
  EXPECT_NE(after.body.find("您的评价：基本满意"), std::string::npos);
  EXPECT_EQ(after.body.find("name=\"rating\""), std::string::npos);

  // A second rating this round (a replayed form) changes nothing.
  const DeskResponse again = post_rating(form(csrf_of(page.body), "dissatisfied"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(event_count(), events + 1);

  // The staff still call back, in their window, and that is what moves the ticket on.
  ActionRequest callback;
  callback.action = Action::callback;
  callback.role = Role::dispatcher;
  callback.actor = "调度员";
  callback.satisfaction = Satisfaction::satisfied;
  callback.at = m_clock.now();
  EXPECT_EQ(m_desk->staff->act(m_ticket.number, callback).error().key, "error.workflow.callback_too_early");
  m_clock.advance(std::chrono::hours(24 * 3));
  act(Action::callback, Role::dispatcher, [](ActionRequest& r) { r.satisfaction = Satisfaction::satisfied; });
  EXPECT_EQ(stored().status, Status::called_back);
  EXPECT_EQ(stored().satisfaction, Satisfaction::satisfied);
}

// Where the deployment lets the customer's rating stand for the callback, it does so.
TEST_F(TrackingRoutesTest, WithThePolicyTheRatingStandsForTheCallback) {
  start();
  m_desk->config.deadlines.customer_rating_suffices = true;
  reply();
  const DeskResponse page = get(page_path());
  const DeskResponse posted = post_rating(form(csrf_of(page.body), "satisfied", "谢谢"));
  ASSERT_EQ(posted.status, 303) << posted.body;
  EXPECT_EQ(stored().status, Status::called_back);
  EXPECT_EQ(stored().satisfaction, Satisfaction::satisfied);
  EXPECT_EQ(must(m_desk->tickets->events(m_ticket.number)).back().action, "customer_rating");
}

TEST_F(TrackingRoutesTest, BadRatingsGetAClearErrorAndChangeNothing) {
  start();
  reply();
  const std::string csrf = csrf_of(get(page_path()).body);
  const std::size_t events = event_count();
  struct Case {
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    int status;
    std::string message;
  };
  const std::vector<Case> cases = {
      {form(csrf, ""), {}, 400, "请选择满意、基本满意或不满意。"},
      {form(csrf, "", "", "en"), {}, 400, "Please choose satisfied, basically satisfied or dissatisfied."},
      {form(csrf, "very_happy"), {}, 400, "请选择满意"},
      {form(csrf, "satisfied", std::string(501, 'x')), {}, 400, "补充意见最多 500 个字"},
      {form(csrf, "satisfied", "ok\xff\xfe"), {}, 400, "无法识别的字符"},
      {form("123.abc", "satisfied"), {}, 403, "页面已过期"},
      {form("", "satisfied"), {}, 403, "页面已过期"},
      {form(csrf, "satisfied"), {{"Origin", "https://evil.example"}}, 403, "页面已过期"},
      {form(csrf, "satisfied"), {{"Origin", "null"}}, 403, "页面已过期"},
      {form(csrf, "satisfied"), {{"Sec-Fetch-Site", "cross-site"}}, 403, "页面已过期"},
  };
  for (const Case& c : cases) {
    const DeskResponse response = post_rating(c.body, c.headers);
    EXPECT_EQ(response.status, c.status) << c.body;
    EXPECT_NE(response.body.find(c.message), std::string::npos) << c.body << "\n" << response.body;
    EXPECT_NE(response.body.find("name=\"rating\""), std::string::npos) << "the form is shown again";
  }
  // A wrong token is the lookup failure, not a form error.
  std::string forged = form(csrf, "satisfied");
  forged.replace(forged.find(m_ticket.tracking_token), 3, "AAA");
  EXPECT_EQ(post_rating(forged).status, 404);
  // An expired form.
  m_clock.advance(std::chrono::hours(25));
  EXPECT_EQ(post_rating(form(csrf, "satisfied")).status, 403);

  EXPECT_EQ(stored().status, Status::replied);
  EXPECT_EQ(stored().satisfaction, Satisfaction::none);
  EXPECT_EQ(event_count(), events);
  // The choice and comment survive a refusal so the customer need not type again.
  const DeskResponse kept = post_rating(form(csrf_of(get(page_path()).body), "", "<b>保留</b>"));
  EXPECT_NE(kept.body.find("&lt;b&gt;保留&lt;/b&gt;"), std::string::npos);
}

}  // namespace
}  // namespace complaint::testing
