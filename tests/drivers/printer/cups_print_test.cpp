// Receipts through a REAL cupsd started by the tests (cups_server.h): a Generic PDF queue
// writing to a file: URI (rasterised at 203 dpi and scanned), a raw queue to a socket://
// sink (the ESC/POS decoded by the tests' own parser and scanned), a printer that runs out
// of paper (job failed and cancelled, ticket kept, reprint after cupsenable), and one that
// never answers (cancelled at the timeout). Each has a fault sibling: the same scenario
// with the CUPS driver made to fail (FaultyPrinter), then a clean reprint.
#include "drivers/printer/cups_printer.h"

#include <thread>

#include "drivers/receipt_render/cairo_receipt_renderer.h"
#include "tests/core/printing/escpos_parser.h"
#include "tests/core/printing/receipt_fixture.h"
#include "tests/drivers/printer/decode_tools.h"
#include "tests/drivers/printer/faulty_printer.h"

namespace complaint::test {
namespace {

// The width in points of `word` on page 1 as pdftotext -bbox finds it; -1 when absent.
double word_width(const fs::path& pdf, const std::string& word) {
  const std::string xml = run_command("pdftotext -bbox -f 1 -l 1 '" + pdf.string() + "' - 2>/dev/null");
  const std::size_t at = xml.find(">" + word + "</word>");
  if (at == std::string::npos) return -1;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  const std::size_t start = xml.rfind("<word", at);
  if (std::sscanf(xml.c_str() + start, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0,
                  &x1, &y1) != 4)
    return -1;
  return x1 - x0;
}

class CupsPrint : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    server = CupsServer::shared(&why);
    if (server == nullptr) GTEST_SKIP() << "no private cupsd: " << why;
    for (const char* tool : {"zbarimg", "pdftoppm", "pdftotext"})
      if (!have_tool(tool)) GTEST_SKIP() << tool << " not installed (Debian: zbar-tools, poppler-utils)";
    queue = queue_for_this_test();
    world.printer.job_timeout_seconds = 30;
  }

  // The service over `printer`, on the real clock (the spooler runs in real time).
  PrintService service(Printer& printer) {
    PrintServiceOptions options;
    options.poll_interval = std::chrono::milliseconds(100);
    return PrintService(world.config, world.printer, world.taxonomy, *world.calendar, *world.store, printer,
                        renderer, real_clock, world.catalogs(), options);
  }

  std::vector<std::string> row_states(const std::string& number) {
    return print_job_states(*world.store, number);
  }

  // A raw queue for this test to a loopback sink that behaves as asked.
  std::unique_ptr<SocketSink> raw_queue_to_sink(SocketSink::Behaviour behaviour) {
    std::string why;
    auto sink = SocketSink::start(behaviour, &why);
    EXPECT_TRUE(sink) << why;
    if (sink) {
      EXPECT_EQ(server->add_raw_queue(queue, sink->port()), "");
    }
    return sink;
  }

