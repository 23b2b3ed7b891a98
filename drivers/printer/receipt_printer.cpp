// [printer] and the choice of printer (see receipt_printer.h).
#include "drivers/printer/receipt_printer.h"

#include "drivers/printer/cups_printer.h"
#include "drivers/printer/file_printer.h"

namespace complaint {

std::vector<ConfigSection> receipt_printer_sections(ReceiptPrinterConfig& config) {
  return {{"printer", [&config](SectionReader& in) -> Result<void> {
             TRY_VOID(in.text("queue", config.queue));
             TRY_VOID(in.text("output_dir", config.output_dir));
             return read_printer_config(in, config.receipt);
           }}};
}

OpenedPrinter open_receipt_printer(const ReceiptPrinterConfig& config) {
  OpenedPrinter opened;
  if (config.queue.empty()) {
    auto files = std::make_unique<FilePrinter>(config.output_dir);
    opened.file_printer = files.get();
    opened.printer = std::move(files);
  } else {
    opened.printer = std::make_unique<CupsPrinter>(config.queue);
  }
  return opened;
}

}  // namespace complaint
