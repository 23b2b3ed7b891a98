// The cairo renderer checked from the outside, the way a person with a phone would: the QR
// decoded with zbarimg from the PNG, from the ESC/POS raster rebuilt by the tests' own
// parser, and from the PDF rasterised at 203 dpi by pdftoppm; pdftotext reads the number
// and the promise line. QR modules are whole printer dots (the finder pattern is exactly
// 7 x module dots wide).
#include "drivers/receipt_render/cairo_receipt_renderer.h"

#include <algorithm>

#include "core/domain/check_code.h"
#include "tests/core/printing/escpos_parser.h"
#include "tests/core/printing/receipt_fixture.h"
#include "tests/drivers/printer/decode_tools.h"

namespace complaint::test {
namespace {

class ReceiptRender : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* tool : {"zbarimg", "pdftoppm", "pdftotext"})
      if (!have_tool(tool)) GTEST_SKIP() << tool << " not installed (Debian: zbar-tools, poppler-utils)";
  }

  ReceiptLayout layout_for(const Ticket& ticket, StaffCopy staff = StaffCopy::omit) {
    const ReceiptSources sources{world.config,           world.taxonomy,
                                 world.calendar->zone(), world.catalog(ticket.language),
                                 *world.zh_cn,           world.clock.now()};
    return build_receipt(ticket, world.url_of(ticket), sources, staff);
  }

  RenderOptions options(ReceiptFormat format, int paper_mm = 80) {
    world.printer.format = format;
    world.printer.paper_mm = paper_mm;
    return render_options(world.printer);
  }

  // pdftotext of the whole PDF with all white space removed (wrapping differs from the layout's).
  std::string pdf_text(const fs::path& pdf) {
    std::string text = run_command("pdftotext -enc UTF-8 '" + pdf.string() + "' - 2>/dev/null");
    std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\f' || c == '\r'; });
    return text;
  }

  ReceiptWorld world;
  CairoReceiptRenderer renderer;
};

std::string squeeze(std::string text) {
  std::erase_if(text, [](char c) { return c == ' ' || c == '\n'; });
  return text;
}

// Every horizontal black run of a bitmap holding only a QR code, and its width in dots.
struct QrRuns {
  std::vector<int> runs;
  int left = -1;
  int right = -1;
};
QrRuns qr_runs(const MonoBitmap& bitmap) {
  QrRuns found;
  for (int y = 0; y < bitmap.height; ++y) {
    int run = 0;
    for (int x = 0; x <= bitmap.width; ++x) {
      const bool black = x < bitmap.width && bitmap.black(x, y);
      if (black) {
        found.left = found.left < 0 ? x : std::min(found.left, x);
        found.right = std::max(found.right, x);
        ++run;
      } else if (run > 0) {
        found.runs.push_back(run);
        run = 0;
      }
    }
  }
  return found;
}

TEST_F(ReceiptRender, PngQrDecodesToTheTrackingUrlExactly) {
  const Ticket ticket = world.file();
  auto document = renderer.render(layout_for(ticket), options(ReceiptFormat::png));
  ASSERT_TRUE(document.ok()) << document.error().message;
  EXPECT_EQ(document->bytes.substr(1, 3), "PNG");
  const fs::path png = world.dir / "receipt.png";
  write_file(png, document->bytes);
  EXPECT_EQ(decode_qr(png), std::vector<std::string>{world.url_of(ticket)});
}

TEST_F(ReceiptRender, QrModulesAreWholePrinterDots) {
  const Ticket ticket = world.file();
  ReceiptLayout only_qr = layout_for(ticket);
  only_qr.copies[0].blocks = {ReceiptBlock{BlockKind::qr, world.url_of(ticket)}};
  for (int module_dots : {6, 4, 5}) {
    world.printer.qr_module_dots = module_dots;
    auto copies = renderer.rasterise(only_qr, options(ReceiptFormat::escpos));
    ASSERT_TRUE(copies.ok()) << copies.error().message;
    const QrRuns found = qr_runs((*copies)[0]);
    ASSERT_FALSE(found.runs.empty());
    for (int run : found.runs) ASSERT_EQ(run % module_dots, 0) << "a run of " << run << " dots";
    const int width = found.right - found.left + 1;
    ASSERT_EQ(width % module_dots, 0);
    EXPECT_EQ((width / module_dots) % 4, 1) << "21, 25, 29... modules: version 1 + 4 per version";
    EXPECT_GE(found.left, 4 * module_dots) << "4-module quiet zone";
    EXPECT_EQ(decode_qr([&] {
                write_pbm(world.dir / "only_qr.pbm", (*copies)[0]);
                return world.dir / "only_qr.pbm";
              }()),
              std::vector<std::string>{world.url_of(ticket)});
  }
}

