// libsodium implementations for sodium_crypto.h. crypto_auth_hmacsha256 is HMAC-SHA256
// with a key of any length (RFC 2104), the sync protocol's legacy scheme; crypto_sign is
// Ed25519 (RFC 8032), whose 32-byte seed is what a kiosk keeps as its secret key.
#include "drivers/crypto/sodium_crypto.h"

#include <sodium.h>

#include <cassert>
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

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return hex_encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string base64_encode(std::string_view bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));  // the encoded length holds the NUL
  return out;
}

namespace {

// libsodium's key pair of a kiosk's 32-byte seed; wiped when it goes out of scope.
struct SeedKeyPair {
  explicit SeedKeyPair(std::string_view seed) {
    assert(seed.size() == crypto_sign_SEEDBYTES && "a kiosk's secret key is a 32-byte seed");
    crypto_sign_seed_keypair(public_key, secret_key, reinterpret_cast<const unsigned char*>(seed.data()));
  }
  ~SeedKeyPair() { sodium_memzero(secret_key, sizeof secret_key); }
  SeedKeyPair(const SeedKeyPair&) = delete;
  SeedKeyPair& operator=(const SeedKeyPair&) = delete;

  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  unsigned char secret_key[crypto_sign_SECRETKEYBYTES];
};

}  // namespace

std::string SodiumSigner::ed25519_public_key(std::string_view secret_key) const {
  const SeedKeyPair pair(secret_key);
  return std::string(reinterpret_cast<const char*>(pair.public_key), sizeof pair.public_key);
}

std::string SodiumSigner::ed25519_sign_hex(std::string_view secret_key, std::string_view message) const {
  const SeedKeyPair pair(secret_key);
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), pair.secret_key);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(signature), sizeof signature));
}

bool SodiumSigner::ed25519_verify(std::string_view public_key, std::string_view message,
                                  std::string_view signature_hex) const {
  const auto signature = hex_decode(signature_hex);
  if (!signature.ok() || signature->size() != crypto_sign_BYTES ||
      public_key.size() != crypto_sign_PUBLICKEYBYTES) {
    return false;
  }
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature->data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

std::string SodiumSigner::new_nonce() const {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

Result<KioskKeyPair> new_kiosk_key_pair() {
  TRY_ASSIGN(const SodiumSigner signer, SodiumSigner::create());
  unsigned char seed[crypto_sign_SEEDBYTES];
  randombytes_buf(seed, sizeof seed);
  const std::string_view secret(reinterpret_cast<const char*>(seed), sizeof seed);
  KioskKeyPair pair{hex_encode(secret), hex_encode(signer.ed25519_public_key(secret))};
  sodium_memzero(seed, sizeof seed);
  return pair;
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
