// DeskRepository::search on SQLite and PostgreSQL (desk_store_fixture.h): by number with or
// without hyphens, whole phone or its last four digits, the start of a name, words of two
// characters and more (the FTS5 trigram table of character pairs on SQLite, the bigram GIN
// index on PostgreSQL), a date range and the state, archived and withdrawn tickets included;
// the account's scope and confidential categories in the query; paging and counts; the text
// index following a changed text; the upgrades from desk schemas 10 and 13; many
// matches paged along the filing time; parse_search's refusals.
#include <algorithm>

#include "core/desk_state/departments.h"
#include "core/store/sqlite_desk_store.h"
#include "core/sync/ticket_search.h"
#include "desk/console_pages.h"
#include "desk/desk_config.h"
#include "desk/routes/routes.h"
#include "desk/web_forms.h"
#include "desk_store_fixture.h"

namespace complaint::testing {
namespace {

using std::chrono::hours;

class DeskSearchStoreTest : public DeskStoreFixture {
 protected:
  struct Filed {
    std::string content, name, phone, category = "service_quality";
    hours age{1};
    std::vector<Action> actions = {};
    std::string department = "营业部";
  };

  std::string file(const Filed& f) {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "walk_in";
    draft.category = f.category;
    draft.content = f.content;
    draft.anonymous = f.name.empty();
    draft.customer_name = f.name;
    draft.phone = f.phone;
    draft.filed_at = kNow - f.age;
    const Ticket ticket = must(staff->file(draft, FilingContext{"clerk", Role::intake_clerk}));
    for (const Action action : f.actions) {
      ActionRequest request;
      request.action = action;
      request.role = Role::supervisor;
      request.actor = "sam";
      request.at = kNow - f.age + std::chrono::minutes(5);
      request.department = f.department;
      request.handling_result = "done";
      request.satisfaction = Satisfaction::satisfied;
      request.verification = "ok";
      request.handling_opinion = "ok";
      if (action == Action::withdraw) request.voluntary = true;
      if (action == Action::callback) request.at = in_callback_window(ticket.number, request.at);
      must(staff->act(ticket.number, request));
    }
    return ticket.number;
  }

  void fill() {
    a = file({"营业厅空调坏了，等候区很热", "李雷", "13800138001", "service_quality", hours(240)});
    b = file(
        {"柜员态度冷漠，排队四十分钟无人解释。",
         "韩梅梅",
         "13900139002",
         "service_attitude",
         hours(48),
         {Action::forward, Action::contact, Action::reply, Action::callback, Action::record, Action::archive},
         "信贷部"});
    c = file({"ATM吞卡，客服电话打不通",
              "李四",
              "13700008001",
              "system_failure",
              hours(1),
              {Action::forward, Action::withdraw},
              "客服部"});
    d = file({"理财产品收益与宣传不符", "", "", "product", hours(5), {Action::forward}});
    e = file(
        {"有人冒用他人身份办理贷款", "王五", "13600136000", "financial_crime", hours(2)});  // confidential
  }

  std::vector<std::string> found(TicketSearch search) {
    const TicketSearchPage page = must(desk->search(search));
    std::vector<std::string> numbers;
    for (const Ticket& ticket : page.tickets) numbers.push_back(ticket.number);
    EXPECT_EQ(page.total, static_cast<std::int64_t>(numbers.size()));
    return numbers;
  }
  std::vector<std::string> found(const SearchInput& input) { return found(must(parse_search(input, zone))); }

  static std::string without_hyphens(std::string number) {
    std::erase(number, '-');
    return number;
  }

  TimeZone zone = must(TimeZone::load("Asia/Shanghai"));
  std::string a, b, c, d, e;
  using Numbers = std::vector<std::string>;
};

TEST_P(DeskSearchStoreTest, FindsByNumberWithOrWithoutHyphens) {
  fill();
  EXPECT_EQ(found(SearchInput{.number = a}), Numbers{a});
  EXPECT_EQ(found(SearchInput{.number = without_hyphens(a)}), Numbers{a});
  std::string lower = a;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char ch) { return std::tolower(ch); });
  EXPECT_EQ(found(SearchInput{.number = lower}), Numbers{a});
  // The start of a number: every ticket of the day's site and kiosk, newest filing first.
  EXPECT_EQ(found(SearchInput{.number = a.substr(0, 7)}), (Numbers{c, e, d, b, a}));
  EXPECT_EQ(found(SearchInput{.number = "ZZ99"}), Numbers{});
  EXPECT_EQ(found(SearchInput{.any = without_hyphens(a)}), Numbers{a}) << "the header box";
}

