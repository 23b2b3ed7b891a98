// start_receipt_printing(): main()'s choice of receipt printer and the print thread behind
// the screens. [printer] queue set: the CUPS queue (libcups honours $CUPS_SERVER); empty:
// the file printer writing under [printer] output_dir (./var/receipts for scripts/run).
// The print thread gets its own SQLite connection and waits for printers on the real clock
// (they run in real time even when the UI runs on --fake-clock); what the receipt says
// ("还有N天", dates) counts from `kiosk_clock`, the UI's, so it agrees with the screens.
// `catalogs` are main()'s, loaded once for the screens and the receipts; they outlive the handle.
#pragma once

#include <memory>
#include <string>

#include "core/printing/print_queue.h"
#include "core/printing/print_service.h"
#include "drivers/printer/receipt_printer.h"
#include "kiosk/app/context.h"

namespace complaint {

struct ReceiptPrinting;  // owns printer, renderer, store connection, service and queue

struct ReceiptPrintingHandle {
  std::shared_ptr<ReceiptPrinting> owner;
  PrintQueue* queue = nullptr;
  DeviceStatus device;
};

Result<ReceiptPrintingHandle> start_receipt_printing(const Config& config,
                                                     const ReceiptPrinterConfig& printer,
                                                     const Taxonomy& taxonomy, const WorkCalendar& calendar,
                                                     const Clock& kiosk_clock, const std::string& db_path,
                                                     ReceiptCatalogs catalogs);

}  // namespace complaint
