// libsodium behind plain types: SodiumSigner (the real RequestSigner), kiosk keys and
// staff password hashes (argon2id, libsodium's crypto_pwhash_str format "$argon2id$...").
// Every function initialises libsodium on first use; a failing init is an Error.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/sync/request_auth.h"

namespace complaint {

Result<void> sodium_ready();

class SodiumSigner final : public RequestSigner {
 public:
  // Fails when libsodium cannot initialise (no entropy source).
  static Result<SodiumSigner> create();
  std::string hmac_sha256_hex(std::string_view key, std::string_view message) const override;
  std::string new_nonce() const override;

 private:
  SodiumSigner() = default;
};

// A new random 256-bit kiosk key as 64 lower-case hex digits.
Result<std::string> new_kiosk_key_hex();

// argon2id with libsodium's "interactive" limits (about 64 MiB, well under a second).
Result<std::string> hash_password(std::string_view password);
// True only when `password` matches `hash` (constant time inside libsodium).
bool verify_password(std::string_view hash, std::string_view password);

}  // namespace complaint