TEST_F(ReceiptRender, EscposBandsRebuildAScannableReceiptOn58And80mm) {
  const Ticket ticket = world.file();
  for (int paper : {58, 80}) {
    auto document =
        renderer.render(layout_for(ticket, StaffCopy::include), options(ReceiptFormat::escpos, paper));
    ASSERT_TRUE(document.ok()) << document.error().message;
    const ParsedEscpos parsed = parse_escpos(document->bytes);
    ASSERT_TRUE(parsed.error.empty()) << parsed.error;
    ASSERT_EQ(parsed.pieces.size(), 2u) << "customer and staff copy are cut separately";
    EXPECT_EQ(parsed.pieces[0].image.width, paper == 58 ? 384 : 576);
    EXPECT_EQ(parsed.pieces[0].cut, 1);
    EXPECT_EQ(parsed.pieces[1].cut, 1);
    const fs::path customer = world.dir / ("customer-" + std::to_string(paper) + ".pbm");
    const fs::path staff = world.dir / ("staff-" + std::to_string(paper) + ".pbm");
    write_pbm(customer, parsed.pieces[0].image);
    write_pbm(staff, parsed.pieces[1].image);
    EXPECT_EQ(decode_qr(customer), std::vector<std::string>{world.url_of(ticket)}) << paper << " mm";
    EXPECT_TRUE(decode_qr(staff).empty()) << "the staff copy carries no tracking code";
  }
}

TEST_F(ReceiptRender, PdfAt203DpiScansAndReadsTheNumberAndPromise) {
  world.check_code_station = 2;
  const Ticket ticket = world.file();
  ASSERT_EQ(ticket.check_code.size(), 6u);
  auto document = renderer.render(layout_for(ticket), options(ReceiptFormat::pdf));
  ASSERT_TRUE(document.ok()) << document.error().message;
  const fs::path pdf = world.dir / "receipt.pdf";
  write_file(pdf, document->bytes);
  int status = 0;
  run_command("pdftoppm -r 203 -gray -png '" + pdf.string() + "' '" + (world.dir / "page").string() + "'",
              &status);
  ASSERT_EQ(status, 0);
  EXPECT_EQ(decode_qr(world.dir / "page-1.png"), std::vector<std::string>{world.url_of(ticket)});
  const std::string text = pdf_text(pdf);
  EXPECT_NE(text.find(ticket.number), std::string::npos) << text;
  EXPECT_NE(text.find("查询码/Checkcode" + format_check_code(ticket.check_code)), std::string::npos) << text;
  EXPECT_NE(text.find(squeeze(promise_line(ticket, world.calendar->zone(), *world.zh_cn, world.clock.now()))),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("11月25日（周三）当天内"), std::string::npos) << text;
  EXPECT_EQ(text.find("SECRET-CONTENT"), std::string::npos) << "the customer copy never has the complaint";
  EXPECT_EQ(text.find("13800138000"), std::string::npos);
}

TEST_F(ReceiptRender, EnglishAndAnonymousInquiryReceipts) {
  const Ticket english = world.file("complaint", "en");
  const Ticket inquiry = world.file("inquiry", "zh-CN", true);
  for (const Ticket* ticket : {&english, &inquiry}) {
    auto document = renderer.render(layout_for(*ticket), options(ReceiptFormat::pdf));
    ASSERT_TRUE(document.ok()) << document.error().message;
    const fs::path pdf = world.dir / (ticket->number + ".pdf");
    write_file(pdf, document->bytes);
    const std::string text = pdf_text(pdf);
    EXPECT_NE(text.find(ticket->number), std::string::npos) << text;
    EXPECT_NE(text.find(squeeze(promise_line(*ticket, world.calendar->zone(), world.catalog(ticket->language),
                                             world.clock.now()))),
              std::string::npos)
        << text;
  }
  EXPECT_NE(pdf_text(world.dir / (english.number + ".pdf")).find("byendofWed25Nov(5daysleft)"),
            std::string::npos);
  EXPECT_NE(pdf_text(world.dir / (inquiry.number + ".pdf")).find("匿名"), std::string::npos);
}

TEST_F(ReceiptRender, StaffCopyIsItsOwnPdfPageWithTheFullRecord) {
  const Ticket ticket = world.file();
  auto document = renderer.render(layout_for(ticket, StaffCopy::include), options(ReceiptFormat::pdf));
  ASSERT_TRUE(document.ok());
  const fs::path pdf = world.dir / "both.pdf";
  write_file(pdf, document->bytes);
  const std::string first = squeeze(run_command("pdftotext -f 1 -l 1 '" + pdf.string() + "' - 2>/dev/null"));
  const std::string second = squeeze(run_command("pdftotext -f 2 -l 2 '" + pdf.string() + "' - 2>/dev/null"));
  EXPECT_EQ(first.find("SECRET-CONTENT"), std::string::npos);
  EXPECT_NE(second.find("机密投诉内容SECRET"), std::string::npos) << second;
  EXPECT_NE(second.find("13800138000"), std::string::npos);
}

TEST_F(ReceiptRender, TestPageScans) {
  const ReceiptSources sources{world.config,   world.taxonomy, world.calendar->zone(),
                               *world.english, *world.zh_cn,   world.clock.now()};
  const std::string url = "https://desk.example/";
  auto document =
      renderer.render(build_test_receipt(sources, world.clock.now(), url), options(ReceiptFormat::png, 58));
  ASSERT_TRUE(document.ok());
  write_file(world.dir / "test.png", document->bytes);
  EXPECT_EQ(decode_qr(world.dir / "test.png"), std::vector<std::string>{url});
}

}  // namespace
}  // namespace complaint::test