TEST_P(DeskSearchStoreTest, FindsByWholePhoneOrItsLastFourDigits) {
  fill();
  EXPECT_EQ(found(SearchInput{.phone = "13800138001"}), Numbers{a});
  EXPECT_EQ(found(SearchInput{.phone = "8001"}), (Numbers{c, a}));
  EXPECT_EQ(found(SearchInput{.any = "8001"}), (Numbers{c, a}));
  EXPECT_EQ(found(SearchInput{.phone = "138 0013 8001"}), Numbers{a});
  EXPECT_EQ(found(SearchInput{.phone = "9999"}), Numbers{});
}

TEST_P(DeskSearchStoreTest, FindsByTheStartOfAName) {
  fill();
  EXPECT_EQ(found(SearchInput{.name = "李"}), (Numbers{c, a}));
  EXPECT_EQ(found(SearchInput{.name = "李雷"}), Numbers{a});
  EXPECT_EQ(found(SearchInput{.name = "雷"}), Numbers{});
  EXPECT_EQ(found(SearchInput{.name = "%"}), Numbers{}) << "LIKE's wildcard is a character";
}

TEST_P(DeskSearchStoreTest, FindsWordsOfTwoCharactersAndMore) {
  fill();
  EXPECT_EQ(found(SearchInput{.words = "空调"}), Numbers{a});
  EXPECT_EQ(found(SearchInput{.words = "等候区"}), Numbers{a});
  EXPECT_EQ(found(SearchInput{.words = "很热"}), Numbers{a}) << "two characters at the end of the text";
  EXPECT_EQ(found(SearchInput{.words = "不符"}), Numbers{d}) << "two characters at the end of the text";
  EXPECT_EQ(found(SearchInput{.words = "atm"}), Numbers{c}) << "Latin letters in any case";
  EXPECT_EQ(found(SearchInput{.words = "态度 排队"}), Numbers{b}) << "every word";
  EXPECT_EQ(found(SearchInput{.words = "空调　排队"}), Numbers{}) << "an ideographic space splits too";
  EXPECT_EQ(found(SearchInput{.words = "调坏了"}), Numbers{a});
  EXPECT_EQ(found(SearchInput{.words = "空坏"}), Numbers{}) << "characters of the text, not in that order";
  EXPECT_EQ(found(SearchInput{.words = "宣传不符合"}), Numbers{});
  EXPECT_EQ(found(SearchInput{.words = "50%"}), Numbers{}) << "LIKE's wildcard is a character";
  EXPECT_EQ(found(SearchInput{.words = "\"空调"}), Numbers{}) << "a quote is a character, not FTS5 syntax";
  EXPECT_EQ(found(SearchInput{.words = "空调\""}), Numbers{});
  EXPECT_EQ(found(SearchInput{.any = "空调"}), Numbers{a}) << "the header box";
}

TEST_P(DeskSearchStoreTest, DatesAndStatesNarrowArchivedAndWithdrawnIncluded) {
  fill();
  // kNow is 2026-11-23 (Beijing); a is ten days old, b two days.
  EXPECT_EQ(found(SearchInput{.state = "archived"}), Numbers{b});
  EXPECT_EQ(found(SearchInput{.state = "withdrawn"}), Numbers{c});
  EXPECT_EQ(found(SearchInput{.state = "open"}), (Numbers{e, d, a}));
  EXPECT_EQ(found(SearchInput{.words = "态度"}), Numbers{b}) << "archived tickets are searched";
  const auto day = [this](hours age) {
    return format_local_date(std::chrono::floor<std::chrono::days>(zone.to_local(kNow - age)));
  };
  EXPECT_EQ(found(SearchInput{.from = day(hours(240)), .to = day(hours(240))}), Numbers{a});
  EXPECT_EQ(found(SearchInput{.from = day(hours(48))}).size(), 4U);
  EXPECT_EQ(found(SearchInput{.to = day(hours(48))}).back(), a);
}