  void expect_ticket_kept(const Ticket& ticket, std::int64_t tickets) {
    auto count = world.store->count_tickets();
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, tickets) << "a ticket was lost or duplicated";
    auto stored = world.store->find(ticket.number);
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_EQ((*stored)->status, ticket.status);
    EXPECT_EQ((*stored)->content, ticket.content);
  }

  std::string active_jobs() { return server->command("lpstat -o " + queue).output; }

  // Prints to the PDF queue and checks the file the way a customer's phone reads the paper.
  void expect_pdf_receipt(PrintService& printing, const Ticket& ticket, const fs::path& output) {
    CupsServer::empty_pdf_output(output.string());
    auto outcome = printing.print_receipt(ticket.number);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    ASSERT_TRUE(outcome->printed()) << outcome->reason << ": " << outcome->detail << "\n"
                                    << server->error_log_tail();
    EXPECT_GT(outcome->spooler_job, 0);
    ASSERT_GT(fs::file_size(output), 0u) << "completed, but the file: URI got nothing";
    const fs::path stem = world.dir / ("page-" + ticket.number);
    int status = 0;
    run_command("pdftoppm -r 203 -gray -png -f 1 -l 1 '" + output.string() + "' '" + stem.string() + "'",
                &status);
    ASSERT_EQ(status, 0) << "pdftoppm could not read the spooler's output";
    fs::path page;
    for (const auto& entry : fs::directory_iterator(world.dir))
      if (entry.path().filename().string().starts_with(stem.filename().string())) page = entry.path();
    EXPECT_EQ(decode_qr(page), std::vector<std::string>{world.url_of(ticket)});
    std::string text = run_command("pdftotext -enc UTF-8 '" + output.string() + "' - 2>/dev/null");
    std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
    // The service prints on the real clock, so the time left is counted from it (the fixture's
    // deadlines lie in the past of any real run: "已超时" either way).
    std::string promise =
        promise_line(ticket, world.calendar->zone(), world.catalog(ticket.language), real_clock.now());
    std::erase_if(promise, [](char c) { return c == ' '; });
    EXPECT_NE(text.find(ticket.number), std::string::npos) << text;
    EXPECT_NE(text.find(promise), std::string::npos) << "promise line missing: " << text;
    EXPECT_EQ(text.find("SECRET-CONTENT"), std::string::npos);
    EXPECT_EQ(row_states(ticket.number).back(), "completed");
    // No fit-to-page: the number is as wide on the spooler's page as on the page we sent.
    const ReceiptSources sources{world.config,           world.taxonomy,
                                 world.calendar->zone(), world.catalog(ticket.language),
                                 *world.zh_cn,           world.clock.now()};
    auto sent = renderer.render(build_receipt(ticket, world.url_of(ticket), sources, StaffCopy::omit),
                                render_options(world.printer));
    ASSERT_TRUE(sent.ok());
    const fs::path sent_pdf = world.dir / ("sent-" + ticket.number + ".pdf");
    write_file(sent_pdf, sent->bytes);
    const double sent_width = word_width(sent_pdf, ticket.number);
    ASSERT_GT(sent_width, 0);
    EXPECT_NEAR(word_width(output, ticket.number), sent_width, 0.5) << "the spooler scaled the receipt";
  }

  CupsServer* server = nullptr;
  std::string queue;
  ReceiptWorld world;
  SystemClock real_clock;
  CairoReceiptRenderer renderer;
};

TEST_F(CupsPrint, GenericPdfQueueToAFileScansAndReads) {
  const fs::path output = fs::path(server->folder()) / "out" / (queue + ".pdf");
  ASSERT_EQ(server->add_pdf_queue(queue, output.string()), "");
  world.printer.format = ReceiptFormat::pdf;
  CupsPrinter cups(queue);
  PrintService printing = service(cups);
  // Chinese complaint, English complaint, anonymous inquiry: one job each.
  for (const Ticket& ticket :
       {world.file(), world.file("complaint", "en"), world.file("inquiry", "zh-CN", true)}) {
    SCOPED_TRACE(ticket.language + " " + ticket.kind);
    expect_pdf_receipt(printing, ticket, output);
    EXPECT_EQ(row_states(ticket.number), std::vector<std::string>{"completed"});
  }
}

