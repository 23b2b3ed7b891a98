// The https desk's certificate chain and private key, read from [desk] tls_certificate and
// tls_key and checked before the server starts: each way a file can be wrong (missing,
// unreadable, not a PEM certificate, an encrypted key, a key of another certificate) is its
// own config error naming the key, so the desk never falls back to plain HTTP.
#pragma once

#include <string>

#include "core/base/result.h"

namespace complaint::desk {

struct TlsCredentials {
  std::string certificate_pem;  // the chain, leaf first
  std::string key_pem;
};

Result<TlsCredentials> load_tls_credentials(const std::string& certificate_path, const std::string& key_path);

}  // namespace complaint::desk