TEST_P(DeskSearchStoreTest, TheScopeIsPartOfTheQuery) {
  fill();
  TicketSearch search;
  search.departments_in = std::vector<std::string>{"营业部"};
  EXPECT_EQ(found(search), Numbers{d}) << "only the department's forwarded tickets";
  search.departments_in = std::vector<std::string>{"营业部", "信贷部"};
  EXPECT_EQ(found(search), (Numbers{d, b}));
  search.departments_in = std::vector<std::string>{};
  EXPECT_EQ(found(search), Numbers{}) << "an account without departments sees nothing";
  TicketSearch hidden;
  hidden.hidden_categories = {"financial_crime"};
  hidden.hidden_kinds = {"report"};
  EXPECT_EQ(found(hidden), (Numbers{c, d, b, a})) << "a confidential category is neither listed nor counted";
  hidden.words = {"冒用"};
  EXPECT_EQ(found(hidden), Numbers{});
}

TEST_P(DeskSearchStoreTest, PagesAndCounts) {
  fill();
  TicketSearch search;
  search.limit = 2;
  TicketSearchPage page = must(desk->search(search));
  EXPECT_EQ(page.total, 5);
  ASSERT_EQ(page.tickets.size(), 2U);
  EXPECT_EQ(page.tickets[0].number, c);
  search.offset = 4;
  page = must(desk->search(search));
  EXPECT_EQ(page.total, 5);
  ASSERT_EQ(page.tickets.size(), 1U);
  EXPECT_EQ(page.tickets[0].number, a);
  search.offset = 10;
  EXPECT_TRUE(must(desk->search(search)).tickets.empty());
}

// A search counts up to kSearchCountCap matches and says "more" beyond; past the cap a store
// finds its page along the filing time, testing the words on each row
// (search_walks_filing_order): the same tickets in the same order as reading every match, and
// pages go on past the cap.
TEST_P(DeskSearchStoreTest, ManyMatchesAreCountedToTheCapAndPagedNewestFirstAlongTheFilingTime) {
  fill();
  const int many = static_cast<int>(kSearchCountCap) + 2;
  std::vector<std::string> filed;  // oldest first
  const auto file_nth = [&](int i) {
    // The oldest has no 取号; of the others every third has the word in its second word's
    // place, so a LIKE on the whole text is needed.
    const std::string content = i == 0  ? "大堂 叫号机没纸"
                                : i % 3 ? "取号机坏了" + std::to_string(i)
                                        : "大堂 取号机没纸";
    filed.push_back(file({content, "", "", "service_quality", hours(many + 300 - i)}));
  };
  for (int i = 0; i + 1 < many; ++i) file_nth(i);
  TicketSearch at_cap = must(parse_search(SearchInput{.words = "取号"}, zone));
  TicketSearchPage page = must(desk->search(at_cap));
  EXPECT_EQ(page.total, kSearchCountCap) << "exactly the cap is still an exact count";
  EXPECT_FALSE(page.more);
  file_nth(many - 1);

  for (const std::string& words : {std::string("取号"), std::string("取号机")}) {
    SCOPED_TRACE(words);
    TicketSearch search = must(parse_search(SearchInput{.words = words}, zone));
    search.limit = 3;
    page = must(desk->search(search));
    EXPECT_EQ(page.total, kSearchCountCap);
    EXPECT_TRUE(page.more);
    ASSERT_EQ(page.tickets.size(), 3U);
    EXPECT_EQ(page.tickets[0].number, filed[many - 1]);
    EXPECT_EQ(page.tickets[2].number, filed[many - 3]);
    EXPECT_TRUE(page.has_after(0, 3));
    search.offset = many - 3;  // past the cap: the last two of the many - 1 matches
    page = must(desk->search(search));
    EXPECT_TRUE(page.more);
    ASSERT_EQ(page.tickets.size(), 2U);
    EXPECT_EQ(page.tickets[0].number, filed[2]);
    EXPECT_EQ(page.tickets[1].number, filed[1]) << "the oldest, without the word, is not among them";
    EXPECT_FALSE(page.has_after(search.offset, 3));
    search.offset = many;
    EXPECT_TRUE(must(desk->search(search)).tickets.empty());
    // A walk through fewer tickets than the page needs: every match is read instead.
    search.walk_rows = 10;
    search.offset = 0;
    EXPECT_EQ(must(desk->search(search)).tickets[2].number, filed[many - 3])
        << "the walk fills the first page";
    search.offset = many - 3;
    page = must(desk->search(search));
    ASSERT_EQ(page.tickets.size(), 2U);
    EXPECT_EQ(page.tickets[0].number, filed[2]);
    EXPECT_EQ(page.tickets[1].number, filed[1]);
  }
  TicketSearch both = must(parse_search(SearchInput{.words = "取号 大堂"}, zone));
  page = must(desk->search(both));
  EXPECT_EQ(page.total, (many - 1) / 3);
  EXPECT_FALSE(page.more);
  EXPECT_EQ(found(SearchInput{.words = "空调"}), Numbers{a}) << "a rare word still by its matches";
}