TEST_F(CupsPrint, GenericPdfQueueFaultSiblingRefusedSubmitThenReprint) {
  const fs::path output = fs::path(server->folder()) / "out" / (queue + ".pdf");
  ASSERT_EQ(server->add_pdf_queue(queue, output.string()), "");
  world.printer.format = ReceiptFormat::pdf;
  CupsPrinter cups(queue);
  FaultyPrinter faulty(cups);
  PrintService printing = service(faulty);
  const Ticket ticket = world.file("complaint", "en");
  faulty.fail(PrinterOperation::submit, 0, FailureMode::once);
  auto failed = printing.print_receipt(ticket.number);
  ASSERT_TRUE(failed.ok());
  EXPECT_FALSE(failed->printed());
  EXPECT_EQ(failed->reason, "unavailable");
  EXPECT_EQ(fs::file_size(output), 0u) << "a refused job printed nothing";
  EXPECT_EQ(row_states(ticket.number), std::vector<std::string>{"failed"});
  expect_ticket_kept(ticket, 1);
  expect_pdf_receipt(printing, ticket, output);
  EXPECT_EQ(row_states(ticket.number), (std::vector<std::string>{"failed", "completed"}));
  expect_ticket_kept(ticket, 1);
}

// A site's PDF queue whose output file cannot be opened (here: its folder does not exist;
// on current CUPS also a file nobody created): CUPS stops the job on an idle printer. The
// receipt fails at once, saying so, instead of after the job timeout, the job is
// cancelled, and once the output exists a reprint comes out.
TEST_F(CupsPrint, PdfQueueThatCannotOpenItsOutputFailsAtOnceThenReprints) {
  const fs::path folder = fs::path(server->folder()) / "out" / (queue + "-missing");
  const fs::path output = folder / "receipt.pdf";
  ASSERT_EQ(server->add_pdf_queue(queue, output.string()), "");
  world.printer.format = ReceiptFormat::pdf;
  world.printer.job_timeout_seconds = 60;
  CupsPrinter cups(queue);
  PrintService printing = service(cups);
  const Ticket ticket = world.file("complaint", "en");
  const auto started = std::chrono::steady_clock::now();
  auto failed = printing.print_receipt(ticket.number);
  ASSERT_TRUE(failed.ok()) << failed.error().message;
  EXPECT_FALSE(failed->printed());
  EXPECT_EQ(failed->reason, "job-stopped") << failed->detail << "\n" << server->error_log_tail();
  EXPECT_NE(failed->detail.find("the spooler stopped the job"), std::string::npos) << failed->detail;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30))
      << "did not wait for the timeout";
  EXPECT_EQ(row_states(ticket.number), std::vector<std::string>{"failed"});
  EXPECT_EQ(active_jobs(), "") << "the stopped job was cancelled";
  fs::create_directories(folder);
  fs::permissions(folder, fs::perms::all);
  expect_pdf_receipt(printing, ticket, output);
  EXPECT_EQ(row_states(ticket.number), (std::vector<std::string>{"failed", "completed"}));
  expect_ticket_kept(ticket, 1);
}

// Raw queue to socket://: what a thermal printer receives, decoded by our own parser.
void expect_escpos_receipt(const std::string& bytes, const std::string& url, const fs::path& dir, int width) {
  const ParsedEscpos parsed = parse_escpos(bytes);
  ASSERT_TRUE(parsed.error.empty()) << parsed.error;
  EXPECT_TRUE(parsed.initialised);
  ASSERT_EQ(parsed.pieces.size(), 1u);
  EXPECT_EQ(parsed.pieces[0].image.width, width);
  EXPECT_EQ(parsed.pieces[0].cut, 1) << "partial cut after the receipt";
  EXPECT_GE(parsed.pieces[0].feed_lines, 1) << "feed before the cut";
  write_pbm(dir / "sink.pbm", parsed.pieces[0].image);
  EXPECT_EQ(decode_qr(dir / "sink.pbm"), std::vector<std::string>{url});
}

TEST_F(CupsPrint, RawQueueToSocketSinkCarriesScannableEscpos) {
  auto sink = raw_queue_to_sink(SocketSink::Behaviour::read_all_then_close);
  ASSERT_TRUE(sink && !HasFailure());
  world.printer.format = ReceiptFormat::escpos;
  world.printer.paper_mm = 58;
  CupsPrinter cups(queue);
  PrintService printing = service(cups);
  const Ticket ticket = world.file();
  auto outcome = printing.print_receipt(ticket.number);
  ASSERT_TRUE(outcome.ok());
  ASSERT_TRUE(outcome->printed()) << outcome->detail << "\n" << server->error_log_tail();
  const auto jobs = sink->wait_for_jobs(1, std::chrono::seconds(5));
  ASSERT_EQ(jobs.size(), 1u);
  expect_escpos_receipt(jobs[0], world.url_of(ticket), world.dir, 384);
  EXPECT_EQ(row_states(ticket.number), std::vector<std::string>{"completed"});
}

