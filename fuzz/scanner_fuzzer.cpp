// Fuzzes parse_tracking_url (kiosk/app/scanner.h): the text a USB barcode scanner types into
// the kiosk, which anyone can print as a QR code, against the configured [tracking] url. Half
// the inputs use the default template, the others a template taken from the input as well.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_check.h"
#include "kiosk/app/scanner.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  const std::string url_template = input.ConsumeBool()
                                       ? input.ConsumeRandomLengthString(256)
                                       : std::string("https://desk.example/t/{number}?k={token}");
  const std::string scanned = input.ConsumeRemainingBytesAsString();
  const auto receipt = complaint::parse_tracking_url(url_template, scanned);
  if (!receipt) return 0;
  // What it returns was scanned: both values are pieces of the text, and a number is never empty.
  FUZZ_CHECK(!receipt->number.empty());
  FUZZ_CHECK(scanned.find(receipt->number) != std::string::npos);
  FUZZ_CHECK(scanned.find(receipt->token) != std::string::npos);
  return 0;
}
