// ESC/POS encoding (see header). Command bytes per the Epson ESC/POS reference:
// ESC @ (1B 40) initialise; GS v 0 (1D 76 30 m) raster bit image; ESC d n (1B 64 n) feed n
// lines; GS V m (1D 56 00 full / 01 partial) cut.
#include "core/printing/escpos.h"

#include <algorithm>

namespace complaint {

namespace {

void put(std::string& out, std::initializer_list<int> bytes) {
  for (int byte : bytes) out.push_back(static_cast<char>(byte & 0xFF));
}

}  // namespace

int receipt_width_dots(const PrinterConfig& printer) {
  if (printer.width_dots > 0) return printer.width_dots;
  const int printable_mm = printer.paper_mm == 58 ? 48 : 72;
  if (printer.dpi == 203) return printer.paper_mm == 58 ? 384 : 576;
  // Whole bytes: GS v 0 counts the width in bytes.
  return (printable_mm * printer.dpi * 10 / 254) / 8 * 8;
}

std::string escpos_raster_band(const MonoBitmap& bitmap, int first_row, int rows) {
  const int stride = bitmap.stride();
  std::string out;
  out.reserve(8 + static_cast<std::size_t>(stride * rows));
  put(out, {0x1D, 0x76, 0x30, 0x00, stride & 0xFF, stride >> 8, rows & 0xFF, rows >> 8});
  const auto begin = bitmap.bits.begin() + static_cast<std::ptrdiff_t>(first_row) * stride;
  out.append(begin, begin + static_cast<std::ptrdiff_t>(rows) * stride);
  return out;
}

std::string encode_escpos(const std::vector<MonoBitmap>& copies, const EscposOptions& options) {
  std::string out;
  put(out, {0x1B, 0x40});
  const int band = std::clamp(options.band_rows, 1, 0xFFFF);
  for (const MonoBitmap& copy : copies) {
    for (int row = 0; row < copy.height; row += band) {
      out += escpos_raster_band(copy, row, std::min(band, copy.height - row));
    }
    // Without a cutter the paper is torn off: feed further so the last line clears the bar.
    const int feed =
        options.cut == ReceiptCut::none ? options.feed_lines_before_cut + 2 : options.feed_lines_before_cut;
    put(out, {0x1B, 0x64, std::clamp(feed, 0, 255)});
    if (options.cut == ReceiptCut::full) put(out, {0x1D, 0x56, 0x00});
    if (options.cut == ReceiptCut::partial) put(out, {0x1D, 0x56, 0x01});
  }
  return out;
}

}  // namespace complaint
