// The tracking page in REAL headless Chromium at a phone viewport (390x844 CSS px): the
// REAL complaint-desk on 127.0.0.1, a ticket filed into a kiosk database and synced by the
// real `complaintctl sync`, staff actions taken on the desk's database. It checks what a
// customer sees after a desk action, that a satisfaction rating goes through the form and
// back to the kiosk, that bad input and a forged token are refused. Screenshots are saved
// under <build>/test-output/desk/.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/calendar/time_zone.h"
#include "core/store/sqlite_store.h"
#include "desk_process.h"
#include "headless_chromium.h"
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

constexpr const char* kContent = "柜员态度冷漠，排队四十分钟无人解释。";
constexpr const char* kAnswer = "经核实属实，已向您致歉，并已对柜员进行服务培训。";

class TrackingInChromium : public ::testing::Test {
 protected:
  void SetUp() override {
    if (HeadlessChromium::executable().empty())
      GTEST_SKIP() << "chromium is not installed (apt-get install chromium)";
    ASSERT_TRUE(m_desk.started()) << m_desk.log();
    const std::string key = m_desk.add_kiosk("K1");
    ASSERT_EQ(key.size(), 64u);
    std::ofstream(m_kiosk_config) << kiosk_sync_config(m_desk.url(), key);
    const nlohmann::json filing{
        {"kind", "complaint"},          {"channel", "kiosk"}, {"category", "service_attitude"},
        {"content", kContent},          {"name", "张三"},     {"phone", "13800138000"},
        {"desired_outcome", "希望道歉"}};
    const CommandResult filed = ctl_kiosk({"--json", "file"}, filing.dump());
    ASSERT_EQ(filed.exit_code, 0) << filed.err;
    const nlohmann::json ticket = nlohmann::json::parse(filed.out);
    m_number = ticket["number"];
    m_url = ticket["tracking_url"];
    ASSERT_EQ(m_url.rfind(m_desk.url() + "/t/" + m_number + "?k=", 0), 0u) << m_url;
    m_token = m_url.substr(m_url.find("?k=") + 3);
    const CommandResult synced = ctl_kiosk({"--json", "sync"});
    ASSERT_EQ(synced.exit_code, 0) << synced.out << synced.err;
  }

  CommandResult ctl_kiosk(std::vector<std::string> args, const std::string& input = {}) {
    args.insert(args.begin(),
                {COMPLAINTCTL_PATH, "--config", m_kiosk_config, "--db", m_dir.file("kiosk.db")});
    return run_command(args, input);
  }

  // A staff action on the desk's register (the console does the same through its pages).
  void desk_action(std::vector<std::string> args) {
    args.insert(args.begin(), {COMPLAINTCTL_PATH, "--db", m_desk.db(), "transition", m_number});
    const CommandResult done = run_command(args);
    ASSERT_EQ(done.exit_code, 0) << done.err;
  }

  Ticket ticket_in(const std::string& db) {
    auto store = must(SqliteTicketStore::open(db));
    const std::optional<Ticket> found = must(store->find(m_number));
    EXPECT_TRUE(found.has_value());
    return found.value_or(Ticket{});
  }

  BrowserOptions phone(const std::string& language = "zh-CN,zh;q=0.9,en;q=0.5") {
    BrowserOptions options;
    options.accept_language = language;
    options.output_dir = std::string(TEST_OUTPUT_DIR) + "/desk";
    return options;
  }

  TempDir m_dir;
  DeskProcess m_desk{m_dir.file("desk"),
                     "[site]\nhotline = \"955-88\"\nlogo = \"" SOURCE_DIR "/tests/desk/data/logo.png\"\n"};
  std::string m_kiosk_config = m_dir.file("kiosk.toml");
  std::string m_number;
  std::string m_url;
  std::string m_token;
};

