// Fuzzes the attachments' content recognition (core/attachments/content_sniff.h), which reads
// the bytes of any file staff upload: every read must stay inside them, and what is
// recognised has its format's signature.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/attachments/content_sniff.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace complaint;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto type = sniff_attachment(bytes);
  if (!type) return 0;
  switch (*type) {
    case AttachmentType::jpeg:
      FUZZ_CHECK(bytes.substr(0, 3) == "\xFF\xD8\xFF");
      break;
    case AttachmentType::png:
      FUZZ_CHECK(bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8));
      FUZZ_CHECK(bytes.substr(bytes.size() - 8, 4) == "IEND");
      break;
    case AttachmentType::pdf:
      FUZZ_CHECK(bytes.substr(0, 5) == "%PDF-");
      break;
  }
  // The type names a content type that maps back to it (what the store keeps and serves).
  FUZZ_CHECK(attachment_type_from_content_type(content_type_of(*type)) == type);
  return 0;
}
