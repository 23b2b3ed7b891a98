// encode_qr() over libqrencode (QRcode_encodeData): vendor errors become Result errors.
#include "drivers/qr/qr_code.h"

#include <cerrno>
#include <memory>
#include <string>

#include <qrencode.h>

namespace complaint {

namespace {

QRecLevel to_vendor(QrLevel level) {
  switch (level) {
    case QrLevel::low:
      return QR_ECLEVEL_L;
    case QrLevel::medium:
      return QR_ECLEVEL_M;
    case QrLevel::quartile:
      return QR_ECLEVEL_Q;
    case QrLevel::high:
      return QR_ECLEVEL_H;
  }
  return QR_ECLEVEL_M;
}

}  // namespace

Result<QrMatrix> encode_qr(std::string_view text, QrLevel level) {
  if (text.empty())
    return Error::make(ErrorCode::invalid_input, "encode_qr: empty text", "QRcode_encodeData");
  const std::string data(text);
  errno = 0;
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(data.size()), reinterpret_cast<const unsigned char*>(data.data()), 0,
                        to_vendor(level)),
      &QRcode_free);
  if (!code) {
    const int status = errno;
    return Error::make(ErrorCode::internal, "encode_qr: libqrencode failed", "QRcode_encodeData", status);
  }
  QrMatrix matrix;
  matrix.size = code->width;
  matrix.modules.resize(static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width));
  for (std::size_t i = 0; i < matrix.modules.size(); ++i) matrix.modules[i] = code->data[i] & 1U;
  return matrix;
}

}  // namespace complaint
