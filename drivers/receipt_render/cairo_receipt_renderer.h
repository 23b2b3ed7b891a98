// CairoReceiptRenderer: draws a ReceiptLayout with cairo + pango (Noto Sans CJK SC) and
// the QR with libqrencode, in printer dots: the same drawing is replayed as PDF pages or
// thresholded to the 1-bit raster that ESC/POS and PNG output use.
// Invariants: a QR module is a whole number of printer dots on whole-dot positions, with
// a 4-module quiet zone; nothing is scaled to fit the page.
#pragma once

#include <string>
#include <vector>

#include "core/printing/receipt_renderer.h"

namespace complaint {

class CairoReceiptRenderer final : public ReceiptRenderer {
 public:
  explicit CairoReceiptRenderer(std::string font_family = "Noto Sans CJK SC")
      : m_font_family(std::move(font_family)) {}

  Result<PrintDocument> render(const ReceiptLayout& layout, const RenderOptions& options) override;

  // One 1-bit image per copy, options.width_dots wide (what ESC/POS prints).
  Result<std::vector<MonoBitmap>> rasterise(const ReceiptLayout& layout, const RenderOptions& options) const;
  // One PDF page per copy, options.width_dots / options.dpi inches wide.
  Result<std::string> pdf(const ReceiptLayout& layout, const RenderOptions& options) const;
  // The copies one under the other as a 1-bit PNG (the file printer's preview).
  Result<std::string> png(const ReceiptLayout& layout, const RenderOptions& options) const;

 private:
  std::string m_font_family;
};

}  // namespace complaint
