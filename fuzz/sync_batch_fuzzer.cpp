// Fuzzes the sync protocol's readers (core/sync/sync_protocol.h): batch_from_json reads what
// a kiosk, or anyone holding a kiosk's key, POSTs to the desk; answer_from_json and
// error_from_json read what the desk, or whatever sits on the kiosk's network, answers. None
// may crash, and a batch the desk accepts must encode to a text it accepts again unchanged.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/sync/sync_protocol.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace complaint;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (const auto batch = batch_from_json(text); batch.ok()) {
    const std::string encoded = batch_to_json(*batch);
    const auto again = batch_from_json(encoded);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->tickets == batch->tickets);
    FUZZ_CHECK(batch_to_json(*again) == encoded);
  }
  if (const auto answer = answer_from_json(text); answer.ok()) {
    const std::string encoded = answer_to_json(*answer);
    const auto again = answer_from_json(encoded);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(answer_to_json(*again) == encoded);
  }
  (void)error_from_json(text, 400);
  return 0;
}
