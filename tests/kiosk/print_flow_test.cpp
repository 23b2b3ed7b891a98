// The REAL kiosk printing receipts: by default to the file printer (the ESC/POS it wrote is
// decoded and its QR scanned), and through the tests' private cupsd to a printer out of
// paper: the done screen keeps the number and the on-screen QR and tells the customer, in
// their language, to collect the receipt at reception; the ticket is kept and its print job
// marked failed; staff mode shows the alert, reprints once paper is back, prints a test page.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include <gtest/gtest.h>

#include "core/domain/tracking_token.h"
#include "core/receipt/receipt_layout.h"
#include "core/store/sqlite_store.h"
#include "tests/core/printing/escpos_parser.h"
#include "tests/core/printing/receipt_fixture.h"
#include "tests/drivers/printer/cups_server.h"
#include "tests/drivers/printer/decode_tools.h"
#include "tests/kiosk/kiosk_process.h"

namespace complaint::test {
namespace {

// Polls the kiosk (each command runs its timers) until `id` shows `text`, up to 20 s.
std::string wait_for_text(KioskProcess& kiosk, const std::string& id, const std::string& wanted) {
  std::string seen;
  for (int i = 0; i < 200; ++i) {
    if (auto widget = kiosk.widget(id)) seen = widget->value("text", "");
    if (seen.find(wanted) != std::string::npos) return seen;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return seen;
}

std::vector<std::string> job_states(KioskProcess& kiosk, const std::string& number) {
  auto store = SqliteTicketStore::open(kiosk.folder() + "/kiosk.db");
  return store.ok() ? print_job_states(*store.value(), number) : std::vector<std::string>{};
}

int printed_files(const std::string& folder) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator(folder))
    count += entry.path().filename().string().starts_with("printed.") ? 1 : 0;
  return count;
}

void file_in_english(KioskProcess& kiosk) {
  kiosk.tap("welcome.lang.en");
  kiosk.tap("welcome.complaint");
  kiosk.tap("topic.rude_staff");
  kiosk.text("Nobody explained the 40 minute wait.");
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
  kiosk.tap("contact.phone");
  kiosk.text("13800138000");
  if (kiosk.widget("contact.address")) {
    kiosk.tap("contact.address");
    kiosk.text("3-2-501");
  }
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
}

// Files one ticket in Chinese and waits until the done screen says its receipt came out.
std::optional<Ticket> file_and_print(KioskProcess& kiosk) {
  walk_to(kiosk, "done");
  EXPECT_EQ(kiosk.screen(), "done");
  EXPECT_EQ(wait_for_text(kiosk, "done.receipt", "请取走您的回执"), "请取走您的回执。");
  const auto tickets = kiosk.tickets();
  EXPECT_EQ(tickets.size(), 1u);
  return tickets.size() == 1 ? std::optional<Ticket>(tickets[0]) : std::nullopt;
}

TEST(KioskReceipt, FilePrinterByDefaultPrintsTheCommittedTicketsReceipt) {
  if (!have_tool("zbarimg")) GTEST_SKIP() << "zbarimg not installed (zbar-tools)";
  KioskProcess kiosk;
  const std::optional<Ticket> filed = file_and_print(kiosk);
  ASSERT_TRUE(filed);
  const Ticket& ticket = *filed;
  EXPECT_EQ(job_states(kiosk, ticket.number), std::vector<std::string>{"completed"});
  const fs::path file = fs::path(kiosk.folder()) / "receipts" / (ticket.number + "-1.escpos");
  ASSERT_TRUE(fs::exists(file)) << "the file printer writes under [printer] output_dir";
  std::ifstream in(file, std::ios::binary);
  const ParsedEscpos parsed = parse_escpos(std::string(std::istreambuf_iterator<char>(in), {}));
  ASSERT_TRUE(parsed.error.empty()) << parsed.error;
  ASSERT_EQ(parsed.pieces.size(), 1u);
  const fs::path pbm = fs::path(kiosk.folder()) / "receipt.pbm";
  write_pbm(pbm, parsed.pieces[0].image);
  EXPECT_EQ(decode_qr(pbm), std::vector<std::string>{tracking_url(Config::defaults().tracking_url,
                                                                  ticket.number, ticket.tracking_token)});
}

// The receipt's deadline words ("还有N天", "明天") count from the kiosk's clock, the one its
// screens use (--fake-clock here: Friday 2026-11-20 16:00), not from the machine's date, on
// which this fixture's deadlines would all be "已超时".
TEST(KioskReceipt, DeadlineWordsCountFromTheKiosksClock) {
  if (!have_tool("pdftotext")) GTEST_SKIP() << "pdftotext not installed (poppler-utils)";
  KioskOptions options;
  options.extra_config = "[printer]\nformat = \"pdf\"\n";  // a PDF's text can be read back
  KioskProcess kiosk(options);
  const std::optional<Ticket> filed = file_and_print(kiosk);
  ASSERT_TRUE(filed);
  const Ticket& ticket = *filed;
  ASSERT_EQ(ticket.filed_at, kFiledAt) << "filed on the kiosk's fake clock";
  const fs::path file = fs::path(kiosk.folder()) / "receipts" / (ticket.number + "-1.pdf");
  ASSERT_TRUE(fs::exists(file));
  std::string text = run_command("pdftotext -enc UTF-8 '" + file.string() + "' - 2>/dev/null");
  std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
  ReceiptWorld world;  // the default calendar and catalogs the kiosk runs with
  std::string promise = promise_line(ticket, world.calendar->zone(), *world.zh_cn, kFiledAt);
  std::erase_if(promise, [](char c) { return c == ' '; });
  EXPECT_NE(promise.find("还有1天"), std::string::npos) << promise;
  EXPECT_NE(text.find(promise), std::string::npos) << "promise line missing: " << text;
  EXPECT_EQ(text.find("已超时"), std::string::npos) << text;
}

// Fault sibling of the file printer: its folder cannot be written (a full or read-only disk).
TEST(KioskReceipt, FilePrinterThatCannotWriteFallsBackAndKeepsTheTicket) {
  KioskOptions options;
  options.extra_config = "[printer]\noutput_dir = \"/proc/no-receipts-here\"\n";
  KioskProcess kiosk(options);
  walk_to(kiosk, "done");
  ASSERT_EQ(kiosk.screen(), "done");
  EXPECT_EQ(wait_for_text(kiosk, "done.receipt", "前台"), "回执打印失败，请到前台领取回执。");
  const auto tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(kiosk.widget("done.number")->value("text", ""), tickets[0].number);
  EXPECT_EQ(job_states(kiosk, tickets[0].number), std::vector<std::string>{"failed"});
}

class KioskPaperOut : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    server = CupsServer::shared(&why);
    if (server == nullptr) GTEST_SKIP() << "no private cupsd: " << why;
    // Short: staff mode shows the queue's name.
    queue =
        std::string("receipt") +
        (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()).starts_with("English")
             ? "en"
             : "zh");
    ASSERT_EQ(server->add_paper_queue(queue), "");
    server->set_paper_out(queue, true);
  }

  KioskOptions options() {
    KioskOptions made;
    made.staff_pin = "2468";
    made.extra_config = "[printer]\nqueue = \"" + queue + "\"\njob_timeout_seconds = 20\n";
    return made;
  }

  CupsServer* server = nullptr;
  std::string queue;
};

