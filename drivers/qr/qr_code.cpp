// encode_qr() over libqrencode (QRcode_encodeString): vendor errors become Result errors.
#include "drivers/qr/qr_code.h"

#include <cerrno>
#include <memory>
#include <string>

#include <qrencode.h>

namespace complaint {

namespace {

QRecLevel to_vendor(QrErrorLevel level) {
  switch (level) {
    case QrErrorLevel::low:
      return QR_ECLEVEL_L;
    case QrErrorLevel::medium:
      return QR_ECLEVEL_M;
    case QrErrorLevel::quartile:
      return QR_ECLEVEL_Q;
    case QrErrorLevel::high:
      return QR_ECLEVEL_H;
  }
  return QR_ECLEVEL_M;
}

}  // namespace

Result<QrMatrix> encode_qr(std::string_view text, QrErrorLevel level) {
  if (text.empty())
    return Error::make(ErrorCode::invalid_input, "encode_qr: empty text", "QRcode_encodeString");
  // encodeString takes a C string: an embedded NUL would silently cut the payload short.
  if (text.find('\0') != std::string_view::npos)
    return Error::make(ErrorCode::invalid_input, "encode_qr: text contains NUL", "QRcode_encodeString");
  const std::string data(text);
  errno = 0;
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(data.c_str(), 0, to_vendor(level), QR_MODE_8, 1), &QRcode_free);
  if (!code) {
    const int status = errno;
    // ERANGE: the text does not fit the largest version at this level.
    return Error::make(status == ERANGE ? ErrorCode::invalid_input : ErrorCode::internal,
                       "encode_qr: libqrencode failed", "QRcode_encodeString", status);
  }
  QrMatrix matrix;
  matrix.size = code->width;
  matrix.modules.resize(static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width));
  for (std::size_t i = 0; i < matrix.modules.size(); ++i) matrix.modules[i] = code->data[i] & 1U;
  return matrix;
}

}  // namespace complaint
