// Signatures and structure of the three formats (see content_sniff.h). Every read is
// bounds-checked against the input: the bytes come from anyone who can sign in.
#include "core/attachments/content_sniff.h"

#include <cstddef>
#include <cstdint>

namespace complaint {
namespace {

std::uint32_t big_endian32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

unsigned byte_at(std::string_view bytes, std::size_t at) {
  return static_cast<unsigned char>(bytes[at]);
}

// SOI, then marker segments (each FF, a marker, a two-byte length that counts itself) up to
// the start of scan, and the end-of-image marker last (trailing zero padding allowed, as
// some scanners write). A file cut inside its headers or its scan fails one of the two.
bool is_jpeg(std::string_view bytes) {
  if (bytes.size() < 4 || byte_at(bytes, 0) != 0xFF || byte_at(bytes, 1) != 0xD8 || byte_at(bytes, 2) != 0xFF)
    return false;
  std::size_t at = 2;
  bool scan = false;
  while (at + 4 <= bytes.size()) {
    if (byte_at(bytes, at) != 0xFF) return false;
    const unsigned marker = byte_at(bytes, at + 1);
    if (marker == 0xFF) {  // fill byte before a marker
      ++at;
      continue;
    }
    if (marker == 0xD8 || marker == 0xD9 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
      return false;
    const std::size_t length = (byte_at(bytes, at + 2) << 8) | byte_at(bytes, at + 3);
    if (length < 2 || at + 2 + length > bytes.size()) return false;
    if (marker == 0xDA) {
      scan = true;
      break;
    }
    at += 2 + length;
  }
  if (!scan) return false;
  std::size_t end = bytes.size();
  while (end > 0 && bytes[end - 1] == '\0') --end;
  return end >= 4 && byte_at(bytes, end - 2) == 0xFF && byte_at(bytes, end - 1) == 0xD9;
}

bool is_chunk_type(std::string_view type) {
  for (const char c : type) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  }
  return true;
}

// The signature, then chunks (length, type, data, CRC) starting with a 13-byte IHDR and
// ending with IEND exactly at the end of the file.
bool is_png(std::string_view bytes) {
  constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  if (bytes.substr(0, 8) != kSignature) return false;
  std::size_t at = 8;
  bool first = true;
  while (at + 12 <= bytes.size()) {
    const std::uint32_t length = big_endian32(bytes, at);
    const std::string_view type = bytes.substr(at + 4, 4);
    if (!is_chunk_type(type) || length > bytes.size() - at - 12) return false;
    if (first && (type != "IHDR" || length != 13)) return false;
    first = false;
    at += 12 + length;
    if (type == "IEND") return length == 0 && at == bytes.size();
  }
  return false;
}

// "%PDF-d.d" first, and "%%EOF" in the last kilobyte (PDF 1.7 §7.5.5: the last line; a
// little trailing whitespace or padding is common).
bool is_pdf(std::string_view bytes) {
  if (bytes.size() < 16 || bytes.substr(0, 5) != "%PDF-") return false;
  const auto digit = [&bytes](std::size_t at) { return bytes[at] >= '0' && bytes[at] <= '9'; };
  if (!digit(5) || bytes[6] != '.' || !digit(7)) return false;
  const std::size_t tail = bytes.size() > 1024 ? bytes.size() - 1024 : 8;
  return bytes.find("%%EOF", tail) != std::string_view::npos;
}

}  // namespace

std::optional<AttachmentType> sniff_attachment(std::string_view bytes) {
  if (is_jpeg(bytes)) return AttachmentType::jpeg;
  if (is_png(bytes)) return AttachmentType::png;
  if (is_pdf(bytes)) return AttachmentType::pdf;
  return std::nullopt;
}

const char* content_type_of(AttachmentType type) {
  switch (type) {
    case AttachmentType::jpeg:
      return "image/jpeg";
    case AttachmentType::png:
      return "image/png";
    case AttachmentType::pdf:
      return "application/pdf";
  }
  return "application/octet-stream";
}

const char* extension_of(AttachmentType type) {
  switch (type) {
    case AttachmentType::jpeg:
      return ".jpg";
    case AttachmentType::png:
      return ".png";
    case AttachmentType::pdf:
      return ".pdf";
  }
  return "";
}

std::optional<AttachmentType> attachment_type_from_content_type(std::string_view content_type) {
  for (const AttachmentType type : {AttachmentType::jpeg, AttachmentType::png, AttachmentType::pdf}) {
    if (content_type == content_type_of(type)) return type;
  }
  return std::nullopt;
}

}  // namespace complaint
