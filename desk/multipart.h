// A strict reader of multipart/form-data request bodies (RFC 7578), for the console's upload
// form: the boundary from the Content-Type header, parts with a Content-Disposition of
// form-data and a name, an optional filename and Content-Type, nothing before the first
// boundary and nothing but an optional CRLF after the last. Anything else is refused rather
// than guessed at. No HTTP library types; fuzzed by fuzz/multipart_fuzzer.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace complaint::desk {

struct MultipartPart {
  std::string name;
  std::optional<std::string> file_name;  // present for a file input (may be empty: none chosen)
  std::string content_type;              // as sent; the desk never trusts it for a file
  std::string data;
  bool operator==(const MultipartPart&) const = default;
};

inline constexpr std::size_t kMaxMultipartParts = 16;
inline constexpr std::size_t kMaxPartHeaderBytes = 4096;

// The boundary of a "multipart/form-data; boundary=..." Content-Type (quoted or not, 1-70
// characters of RFC 2046's set); nullopt for any other type or a missing or bad boundary.
std::optional<std::string> multipart_boundary(std::string_view content_type);
// The parts of `body`, in order; nullopt when it is not well-formed (or has too many parts).
std::optional<std::vector<MultipartPart>> parse_multipart(std::string_view boundary, std::string_view body);
// The body parse_multipart reads back as `parts` (tests, the fuzzer's round trip); names and
// file names must not hold '"', CR or LF.
std::string format_multipart(std::string_view boundary, const std::vector<MultipartPart>& parts);
// The first part called `name`, or null.
const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace complaint::desk
