// encode_qr(): a QR code as a square matrix of dark/light modules (libqrencode in the .cpp).
// Invariant: modules.size() == size * size; row-major; no quiet zone included.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/printing/qr_error_level.h"

namespace complaint {

struct QrMatrix {
  int size = 0;
  std::vector<std::uint8_t> modules;  // 1 = dark

  bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y * size + x)] != 0; }
};

// Encodes UTF-8 `text` at the smallest version that fits, with libqrencode choosing numeric,
// alphanumeric or byte mode per segment (case kept). The kiosk's screen and the printed
// receipt both draw their QR from this one encoder.
Result<QrMatrix> encode_qr(std::string_view text, QrErrorLevel level = QrErrorLevel::medium);

}  // namespace complaint
