// ESC/POS for thermal receipt printers: the whole receipt as a 1-bit raster in GS v 0
// bands (text included: most printers have no CJK font), a feed before the cut and the
// configured cut. Pure byte building, no vendor library; bytes are std::string with
// explicit lengths because ESC/POS is full of NUL bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/printing/printer_config.h"

namespace complaint {

// 1 bit per dot, rows packed MSB-first (leftmost dot = bit 7), 1 = black, as GS v 0 wants.
struct MonoBitmap {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> bits;  // height * stride()

  MonoBitmap() = default;
  MonoBitmap(int w, int h) : width(w), height(h), bits(static_cast<std::size_t>(stride() * h), 0) {}
  int stride() const { return (width + 7) / 8; }
  bool black(int x, int y) const { return (bits[index(x, y)] & (0x80 >> (x % 8))) != 0; }
  void set_black(int x, int y) { bits[index(x, y)] |= static_cast<std::uint8_t>(0x80 >> (x % 8)); }

 private:
  std::size_t index(int x, int y) const { return static_cast<std::size_t>(y * stride() + x / 8); }
};

// Printable width of common rolls at 203 dpi: 58 mm -> 384 dots, 80 mm -> 576 dots;
// other resolutions scale from the 48 mm / 72 mm printable widths.
int receipt_width_dots(const PrinterConfig& printer);

struct EscposOptions {
  ReceiptCut cut = ReceiptCut::partial;
  int band_rows = 128;            // rows per GS v 0 command (printer buffers are small)
  int feed_lines_before_cut = 4;  // moves the last line past the cutter
};

// ESC @, then per copy its raster bands, a feed and a cut (every copy is cut separately).
std::string encode_escpos(const std::vector<MonoBitmap>& copies, const EscposOptions& options);
// One GS v 0 command: 1D 76 30 00 xL xH yL yH data (x in bytes, y in dots).
std::string escpos_raster_band(const MonoBitmap& bitmap, int first_row, int rows);

}  // namespace complaint
