// Signed sync requests: the canonical text a kiosk signs (HMAC-SHA256 over method, path,
// kiosk id, timestamp, nonce and body) and the desk's checks. The HMAC itself is a
// RequestSigner (libsodium in drivers/crypto; FakeSigner here), so core holds no crypto.
// Invariant: the desk changes nothing for a request that fails any check.
#pragma once

#include <chrono>
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
inline constexpr const char* kHeaderSignature = "X-Complaint-Signature";  // 64 hex digits

class RequestSigner {
 public:
  virtual ~RequestSigner() = default;
  // Lower-case hex HMAC-SHA256 of `message` under the raw key bytes.
  virtual std::string hmac_sha256_hex(std::string_view key, std::string_view message) const = 0;
  // A fresh unpredictable nonce (32 hex digits).
  virtual std::string new_nonce() const = 0;
};

// Deterministic stand-in for unit tests: a keyed FNV-1a digest, NOT a MAC. Nonces count up.
class FakeSigner final : public RequestSigner {
 public:
  std::string hmac_sha256_hex(std::string_view key, std::string_view message) const override;
  std::string new_nonce() const override;

 private:
  mutable std::uint64_t m_next_nonce = 1;
};

// "METHOD\nPATH\nKIOSK\nTIMESTAMP\nNONCE\n" followed by the body bytes.
std::string canonical_request(std::string_view method, std::string_view path, std::string_view kiosk_id,
                              std::int64_t timestamp, std::string_view nonce, std::string_view body);

// Adds the four headers to `request`, signed with the kiosk's key (hex, as printed by
// `complaintctl desk kiosk add`).
Result<void> sign_request(HttpRequest& request, const RequestSigner& signer, const std::string& kiosk_id,
                          const std::string& key_hex, Instant now);

// The parsed, not yet trusted, signature headers.
struct SignedHeaders {
  std::string kiosk_id;
  std::int64_t timestamp = 0;
  std::string nonce;
  std::string signature;
};
Result<SignedHeaders> read_signed_headers(const HttpRequest& request);

// Checks the signature (constant time) and that the timestamp is within `skew` of now.
// Errors: unauthenticated with key desk.error.signature / desk.error.stale.
Result<void> verify_request(const HttpRequest& request, const SignedHeaders& headers,
                            const RequestSigner& signer, const std::string& key_hex, Instant now,
                            std::chrono::seconds skew);

std::string hex_encode(std::string_view bytes);
Result<std::string> hex_decode(std::string_view hex);

}  // namespace complaint
