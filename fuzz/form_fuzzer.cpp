// Fuzzes the desk's web form helpers (desk/web_forms.h), which read what any browser sends:
// form bodies, the Cookie and Accept-Language headers, and the escaping of what the pages show.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "desk/web_forms.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace complaint::desk;
  FuzzedDataProvider input(data, size);
  const std::string header = input.ConsumeRandomLengthString(512);
  const std::string body = input.ConsumeRemainingBytesAsString();

  for (const auto& [name, value] : parse_form(body)) {
    // Encoding is the inverse of decoding, for every name and value a form can carry.
    FUZZ_CHECK(url_decode(url_encode(name)) == name);
    FUZZ_CHECK(url_decode(url_encode(value)) == value);
  }
  const std::string escaped = html_escape(body);
  FUZZ_CHECK(escaped.find_first_of("<>\"'") == std::string::npos);

  (void)cookie_value(header, "session");
  (void)cookie_value(header, "");
  const std::string language = choose_language(body.substr(0, 16), header);
  FUZZ_CHECK(language == "zh-CN" || language == "en");
  return 0;
}