// An inquiry filed with the customer's topic: the page names the kind and the topic in the
// page's language (Chinese and English), never the text of the inquiry.
TEST_F(TrackingInChromium, NamesTheKindAndTheCustomersTopicInThePagesLanguage) {
  const std::string question = "请问跨行转账手续费怎么收";
  const nlohmann::json filing{{"kind", "inquiry"},   {"channel", "kiosk"},  {"category", "product"},
                              {"topic", "ask_fees"}, {"content", question}, {"anonymous", true}};
  const CommandResult filed = ctl_kiosk({"--json", "file"}, filing.dump());
  ASSERT_EQ(filed.exit_code, 0) << filed.err;
  const std::string url = nlohmann::json::parse(filed.out)["tracking_url"];
  const CommandResult synced = ctl_kiosk({"--json", "sync"});
  ASSERT_EQ(synced.exit_code, 0) << synced.out << synced.err;

  HeadlessChromium zh(phone());
  ASSERT_TRUE(zh.started()) << zh.error();
  ASSERT_EQ(zh.navigate(url), 200) << zh.error();
  EXPECT_EQ(zh.text_of("h1"), "咨询办理进度");
  EXPECT_EQ(zh.text_of("#kind"), "咨询");
  EXPECT_EQ(zh.text_of("#topic"), "收费标准");
  EXPECT_EQ(zh.text_of("#about"), "事项 咨询 · 收费标准");
  EXPECT_EQ(zh.evaluate("document.querySelector('#category') === null"), true)
      << "the topic, not the category";
  EXPECT_EQ(zh.evaluate("document.body.innerText.includes('手续费怎么收')"), false)
      << "never the inquiry's text";
  // Anonymous, and an inquiry: the contact line says so without calling it a complaint.
  EXPECT_EQ(zh.text_of("#contact"), "匿名提交，未留联系方式");
  EXPECT_FALSE(zh.screenshot("tracking_topic_zh").empty());

  HeadlessChromium en(phone("en-GB,en;q=0.9"));
  ASSERT_TRUE(en.started()) << en.error();
  ASSERT_EQ(en.navigate(url), 200) << en.error();
  EXPECT_EQ(en.text_of("#kind"), "Inquiry");
  EXPECT_EQ(en.text_of("#topic"), "Fees and charges");
  EXPECT_EQ(en.text_of("#contact"), "Filed anonymously: no contact details kept");
  EXPECT_FALSE(en.screenshot("tracking_topic_en").empty());
}

