// mask_name / mask_phone (see header).
#include "core/privacy/masking.h"

#include <algorithm>

#include "core/base/utf8.h"

namespace complaint {

std::string mask_name(std::string_view name) {
  if (name.empty() || !utf8::is_valid(name)) return {};
  std::string masked;
  std::size_t pos = 0;
  bool word_start = true;
  while (pos < name.size()) {
    const char32_t code_point = utf8::decode_next(name, pos);
    if (code_point == U' ') {
      masked += ' ';
      word_start = true;
      continue;
    }
    // Chinese names keep the surname only; Latin names keep each word's initial.
    const bool keep = masked.empty() || (word_start && code_point < 0x2E80);
    if (keep) {
      utf8::append(masked, code_point);
    } else {
      masked += '*';
    }
    word_start = false;
  }
  return masked;
}

std::string mask_phone(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  if (digits.size() < 8) return std::string(digits.size(), '*');
  return digits.substr(0, 3) + std::string(digits.size() - 7, '*') + digits.substr(digits.size() - 4);
}

std::string mask_email(std::string_view email) {
  const std::size_t at = email.rfind('@');
  if (email.empty() || !utf8::is_valid(email)) return {};
  if (at == std::string_view::npos || at == 0) return "***";
  std::size_t first = 0;
  utf8::decode_next(email, first);  // the first character, whole
  return std::string(email.substr(0, std::min(first, at))) + "***" + std::string(email.substr(at));
}

}  // namespace complaint
