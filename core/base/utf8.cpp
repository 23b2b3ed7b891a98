// UTF-8 helpers. Validation follows Unicode Table 3-7 (well-formed byte sequences), so
// overlongs, surrogates, code points above U+10FFFF and truncated sequences are all rejected.
#include "core/base/utf8.h"

#include <algorithm>

namespace complaint::utf8 {

namespace {

constexpr char32_t k_replacement = 0xFFFD;

// Length of the well-formed sequence starting at `pos`, or 0 when it is not well formed.
// The second byte's range depends on the first byte: that is where overlongs (E0 80..9F,
// F0 80..8F), surrogates (ED A0..BF) and values above U+10FFFF (F4 90..BF) are excluded.
std::size_t sequence_length(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;
    if (lead == 0xED) second_max = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;
    if (lead == 0xF4) second_max = 0x8F;
  } else {
    return 0;  // a continuation byte, C0/C1 (always overlong) or F5..FF (beyond U+10FFFF)
  }
  if (text.size() - pos < length) return 0;
  if (byte(pos + 1) < second_min || byte(pos + 1) > second_max) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(pos + i) < 0x80 || byte(pos + i) > 0xBF) return 0;
  }
  return length;
}

bool is_white_space(char32_t c) {
  // Unicode White_Space, plus the zero-width space and BOM that Chinese input methods and
  // pasted text leave behind: invisible, so a field holding only them counts as empty.
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

}  // namespace

bool is_control(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

bool is_bidi_control(char32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

bool is_valid(std::string_view text) {
  return code_points(text).has_value();
}

std::optional<std::size_t> code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size(); ++count) {
    const std::size_t length = sequence_length(text, pos);
    if (length == 0) return std::nullopt;
    pos += length;
  }
  return count;
}

char32_t decode_next(std::string_view text, std::size_t& pos) {
  // Defensive on invalid input (the contract says it is valid): one byte becomes U+FFFD, so a
  // caller's loop still terminates and never reads past the end.
  if (pos >= text.size()) return k_replacement;
  const std::size_t length = sequence_length(text, pos);
  const auto byte = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(text[i])); };
  char32_t code_point = 0;
  switch (length) {
    case 1:
      code_point = byte(pos);
      break;
    case 2:
      code_point = ((byte(pos) & 0x1F) << 6) | (byte(pos + 1) & 0x3F);
      break;
    case 3:
      code_point = ((byte(pos) & 0x0F) << 12) | ((byte(pos + 1) & 0x3F) << 6) | (byte(pos + 2) & 0x3F);
      break;
    case 4:
      code_point = ((byte(pos) & 0x07) << 18) | ((byte(pos + 1) & 0x3F) << 12) |
                   ((byte(pos + 2) & 0x3F) << 6) | (byte(pos + 3) & 0x3F);
      break;
    default:
      ++pos;
      return k_replacement;
  }
  pos += length;
  return code_point;
}

std::size_t length_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  const std::size_t length = sequence_length(text, pos);
  return length == 0 ? 1 : length;
}

std::size_t previous_start(std::string_view text, std::size_t end) {
  if (end == 0 || text.empty()) return 0;
  std::size_t i = std::min(end, text.size()) - 1;
  // Continuation bytes are 10xxxxxx; a sequence has at most three of them.
  for (int steps = 0; i > 0 && steps < 3 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; ++steps)
    --i;
  return i;
}

void append(std::string& out, char32_t code_point) {
  // Surrogates and values past U+10FFFF cannot be encoded; writing them would create the very
  // invalid text is_valid() rejects.
  if ((code_point >= 0xD800 && code_point <= 0xDFFF) || code_point > 0x10FFFF) code_point = k_replacement;
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

std::string strip_controls(std::string_view text, KeepNewlines keep) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t c = decode_next(text, pos);
    if (keep == KeepNewlines::yes && c == '\r') {
      // CR LF and a lone CR (old Mac line ends, some serial keyboards) both mean a line break;
      // dropping a lone CR would glue two lines together.
      if (pos < text.size() && text[pos] == '\n') continue;
      out += '\n';
      continue;
    }
    if (keep == KeepNewlines::yes && (c == '\n' || c == '\t')) {
      out += static_cast<char>(c);
      continue;
    }
    if (is_control(c) || is_bidi_control(c)) continue;
    out.append(text.substr(start, pos - start));
  }
  return out;
}

std::string trim(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past the last non-space code point
  std::size_t pos = 0;
  bool seen_text = false;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t c = decode_next(text, pos);
    if (is_white_space(c)) continue;
    if (!seen_text) begin = start;
    seen_text = true;
    end = pos;
  }
  return seen_text ? std::string(text.substr(begin, end - begin)) : std::string();
}

}  // namespace complaint::utf8