TEST_F(TrackingInChromium, ShowsTheStatusAfterADeskActionAndTakesTheRating) {
  HeadlessChromium browser(phone());
  ASSERT_TRUE(browser.started()) << browser.error();
  ASSERT_EQ(browser.navigate(m_url), 200) << browser.error();
  EXPECT_EQ(browser.attribute("#status", "data-status"), "filed");
  EXPECT_EQ(browser.text_of("#status"), "已收到");
  // Who the page is from, what it is about, and a person to call, before anything else.
  EXPECT_EQ(browser.text_of("#organisation"), "客户服务中心");
  EXPECT_EQ(browser.evaluate("document.querySelector('#logo').naturalWidth"), 96);
  EXPECT_EQ(browser.text_of("#about"), "事项 投诉 · 服务态度");
  EXPECT_EQ(browser.attribute("#hotline", "href"), "tel:95588");
  EXPECT_EQ(browser.evaluate("document.querySelector('#hotline').getBoundingClientRect().bottom < "
                             "document.querySelector('#summary').getBoundingClientRect().top"),
            true);
  // No text smaller than 16 px: many readers are elderly.
  EXPECT_EQ(browser.evaluate("[...document.querySelectorAll('body *')].every(e => "
                             "parseFloat(getComputedStyle(e).fontSize) >= 16)"),
            true);
  // The kind in the title and the summary; each promise as the kiosk and receipt word it,
  // with the time left on the desk's clock (forward_by is an hour after filing).
  EXPECT_EQ(browser.text_of("h1"), "投诉办理进度");
  EXPECT_EQ(browser.text_of("#kind"), "投诉");
  EXPECT_EQ(browser.text_of("#category"), "服务态度");
  const std::string forward = browser.text_of("li[data-clock=forward_by] .when");
  EXPECT_TRUE(forward.find("时限 今天 ") == 0 || forward.find("时限 明天 ") == 0) << forward;
  EXPECT_NE(browser.text_of("li[data-clock=forward_by] .left").find("还有"), std::string::npos) << forward;
  EXPECT_EQ(forward.find("24:00"), std::string::npos) << forward;
  EXPECT_FALSE(browser.screenshot("tracking_filed").empty());
  // Readable at a phone's width: nothing wider than the screen.
  EXPECT_EQ(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), true);

  desk_action({"forward", "--role", "dispatcher", "--department", "营业部"});
  desk_action({"contact", "--role", "handler", "--actor", "李四"});
  desk_action({"record", "--role", "handler", "--actor", "李四", "--verification", "属实", "--opinion",
               "致歉", "--result", "已当面致歉并加强培训"});
  desk_action({"reply", "--role", "handler", "--actor", "李四", "--customer-answer", kAnswer});

  ASSERT_EQ(browser.navigate(m_url), 200) << browser.error();
  EXPECT_EQ(browser.attribute("#status", "data-status"), "replied");
  EXPECT_EQ(browser.text_of("#status"), "已答复您");
  // The answer, then the question whether it satisfies.
  EXPECT_EQ(browser.text_of("#answer .answer"), kAnswer);
  EXPECT_EQ(browser.evaluate("document.querySelector('#answer').compareDocumentPosition("
                             "document.querySelector('#rating-form')) === Node.DOCUMENT_POSITION_FOLLOWING"),
            true);
  EXPECT_EQ(browser.attribute("li[data-step=replied]", "data-state"), "current");
  EXPECT_EQ(browser.attribute("li[data-step=forwarded]", "data-state"), "done");
  EXPECT_EQ(browser.attribute("li[data-clock=forward_by]", "data-outcome"), "met");
  EXPECT_EQ(browser.text_of("#department"), "营业部");
  EXPECT_EQ(browser.text_of("#contact"), "张* 138****8000");
  EXPECT_NE(browser.text_of("#hotline").find("955-88"), std::string::npos);
  const std::string page = browser.text_of("body");
  for (const char* hidden : {kContent, "李四", "已当面致歉", "13800138000", "张三"}) {
    EXPECT_EQ(page.find(hidden), std::string::npos) << "the page shows " << hidden;
  }
  EXPECT_EQ(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), true);
  EXPECT_FALSE(browser.screenshot("tracking_replied").empty());

  // Sending without a choice: a clear error, the form again, nothing recorded.
  ASSERT_EQ(browser.tap("#rating-submit", /*navigates=*/true), 400) << browser.error();
  EXPECT_NE(browser.text_of("#form-error").find("请选择满意、基本满意或不满意"), std::string::npos);
  EXPECT_FALSE(browser.screenshot("tracking_rating_error").empty());
  EXPECT_EQ(ticket_in(m_desk.db()).status, Status::replied);

  browser.tap("#rating-satisfied");
  browser.type("#comment", "处理及时，谢谢");
  ASSERT_EQ(browser.tap("#rating-submit", /*navigates=*/true), 200) << browser.error();
  EXPECT_NE(browser.text_of("#thanks").find("感谢您的评价"), std::string::npos);
  EXPECT_EQ(browser.attribute("#rating-recorded", "data-rating"), "satisfied");
  // The rating is the customer's own: the callback step stays the staff's (docs/DOMAIN.md §2).
  EXPECT_EQ(browser.attribute("#status", "data-status"), "replied");
  EXPECT_EQ(browser.attribute("li[data-step=called_back]", "data-state"), "pending");
  EXPECT_EQ(browser.evaluate("document.querySelector('#rating-form') === null"), true);
  EXPECT_FALSE(browser.screenshot("tracking_rated").empty());

  // Recorded at the desk as the customer's rating, not as the callback...
  const Ticket rated = ticket_in(m_desk.db());
  EXPECT_EQ(rated.status, Status::replied);
  EXPECT_EQ(rated.satisfaction, Satisfaction::none);
  EXPECT_TRUE(rated.callback_note.empty());
  auto desk_store = must(SqliteTicketStore::open(m_desk.db()));
  const TicketEvent rating = must(desk_store->events(m_number)).back();
  EXPECT_EQ(rating.action, "customer_rating");
  EXPECT_EQ(rating.to, Status::replied);
  EXPECT_EQ(nlohmann::json::parse(rating.data_json),
            (nlohmann::json{{"satisfaction", "satisfied"}, {"comment", "处理及时，谢谢"}}));
  desk_store.reset();
  // ...the kiosk hears of it with the next sync, still waiting for the callback...
  const CommandResult synced = ctl_kiosk({"--json", "sync"});
  ASSERT_EQ(synced.exit_code, 0) << synced.out << synced.err;
  EXPECT_GE(nlohmann::json::parse(synced.out)["updates"].get<int>(), 5) << synced.out;
  EXPECT_EQ(ticket_in(m_dir.file("kiosk.db")).status, Status::replied);
  // ...and archiving is refused until staff call back: today is before the callback window.
  const CommandResult archive = run_command(
      {COMPLAINTCTL_PATH, "--db", m_desk.db(), "transition", m_number, "archive", "--role", "supervisor"});
  EXPECT_EQ(archive.exit_code, 1) << archive.out;
  const CommandResult early =
      run_command({COMPLAINTCTL_PATH, "--db", m_desk.db(), "transition", m_number, "callback", "--role",
                   "dispatcher", "--satisfaction", "satisfied"});
  EXPECT_EQ(early.exit_code, 1) << early.out;
  EXPECT_NE(early.err.find("callback_too_early"), std::string::npos) << early.err;
  EXPECT_EQ(ticket_in(m_desk.db()).status, Status::replied);
  // The staff callback within the window (complaintctl --now: two weeks on, past any holiday) closes the
  // step.
  const std::string later =
      must(TimeZone::load("Asia/Shanghai"))
          .format_iso8601(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) +
                          std::chrono::hours(24 * 14));
  const CommandResult called =
      run_command({COMPLAINTCTL_PATH, "--db", m_desk.db(), "--now", later, "transition", m_number, "callback",
                   "--role", "dispatcher", "--satisfaction", "satisfied"});
  ASSERT_EQ(called.exit_code, 0) << called.err;
  EXPECT_EQ(ticket_in(m_desk.db()).status, Status::called_back);
  EXPECT_EQ(ticket_in(m_desk.db()).satisfaction, Satisfaction::satisfied);
}

