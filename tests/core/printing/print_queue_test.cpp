// PrintQueue (the kiosk's print thread) over a real store and a scripted FakePrinter: order,
// one receipt for a double request, the staff alert set by a failure and cleared by the next
// print, the state an earlier run left in print_jobs restored at start, and its fault
// siblings (printer failing, unknown number): no ticket lost, none marked printed.
#include "core/printing/print_queue.h"

#include <future>

#include "core/printing/fake_printer.h"
#include "core/printing/fake_receipt_renderer.h"
#include "tests/core/printing/receipt_fixture.h"

namespace complaint::test {
namespace {

class PrintQueueTest : public ::testing::Test {
 protected:
  PrintQueueTest() {
    world.printer.job_timeout_seconds = 3;
    PrintServiceOptions options;
    // The print thread waits here between polls until the test opens the gate.
    options.sleep = [this](std::chrono::milliseconds) {
      gate.wait();
      world.clock.advance(std::chrono::seconds(1));
    };
    service = std::make_unique<PrintService>(world.config, world.printer, world.taxonomy, *world.calendar,
                                             *world.store, printer, renderer, world.clock, world.catalogs(),
                                             options);
  }
  void open_gate() { opened.set_value(); }

  std::promise<void> opened;
  std::shared_future<void> gate = opened.get_future().share();
  ReceiptWorld world;
  FakePrinter printer{"fake-queue"};
  FakeReceiptRenderer renderer;
  std::unique_ptr<PrintService> service;
};

TEST_F(PrintQueueTest, PrintsInOrderAndADoubleRequestPrintsOnce) {
  const Ticket first = world.file();
  const Ticket second = world.file("complaint", "en");
  PrintQueue queue(*service);
  const auto before = queue.version();
  queue.print_receipt(first.number);
  queue.print_receipt(first.number);  // a second tap before the first is out
  queue.print_receipt(second.number);
  EXPECT_NE(queue.receipt(first.number).progress, ReceiptProgress::printed);
  opened.set_value();
  queue.wait_idle();
  EXPECT_EQ(queue.receipt(first.number).progress, ReceiptProgress::printed);
  EXPECT_EQ(queue.receipt(second.number).progress, ReceiptProgress::printed);
  ASSERT_EQ(printer.submitted().size(), 2u) << "one receipt per ticket";
  EXPECT_EQ(printer.submitted()[0].title, first.number);
  EXPECT_EQ(printer.submitted()[1].title, second.number);
  EXPECT_GT(queue.version(), before);
  EXPECT_FALSE(queue.alert().has_value());
  EXPECT_EQ(queue.receipt("K-UNKNOWN").progress, ReceiptProgress::none);
}

TEST_F(PrintQueueTest, AStaffReprintCarriesTheCurrentStatusAndTheFirstPrintDoesNot) {
  open_gate();
  const Ticket ticket = world.file();
  PrintQueue queue(*service);
  queue.print_receipt(ticket.number);  // the done screen
  queue.wait_idle();
  queue.print_receipt(ticket.number, ReceiptPrint::reprint);  // staff mode
  queue.wait_idle();
  ASSERT_EQ(printer.submitted().size(), 2u);
  EXPECT_EQ(printer.submitted()[0].bytes.find("当前状态"), std::string::npos) << printer.submitted()[0].bytes;
  EXPECT_NE(printer.submitted()[1].bytes.find("当前状态：受理（截至11月20日16:00）"), std::string::npos)
      << printer.submitted()[1].bytes;
}

TEST_F(PrintQueueTest, FaultSiblingAFailureRaisesTheAlertAndTheNextPrintClearsIt) {
  open_gate();
  const Ticket ticket = world.file();
  PrintQueue queue(*service);
  printer.script(JobScript::stop_printer, 0, "media-empty-error");
  queue.print_receipt(ticket.number);
  queue.wait_idle();
  EXPECT_EQ(queue.receipt(ticket.number).progress, ReceiptProgress::failed);
  EXPECT_EQ(queue.receipt(ticket.number).reason_key, "receipt.print.reason.media_empty");
  ASSERT_TRUE(queue.alert().has_value());
  EXPECT_EQ(queue.alert()->number, ticket.number);
  EXPECT_EQ(printer.completed_jobs(), 0);
  EXPECT_EQ(*world.store->count_tickets(), 1);

  printer.resume();
  queue.print_receipt(ticket.number);  // staff reprint
  queue.wait_idle();
  EXPECT_EQ(queue.receipt(ticket.number).progress, ReceiptProgress::printed);
  EXPECT_FALSE(queue.alert().has_value());
  EXPECT_EQ(printer.completed_jobs(), 1);
  EXPECT_EQ(print_job_states(*world.store, ticket.number), (std::vector<std::string>{"failed", "completed"}));
}

TEST_F(PrintQueueTest, FaultSiblingUnknownNumberAndFailingPrinterNeverLookPrinted) {
  open_gate();
  const Ticket ticket = world.file();
  PrintQueue queue(*service);
  printer.fail(PrinterOperation::submit, 0, FailureMode::from_then_on);
  queue.print_receipt("K-NOPE");
  queue.print_receipt(ticket.number);
  queue.print_test_page("en", "https://desk.example/");
  queue.wait_idle();
  EXPECT_EQ(queue.receipt("K-NOPE").progress, ReceiptProgress::failed);
  EXPECT_EQ(queue.receipt(ticket.number).progress, ReceiptProgress::failed);
  EXPECT_EQ(queue.receipt(ticket.number).reason_key, "receipt.print.reason.unavailable");
  EXPECT_EQ(queue.test_page().progress, ReceiptProgress::failed);
  ASSERT_TRUE(queue.alert().has_value());
  EXPECT_EQ(queue.alert()->number, "") << "the newest failure was the test page";
  EXPECT_EQ(print_job_states(*world.store, ticket.number), std::vector<std::string>{"failed"});
  EXPECT_EQ(*world.store->count_tickets(), 1);
}

TEST_F(PrintQueueTest, ARestartRestoresEachTicketsLastAttemptAndTheAlert) {
  open_gate();
  const Ticket printed = world.file();
  const Ticket failed = world.file("complaint", "en");
  {
    PrintQueue queue(*service);
    queue.print_receipt(printed.number);
    queue.wait_idle();
    printer.script(JobScript::stop_printer, 0, "media-empty-error");
    queue.print_receipt(failed.number);
    queue.wait_idle();
  }
  // A third ticket whose job a crashed kiosk left "sent".
  const Ticket interrupted = world.file("inquiry", "zh-CN", true);
  auto row = world.store->add_print_job(interrupted.number, "fake-queue", world.clock.now());
  ASSERT_TRUE(row.ok());
  ASSERT_TRUE(world.store->update_print_job(*row, "sent", "job 9", world.clock.now()).ok());

  PrintQueue restarted(*service);
  auto recent = world.store->recent_print_jobs(50);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 3u);
  EXPECT_EQ(recent->front().ticket_number, interrupted.number) << "newest first";
  restarted.restore(*recent);
  EXPECT_EQ(restarted.receipt(printed.number).progress, ReceiptProgress::printed);
  EXPECT_EQ(restarted.receipt(failed.number).progress, ReceiptProgress::failed);
  EXPECT_EQ(restarted.receipt(failed.number).reason_key, "receipt.print.reason.media_empty");
  EXPECT_EQ(restarted.receipt(interrupted.number).progress, ReceiptProgress::failed)
      << "a job the kiosk never saw complete is not printed";
  ASSERT_TRUE(restarted.alert().has_value());
  EXPECT_EQ(restarted.alert()->number, interrupted.number);
}

}  // namespace
}  // namespace complaint::test
