// encode_qr(): a QR code as a square matrix of dark/light modules (libqrencode in the .cpp).
// Invariant: modules.size() == size * size; row-major; no quiet zone included.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace complaint {

struct QrMatrix {
  int size = 0;
  std::vector<std::uint8_t> modules;  // 1 = dark

  bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y * size + x)] != 0; }
};

enum class QrLevel { low, medium, quartile, high };

// Encodes UTF-8 `text` in byte mode at the smallest version that fits.
Result<QrMatrix> encode_qr(std::string_view text, QrLevel level = QrLevel::medium);

}  // namespace complaint
