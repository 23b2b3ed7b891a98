// PrintService against a scripted FakePrinter and renderer: every receipt scenario (Chinese
// complaint, English complaint, anonymous inquiry) printed once cleanly and once per fault
// (submit refused, status calls failing, the printer stopping out of paper, a job stuck for
// ever, an aborted job, a failing cancel, a failing renderer), then reprinted once the
// printer is back. Invariants after every step: no ticket lost or changed, none duplicated,
// a print_jobs row per attempt, and "completed" only for a job the printer completed.
#include "core/printing/print_service.h"

#include <functional>

#include "core/printing/fake_printer.h"
#include "core/printing/fake_receipt_renderer.h"
#include "tests/core/printing/receipt_fixture.h"

namespace complaint::test {
namespace {

struct Fault {
  const char* name;
  std::function<void(FakePrinter&, FakeReceiptRenderer&)> script;
  const char* reason;     // the outcome's reason
  const char* row_state;  // the print_jobs row after the failed attempt
};

const std::vector<Fault>& faults() {
  static const std::vector<Fault> list = {
      {"submit_refused",
       [](FakePrinter& p, FakeReceiptRenderer&) { p.fail(PrinterOperation::submit, 0, FailureMode::once); },
       "unavailable", "failed"},
      {"paper_out",
       [](FakePrinter& p, FakeReceiptRenderer&) {
         p.script(JobScript::stop_printer, 0, "media-empty-error");
       },
       "media-empty", "failed"},
      {"never_answers", [](FakePrinter& p, FakeReceiptRenderer&) { p.script(JobScript::stuck); }, "timeout",
       "cancelled"},
      {"job_aborted", [](FakePrinter& p, FakeReceiptRenderer&) { p.script(JobScript::abort); }, "job-aborted",
       "failed"},
      {"job_stopped",
       [](FakePrinter& p, FakeReceiptRenderer&) {
         p.script(JobScript::stop_job, 0, "the scheduler could not open the output file");
       },
       "job-stopped", "failed"},
      {"status_calls_fail",
       [](FakePrinter& p, FakeReceiptRenderer&) {
         p.script(JobScript::stuck);
         p.fail(PrinterOperation::job_status, 0, FailureMode::from_then_on);
         p.fail(PrinterOperation::printer_status, 0, FailureMode::from_then_on);
       },
       "timeout", "cancelled"},
      {"cancel_fails",
       [](FakePrinter& p, FakeReceiptRenderer&) {
         p.script(JobScript::stuck);
         p.fail(PrinterOperation::cancel, 0, FailureMode::from_then_on);
       },
       "timeout", "failed"},
      {"render_fails", [](FakePrinter&, FakeReceiptRenderer& r) { r.fail(0, FailureMode::once); }, "render",
       "failed"},
  };
  return list;
}

struct Scenario {
  const char* name;
  const char* kind;
  const char* language;
  bool anonymous;
};

constexpr Scenario k_scenarios[] = {
    {"zh_complaint", "complaint", "zh-CN", false},
    {"en_complaint", "complaint", "en", false},
    {"anonymous_inquiry", "inquiry", "zh-CN", true},
};

class PrintServiceTest : public ::testing::Test {
 protected:
  PrintServiceTest() {
    world.printer.job_timeout_seconds = 5;
    PrintServiceOptions options;
    options.poll_interval = std::chrono::milliseconds(1000);
    options.sleep = [this](std::chrono::milliseconds) { world.clock.advance(std::chrono::seconds(1)); };
    service = std::make_unique<PrintService>(world.config, world.printer, world.taxonomy, *world.calendar,
                                             *world.store, printer, renderer, world.clock, world.catalogs(),
                                             options);
  }

