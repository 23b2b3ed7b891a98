// Signed sync requests: the canonical text a kiosk signs (method, path, kiosk id, timestamp,
// nonce and body), signed with Ed25519 under the kiosk's secret key, and the desk's checks
// against the kiosk's public key, so the desk's database holds nothing a kiosk signs with.
// Kiosks registered before keep an HMAC-SHA256 shared key until re-keyed (docs/SYNC.md §2).
// The primitives are a RequestSigner (libsodium in drivers/crypto; FakeSigner here), so
// core holds no crypto. Invariant: the desk changes nothing for a request that fails a check.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/sync/transport.h"

namespace complaint {

inline constexpr const char* kHeaderKiosk = "X-Complaint-Kiosk";
inline constexpr const char* kHeaderTimestamp = "X-Complaint-Timestamp";  // unix seconds
inline constexpr const char* kHeaderNonce = "X-Complaint-Nonce";          // 32 hex digits, fresh per request
inline constexpr const char* kHeaderSignature = "X-Complaint-Signature";  // 128 hex digits (64: HMAC)

// The signature's scheme, told by its length: Ed25519 (128 hex digits), or HMAC-SHA256 (64)
// from kiosks registered before Ed25519 with a shared key.
enum class SignatureScheme { ed25519, hmac_sha256 };

inline constexpr std::size_t kKioskSecretKeyBytes = 32;  // an Ed25519 seed (RFC 8032)
inline constexpr std::size_t kKioskPublicKeyBytes = 32;

class RequestSigner {
 public:
  virtual ~RequestSigner() = default;
  // Lower-case hex HMAC-SHA256 of `message` under the raw key bytes.
  virtual std::string hmac_sha256_hex(std::string_view key, std::string_view message) const = 0;
  // Ed25519 with a kiosk's 32-byte secret key (the seed): its 32-byte public key, and the
  // lower-case hex signature (128 digits) of `message`. `secret_key` has 32 bytes.
  virtual std::string ed25519_public_key(std::string_view secret_key) const = 0;
  virtual std::string ed25519_sign_hex(std::string_view secret_key, std::string_view message) const = 0;
  // True only when `signature_hex` is a valid signature of `message` under `public_key`.
  virtual bool ed25519_verify(std::string_view public_key, std::string_view message,
                              std::string_view signature_hex) const = 0;
  // A fresh unpredictable nonce (32 hex digits).
  virtual std::string new_nonce() const = 0;
};

// Deterministic stand-in for unit tests: keyed FNV-1a digests, NOT a MAC and NOT a
// signature (anyone with the "public key" can forge one). Nonces count up.
class FakeSigner final : public RequestSigner {
 public:
  std::string hmac_sha256_hex(std::string_view key, std::string_view message) const override;
  std::string ed25519_public_key(std::string_view secret_key) const override;
  std::string ed25519_sign_hex(std::string_view secret_key, std::string_view message) const override;
  bool ed25519_verify(std::string_view public_key, std::string_view message,
                      std::string_view signature_hex) const override;
  std::string new_nonce() const override;

 private:
  mutable std::uint64_t m_next_nonce = 1;
};

// What the desk holds to check a kiosk's requests: its Ed25519 public key (64 hex digits),
// or, for a kiosk registered before, the HMAC key it shares with the kiosk (in clear: a
// copy of the database can sign as that kiosk until it is re-keyed). Exactly one is set.
struct KioskKeys {
  std::string public_key_hex;
  std::string shared_key_hex;
  bool operator==(const KioskKeys&) const = default;
};

// The Ed25519 public key (hex) of the kiosk's 64-hex-digit secret key; the same key the
// desk derives from a shared key when that kiosk starts signing with Ed25519.
Result<std::string> kiosk_public_key_hex(const RequestSigner& signer, std::string_view secret_key_hex);

// "METHOD\nPATH\nKIOSK\nTIMESTAMP\nNONCE\n" followed by the body bytes.
std::string canonical_request(std::string_view method, std::string_view path, std::string_view kiosk_id,
                              std::int64_t timestamp, std::string_view nonce, std::string_view body);

// Adds the four headers to `request`, signed with the kiosk's secret key (64 hex digits, as
// printed by `complaintctl desk kiosk add`). `hmac_sha256` signs as kiosk software before
// Ed25519 did, with the key as the shared HMAC key (tests of the desk's compatibility).
Result<void> sign_request(HttpRequest& request, const RequestSigner& signer, const std::string& kiosk_id,
                          const std::string& key_hex, Instant now,
                          SignatureScheme scheme = SignatureScheme::ed25519);

// The parsed, not yet trusted, signature headers.
struct SignedHeaders {
  std::string kiosk_id;
  std::int64_t timestamp = 0;
  std::string nonce;
  std::string signature;
  SignatureScheme scheme = SignatureScheme::ed25519;
};
Result<SignedHeaders> read_signed_headers(const HttpRequest& request);

// Checks the signature against the kiosk's keys (an Ed25519 signature against the public
// key, or the one derived from a shared key; an HMAC, in constant time, only against a
// shared key) and that the timestamp is within `skew` of now.
// Errors: unauthenticated with key desk.error.signature / desk.error.stale.
Result<void> verify_request(const HttpRequest& request, const SignedHeaders& headers,
                            const RequestSigner& signer, const KioskKeys& keys, Instant now,
                            std::chrono::seconds skew);

std::string hex_encode(std::string_view bytes);
Result<std::string> hex_decode(std::string_view hex);

}  // namespace complaint