// The text index follows the text: retention's rewrite (or any change) forgets the old words.
TEST_P(DeskSearchStoreTest, AChangedTextIsFoundByItsNewWordsOnly) {
  fill();
  ASSERT_TRUE(raw_sql("UPDATE tickets SET content = '[anonymised]' WHERE number = '" + a + "'"));
  EXPECT_EQ(found(SearchInput{.words = "空调"}), Numbers{});
  EXPECT_EQ(found(SearchInput{.words = "anonymised"}), Numbers{a});
  EXPECT_EQ(found(SearchInput{.words = "ym"}), Numbers{a});
}

// A desk of schema 10 (before the search) gets the indexes and the text of its tickets.
TEST_P(DeskSearchStoreTest, AnOlderDeskIndexesTheTicketsItHolds) {
  fill();
  if (GetParam() == StoreKind::sqlite) {
    ASSERT_TRUE(
        raw_sql(desk_search_before() + "UPDATE schema_extensions SET version = 10 WHERE name = 'desk';"));
  } else {
    ASSERT_TRUE(raw_sql("DROP INDEX tickets_by_text_bigrams; DROP FUNCTION desk_text_bigrams(text);" +
                        older_release()));
  }
  reopen();
  EXPECT_EQ(found(SearchInput{.words = "空调"}), Numbers{a});
  EXPECT_EQ(found(SearchInput{.words = "等候区"}), Numbers{a});
  if (GetParam() == StoreKind::sqlite) {
    EXPECT_EQ(raw_query("SELECT version FROM schema_extensions WHERE name = 'desk'"),
              std::to_string(SqliteDeskStore::latest_desk_schema_version()));
  }
}

// A desk of schema 13 (the plain trigram index and its fts5vocab table) gets the index of
// character pairs, rebuilt from its tickets, and its triggers.
TEST_P(DeskSearchStoreTest, ADeskOfSchema13RebuildsItsTextIndexByCharacterPairs) {
  if (GetParam() != StoreKind::sqlite) GTEST_SKIP() << "SQLite's text index only";
  fill();
  const std::string text = "content || char(10) || desired_outcome || ' '";
  ASSERT_TRUE(raw_sql(
      "DROP TRIGGER tickets_text_insert; DROP TRIGGER tickets_text_update; DROP TRIGGER tickets_text_delete; "
      "INSERT INTO ticket_text(ticket_text) VALUES ('delete-all'); "
      "CREATE VIRTUAL TABLE ticket_text_terms USING fts5vocab(ticket_text, 'instance'); "
      "INSERT INTO ticket_text(rowid, body) SELECT id, " +
      text +
      " FROM tickets; "
      "CREATE TRIGGER tickets_text_insert AFTER INSERT ON tickets BEGIN "
      "INSERT INTO ticket_text(rowid, body) VALUES (new.id, new.content || char(10) || new.desired_outcome); "
      "END; "
      "CREATE TRIGGER tickets_text_update AFTER UPDATE OF content ON tickets BEGIN SELECT 1; END; "
      "CREATE TRIGGER tickets_text_delete AFTER DELETE ON tickets BEGIN SELECT 1; END; "
      "UPDATE schema_extensions SET version = 13 WHERE name = 'desk';"));
  reopen();
  EXPECT_EQ(raw_query("SELECT version FROM schema_extensions WHERE name = 'desk'"),
            std::to_string(SqliteDeskStore::latest_desk_schema_version()));
  EXPECT_EQ(raw_query("SELECT count(*) FROM sqlite_master WHERE name = 'ticket_text_terms'"), "0");
  EXPECT_EQ(found(SearchInput{.words = "空调"}), Numbers{a});
  EXPECT_EQ(found(SearchInput{.words = "态度 排队"}), Numbers{b});
  // The new triggers keep it: a ticket filed after the upgrade is found.
  const std::string later = file({"取号机没纸", "", "", "service_quality", hours(1)});
  EXPECT_EQ(found(SearchInput{.words = "取号"}), Numbers{later});
}

