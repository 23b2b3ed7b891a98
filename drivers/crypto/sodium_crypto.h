// libsodium behind plain types: SodiumSigner (the real RequestSigner: Ed25519 and
// HMAC-SHA256), kiosk key pairs and staff password hashes (argon2id, libsodium's crypto_pwhash_str format
// "$argon2id$..."). Every function initialises libsodium on first use; a failing init is an Error.
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
  std::string ed25519_public_key(std::string_view secret_key) const override;
  std::string ed25519_sign_hex(std::string_view secret_key, std::string_view message) const override;
  bool ed25519_verify(std::string_view public_key, std::string_view message,
                      std::string_view signature_hex) const override;
  std::string new_nonce() const override;

 private:
  SodiumSigner() = default;
};

// SHA-256 of `bytes` as 64 lower-case hex digits (attachments' content hash).
std::string sha256_hex(std::string_view bytes);

// Standard base64 (RFC 4648 §4, with padding) of raw bytes: the office IM robots' signatures.
std::string base64_encode(std::string_view bytes);

// A new kiosk key: the secret (a random 256-bit Ed25519 seed, 64 lower-case hex digits)
// goes into the kiosk's config, only the public key (64 hex digits) into the desk's store.
struct KioskKeyPair {
  std::string secret_key_hex;
  std::string public_key_hex;
};
Result<KioskKeyPair> new_kiosk_key_pair();

// argon2id with libsodium's "interactive" limits (about 64 MiB, well under a second).
Result<std::string> hash_password(std::string_view password);
// True only when `password` matches `hash` (constant time inside libsodium).
bool verify_password(std::string_view hash, std::string_view password);

}  // namespace complaint
