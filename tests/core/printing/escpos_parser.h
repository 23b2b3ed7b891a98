// The tests' own ESC/POS reader: walks the bytes a printer would receive and rebuilds each
// cut piece of paper as an image. It knows only the commands a receipt may use and fails
// on anything else, so an encoder bug shows up as a parse error, not a silent pass.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/printing/escpos.h"

namespace complaint::test {

struct PaperPiece {
  MonoBitmap image;  // the raster rows in order, bands joined
  int bands = 0;
  int feed_lines = 0;
  int cut = -1;  // GS V m: 0 full, 1 partial; -1 not cut (torn off)
};

struct ParsedEscpos {
  bool initialised = false;
  std::vector<PaperPiece> pieces;
  std::string error;  // non-empty: the bytes are not what a receipt printer expects
};

inline ParsedEscpos parse_escpos(const std::string& bytes) {
  ParsedEscpos parsed;
  PaperPiece current;
  auto at = [&](std::size_t i) { return static_cast<std::uint8_t>(bytes[i]); };
  std::size_t i = 0;
  while (i < bytes.size()) {
    const std::size_t left = bytes.size() - i;
    if (at(i) == 0x1B && left >= 2 && at(i + 1) == 0x40) {
      parsed.initialised = true;
      i += 2;
    } else if (at(i) == 0x1B && left >= 3 && at(i + 1) == 0x64) {
      current.feed_lines += at(i + 2);
      i += 3;
    } else if (at(i) == 0x1D && left >= 3 && at(i + 1) == 0x56) {
      current.cut = at(i + 2);
      parsed.pieces.push_back(std::move(current));
      current = PaperPiece{};
      i += 3;
    } else if (at(i) == 0x1D && left >= 8 && at(i + 1) == 0x76 && at(i + 2) == 0x30) {
      const int width_bytes = at(i + 4) | (at(i + 5) << 8);
      const int rows = at(i + 6) | (at(i + 7) << 8);
      const std::size_t size = static_cast<std::size_t>(width_bytes) * rows;
      if (left < 8 + size) {
        parsed.error = "GS v 0 band truncated at byte " + std::to_string(i);
        return parsed;
      }
      MonoBitmap& image = current.image;
      if (current.bands == 0) {
        image.width = width_bytes * 8;
        image.height = 0;
      } else if (image.width != width_bytes * 8) {
        parsed.error = "band width changed at byte " + std::to_string(i);
        return parsed;
      }
      image.bits.insert(image.bits.end(), bytes.begin() + static_cast<std::ptrdiff_t>(i + 8),
                        bytes.begin() + static_cast<std::ptrdiff_t>(i + 8 + size));
      image.height += rows;
      ++current.bands;
      i += 8 + size;
    } else {
      parsed.error = "unexpected byte 0x" + std::to_string(at(i)) + " at " + std::to_string(i);
      return parsed;
    }
  }
  if (current.bands > 0 || current.feed_lines > 0) parsed.pieces.push_back(std::move(current));
  return parsed;
}

}  // namespace complaint::test