TEST_P(DeskSearchStoreTest, AFailingStoreIsAnError) {
  fill();
  faulty->script().fail(DeskOperation::search, 0, FailureMode::from_then_on,
                        Error::make(ErrorCode::storage, "disk I/O error"));
  const auto failed = faulty->search(TicketSearch{});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::storage);
}

INSTANTIATE_TEST_SUITE_P(BothStores, DeskSearchStoreTest, kBothStores, store_name);

// GET /console/search through the desk's router and console routes over the same stores,
// signed in as a supervisor, a handler of 营业部 or a dispatcher.
class ConsoleSearchRouteTest : public DeskSearchStoreTest {
 protected:
  void SetUp() override {
    DeskSearchStoreTest::SetUp();
    if (IsSkipped()) return;
    ::setenv("COMPLAINT_ASSETS", SOURCE_DIR "/assets", 1);
    must(desk->add_user(StaffUser{0, "sam", Role::supervisor, "hash", kNow}));
    StaffUser hal{0, "hal", Role::handler, "hash", kNow};
    hal.departments = {"营业部"};
    must(desk->add_user(hal));
    must(desk->add_user(StaffUser{0, "dee", Role::dispatcher, "hash", kNow}));
    DepartmentList departments(*state);
    must(departments.save(Department{"营业部", "营业部", "Business office"}));
    resources = must(desk::DeskResources::load(config, *tickets, clock));
    context = std::make_unique<desk::DeskContext>(desk::DeskContext{
        config, settings, *tickets, *desk, *state, signer, clock, *resources, [](std::string_view) {}});
    context->verify_password = [](std::string_view hash, std::string_view password) {
      return hash == "hash" && password == "right";
    };
    desk::add_all_routes(router, *context);
  }

  desk::DeskResponse get(const std::string& path, const std::string& language = "en") {
    desk::DeskRequest request;
    request.http.method = "GET";
    const std::size_t question = path.find('?');
    request.http.path = path.substr(0, question);
    if (question != std::string::npos) {
      for (const auto& [name, value] : desk::parse_form(path.substr(question + 1)))
        request.query.emplace(name, value);
    }
    request.http.headers = {{"Cookie", cookies}, {"Accept-Language", language}};
    request.remote_address = "127.0.0.1";
    return router.dispatch(request);
  }

  void sign_in(const std::string& name) {
    desk::DeskRequest login;
    login.http.method = "GET";
    login.http.path = "/console/login";
    login.remote_address = "127.0.0.1";
    const std::string token = cookie_of(router.dispatch(login), "desk_login");
    desk::DeskRequest post;
    post.http.method = "POST";
    post.http.path = "/console/login";
    post.http.body = "csrf=" + token + "&name=" + name + "&password=right";
    post.http.headers = {{"Cookie", "desk_login=" + token}};
    post.remote_address = "127.0.0.1";
    const auto signed_in = router.dispatch(post);
    ASSERT_EQ(signed_in.status, 303);
    cookies = "desk_session=" + cookie_of(signed_in, "desk_session");
  }

  static std::string cookie_of(const desk::DeskResponse& response, const std::string& name) {
    for (const auto& [header, value] : response.headers) {
      if (header == "Set-Cookie" && value.rfind(name + "=", 0) == 0)
        return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
    }
    return {};
  }
  static bool has(const desk::DeskResponse& response, const std::string& text) {
    return response.body.find(text) != std::string::npos;
  }
  static bool lists(const desk::DeskResponse& response, const std::string& number) {
    return has(response, "data-number=\"" + number + "\"");
  }

  DeskConfig settings;
  FakeSigner signer;
  std::unique_ptr<desk::DeskResources> resources;
  std::unique_ptr<desk::DeskContext> context;
  desk::Router router;
  std::string cookies;
};