TEST_F(CupsPrint, RawQueueFaultSiblingStatusLostThenReprint) {
  auto sink = raw_queue_to_sink(SocketSink::Behaviour::read_all_then_close);
  ASSERT_TRUE(sink && !HasFailure());
  world.printer.format = ReceiptFormat::escpos;
  world.printer.job_timeout_seconds = 2;
  CupsPrinter cups(queue);
  FaultyPrinter faulty(cups);
  PrintService printing = service(faulty);
  const Ticket ticket = world.file();
  // The job goes out, but we never learn that it completed: it must not be recorded printed.
  faulty.fail(PrinterOperation::job_status, 0, FailureMode::from_then_on);
  auto unknown = printing.print_receipt(ticket.number);
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->printed());
  EXPECT_NE(row_states(ticket.number).back(), "completed");
  expect_ticket_kept(ticket, 1);
  faulty.clear();
  auto reprinted = printing.print_receipt(ticket.number);
  ASSERT_TRUE(reprinted.ok());
  EXPECT_TRUE(reprinted->printed()) << reprinted->detail;
  EXPECT_EQ(row_states(ticket.number).back(), "completed");
  const auto jobs = sink->wait_for_jobs(2, std::chrono::seconds(5));
  ASSERT_GE(jobs.size(), 1u);
  expect_escpos_receipt(jobs.back(), world.url_of(ticket), world.dir, 576);
  expect_ticket_kept(ticket, 1);
}

TEST_F(CupsPrint, PaperOutFailsKeepsTheTicketAndReprintsAfterCupsenable) {
  ASSERT_EQ(server->add_paper_queue(queue), "");
  world.printer.format = ReceiptFormat::escpos;
  CupsPrinter cups(queue);
  PrintService printing = service(cups);
  const Ticket ticket = world.file();
  server->set_paper_out(queue, true);
  auto failed = printing.print_receipt(ticket.number);
  ASSERT_TRUE(failed.ok());
  EXPECT_FALSE(failed->printed());
  EXPECT_EQ(failed->reason, "media-empty") << failed->detail;
  EXPECT_EQ(failed->reason_key, "receipt.print.reason.media_empty");
  EXPECT_NE(failed->detail.find("Out of paper"), std::string::npos)
      << "printer-state-message: " << failed->detail;
  EXPECT_EQ(row_states(ticket.number), std::vector<std::string>{"failed"});
  expect_ticket_kept(ticket, 1);
  EXPECT_EQ(active_jobs(), "") << "the failed job was cancelled, so it cannot come out later";
  EXPECT_NE(server->command("lpstat -p " + queue).output.find("disabled"), std::string::npos);

  // Paper loaded, queue re-enabled: exactly one receipt comes out.
  server->set_paper_out(queue, false);
  ASSERT_EQ(server->command("cupsenable " + queue).status, 0);
  auto reprinted = printing.print_receipt(ticket.number);
  ASSERT_TRUE(reprinted.ok());
  EXPECT_TRUE(reprinted->printed()) << reprinted->detail << "\n" << server->error_log_tail();
  EXPECT_EQ(row_states(ticket.number), (std::vector<std::string>{"failed", "completed"}));
  int printed_files = 0;
  std::string printed;
  for (const auto& entry : fs::directory_iterator(server->device_folder(queue))) {
    if (!entry.path().filename().string().starts_with("printed.")) continue;
    ++printed_files;
    printed = read_file(entry.path());
  }
  EXPECT_EQ(printed_files, 1) << "one receipt, not two";
  expect_escpos_receipt(printed, world.url_of(ticket), world.dir, 576);
  expect_ticket_kept(ticket, 1);
}