  // What must hold after any print attempt, failed or not.
  void expect_nothing_lost(const std::vector<Ticket>& filed, const std::string& context) {
    SCOPED_TRACE(context);
    auto count = world.store->count_tickets();
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, static_cast<std::int64_t>(filed.size())) << "a ticket was lost or duplicated";
    int completed_rows = 0;
    for (const Ticket& ticket : filed) {
      auto stored = world.store->find(ticket.number);
      ASSERT_TRUE(stored.ok() && stored->has_value()) << ticket.number << " lost";
      EXPECT_EQ((*stored)->content, ticket.content);
      EXPECT_EQ((*stored)->status, ticket.status) << "printing never changes a ticket";
      auto events = world.store->events(ticket.number);
      ASSERT_TRUE(events.ok());
      EXPECT_EQ(events->size(), 1u) << "printing adds no audit event";
      auto jobs = world.store->print_jobs(ticket.number);
      ASSERT_TRUE(jobs.ok());
      for (const PrintJobRecord& job : *jobs) completed_rows += job.state == "completed" ? 1 : 0;
    }
    EXPECT_EQ(completed_rows, printer.completed_jobs()) << "a row says printed but no job completed";
  }

  std::vector<std::string> row_states(const std::string& number) {
    return print_job_states(*world.store, number);
  }

  ReceiptWorld world;
  FakePrinter printer{"fake-queue"};
  FakeReceiptRenderer renderer;
  std::unique_ptr<PrintService> service;
};

TEST_F(PrintServiceTest, EveryScenarioPrintsOnceAndIsRecordedCompleted) {
  std::vector<Ticket> filed;
  for (const Scenario& scenario : k_scenarios) {
    filed.push_back(world.file(scenario.kind, scenario.language, scenario.anonymous));
    auto outcome = service->print_receipt(filed.back().number);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    EXPECT_TRUE(outcome->printed()) << scenario.name << ": " << outcome->detail;
    EXPECT_EQ(outcome->message_key, "receipt.print.printed");
    EXPECT_EQ(row_states(filed.back().number), std::vector<std::string>{"completed"});
    EXPECT_EQ(printer.submitted().back().title, filed.back().number);
    // The customer copy (what the fake renderer writes) never carries the complaint text.
    EXPECT_EQ(printer.submitted().back().bytes.find("SECRET-CONTENT"), std::string::npos);
    expect_nothing_lost(filed, scenario.name);
  }
  EXPECT_EQ(printer.completed_jobs(), 3);
}

// The fault siblings: each scenario under each fault, then a reprint once the printer is back.
TEST_F(PrintServiceTest, EveryScenarioUnderEveryFaultLosesNothingAndReprints) {
  std::vector<Ticket> filed;
  for (const Scenario& scenario : k_scenarios) {
    for (const Fault& fault : faults()) {
      const std::string context = std::string(scenario.name) + " / " + fault.name;
      SCOPED_TRACE(context);
      filed.push_back(world.file(scenario.kind, scenario.language, scenario.anonymous));
      const std::string number = filed.back().number;
      const int completed_before = printer.completed_jobs();
      fault.script(printer, renderer);

      auto failed = service->print_receipt(number);
      ASSERT_TRUE(failed.ok()) << "a printer fault is an outcome, not an error";
      EXPECT_FALSE(failed->printed());
      EXPECT_EQ(failed->reason, fault.reason) << failed->detail;
      EXPECT_EQ(failed->message_key, "receipt.print.failed");
      EXPECT_EQ(failed->reason_key, reason_catalog_key(fault.reason));
      EXPECT_FALSE(world.catalog(scenario.language).text(failed->reason_key).empty());
      EXPECT_EQ(printer.completed_jobs(), completed_before) << "nothing came out";
      EXPECT_EQ(row_states(number), std::vector<std::string>{fault.row_state});
      expect_nothing_lost(filed, context + " (failed)");

      // Paper loaded / printer back: the reprint comes out exactly once.
      printer.clear_failures();
      printer.resume();
      auto reprinted = service->print_receipt(number);
      ASSERT_TRUE(reprinted.ok());
      EXPECT_TRUE(reprinted->printed()) << reprinted->detail;
      EXPECT_EQ(printer.completed_jobs(), completed_before + 1);
      EXPECT_EQ(row_states(number), (std::vector<std::string>{fault.row_state, "completed"}));
      expect_nothing_lost(filed, context + " (reprinted)");
    }
  }
}

TEST_F(PrintServiceTest, AStoppedPrintersJobIsCancelledSoItCannotComeOutBesideTheReprint) {
  const Ticket ticket = world.file();
  printer.script(JobScript::stop_printer, 0, "media-empty-error");
  auto failed = service->print_receipt(ticket.number);
  ASSERT_TRUE(failed.ok());
  ASSERT_EQ(printer.cancelled().size(), 1u);
  EXPECT_EQ(printer.cancelled()[0], failed->spooler_job);
  EXPECT_EQ(failed->reason_key, "receipt.print.reason.media_empty");
  // An immediate decision: a stopped printer does not wait for the timeout.
  EXPECT_LT(world.clock.now() - kFiledAt, std::chrono::seconds(world.printer.job_timeout_seconds));
}

TEST_F(PrintServiceTest, AStoppedJobOnAnIdlePrinterFailsAtOnceWithTheSpoolersWords) {
  // CUPS stops a job, printer idle, when it cannot open a file: queue's output file.
  const Ticket ticket = world.file();
  printer.script(JobScript::stop_job, 0,
                 "Stopping job because the scheduler could not open the output file.");
  auto failed = service->print_receipt(ticket.number);
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->reason, "job-stopped");
  EXPECT_EQ(failed->reason_key, "receipt.print.reason.failed");
  EXPECT_NE(failed->detail.find("could not open the output file"), std::string::npos) << failed->detail;
  ASSERT_EQ(printer.cancelled().size(), 1u) << "cancelled, so it cannot come out beside a reprint";
  EXPECT_LT(world.clock.now() - kFiledAt, std::chrono::seconds(world.printer.job_timeout_seconds));
  EXPECT_EQ(row_states(ticket.number), std::vector<std::string>{"failed"});
}