TEST_P(ConsoleSearchRouteTest, TheHeaderBoxFindsArchivedTicketsInEitherLanguage) {
  fill();
  sign_in("sam");
  EXPECT_TRUE(has(get("/console"), "id=\"nav-search\"")) << "every page's header has the box";
  const auto english = get("/console/search?q=" + desk::url_encode("态度"));
  EXPECT_EQ(english.status, 200);
  EXPECT_TRUE(lists(english, b)) << "an archived ticket";
  EXPECT_TRUE(has(english, "Tickets found: 1;"));
  EXPECT_TRUE(has(english, "id=\"nav-search\""));
  const auto chinese = get("/console/search?state=archived", "zh-CN");
  EXPECT_TRUE(lists(chinese, b));
  EXPECT_FALSE(lists(chinese, a));
  EXPECT_TRUE(has(chinese, "共找到 1 件"));
  const auto empty_form = get("/console/search");
  EXPECT_EQ(empty_form.status, 200);
  EXPECT_TRUE(has(empty_form, "id=\"search-form\""));
  EXPECT_FALSE(has(empty_form, "id=\"summary\""));
  EXPECT_TRUE(lists(get("/console/search?words=" + desk::url_encode("冒用")), e))
      << "leaders see confidential";
}

TEST_P(ConsoleSearchRouteTest, AHandlerFindsOnlyTheirDepartmentsTickets) {
  fill();
  sign_in("hal");
  const auto all = get("/console/search?state=any");
  EXPECT_TRUE(lists(all, d));
  for (const std::string& other : {a, b, c, e}) EXPECT_FALSE(lists(all, other)) << other;
  EXPECT_TRUE(has(all, "Tickets found: 1;")) << "nothing outside the scope is counted";
  EXPECT_FALSE(lists(get("/console/search?number=" + b), b)) << "not even by its number";
  EXPECT_FALSE(lists(get("/console/search?phone=8001"), c));
  cookies.clear();
  sign_in("dee");
  const auto dispatcher = get("/console/search?state=any");
  EXPECT_TRUE(lists(dispatcher, a) && lists(dispatcher, b) && lists(dispatcher, c) && lists(dispatcher, d));
  EXPECT_FALSE(lists(dispatcher, e)) << "a confidential category is for leaders";
  EXPECT_FALSE(lists(get("/console/search?words=" + desk::url_encode("冒用")), e));
}

TEST_P(ConsoleSearchRouteTest, BadInputIsA400InTheUsersLanguage) {
  fill();
  sign_in("sam");
  const auto reversed = get("/console/search?from=2026-11-20&to=2026-11-01");
  EXPECT_EQ(reversed.status, 400);
  EXPECT_TRUE(has(reversed, "The search range ends before it starts"));
  EXPECT_TRUE(has(reversed, "value=\"2026-11-20\"")) << "the form keeps what was typed";
  const auto chinese = get("/console/search?from=2026-11-20&to=2026-11-01", "zh-CN");
  EXPECT_EQ(chinese.status, 400);
  EXPECT_TRUE(has(chinese, "查询的结束日期早于开始日期"));
  EXPECT_TRUE(
      has(get("/console/search?words=" + desk::url_encode("热"), "zh-CN"), "每个查询词至少需要 2 个字"));
  EXPECT_EQ(get("/console/search?words=x&page=0").status, 400);
  EXPECT_EQ(get("/console/search?number=WH_1").status, 400);
}

TEST_P(ConsoleSearchRouteTest, ResultsComeAPageAtATime) {
  for (int i = 0; i < desk::k_search_page + 1; ++i)
    file({"第" + std::to_string(i) + "件：网点排队", "赵六", "1350000" + std::to_string(1000 + i),
          "service_quality", hours(1 + i)});
  sign_in("sam");
  const auto first = get("/console/search?words=" + desk::url_encode("排队"));
  EXPECT_TRUE(has(first, "Tickets found: 51; showing 1 to 50."));
  EXPECT_TRUE(has(first, "id=\"page-next\""));
  EXPECT_FALSE(has(first, "id=\"page-previous\""));
  const auto second = get("/console/search?words=" + desk::url_encode("排队") + "&page=2");
  EXPECT_TRUE(has(second, "showing 51 to 51."));
  EXPECT_TRUE(has(second, "id=\"page-previous\""));
  EXPECT_FALSE(has(second, "id=\"page-next\""));
  std::size_t rows = 0;
  for (std::size_t at = second.body.find("data-number="); at != std::string::npos;
       at = second.body.find("data-number=", at + 1))
    ++rows;
  EXPECT_EQ(rows, 1U) << "the oldest, last";
}

