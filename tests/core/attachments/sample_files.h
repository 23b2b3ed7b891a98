// Small but well-formed JPEG, PNG and PDF files (and broken ones) for the attachment tests,
// built byte by byte so each test can cut or rename one.
#pragma once

#include <cstdint>
#include <string>

namespace complaint::testing {

inline std::string big_endian(std::uint32_t value, int bytes) {
  std::string out;
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
  return out;
}

// A 1x1 grey PNG; `salt` goes into a tEXt chunk, so different salts are different files.
inline std::string sample_png(const std::string& salt = "") {
  const auto chunk = [](const std::string& type, const std::string& data) {
    return big_endian(static_cast<std::uint32_t>(data.size()), 4) + type + data + std::string(4, '\x01');
  };
  std::string ihdr = big_endian(1, 4) + big_endian(1, 4) + std::string("\x08\x00\x00\x00\x00", 5);
  std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr);
  if (!salt.empty()) png += chunk("tEXt", "Comment" + std::string(1, '\0') + salt);
  png += chunk("IDAT", std::string("\x78\x9c\x63\x60\x00\x00\x00\x02\x00\x01", 10));
  return png + chunk("IEND", "");
}

// A JPEG's frame: SOI, an APP0 segment, the start of scan and a few scan bytes, EOI.
inline std::string sample_jpeg(const std::string& salt = "") {
  std::string app0 =
      "JFIF" + std::string(1, '\0') + std::string("\x01\x01\x00\x00\x01\x00\x01\x00\x00", 9) + salt;
  std::string jpeg =
      std::string("\xFF\xD8\xFF\xE0", 4) + big_endian(static_cast<std::uint32_t>(app0.size() + 2), 2) + app0;
  jpeg += std::string("\xFF\xDA", 2) + big_endian(8, 2) + std::string("\x01\x01\x00\x00\x3F\x00", 6);
  jpeg += std::string("\x12\x34\x56\xFF\x00\x78", 6);
  return jpeg + std::string("\xFF\xD9", 2);
}

// Ends right after "%%EOF" (no newline), so that cutting any byte breaks the marker.
inline std::string sample_pdf(const std::string& salt = "") {
  return "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% " + salt + "\ntrailer\n<< /Root 1 0 R >>\n%%EOF";
}

}  // namespace complaint::testing
