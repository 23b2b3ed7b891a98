// Transport: sends one HTTP request to the desk and returns its answer. The real one is
// drivers/transport (libcurl, http and https); FakeTransport (fake_transport.h) is the
// scriptable fake. A network failure is an Error (code io); any HTTP answer is a response.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/result.h"

namespace complaint {

struct HttpRequest {
  std::string method = "POST";
  std::string path;  // absolute path on the desk, e.g. kSyncPath
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // Case-insensitive header look-up (HTTP header names are); empty when absent.
  std::string header(std::string_view name) const;
};

struct HttpResponse {
  int status = 0;
  std::string body;
  // The answer's Retry-After as seconds from now (the desk sends seconds; CurlTransport also
  // turns an HTTP date into them): when a busy or recovering desk wants to hear from this
  // client again. Unset: the header was absent.
  std::optional<std::chrono::seconds> retry_after;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

}  // namespace complaint
