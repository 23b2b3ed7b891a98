// PrinterConfig: what core's printing needs from [printer]: how a receipt is laid out and
// how long a job may take. Which printer gets the job (a CUPS queue or the file printer's
// folder) is the printing program's choice, read beside this in
// drivers/printer/receipt_printer.h.
#pragma once

#include "core/base/result.h"
#include "core/printing/qr_error_level.h"

namespace complaint {

class SectionReader;

enum class ReceiptFormat { escpos, pdf, png };  // escpos: CUPS raw queue; pdf: a queue with a driver
enum class ReceiptCut { full, partial, none };  // none: the printer has no cutter

struct PrinterConfig {
  ReceiptFormat format = ReceiptFormat::escpos;
  int paper_mm = 80;   // 58 (384 dots) or 80 (576 dots) at 203 dpi
  int width_dots = 0;  // 0: from paper_mm and dpi
  int dpi = 203;       // the printer's device resolution
  ReceiptCut cut = ReceiptCut::partial;
  bool staff_copy = false;       // a second copy with the full record, cut separately
  int job_timeout_seconds = 60;  // a job not completed by then is cancelled and reported
  int qr_module_dots = 6;        // printer dots per QR module (6 at 203 dpi: about 0.75 mm)
  QrErrorLevel qr_ec_level = QrErrorLevel::medium;
};

// Reads the keys above from [printer]; the caller's reader takes the device keys.
Result<void> read_printer_config(SectionReader& in, PrinterConfig& printer);

}  // namespace complaint
