// ReceiptRenderer: turns a ReceiptLayout into the bytes of one print job (PDF, PNG or
// ESC/POS). The real one draws with cairo + pango (drivers/receipt_render); the fake
// (fake_receipt_renderer.h) writes the layout's plain text and can be scripted to fail.
#pragma once

#include "core/printing/escpos.h"
#include "core/printing/printer.h"
#include "core/printing/printer_config.h"
#include "core/receipt/receipt_layout.h"

namespace complaint {

struct RenderOptions {
  ReceiptFormat format = ReceiptFormat::escpos;
  int width_dots = 576;
  int dpi = 203;
  int qr_module_dots = 6;  // whole printer dots per QR module, never scaled to fit
  QrErrorLevel qr_level = QrErrorLevel::medium;
  ReceiptCut cut = ReceiptCut::partial;
};

inline RenderOptions render_options(const PrinterConfig& printer) {
  return RenderOptions{printer.format,         receipt_width_dots(printer), printer.dpi,
                       printer.qr_module_dots, printer.qr_ec_level,         printer.cut};
}

class ReceiptRenderer {
 public:
  virtual ~ReceiptRenderer() = default;
  // Every copy of `layout` in one document: PDF pages, stacked PNG, or ESC/POS cut apart.
  virtual Result<PrintDocument> render(const ReceiptLayout& layout, const RenderOptions& options) = 0;
};

}  // namespace complaint
