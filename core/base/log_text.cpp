// log_safe (see log_text.h).
#include "core/base/log_text.h"

#include <cstdio>

#include "core/base/utf8.h"

namespace complaint {
namespace {

void append_hex_byte(std::string& out, unsigned char byte) {
  char text[8];
  std::snprintf(text, sizeof text, "\\x%02X", byte);
  out += text;
}

}  // namespace

std::string log_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    const std::size_t length = utf8::length_at(text, pos);
    const std::string_view piece = text.substr(pos, length);
    if (length == 1 && byte >= 0x80) {  // not UTF-8: shown, never passed on
      append_hex_byte(out, byte);
    } else if (byte == '\n') {
      out += "\\n";
    } else if (byte == '\r') {
      out += "\\r";
    } else if (byte == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7F) {
      append_hex_byte(out, byte);
    } else if (length > 1) {
      std::size_t at = 0;
      const char32_t code_point = utf8::decode_next(piece, at);
      if ((code_point >= 0x80 && code_point <= 0x9F) || utf8::is_bidi_control(code_point)) {
        char escaped[16];
        std::snprintf(escaped, sizeof escaped, "\\u{%04X}", static_cast<unsigned>(code_point));
        out += escaped;
      } else {
        out += piece;
      }
    } else {
      out += piece;
    }
    pos += length;
  }
  return out;
}

}  // namespace complaint
