// Canonical request text, signing and verification; see request_auth.h.
#include "core/sync/request_auth.h"

#include <strings.h>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "core/domain/tracking_token.h"

namespace complaint {
namespace {

Error auth_error(const char* key, const std::string& message) {
  Error error = Error::make(ErrorCode::unauthenticated, message, "verify_request", 0);
  error.key = key;
  return error;
}

bool is_hex(std::string_view text) {
  for (const char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The fake's digest: FNV-1a over key, message, key, as `hex_digits` lower-case hex digits.
std::string fake_digest_hex(std::string_view key, std::string_view message, std::size_t hex_digits) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (const std::string_view part :
       {key, std::string_view("\x01"), message, std::string_view("\x02"), key}) {
    for (const char c : part) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  std::string digest;
  while (digest.size() < hex_digits) digest += text;
  return digest;
}

// The raw bytes of a kiosk's secret key, which must be 64 hex digits.
Result<std::string> secret_key_of(std::string_view key_hex) {
  TRY_ASSIGN(std::string key, hex_decode(key_hex));
  if (key.size() != kKioskSecretKeyBytes)
    return Error::invalid("key", "desk.error.key", "a kiosk's key must be 64 hex digits");
  return key;
}

}  // namespace

std::string HttpRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) return value;
  }
  return {};
}

std::string FakeSigner::hmac_sha256_hex(std::string_view key, std::string_view message) const {
  return fake_digest_hex(key, message, 64);
}

std::string FakeSigner::ed25519_public_key(std::string_view secret_key) const {
  return hex_decode(fake_digest_hex(secret_key, "public key", 2 * kKioskPublicKeyBytes)).value();
}

std::string FakeSigner::ed25519_sign_hex(std::string_view secret_key, std::string_view message) const {
  return fake_digest_hex(ed25519_public_key(secret_key), message, 128);
}

bool FakeSigner::ed25519_verify(std::string_view public_key, std::string_view message,
                                std::string_view signature_hex) const {
  return constant_time_equal(fake_digest_hex(public_key, message, 128), signature_hex);
}

std::string FakeSigner::new_nonce() const {
  char text[33];
  std::snprintf(text, sizeof text, "%032llx", static_cast<unsigned long long>(m_next_nonce++));
  return text;
}

std::string canonical_request(std::string_view method, std::string_view path, std::string_view kiosk_id,
                              std::int64_t timestamp, std::string_view nonce, std::string_view body) {
  std::string text;
  text.reserve(method.size() + path.size() + kiosk_id.size() + nonce.size() + body.size() + 32);
  text.append(method).append("\n").append(path).append("\n").append(kiosk_id).append("\n");
  text.append(std::to_string(timestamp)).append("\n").append(nonce).append("\n").append(body);
  return text;
}

Result<std::string> kiosk_public_key_hex(const RequestSigner& signer, std::string_view secret_key_hex) {
  TRY_ASSIGN(const std::string secret_key, secret_key_of(secret_key_hex));
  return hex_encode(signer.ed25519_public_key(secret_key));
}

Result<void> sign_request(HttpRequest& request, const RequestSigner& signer, const std::string& kiosk_id,
                          const std::string& key_hex, Instant now, SignatureScheme scheme) {
  TRY_ASSIGN(const std::string key, secret_key_of(key_hex));
  const std::int64_t timestamp = now.time_since_epoch().count();
  const std::string nonce = signer.new_nonce();
  const std::string canonical =
      canonical_request(request.method, request.path, kiosk_id, timestamp, nonce, request.body);
  const std::string signature = scheme == SignatureScheme::ed25519 ? signer.ed25519_sign_hex(key, canonical)
                                                                   : signer.hmac_sha256_hex(key, canonical);
  request.headers.emplace_back(kHeaderKiosk, kiosk_id);
  request.headers.emplace_back(kHeaderTimestamp, std::to_string(timestamp));
  request.headers.emplace_back(kHeaderNonce, nonce);
  request.headers.emplace_back(kHeaderSignature, signature);
  return Ok{};
}