TEST_F(KioskPaperOut, EnglishCustomerIsSentToReceptionAndStaffReprintsAfterCupsenable) {
  KioskProcess kiosk(options());
  file_in_english(kiosk);
  ASSERT_EQ(kiosk.screen(), "done");
  EXPECT_EQ(wait_for_text(kiosk, "done.receipt", "reception"),
            "Printing failed: please collect your receipt at reception.");
  const auto tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1u) << "the ticket is kept";
  const std::string number = tickets[0].number;
  EXPECT_EQ(kiosk.widget("done.number")->value("text", ""), number) << "the number stays on screen";
  EXPECT_TRUE(kiosk.widget("done.qr").has_value()) << "and the on-screen QR";
  EXPECT_EQ(job_states(kiosk, number), std::vector<std::string>{"failed"});
  kiosk.screenshot("receipt_failed_en_done");
  kiosk.tap("nav.next");  // finish

  open_pin_pad(kiosk);
  enter_pin(kiosk, "2468");
  ASSERT_EQ(kiosk.screen(), "staff_menu");
  auto alert = kiosk.widget("staff.printer_alert");
  ASSERT_TRUE(alert.has_value()) << kiosk.visible_text();
  EXPECT_NE(alert->value("text", "").find("打印机缺纸"), std::string::npos) << alert->value("text", "");
  EXPECT_NE(alert->value("text", "").find(number), std::string::npos);
  kiosk.screenshot("receipt_staff_alert");

  server->set_paper_out(queue, false);
  ASSERT_EQ(server->command("cupsenable " + queue).status, 0);
  kiosk.tap("staff.recent.0.reprint");
  EXPECT_NE(wait_for_text(kiosk, "staff.recent.0", "已打印").find(number), std::string::npos);
  EXPECT_FALSE(kiosk.widget("staff.printer_alert").has_value()) << "the alert clears once paper came out";
  EXPECT_EQ(job_states(kiosk, number), (std::vector<std::string>{"failed", "completed"}));
  EXPECT_EQ(printed_files(server->device_folder(queue)), 1) << "exactly one receipt came out";

  kiosk.tap("staff.test_page");
  EXPECT_EQ(wait_for_text(kiosk, "staff.test_status", "测试页已打印"), "测试页已打印。");
  EXPECT_EQ(printed_files(server->device_folder(queue)), 2);
  EXPECT_EQ(kiosk.tickets().size(), 1u) << "printing never adds or loses a ticket";
}

