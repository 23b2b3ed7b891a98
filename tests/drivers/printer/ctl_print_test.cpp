// complaintctl reprint / print-test as separate processes against the tests' private cupsd
// (CUPS_SERVER is inherited): the config's [printer] section by default, --printer/--format/
// --paper overriding it, exit 0 only for a completed job, the printer's reason on stderr
// and exit 1 otherwise (paper out, stopped queue, unknown queue), the file printer, and
// that a reprint carries the ticket's current status.
#include "tests/core/printing/escpos_parser.h"
#include "tests/core/printing/receipt_fixture.h"
#include "tests/drivers/printer/cups_server.h"
#include "tests/drivers/printer/decode_tools.h"

namespace complaint::test {
namespace {

class CtlPrint : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    server = CupsServer::shared(&why);
    if (server == nullptr) GTEST_SKIP() << "no private cupsd: " << why;
    if (!have_tool("zbarimg")) GTEST_SKIP() << "zbarimg not installed (Debian: zbar-tools)";
    queue = queue_for_this_test();
    ticket = world.file();
  }

  // Writes the [printer] section the commands default to.
  void configure(const std::string& printer_section) {
    write_file(world.dir / "config.toml", "[printer]\njob_timeout_seconds = 20\noutput_dir = \"" +
                                              (world.dir / "files").string() + "\"\n" + printer_section);
  }

  CommandResult ctl(const std::string& arguments) {
    return run_shell(std::string(COMPLAINTCTL_PATH) + " --db '" + (world.dir / "kiosk.db").string() +
                     "' --config '" + (world.dir / "config.toml").string() + "' " + arguments);
  }

  std::vector<std::string> row_states() { return print_job_states(*world.store, ticket.number); }

  std::vector<std::string> pdf_qr(const fs::path& pdf) {
    const fs::path stem = world.dir / ("qr-" + pdf.stem().string());
    run_command("pdftoppm -r 203 -gray -png -f 1 -l 1 '" + pdf.string() + "' '" + stem.string() + "'");
    for (const auto& entry : fs::directory_iterator(world.dir))
      if (entry.path().filename().string().starts_with(stem.filename().string()))
        return decode_qr(entry.path());
    return {};
  }

  CupsServer* server = nullptr;
  std::string queue;
  ReceiptWorld world;
  Ticket ticket;
};

TEST_F(CtlPrint, ReprintUsesTheConfigsQueueAndExitsZeroWhenCompleted) {
  const fs::path output = fs::path(server->folder()) / "out" / (queue + ".pdf");
  ASSERT_EQ(server->add_pdf_queue(queue, output.string()), "");
  configure("queue = \"" + queue + "\"\nformat = \"pdf\"\n");
  const CommandResult result = ctl("reprint " + ticket.number);
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("printed on " + queue), std::string::npos) << result.output;
  ASSERT_GT(fs::file_size(output), 0u) << "completed, but the file: URI got nothing";
  EXPECT_EQ(pdf_qr(output), std::vector<std::string>{world.url_of(ticket)});
  EXPECT_EQ(row_states(), std::vector<std::string>{"completed"});
}

TEST_F(CtlPrint, OptionsOverrideTheConfig) {
  std::string why;
  auto sink = SocketSink::start(SocketSink::Behaviour::read_all_then_close, &why);
  ASSERT_TRUE(sink) << why;
  ASSERT_EQ(server->add_raw_queue(queue, sink->port()), "");
  configure("queue = \"no-such-queue\"\nformat = \"pdf\"\npaper = 80\n");
  const CommandResult result =
      ctl("reprint " + ticket.number + " --printer " + queue + " --format escpos --paper 58");
  EXPECT_EQ(result.status, 0) << result.output;
  const auto jobs = sink->wait_for_jobs(1, std::chrono::seconds(5));
  ASSERT_EQ(jobs.size(), 1u);
  const ParsedEscpos parsed = parse_escpos(jobs[0]);
  ASSERT_TRUE(parsed.error.empty()) << parsed.error;
  ASSERT_EQ(parsed.pieces.size(), 1u);
  EXPECT_EQ(parsed.pieces[0].image.width, 384) << "--paper 58";
  write_pbm(world.dir / "ctl.pbm", parsed.pieces[0].image);
  EXPECT_EQ(decode_qr(world.dir / "ctl.pbm"), std::vector<std::string>{world.url_of(ticket)});
}

