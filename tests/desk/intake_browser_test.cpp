// Intake at the desk in REAL headless Chromium against the REAL complaint-desk, in Chinese and
// in English at a desktop viewport: a clerk signs in, follows the header's link, fills the
// form as typed input (a letter received two days ago), is refused once without the
// customer's consent (the entries kept, the box marked), ticks it, files, and sees the number
// on the result page; the database holds exactly one ticket. Screenshots are saved under
// <build>/test-output/desk/intake-*.png.
#include <gtest/gtest.h>

#include <chrono>

#include "core/calendar/time_zone.h"
#include "core/store/sqlite_store.h"
#include "desk_process.h"
#include "headless_chromium.h"
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

constexpr const char* kContent = "来信反映营业厅空调损坏，等候区闷热。";

class IntakeInChromium : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (HeadlessChromium::executable().empty())
      GTEST_SKIP() << "chromium is not installed (apt-get install chromium)";
    ASSERT_TRUE(m_desk.started()) << m_desk.log();
    const auto added = run_command(
        {COMPLAINTCTL_PATH, "--db", m_desk.db(), "desk", "user", "add", "clerk", "--role", "intake_clerk"},
        "clerk-password-1\n");
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }

  BrowserOptions desktop() {
    BrowserOptions options;
    options.width = 1280;
    options.height = 900;
    options.accept_language = GetParam() == "en" ? "en" : "zh-CN,zh;q=0.9";
    options.output_dir = std::string(TEST_OUTPUT_DIR) + "/desk";
    return options;
  }
  std::string shot(const std::string& name) { return "intake-" + GetParam() + "-" + name; }

  TempDir m_dir;
  DeskProcess m_desk{m_dir.file("desk"), "[desk]\nintake_station = \"DESK\"\n"};
};

TEST_P(IntakeInChromium, AClerkFilesALetterThroughTheForm) {
  HeadlessChromium browser(desktop());
  ASSERT_TRUE(browser.started()) << browser.error();
  ASSERT_EQ(browser.navigate(m_desk.url() + "/console/login"), 200);
  browser.type("input[name=name]", "clerk");
  browser.type("input[name=password]", "clerk-password-1");
  ASSERT_EQ(browser.tap("button[type=submit]", true), 200);
  ASSERT_EQ(browser.tap("#nav-intake", true), 200);

  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::string received =
      format_local_date(LocalDays{(today - std::chrono::days(2)).time_since_epoch()});
  browser.evaluate("document.querySelector('#f-channel').value = 'letter'");
  browser.evaluate("document.querySelector('#f-received').value = '" + received + "'");
  browser.evaluate("document.querySelector('#f-category').value = 'service_quality'");
  browser.type("#f-content", kContent);
  browser.type("#f-outcome", "尽快修好空调");
  browser.type("#f-name", "赵敏");
  browser.type("#f-phone", "13912345678");
  EXPECT_FALSE(browser.screenshot(shot("1-form")).empty());

  // Without the customer's consent: refused, every entry kept, the box marked.
  EXPECT_EQ(browser.tap("#file", true), 400);
  EXPECT_FALSE(browser.text_of("#error").empty());
  EXPECT_EQ(browser.attribute("#f-consent", "aria-invalid"), "true");
  EXPECT_EQ(browser.evaluate("document.querySelector('#f-content').value"), kContent);
  EXPECT_EQ(browser.evaluate("document.querySelector('#f-channel').value"), "letter");
  EXPECT_EQ(browser.evaluate("document.querySelector('#f-received').value"), received);
  EXPECT_FALSE(browser.screenshot(shot("2-refused")).empty());

  browser.tap("#f-consent");
  ASSERT_EQ(browser.tap("#file", true), 200);
  const std::string number = browser.text_of("#number");
  ASSERT_FALSE(number.empty());
  EXPECT_NE(number.find("-DESK-"), std::string::npos) << number;
  EXPECT_FALSE(browser.text_of("#resolve-by").empty());
  EXPECT_FALSE(browser.screenshot(shot("3-filed")).empty());

  auto store = must(SqliteTicketStore::open(m_desk.db()));
  EXPECT_EQ(must(store->count_tickets()), 1);
  const std::optional<Ticket> ticket = must(store->find(number));
  ASSERT_TRUE(ticket.has_value());
  EXPECT_EQ(ticket->channel, "letter");
  EXPECT_EQ(ticket->content, kContent);
  EXPECT_EQ(ticket->recorded_by, "clerk");
}

INSTANTIATE_TEST_SUITE_P(Languages, IntakeInChromium, ::testing::Values("zh-CN", "en"),
                         [](const auto& info) { return info.param == "en" ? "English" : "Chinese"; });

}  // namespace
}  // namespace complaint::testing
