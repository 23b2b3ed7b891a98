// libsodium implementations for sodium_crypto.h. crypto_auth_hmacsha256 is HMAC-SHA256
// with a key of any length (RFC 2104), which is what the sync protocol specifies.
#include "drivers/crypto/sodium_crypto.h"

#include <sodium.h>

#include <string>

namespace complaint {

Result<void> sodium_ready() {
  // sodium_init is thread-safe and idempotent: 0 first time, 1 afterwards, -1 on failure.
  if (sodium_init() < 0)
    return Error::make(ErrorCode::unavailable, "libsodium failed to initialise", "sodium_init");
  return Ok{};
}

Result<SodiumSigner> SodiumSigner::create() {
  TRY_VOID(sodium_ready());
  return SodiumSigner();
}

std::string SodiumSigner::hmac_sha256_hex(std::string_view key, std::string_view message) const {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  sodium_memzero(&state, sizeof state);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

std::string SodiumSigner::new_nonce() const {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

Result<std::string> new_kiosk_key_hex() {
  TRY_VOID(sodium_ready());
  unsigned char key[32];
  randombytes_buf(key, sizeof key);
  std::string hex = hex_encode(std::string_view(reinterpret_cast<const char*>(key), sizeof key));
  sodium_memzero(key, sizeof key);
  return hex;
}

Result<std::string> hash_password(std::string_view password) {
  TRY_VOID(sodium_ready());
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::make(ErrorCode::internal, "argon2id hashing ran out of memory", "crypto_pwhash_str_alg");
  }
  return std::string(hash);
}

bool verify_password(std::string_view hash, std::string_view password) {
  if (!sodium_ready().ok() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(hash);  // crypto_pwhash_str_verify wants a C string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

}  // namespace complaint