TEST_F(KioskPaperOut, ChineseCustomerIsSentToReception) {
  KioskProcess kiosk(options());
  walk_to(kiosk, "done");
  ASSERT_EQ(kiosk.screen(), "done");
  EXPECT_EQ(wait_for_text(kiosk, "done.receipt", "前台"), "回执打印失败，请到前台领取回执。");
  ASSERT_EQ(kiosk.tickets().size(), 1u);
  EXPECT_EQ(job_states(kiosk, kiosk.tickets()[0].number), std::vector<std::string>{"failed"});
  EXPECT_EQ(printed_files(server->device_folder(queue)), 0);
}

TEST(KioskReceiptQuit, QuittingWhileAPrinterNeverAnswersDoesNotWaitForTheTimeout) {
  std::string why;
  CupsServer* server = CupsServer::shared(&why);
  if (server == nullptr) GTEST_SKIP() << "no private cupsd: " << why;
  auto sink = SocketSink::start(SocketSink::Behaviour::never_answer, &why);
  ASSERT_TRUE(sink) << why;
  ASSERT_EQ(server->add_raw_queue("receiptsilent", sink->port()), "");
  KioskOptions options;
  options.extra_config = "[printer]\nqueue = \"receiptsilent\"\njob_timeout_seconds = 120\n";
  std::chrono::steady_clock::time_point quit;
  {
    KioskProcess kiosk(options);
    walk_to(kiosk, "done");  // gives up waiting for the receipt after 5 s
    ASSERT_EQ(kiosk.session()["session"].value("receipt", ""), "printing");
    EXPECT_EQ(job_states(kiosk, kiosk.tickets().at(0).number), std::vector<std::string>{"sent"});
    quit = std::chrono::steady_clock::now();
  }  // quit: the kiosk must not sit out the 120 s job timeout
  EXPECT_LT(std::chrono::steady_clock::now() - quit, std::chrono::seconds(4));
  server->command("cancel -a receiptsilent");
}

}  // namespace
}  // namespace complaint::test
