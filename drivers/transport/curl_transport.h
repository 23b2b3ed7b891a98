// CurlTransport: Transport over libcurl. One easy handle is reused so requests share a
// kept-alive connection; an instance is for one thread (the sync worker's). TLS is
// verified against the system CAs (plus ca_file) whenever the URL is https.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/sync/transport.h"

namespace complaint {

struct CurlOptions {
  std::string base_url;  // "http://127.0.0.1:8080" or "https://desk.example"
  std::string ca_file;   // empty: the system bundle only
  std::chrono::seconds timeout{20};
  std::chrono::seconds connect_timeout{5};
  // Who is at base_url and which config key names ca_file, as errors tell them.
  std::string peer = "the desk";
  std::string ca_file_key = "sync.ca_file";
};

Result<std::unique_ptr<Transport>> make_curl_transport(const CurlOptions& options);

// A Transport for several threads at once (the notice worker's senders): each send takes an
// idle CurlTransport, with its kept-alive connection, or makes one, and gives it back after.
Result<std::unique_ptr<Transport>> make_shared_curl_transport(const CurlOptions& options);

}  // namespace complaint
