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

}  // namespace

std::string HttpRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) return value;
  }
  return {};
}

std::string FakeSigner::hmac_sha256_hex(std::string_view key, std::string_view message) const {
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
  return std::string(text) + std::string(text) + std::string(text) + std::string(text);
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

Result<void> sign_request(HttpRequest& request, const RequestSigner& signer, const std::string& kiosk_id,
                          const std::string& key_hex, Instant now) {
  TRY_ASSIGN(const std::string key, hex_decode(key_hex));
  const std::int64_t timestamp = now.time_since_epoch().count();
  const std::string nonce = signer.new_nonce();
  const std::string signature = signer.hmac_sha256_hex(
      key, canonical_request(request.method, request.path, kiosk_id, timestamp, nonce, request.body));
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
  return headers;
}

Result<void> verify_request(const HttpRequest& request, const SignedHeaders& headers,
                            const RequestSigner& signer, const std::string& key_hex, Instant now,
                            std::chrono::seconds skew) {
  TRY_ASSIGN(const std::string key, hex_decode(key_hex));
  const std::string expected =
      signer.hmac_sha256_hex(key, canonical_request(request.method, request.path, headers.kiosk_id,
                                                    headers.timestamp, headers.nonce, request.body));
  if (!constant_time_equal(expected, headers.signature)) {
    return auth_error("desk.error.signature", "the request signature does not verify");
  }
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