TEST_F(CupsPrint, PaperOutFaultSiblingCancelFailsStillNotPrinted) {
  ASSERT_EQ(server->add_paper_queue(queue), "");
  CupsPrinter cups(queue);
  FaultyPrinter faulty(cups);
  PrintService printing = service(faulty);
  const Ticket ticket = world.file("inquiry", "en", true);
  server->set_paper_out(queue, true);
  faulty.fail(PrinterOperation::cancel, 0, FailureMode::from_then_on);
  auto failed = printing.print_receipt(ticket.number);
  ASSERT_TRUE(failed.ok());
  EXPECT_FALSE(failed->printed());
  EXPECT_EQ(failed->reason, "media-empty");
  EXPECT_NE(failed->detail.find("cancel failed"), std::string::npos) << failed->detail;
  EXPECT_EQ(row_states(ticket.number), std::vector<std::string>{"failed"});
  expect_ticket_kept(ticket, 1);
  // Our cancel failed, so the old job is still queued: cancel it as the receptionist would.
  server->command("cancel -a " + queue);
  server->set_paper_out(queue, false);
  server->command("cupsenable " + queue);
  faulty.clear();
  auto reprinted = printing.print_receipt(ticket.number);
  ASSERT_TRUE(reprinted.ok());
  EXPECT_TRUE(reprinted->printed()) << reprinted->detail;
  expect_ticket_kept(ticket, 1);
}

TEST_F(CupsPrint, APrinterThatNeverAnswersIsCancelledAtTheTimeoutAndReported) {
  auto sink = raw_queue_to_sink(SocketSink::Behaviour::never_answer);
  ASSERT_TRUE(sink && !HasFailure());
  world.printer.format = ReceiptFormat::escpos;
  world.printer.job_timeout_seconds = 2;
  CupsPrinter cups(queue);
  PrintService printing = service(cups);
  const Ticket ticket = world.file();
  const auto started = std::chrono::steady_clock::now();
  auto failed = printing.print_receipt(ticket.number);
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(failed.ok());
  EXPECT_FALSE(failed->printed());
  EXPECT_EQ(failed->reason, "timeout") << failed->detail;
  EXPECT_EQ(failed->reason_key, "receipt.print.reason.timeout");
  EXPECT_NE(failed->detail.find("job cancelled"), std::string::npos) << failed->detail;
  EXPECT_GE(took, std::chrono::seconds(1));
  EXPECT_EQ(row_states(ticket.number), std::vector<std::string>{"cancelled"});
  EXPECT_EQ(active_jobs(), "");
  auto state = cups.job_status(failed->spooler_job);
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->state, JobState::cancelled);
  expect_ticket_kept(ticket, 1);
}

TEST_F(CupsPrint, NeverAnswersFaultSiblingPrinterStatusLost) {
  auto sink = raw_queue_to_sink(SocketSink::Behaviour::never_answer);
  ASSERT_TRUE(sink && !HasFailure());
  world.printer.job_timeout_seconds = 1;
  CupsPrinter cups(queue);
  FaultyPrinter faulty(cups);
  PrintService printing = service(faulty);
  const Ticket ticket = world.file();
  faulty.fail(PrinterOperation::printer_status, 0, FailureMode::from_then_on);
  auto failed = printing.print_receipt(ticket.number);
  ASSERT_TRUE(failed.ok());
  EXPECT_FALSE(failed->printed());
  EXPECT_EQ(failed->reason, "timeout");
  EXPECT_EQ(row_states(ticket.number), std::vector<std::string>{"cancelled"});
  EXPECT_EQ(active_jobs(), "");
  expect_ticket_kept(ticket, 1);
}

}  // namespace
}  // namespace complaint::test