TEST_F(PrintServiceTest, AJobThatNeverFinishesIsCancelledAtTheTimeout) {
  const Ticket ticket = world.file();
  printer.script(JobScript::stuck);
  auto failed = service->print_receipt(ticket.number);
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->reason, "timeout");
  EXPECT_GE(world.clock.now() - kFiledAt, std::chrono::seconds(world.printer.job_timeout_seconds));
  EXPECT_EQ(printer.cancelled().size(), 1u);
}

TEST_F(PrintServiceTest, QuittingStopsTheWaitWithoutRecordingAnOutcome) {
  const Ticket ticket = world.file();
  printer.script(JobScript::stuck);
  int polls = 0;
  PrintServiceOptions options;
  options.sleep = [this](std::chrono::milliseconds) { world.clock.advance(std::chrono::seconds(1)); };
  options.abandon = [&polls] { return ++polls > 2; };
  PrintService quitting(world.config, world.printer, world.taxonomy, *world.calendar, *world.store, printer,
                        renderer, world.clock, world.catalogs(), options);
  auto outcome = quitting.print_receipt(ticket.number);
  ASSERT_TRUE(outcome.ok());
  EXPECT_FALSE(outcome->printed());
  EXPECT_EQ(outcome->reason, "interrupted");
  EXPECT_TRUE(printer.cancelled().empty()) << "the job is left to the spooler";
  EXPECT_EQ(row_states(ticket.number), std::vector<std::string>{"sent"}) << "never recorded as printed";
}

TEST_F(PrintServiceTest, UnknownNumberIsAnErrorAndRecordsNothing) {
  auto outcome = service->print_receipt("K-NOPE");
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, ErrorCode::not_found);
  EXPECT_TRUE(printer.submitted().empty());
  EXPECT_EQ(*world.store->count_rows("print_jobs"), 0);
}

TEST_F(PrintServiceTest, TestPageRecordsNoPrintJobAndFailsLikeAReceipt) {
  auto printed = service->print_test_page("en", "https://desk.example/");
  ASSERT_TRUE(printed.ok());
  EXPECT_TRUE(printed->printed());
  printer.script(JobScript::stop_printer, 0, "media-empty-error");
  auto failed = service->print_test_page("zh-CN", "https://desk.example/");
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->reason, "media-empty");
  EXPECT_EQ(*world.store->count_rows("print_jobs"), 0);
}

}  // namespace
}  // namespace complaint::test