TEST_F(CtlPrint, PaperOutExitsOneWithThePrintersReasonThenReprintWorks) {
  ASSERT_EQ(server->add_paper_queue(queue), "");
  configure("queue = \"" + queue + "\"\n");
  server->set_paper_out(queue, true);
  const CommandResult failed = ctl("reprint " + ticket.number);
  EXPECT_EQ(failed.status, 1) << failed.output;
  EXPECT_NE(failed.output.find("media-empty"), std::string::npos) << failed.output;
  EXPECT_NE(failed.output.find("Out of paper"), std::string::npos) << failed.output;
  EXPECT_EQ(row_states(), std::vector<std::string>{"failed"});
  server->set_paper_out(queue, false);
  ASSERT_EQ(server->command("cupsenable " + queue).status, 0);
  const CommandResult printed = ctl("reprint " + ticket.number);
  EXPECT_EQ(printed.status, 0) << printed.output;
  EXPECT_EQ(row_states(), (std::vector<std::string>{"failed", "completed"}));
  EXPECT_EQ(*world.store->count_tickets(), 1);
}

TEST_F(CtlPrint, PrintTestPageAndAStoppedQueue) {
  const fs::path output = fs::path(server->folder()) / "out" / (queue + ".pdf");
  ASSERT_EQ(server->add_pdf_queue(queue, output.string()), "");
  configure("queue = \"" + queue + "\"\nformat = \"pdf\"\n");
  const CommandResult printed = ctl("print-test --lang en");
  EXPECT_EQ(printed.status, 0) << printed.output;
  ASSERT_GT(fs::file_size(output), 0u) << "completed, but the file: URI got nothing";
  EXPECT_EQ(pdf_qr(output), std::vector<std::string>{"https://desk.example/"});
  ASSERT_EQ(server->command("cupsdisable -r 'maintenance' " + queue).status, 0);
  const CommandResult stopped = ctl("print-test");
  EXPECT_EQ(stopped.status, 1) << stopped.output;
  EXPECT_NE(stopped.output.find("\"reason\":\"paused\""), std::string::npos) << stopped.output;
  EXPECT_NE(stopped.output.find("maintenance"), std::string::npos) << stopped.output;
  server->command("cancel -a " + queue);
  server->command("cupsenable " + queue);
}

TEST_F(CtlPrint, UnknownQueueAndUnknownNumberFail) {
  configure("queue = \"no-such-queue\"\n");
  const CommandResult no_queue = ctl("reprint " + ticket.number);
  EXPECT_EQ(no_queue.status, 1) << no_queue.output;
  EXPECT_NE(no_queue.output.find("unavailable"), std::string::npos) << no_queue.output;
  const CommandResult no_ticket = ctl("reprint K-NOPE");
  EXPECT_EQ(no_ticket.status, 1) << no_ticket.output;
  const CommandResult bad_paper = ctl("print-test --paper 70");
  EXPECT_EQ(bad_paper.status, 2) << bad_paper.output;
  EXPECT_EQ(row_states(), std::vector<std::string>{"failed"});
}

TEST_F(CtlPrint, WithoutAQueueTheFilePrinterWritesUnderOutputDir) {
  configure("format = \"png\"\n");
  const CommandResult result = ctl("--json reprint " + ticket.number);
  ASSERT_EQ(result.status, 0) << result.output;
  const fs::path png = world.dir / "files" / (ticket.number + "-1.png");
  ASSERT_TRUE(fs::exists(png)) << result.output;
  EXPECT_EQ(decode_qr(png), std::vector<std::string>{world.url_of(ticket)});
}

TEST_F(CtlPrint, AReprintShowsTheStatusTheDeskSentBack) {
  if (!have_tool("pdftotext")) GTEST_SKIP() << "pdftotext not installed (Debian: poppler-utils)";
  configure("format = \"pdf\"\n");  // the file printer
  world.forward_at_the_desk(ticket, kFiledAt + 18h);
  const CommandResult result = ctl("reprint " + ticket.number);
  ASSERT_EQ(result.status, 0) << result.output;
  const fs::path pdf = world.dir / "files" / (ticket.number + "-1.pdf");
  ASSERT_TRUE(fs::exists(pdf)) << result.output;
  std::string text = run_command("pdftotext -f 1 -l 1 '" + pdf.string() + "' - 2>/dev/null");
  std::erase_if(text, [](char c) { return c == ' ' || c == '\n'; });  // wrapped lines
  EXPECT_NE(text.find("当前状态：已转发（截至11月21日10:00）"), std::string::npos) << text;
  EXPECT_EQ(text.find("SECRET-CONTENT"), std::string::npos);
}

}  // namespace
}  // namespace complaint::test