// Past kSearchCountCap matches the console says "more than" and still offers the next page.
TEST_P(ConsoleSearchRouteTest, MoreMatchesThanTheCountsCapAreSaidSoAndPagedOn) {
  const int many = static_cast<int>(kSearchCountCap) + 1;
  for (int i = 0; i < many; ++i)
    file({"第" + std::to_string(i) + "件：叫号混乱", "", "", "service_quality", hours(1 + i)});
  sign_in("sam");
  const std::string words = "/console/search?words=" + desk::url_encode("叫号");
  const auto first = get(words);
  EXPECT_TRUE(has(first, "More than 1000 tickets found; showing 1 to 50.")) << first.body.substr(0, 4000);
  EXPECT_TRUE(has(first, "id=\"page-next\""));
  EXPECT_TRUE(has(get(words, "zh-CN"), "找到超过 1000 件"));
  const auto past_cap = get(words + "&page=21");
  EXPECT_TRUE(has(past_cap, "showing 1001 to 1001."));
  EXPECT_FALSE(has(past_cap, "id=\"page-next\"")) << "a page that is not full is the last";
}

INSTANTIATE_TEST_SUITE_P(BothStores, ConsoleSearchRouteTest, kBothStores, store_name);

// What a person typed, refused with the field and the catalog key the console shows.
TEST(SearchInputTest, BadInputIsRefusedNamingTheField) {
  const TimeZone zone = must(TimeZone::load("Asia/Shanghai"));
  struct Case {
    SearchInput input;
    std::string field, key;
  };
  const Case cases[] = {
      {SearchInput{.from = "2026-11-20", .to = "2026-11-01"}, "to", "error.search.dates_reversed"},
      {SearchInput{.from = "2026-13-01"}, "from", "error.date.invalid"},
      {SearchInput{.words = "热"}, "words", "error.search.word_short"},
      {SearchInput{.words = "一二 三四 五六 七八 九十 甲乙"}, "words", "error.search.too_many_words"},
      {SearchInput{.phone = "123"}, "phone", "error.search.phone"},
      {SearchInput{.phone = "138x"}, "phone", "error.search.phone"},
      {SearchInput{.number = "WH01_K1"}, "number", "error.search.number"},
      {SearchInput{.state = "lost"}, "state", "error.search.state"},
      {SearchInput{.name = std::string(100, 'x')}, "name", "error.search.too_long"},
  };
  for (const Case& c : cases) {
    const auto parsed = parse_search(c.input, zone);
    ASSERT_FALSE(parsed.ok()) << c.key;
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(parsed.error().field, c.field);
    EXPECT_EQ(parsed.error().key, c.key);
  }
  const TicketSearch same_day =
      must(parse_search(SearchInput{.from = "2026-11-20", .to = "2026-11-20"}, zone));
  ASSERT_TRUE(same_day.filed_from && same_day.filed_before);
  EXPECT_EQ(*same_day.filed_before - *same_day.filed_from, hours(24));
  EXPECT_EQ(must(parse_search(SearchInput{.any = "WH01-k1"}, zone)).number, "WH01K1");
  EXPECT_TRUE(must(parse_search(SearchInput{.any = "WH01-k1"}, zone)).check_code.empty())
      << "a hyphen other than the printed code's is a number's";
  for (const char* code : {"K7M-4PX", "k7m4px"}) {
    const TicketSearch read = must(parse_search(SearchInput{.any = code}, zone));
    EXPECT_EQ(read.check_code, "K7M4PX") << code;
    EXPECT_TRUE(read.number.empty()) << code;
  }
  EXPECT_EQ(must(parse_search(SearchInput{.any = "+86 138"}, zone)).phone, "86138");
  EXPECT_EQ(must(parse_search(SearchInput{.any = "空调 ATM"}, zone)).words,
            (std::vector<std::string>{"空调", "atm"}));
}

}  // namespace
}  // namespace complaint::testing
