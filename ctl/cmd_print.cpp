// complaintctl reprint NUMBER / print-test: a receipt or test page through PrintService.
//   [--printer QUEUE] [--format escpos|pdf|png] [--paper 58|80] [--lang zh-CN|en (print-test)]
// Without options the config's [printer] section decides; an empty queue means the file
// printer (output_dir). libcups picks the server: $CUPS_SERVER, client.conf, local cupsd.
// Exit 0 only when the job reached a terminal success state; otherwise the printer's
// reason goes to stderr (JSON, like every complaintctl error) and the exit code is 1.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/printing/print_service.h"
#include "ctl/commands.h"
#include "drivers/printer/file_printer.h"
#include "drivers/printer/receipt_printer.h"
#include "drivers/receipt_render/cairo_receipt_renderer.h"

namespace complaint::ctl {

namespace {

struct PrintSetup {
  ReceiptPrinterConfig printer_config;
  std::unique_ptr<Printer> printer;
  FilePrinter* file_printer = nullptr;  // set when printing to files
  std::unique_ptr<Catalog> zh_cn;
  std::unique_ptr<Catalog> en;
  std::string language = "zh-CN";
};

// Applies --printer/--format/--paper/--lang over the config's [printer] section.
Result<PrintSetup> setup(CtlContext& context, Args& args, bool takes_language) {
  PrintSetup made;
  made.printer_config = context.printer_config();
  ReceiptPrinterConfig& device = made.printer_config;
  PrinterConfig& printer = device.receipt;
  TRY_ASSIGN(auto queue, take_option(args, "--printer"));
  TRY_ASSIGN(auto format, take_option(args, "--format"));
  TRY_ASSIGN(auto paper, take_option(args, "--paper"));
  TRY_ASSIGN(auto language, take_option(args, "--lang"));
  if (queue) device.queue = *queue;
  if (format) {
    if (*format == "escpos") {
      printer.format = ReceiptFormat::escpos;
    } else if (*format == "pdf") {
      printer.format = ReceiptFormat::pdf;
    } else if (*format == "png") {
      printer.format = ReceiptFormat::png;
    } else {
      return usage_error("--format is escpos, pdf or png");
    }
  }
  if (paper) {
    if (*paper != "58" && *paper != "80") return usage_error("--paper is 58 or 80");
    printer.paper_mm = std::stoi(*paper);
  }
  if (language) {
    if (!takes_language)
      return usage_error("--lang is for print-test (a receipt uses the ticket's language)");
    if (*language != "zh-CN" && *language != "en") return usage_error("--lang is zh-CN or en");
    made.language = *language;
  }
  OpenedPrinter opened = open_receipt_printer(device);
  made.printer = std::move(opened.printer);
  made.file_printer = opened.file_printer;
  const std::string i18n = assets_dir() + "/i18n";
  TRY_ASSIGN(Catalog zh_cn, Catalog::load(i18n, "zh-CN"));
  TRY_ASSIGN(Catalog en, Catalog::load(i18n, "en"));
  made.zh_cn = std::make_unique<Catalog>(std::move(zh_cn));
  made.en = std::make_unique<Catalog>(std::move(en));
  return made;
}

int report(CtlContext& context, const PrintSetup& made, const PrintOutcome& outcome,
           const std::string& what) {
  const std::string printer = made.printer->name();
  if (!outcome.printed()) {
    // The printer's reason, for the person at the console (and scripts: JSON on stderr).
    nlohmann::json error{{"error", what + " not printed: " + outcome.reason},
                         {"reason", outcome.reason},
                         {"detail", outcome.detail},
                         {"printer", printer},
                         {"code", "printer"}};
    if (outcome.spooler_job > 0) error["job"] = outcome.spooler_job;
    std::cerr << error.dump() << std::endl;
    return kExitFailure;
  }
  const std::string file =
      made.file_printer != nullptr ? made.file_printer->path_of(outcome.spooler_job) : std::string();
  if (context.options().json) {
    nlohmann::json out{{"printed", what}, {"printer", printer}, {"job", outcome.spooler_job}};
    if (!file.empty()) out["file"] = file;
    std::cout << out.dump() << std::endl;
  } else {
    std::cout << what << " printed on " << printer << " (job " << outcome.spooler_job << ")";
    if (!file.empty()) std::cout << ": " << file;
    std::cout << std::endl;
  }
  return kExitOk;
}

}  // namespace

int cmd_reprint(CtlContext& context, Args args) {
  auto made = setup(context, args, false);
  if (!made.ok()) return report_error(made.error());
  if (args.size() != 1) return report_error(usage_error("reprint takes one ticket number"));
  CairoReceiptRenderer renderer;
  PrintService printing(context.config(), made->printer_config.receipt, context.taxonomy(),
                        context.calendar(), context.store(), *made->printer, renderer, context.clock(),
                        ReceiptCatalogs{*made->zh_cn, *made->en});
  auto outcome = printing.print_receipt(args[0], ReceiptPrint::reprint);
  if (!outcome.ok()) return report_error(outcome.error());
  return report(context, *made, *outcome, args[0]);
}

int cmd_print_test(CtlContext& context, Args args) {
  auto made = setup(context, args, true);
  if (!made.ok()) return report_error(made.error());
  if (!args.empty()) return report_error(usage_error("print-test takes only options"));
  CairoReceiptRenderer renderer;
  PrintService printing(context.config(), made->printer_config.receipt, context.taxonomy(),
                        context.calendar(), context.store(), *made->printer, renderer, context.clock(),
                        ReceiptCatalogs{*made->zh_cn, *made->en});
  auto outcome = printing.print_test_page(made->language, test_page_url(context.config()));
  if (!outcome.ok()) return report_error(outcome.error());
  return report(context, *made, *outcome, "test page");
}

}  // namespace complaint::ctl
