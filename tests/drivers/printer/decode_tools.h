// Helpers for the printer tests that check output with real decoding tools (zbarimg,
// pdftoppm, pdftotext) run as child processes: core's receipt tests do not need them.
#pragma once

#include <string>
#include <vector>

#include "tests/core/printing/receipt_fixture.h"
#include "tests/drivers/printer/cups_server.h"

namespace complaint::test {

// Runs a shell command; returns its output (stdout and stderr), its exit status in `status`.
inline std::string run_command(const std::string& command, int* status = nullptr) {
  CommandResult result = run_shell(command);
  if (status != nullptr) *status = result.status;
  return std::move(result.output);
}

inline bool have_tool(const std::string& tool) {
  int status = 0;
  run_command("command -v " + tool + " >/dev/null 2>&1", &status);
  return status == 0;
}

// A 1-bit bitmap as a plain PBM (P4), the simplest format zbarimg reads.
inline void write_pbm(const fs::path& path, const MonoBitmap& bitmap) {
  std::string bytes = "P4\n" + std::to_string(bitmap.width) + " " + std::to_string(bitmap.height) + "\n";
  bytes.append(bitmap.bits.begin(), bitmap.bits.end());
  write_file(path, bytes);
}

// Every QR payload zbarimg finds in an image, one per line, without the "QR-Code:" prefix.
inline std::vector<std::string> decode_qr(const fs::path& image) {
  const std::string out =
      run_command("zbarimg --quiet --raw -Sdisable -Sqrcode.enable '" + image.string() + "' 2>/dev/null");
  std::vector<std::string> payloads;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    if (end > start) payloads.push_back(out.substr(start, end - start));
    start = end + 1;
  }
  return payloads;
}

}  // namespace complaint::test
