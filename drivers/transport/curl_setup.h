// What every libcurl user in drivers/ does before its first handle: start libcurl once per
// process, and check that a CA file named in the config can be read (libcurl itself would only
// say "error setting certificate verify locations" on every request). Used by CurlTransport
// (sync, the group channels) and the SMTP sender (drivers/notify).
#pragma once

#include <string>

#include "core/base/result.h"

namespace complaint {

// curl_global_init, once per process (thread-safe); an error when libcurl could not start.
Result<void> start_curl();

// Ok when `ca_file` is empty or readable; else a config error naming `config_key` (its field),
// with the catalog key `error_key` when one is given.
Result<void> check_ca_file(const std::string& ca_file, const std::string& config_key,
                           const std::string& error_key = {});

}  // namespace complaint
