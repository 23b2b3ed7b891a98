// libcurl's start and the CA file check; see curl_setup.h.
#include "drivers/transport/curl_setup.h"

#include <curl/curl.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace complaint {

Result<void> start_curl() {
  static std::once_flag started;
  static CURLcode status = CURLE_OK;
  std::call_once(started, [] { status = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (status != CURLE_OK) {
    return Error::make(ErrorCode::unavailable, "libcurl failed to initialise", "curl_global_init",
                       static_cast<int>(status));
  }
  return Ok{};
}

Result<void> check_ca_file(const std::string& ca_file, const std::string& config_key,
                           const std::string& error_key) {
  if (ca_file.empty()) return Ok{};
  std::FILE* file = std::fopen(ca_file.c_str(), "rb");
  if (file == nullptr) {
    const int code = errno;
    Error error = Error::make(
        ErrorCode::config, "config: " + config_key + ": cannot read " + ca_file + ": " + std::strerror(code),
        "fopen", code);
    error.field = config_key;
    error.key = error_key;
    return error;
  }
  std::fclose(file);
  return Ok{};
}

}  // namespace complaint
