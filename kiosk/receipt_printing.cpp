// start_receipt_printing (see header): picks CupsPrinter or FilePrinter and starts the queue.
#include "kiosk/receipt_printing.h"

#include <atomic>

#include "core/store/sqlite_store.h"
#include "drivers/printer/receipt_printer.h"
#include "drivers/receipt_render/cairo_receipt_renderer.h"

namespace complaint {

struct ReceiptPrinting {
  // Quitting: the print thread stops waiting for a slow printer instead of holding up exit.
  ~ReceiptPrinting() {
    stopping = true;
    queue.reset();
  }

  std::atomic<bool> stopping{false};
  PrinterConfig printer_config;  // the service holds a reference
  std::unique_ptr<Printer> printer;
  std::unique_ptr<SqliteTicketStore> store;
  CairoReceiptRenderer renderer;
  SystemClock clock;  // the spooler's time: job timeouts and print_jobs rows
  std::unique_ptr<PrintService> service;
  std::unique_ptr<PrintQueue> queue;  // last: stopped first
};

Result<ReceiptPrintingHandle> start_receipt_printing(const Config& config,
                                                     const ReceiptPrinterConfig& printer,
                                                     const Taxonomy& taxonomy, const WorkCalendar& calendar,
                                                     const Clock& kiosk_clock, const std::string& db_path,
                                                     ReceiptCatalogs catalogs) {
  auto made = std::make_shared<ReceiptPrinting>();
  ReceiptPrintingHandle handle;
  made->printer_config = printer.receipt;
  OpenedPrinter opened = open_receipt_printer(printer);
  handle.device = opened.file_printer != nullptr
                      ? DeviceStatus{"kiosk.staff.printer_file", printer.output_dir}
                      : DeviceStatus{"kiosk.staff.printer_queue", printer.queue};
  made->printer = std::move(opened.printer);
  TRY_ASSIGN(made->store, SqliteTicketStore::open(db_path));
  made->service = std::make_unique<PrintService>(
      config, made->printer_config, taxonomy, calendar, *made->store, *made->printer, made->renderer,
      made->clock, catalogs,
      PrintServiceOptions{std::chrono::milliseconds(250),
                          {},
                          [owner = made.get()] { return owner->stopping.load(); },
                          &kiosk_clock});
  made->queue = std::make_unique<PrintQueue>(*made->service);
  // A receipt that failed before a restart still shows in staff mode.
  if (auto recent = made->store->recent_print_jobs(200); recent.ok()) made->queue->restore(*recent);
  handle.queue = made->queue.get();
  handle.owner = std::move(made);
  return handle;
}

}  // namespace complaint
