// multipart/form-data, strictly (see multipart.h). Every search is bounded by the body.
#include "desk/multipart.h"

#include <algorithm>
#include <cctype>

namespace complaint::desk {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// RFC 2046 §5.1.1 bchars, without a trailing space.
bool is_boundary(std::string_view boundary) {
  if (boundary.empty() || boundary.size() > 70 || boundary.back() == ' ') return false;
  constexpr std::string_view kOther = "'()+_,-./:=? ";
  return std::all_of(boundary.begin(), boundary.end(), [&kOther](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || kOther.find(c) != std::string_view::npos;
  });
}

// The parameters after the first ';' of a header value: name=value or name="value", the
// quoted form ending at the next '"' (browsers percent-encode a quote inside a file name).
// nullopt when malformed or a name repeats.
std::optional<std::vector<std::pair<std::string, std::string>>> parameters(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  while (true) {
    text = trim(text);
    if (text.empty()) return out;
    if (text.front() != ';') return std::nullopt;
    text = trim(text.substr(1));
    const std::size_t eq = text.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string name = lower(trim(text.substr(0, eq)));
    if (name.empty() || name.find_first_of(" \t\";") != std::string::npos) return std::nullopt;
    text = trim(text.substr(eq + 1));
    std::string value;
    if (!text.empty() && text.front() == '"') {
      const std::size_t close = text.find('"', 1);
      if (close == std::string_view::npos) return std::nullopt;
      value = std::string(text.substr(1, close - 1));
      text = text.substr(close + 1);
    } else {
      const std::size_t end = std::min(text.find(';'), text.size());
      value = std::string(trim(text.substr(0, end)));
      if (value.empty() || value.find_first_of(" \t\"") != std::string::npos) return std::nullopt;
      text = text.substr(end);
    }
    for (const auto& [seen, unused] : out) {
      if (seen == name) return std::nullopt;
    }
    out.emplace_back(name, std::move(value));
  }
}

// One part's header block (without its blank line) into `part`; false when malformed.
bool read_headers(std::string_view block, MultipartPart& part) {
  bool disposition = false;
  bool type = false;
  while (!block.empty()) {
    const std::size_t end = std::min(block.find("\r\n"), block.size());
    const std::string_view line = block.substr(0, end);
    block = end == block.size() ? std::string_view() : block.substr(end + 2);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    const std::string name = lower(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (name.find_first_of(" \t") != std::string::npos) return false;
    if (value.find_first_of("\r\n") != std::string_view::npos) return false;
    if (name == "content-disposition") {
      if (disposition) return false;
      disposition = true;
      const std::size_t semi = std::min(value.find(';'), value.size());
      if (lower(trim(value.substr(0, semi))) != "form-data") return false;
      const auto params = parameters(value.substr(semi));
      if (!params) return false;
      bool named = false;
      for (const auto& [key, text] : *params) {
        if (key == "name") {
          part.name = text;
          named = true;
        } else if (key == "filename") {
          part.file_name = text;
        }
      }
      if (!named || part.name.empty()) return false;
    } else if (name == "content-type") {
      if (type) return false;
      type = true;
      part.content_type = std::string(value);
    }
    // Other headers (Content-Transfer-Encoding is deprecated, RFC 7578 §4.7) are ignored.
  }
  return disposition;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  const std::size_t semi = std::min(content_type.find(';'), content_type.size());
  if (lower(trim(content_type.substr(0, semi))) != "multipart/form-data") return std::nullopt;
  const auto params = parameters(content_type.substr(semi));
  if (!params) return std::nullopt;
  for (const auto& [name, value] : *params) {
    if (name == "boundary") return is_boundary(value) ? std::optional<std::string>(value) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::vector<MultipartPart>> parse_multipart(std::string_view boundary, std::string_view body) {
  if (!is_boundary(boundary)) return std::nullopt;
  const std::string dash = "--" + std::string(boundary);
  const std::string delimiter = "\r\n" + dash;
  if (body.substr(0, dash.size()) != dash) return std::nullopt;
  std::size_t at = dash.size();
  std::vector<MultipartPart> parts;
  while (true) {
    // After a boundary: "--" ends the body, CRLF starts a part.
    if (body.substr(at, 2) == "--") {
      const std::string_view rest = body.substr(at + 2);
      if (rest.empty() || rest == "\r\n") return parts;
      return std::nullopt;
    }
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    at += 2;
    if (parts.size() == kMaxMultipartParts) return std::nullopt;
    const std::size_t blank = body.find("\r\n\r\n", at);
    if (blank == std::string_view::npos || blank - at > kMaxPartHeaderBytes) return std::nullopt;
    MultipartPart part;
    if (!read_headers(body.substr(at, blank - at), part)) return std::nullopt;
    at = blank + 4;
    const std::size_t end = body.find(delimiter, at);
    if (end == std::string_view::npos) return std::nullopt;
    part.data = std::string(body.substr(at, end - at));
    parts.push_back(std::move(part));
    at = end + delimiter.size();
  }
}

std::string format_multipart(std::string_view boundary, const std::vector<MultipartPart>& parts) {
  std::string body;
  for (const MultipartPart& part : parts) {
    body += "--" + std::string(boundary) + "\r\nContent-Disposition: form-data; name=\"" + part.name + "\"";
    if (part.file_name) body += "; filename=\"" + *part.file_name + "\"";
    body += "\r\n";
    if (!part.content_type.empty()) body += "Content-Type: " + part.content_type + "\r\n";
    body += "\r\n" + part.data + "\r\n";
  }
  body += "--" + std::string(boundary) + "--\r\n";
  return body;
}

const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name) {
  for (const MultipartPart& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

}  // namespace complaint::desk
