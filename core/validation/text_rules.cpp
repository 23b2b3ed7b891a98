// clean_text and check_clean_text; see text_rules.h.
#include "core/validation/text_rules.h"

namespace complaint {
namespace {

Error invalid_utf8(const TextRule& rule) {
  return Error::invalid(rule.field, "error.text.invalid_utf8",
                        std::string(rule.field) + " is not valid UTF-8 text");
}

Error too_long(const TextRule& rule, const char* key, std::size_t length) {
  return Error::invalid(rule.field, key,
                        std::string(rule.field) + " can be at most " + std::to_string(rule.max_code_points) +
                            " characters, got " + std::to_string(length));
}

}  // namespace

Result<std::string> clean_text(std::string_view raw, const TextRule& rule) {
  if (!utf8::is_valid(raw)) return invalid_utf8(rule);
  std::string text = utf8::trim(utf8::strip_controls(raw, rule.newlines));
  const std::size_t length = utf8::code_points(text).value_or(0);
  if (length > rule.max_code_points) return too_long(rule, rule.too_long_key, length);
  return text;
}

Result<void> check_clean_text(std::string_view text, const TextRule& rule) {
  if (!utf8::is_valid(text)) return invalid_utf8(rule);
  // Measured before it is copied: a 900 KB text is refused without stripping it first.
  const std::size_t length = utf8::code_points(text).value_or(0);
  if (length > rule.max_code_points) return too_long(rule, "error.text.too_long", length);
  if (utf8::strip_controls(text, rule.newlines) != text) {
    return Error::invalid(rule.field, "error.text.control",
                          std::string(rule.field) + " holds a control or bidirectional control character");
  }
  if (utf8::trim(text) != text) {
    return Error::invalid(rule.field, "error.text.untrimmed",
                          std::string(rule.field) + " begins or ends with white space");
  }
  return Ok{};
}

}  // namespace complaint
