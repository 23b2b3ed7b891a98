// read_printer_config (see printer_config.h). Enumerations are spelled as in the example
// config ("escpos", "partial", "M").
#include "core/printing/printer_config.h"

#include "core/config/config_file.h"

namespace complaint {

Result<void> read_printer_config(SectionReader& in, PrinterConfig& printer) {
  TRY_VOID(in.choice(
      "format", printer.format,
      {{"escpos", ReceiptFormat::escpos}, {"pdf", ReceiptFormat::pdf}, {"png", ReceiptFormat::png}}));
  TRY_VOID(
      in.choice("cut", printer.cut,
                {{"full", ReceiptCut::full}, {"partial", ReceiptCut::partial}, {"none", ReceiptCut::none}}));
  TRY_VOID(in.choice("qr_ec_level", printer.qr_ec_level,
                     {{"L", QrErrorLevel::low},
                      {"M", QrErrorLevel::medium},
                      {"Q", QrErrorLevel::quartile},
                      {"H", QrErrorLevel::high}}));
  TRY_VOID(in.integer("paper", printer.paper_mm, 58, 80));
  if (printer.paper_mm != 58 && printer.paper_mm != 80) return in.invalid("paper", "must be 58 or 80");
  TRY_VOID(in.integer("width_dots", printer.width_dots, 0, 4096));
  TRY_VOID(in.integer("dpi", printer.dpi, 100, 1200));
  TRY_VOID(in.integer("job_timeout_seconds", printer.job_timeout_seconds, 1, 3600));
  TRY_VOID(in.integer("qr_module_dots", printer.qr_module_dots, 1, 32));
  return in.boolean("staff_copy", printer.staff_copy);
}

}  // namespace complaint
