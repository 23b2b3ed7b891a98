// [printer] as the printing programs read it (drivers/printer/receipt_printer.h): core's
// layout keys and the device keys in one section, errors naming the key, and the choice
// between the CUPS queue and the file printer.
#include "drivers/printer/receipt_printer.h"

#include <gtest/gtest.h>

#include "core/config/config.h"
#include "drivers/printer/file_printer.h"

namespace complaint {
namespace {

TEST(ReceiptPrinterConfig, ReadsLayoutAndDeviceKeysWithoutWarnings) {
  ReceiptPrinterConfig printer;
  const auto parsed = Config::parse(
      "[printer]\nqueue = \"receipt\"\noutput_dir = \"/srv/receipts\"\nformat = \"pdf\"\npaper = 58\n"
      "width_dots = 384\ndpi = 300\ncut = \"none\"\nstaff_copy = true\njob_timeout_seconds = 9\n"
      "qr_module_dots = 4\nqr_ec_level = \"Q\"\n",
      receipt_printer_sections(printer));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_TRUE(parsed->warnings.empty()) << parsed->warnings.front();
  EXPECT_EQ(printer.queue, "receipt");
  EXPECT_EQ(printer.output_dir, "/srv/receipts");
  EXPECT_EQ(printer.receipt.format, ReceiptFormat::pdf);
  EXPECT_EQ(printer.receipt.paper_mm, 58);
  EXPECT_EQ(printer.receipt.width_dots, 384);
  EXPECT_EQ(printer.receipt.dpi, 300);
  EXPECT_EQ(printer.receipt.cut, ReceiptCut::none);
  EXPECT_TRUE(printer.receipt.staff_copy);
  EXPECT_EQ(printer.receipt.job_timeout_seconds, 9);
  EXPECT_EQ(printer.receipt.qr_module_dots, 4);
  EXPECT_EQ(printer.receipt.qr_ec_level, QrErrorLevel::quartile);
}

TEST(ReceiptPrinterConfig, BadValuesAreErrorsNamingTheKey) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[printer]\npaper = 70\n", "printer.paper"},
      {"[printer]\nformat = \"bmp\"\n", "printer.format"},
      {"[printer]\nqr_ec_level = \"X\"\n", "printer.qr_ec_level"},
      {"[printer]\nstaff_copy = 1\n", "printer.staff_copy"},
      {"[printer]\nqueue = 5\n", "printer.queue"},
  };
  for (const auto& [text, field] : cases) {
    ReceiptPrinterConfig printer;
    const auto parsed = Config::parse(text, receipt_printer_sections(printer));
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::config) << text;
    EXPECT_EQ(parsed.error().field, field) << parsed.error().message;
  }
}

TEST(ReceiptPrinterConfig, ADeskReadingTheSameFilePassesOverPrinter) {
  const auto parsed = Config::parse("[printer]\npaper = 70\nqueue = \"receipt\"\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_TRUE(parsed->warnings.empty());
}

TEST(ReceiptPrinterConfig, NoQueueMeansTheFilePrinter) {
  ReceiptPrinterConfig printer;
  printer.output_dir = "/tmp/receipts-here";
  const OpenedPrinter files = open_receipt_printer(printer);
  ASSERT_NE(files.file_printer, nullptr);
  EXPECT_EQ(files.printer->name(), "file:/tmp/receipts-here");
  printer.queue = "receipt";
  const OpenedPrinter cups = open_receipt_printer(printer);
  EXPECT_EQ(cups.file_printer, nullptr);
  EXPECT_NE(cups.printer->name().find("receipt"), std::string::npos) << cups.printer->name();
}

TEST(ReceiptPrinterConfig, TheShippedExampleHasNoUnknownPrinterKeys) {
  ReceiptPrinterConfig printer;
  const auto loaded = Config::load_file(std::string(COMPLAINT_SOURCE_ASSETS) + "/config.example.toml",
                                        receipt_printer_sections(printer));
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_TRUE(loaded->warnings.empty()) << loaded->warnings.front();
  EXPECT_EQ(printer.output_dir, ReceiptPrinterConfig{}.output_dir);
}

}  // namespace
}  // namespace complaint