Result<SignedHeaders> read_signed_headers(const HttpRequest& request) {
  SignedHeaders headers;
  headers.kiosk_id = request.header(kHeaderKiosk);
  headers.nonce = request.header(kHeaderNonce);
  headers.signature = request.header(kHeaderSignature);
  const std::string timestamp = request.header(kHeaderTimestamp);
  if (headers.kiosk_id.empty() || headers.nonce.empty() || headers.signature.empty() || timestamp.empty()) {
    return auth_error("desk.error.signature", "the request is not signed (X-Complaint-* headers missing)");
  }
  const auto [end, ec] =
      std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), headers.timestamp);
  if (ec != std::errc() || end != timestamp.data() + timestamp.size()) {
    return auth_error("desk.error.signature", "X-Complaint-Timestamp is not an integer");
  }
  if (headers.nonce.size() < 16 || headers.nonce.size() > 64 || !is_hex(headers.nonce)) {
    return auth_error("desk.error.signature", "X-Complaint-Nonce must be 16-64 hex digits");
  }
  if (!is_hex(headers.signature) || (headers.signature.size() != 128 && headers.signature.size() != 64)) {
    return auth_error("desk.error.signature",
                      "X-Complaint-Signature must be 128 hex digits (Ed25519) or 64 (HMAC-SHA256)");
  }
  headers.scheme = headers.signature.size() == 128 ? SignatureScheme::ed25519 : SignatureScheme::hmac_sha256;
  return headers;
}

Result<void> verify_request(const HttpRequest& request, const SignedHeaders& headers,
                            const RequestSigner& signer, const KioskKeys& keys, Instant now,
                            std::chrono::seconds skew) {
  const std::string canonical = canonical_request(request.method, request.path, headers.kiosk_id,
                                                  headers.timestamp, headers.nonce, request.body);
  bool valid = false;
  if (headers.scheme == SignatureScheme::hmac_sha256) {
    // Only a kiosk that still shares its key may sign so: a public key cannot check an HMAC.
    if (!keys.shared_key_hex.empty()) {
      TRY_ASSIGN(const std::string key, hex_decode(keys.shared_key_hex));
      valid = constant_time_equal(signer.hmac_sha256_hex(key, canonical), headers.signature);
    }
  } else {
    const auto public_key_hex = keys.public_key_hex.empty()
                                    ? kiosk_public_key_hex(signer, keys.shared_key_hex)
                                    : Result<std::string>(keys.public_key_hex);
    const auto public_key = public_key_hex.ok() ? hex_decode(*public_key_hex) : public_key_hex;
    valid = public_key.ok() && public_key->size() == kKioskPublicKeyBytes &&
            signer.ed25519_verify(*public_key, canonical, headers.signature);
  }
  if (!valid) return auth_error("desk.error.signature", "the request signature does not verify");
  // Checked after the signature: an attacker learns nothing about the clock from a forgery.
  // The window is compared as bounds around the desk's clock, never as timestamp - now: a
  // timestamp near INT64_MIN would overflow that subtraction (undefined behaviour, and in
  // practice a huge negative drift that passed as fresh).
  const std::int64_t now_s = now.time_since_epoch().count();
  if (headers.timestamp < now_s - skew.count() || headers.timestamp > now_s + skew.count()) {
    return auth_error("desk.error.stale", "the request timestamp " + std::to_string(headers.timestamp) +
                                              " is more than " + std::to_string(skew.count()) +
                                              " s off the desk's clock (" + std::to_string(now_s) +
                                              "); check the kiosk's clock");
  }
  return Ok{};
}

std::string hex_encode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  text.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    text.push_back(kDigits[byte >> 4]);
    text.push_back(kDigits[byte & 0xf]);
  }
  return text;
}

Result<std::string> hex_decode(std::string_view hex) {
  if (hex.size() % 2 != 0 || hex.empty() || !is_hex(hex)) {
    return Error::invalid("key", "desk.error.key", "a key must be an even number of hex digits");
  }
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    unsigned value = 0;
    std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
    bytes.push_back(static_cast<char>(value));
  }
  return bytes;
}

}  // namespace complaint
