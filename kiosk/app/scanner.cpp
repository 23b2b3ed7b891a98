// parse_tracking_url: the template is split at its placeholders; each placeholder takes the
// text up to the next literal part. Surrounding white space (a scanner's CR/LF) is ignored.
#include "kiosk/app/scanner.h"

namespace complaint {

std::optional<ScannedReceipt> parse_tracking_url(std::string_view url_template, std::string_view text) {
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' '))
    text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ')) text.remove_prefix(1);
  ScannedReceipt out;
  std::size_t t = 0;  // position in the template
  std::size_t s = 0;  // position in the scanned text
  while (t < url_template.size()) {
    const std::size_t open = url_template.find('{', t);
    const std::string_view literal =
        url_template.substr(t, open == std::string_view::npos ? std::string_view::npos : open - t);
    if (text.substr(s, literal.size()) != literal) return std::nullopt;
    s += literal.size();
    if (open == std::string_view::npos) break;
    const std::size_t close = url_template.find('}', open);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view name = url_template.substr(open + 1, close - open - 1);
    t = close + 1;
    const std::size_t next_open = url_template.find('{', t);
    const std::string_view next_literal =
        url_template.substr(t, next_open == std::string_view::npos ? std::string_view::npos : next_open - t);
    const std::size_t end = next_literal.empty() ? text.size() : text.find(next_literal, s);
    if (end == std::string_view::npos || end == s) return std::nullopt;
    const std::string value(text.substr(s, end - s));
    if (name == "number") out.number = value;
    if (name == "token") out.token = value;
    s = end;
  }
  if (s != text.size() || out.number.empty()) return std::nullopt;
  return out;
}

}  // namespace complaint
