// Fuzzes the console's multipart/form-data reader (desk/multipart.h), which reads what any
// signed-in browser uploads: the Content-Type header's boundary and the body's parts.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "desk/multipart.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace complaint::desk;
  FuzzedDataProvider input(data, size);
  const std::string header = input.ConsumeRandomLengthString(128);
  const std::string body = input.ConsumeRemainingBytesAsString();
  const auto from_header = multipart_boundary(header);
  // A boundary the header yields is one the reader accepts, of 1 to 70 characters.
  if (from_header) FUZZ_CHECK(!from_header->empty() && from_header->size() <= 70);
  const std::string boundary = from_header ? *from_header : std::string("fuzz-boundary");
  const auto parts = parse_multipart(boundary, body);
  if (!parts) return 0;
  FUZZ_CHECK(parts->size() <= kMaxMultipartParts);
  std::size_t total = 0;
  for (const MultipartPart& part : *parts) {
    FUZZ_CHECK(!part.name.empty());
    total += part.data.size();
  }
  FUZZ_CHECK(total <= body.size());
  // What was read is what a well-formed body of those parts reads back as.
  const auto again = parse_multipart(boundary, format_multipart(boundary, *parts));
  FUZZ_CHECK(again.has_value() && *again == *parts);
  return 0;
}