TEST_F(TrackingInChromium, AForgedTokenShowsTheNotFoundPage) {
  HeadlessChromium browser(phone());
  ASSERT_TRUE(browser.started()) << browser.error();
  std::string forged = m_token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  ASSERT_EQ(browser.navigate(m_desk.url() + "/t/" + m_number + "?k=" + forged), 404) << browser.error();
  EXPECT_EQ(browser.text_of("h1"), "未找到");
  EXPECT_EQ(browser.text_of("body").find(m_number), std::string::npos);
  EXPECT_FALSE(browser.screenshot("tracking_forged_token").empty());
  const std::string forged_page = browser.text_of("body");
  ASSERT_EQ(browser.navigate(m_desk.url() + "/t/WH01-K1-20200101-0001-0?k=" + m_token), 404);
  EXPECT_EQ(browser.text_of("body"), forged_page) << "an unknown number looks the same";
}

TEST_F(TrackingInChromium, AnEnglishPhoneGetsTheEnglishPage) {
  BrowserOptions small_phone = phone("en-GB,en;q=0.9");
  small_phone.width = 360;  // the narrowest width the page promises to be readable at
  HeadlessChromium browser(small_phone);
  ASSERT_TRUE(browser.started()) << browser.error();
  ASSERT_EQ(browser.navigate(m_url), 200) << browser.error();
  EXPECT_EQ(browser.text_of("h1"), "Complaint progress");
  EXPECT_EQ(browser.text_of("#status"), "Received");
  EXPECT_EQ(browser.text_of("#organisation"), "Customer Service Centre");
  EXPECT_EQ(browser.text_of("#about"), "About Complaint · Service attitude");
  EXPECT_EQ(browser.text_of("#kind"), "Complaint");
  EXPECT_NE(browser.text_of("li[data-clock=contact_by] .left").find(" left"), std::string::npos);
  EXPECT_EQ(browser.evaluate("document.documentElement.lang"), "en");
  EXPECT_EQ(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), true);
  EXPECT_FALSE(browser.screenshot("tracking_english").empty());
  // The language link switches to Chinese.
  ASSERT_EQ(browser.tap("#lang", /*navigates=*/true), 200) << browser.error();
  EXPECT_EQ(browser.text_of("h1"), "投诉办理进度");
}

}  // namespace
}  // namespace complaint::testing
