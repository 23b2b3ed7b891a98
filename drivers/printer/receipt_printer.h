// The receipt printer as a printing program (the kiosk, complaintctl) configures it: the
// [printer] section is core's PrinterConfig (layout, job timeout) plus which printer gets
// the job, a CUPS queue or, with no queue, the file printer's folder. open_receipt_printer
// is that choice, made once for both programs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/config/config_file.h"
#include "core/printing/printer.h"
#include "core/printing/printer_config.h"

namespace complaint {

class FilePrinter;

struct ReceiptPrinterConfig {
  PrinterConfig receipt;
  std::string queue;                        // CUPS queue name; libcups honours $CUPS_SERVER
  std::string output_dir = "var/receipts";  // the file printer's folder (no queue)
};

// The reader of [printer], writing into `config` (which must outlive the parse).
std::vector<ConfigSection> receipt_printer_sections(ReceiptPrinterConfig& config);

struct OpenedPrinter {
  std::unique_ptr<Printer> printer;
  FilePrinter* file_printer = nullptr;  // set when it is the file printer
};

// CupsPrinter for a queue, else the FilePrinter writing under output_dir.
OpenedPrinter open_receipt_printer(const ReceiptPrinterConfig& config);

}  // namespace complaint
