// Fuzzes the desk's reading of a signed sync request (core/sync/request_auth.h): the
// X-Complaint-* headers and the key come from anyone who can reach the desk, so
// read_signed_headers, verify_request and hex_decode must refuse anything malformed without
// crashing, and a request sign_request signed must still verify whatever its method, path,
// kiosk id and body. FakeSigner stands in for Ed25519 and the HMAC: libsodium is not what is under test.
#include <fuzzer/FuzzedDataProvider.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/sync/request_auth.h"
#include "fuzz/fuzz_check.h"

namespace {

using namespace complaint;

constexpr const char* k_key_hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
constexpr std::chrono::seconds k_skew{300};

const Instant k_now = Instant{std::chrono::seconds{1795000000}};

// Headers as an attacker sends them: the four names (any case) or another name, any value,
// any number of times.
HttpRequest request_from(FuzzedDataProvider& input) {
  static constexpr const char* k_names[] = {kHeaderKiosk,     kHeaderTimestamp,        kHeaderNonce,
                                            kHeaderSignature, "x-complaint-timestamp", "Authorization"};
  HttpRequest request;
  request.method = input.ConsumeRandomLengthString(8);
  request.path = input.ConsumeRandomLengthString(64);
  const int count = input.ConsumeIntegralInRange(0, 8);
  for (int i = 0; i < count; ++i) {
    std::string name =
        input.ConsumeBool() ? input.PickValueInArray(k_names) : input.ConsumeRandomLengthString(32);
    request.headers.emplace_back(std::move(name), input.ConsumeRandomLengthString(96));
  }
  request.body = input.ConsumeRandomLengthString(1024);
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  const FakeSigner signer;
  const HttpRequest attack = request_from(input);
  const std::string key_hex =
      input.ConsumeBool() ? std::string(k_key_hex) : input.ConsumeRandomLengthString(80);

  if (const auto key = hex_decode(key_hex); key.ok()) FUZZ_CHECK(hex_encode(*key).size() == key_hex.size());
  if (const auto headers = read_signed_headers(attack); headers.ok()) {
    FUZZ_CHECK(!headers->kiosk_id.empty() && !headers->signature.empty());
    FUZZ_CHECK(headers->nonce.size() >= 16 && headers->nonce.size() <= 64);
    // The desk holds either a kiosk's public key or, for a kiosk registered before Ed25519,
    // the shared key; any text can reach either field from a damaged database.
    KioskKeys keys;
    if (input.ConsumeBool()) {
      keys.shared_key_hex = key_hex;
    } else {
      keys.public_key_hex = key_hex;
    }
    (void)verify_request(attack, *headers, signer, keys, k_now, k_skew);
  }

  // The honest path over the same odd values: what the kiosk signs, the desk accepts.
  HttpRequest honest;
  honest.method = attack.method;
  honest.path = attack.path;
  honest.body = attack.body;
  const std::string kiosk_id = input.ConsumeRandomLengthString(16);
  const bool legacy = input.ConsumeBool();
  const SignatureScheme scheme = legacy ? SignatureScheme::hmac_sha256 : SignatureScheme::ed25519;
  if (kiosk_id.empty() || !sign_request(honest, signer, kiosk_id, k_key_hex, k_now, scheme).ok()) return 0;
  const auto headers = read_signed_headers(honest);
  FUZZ_CHECK(headers.ok());
  FUZZ_CHECK(headers->kiosk_id == kiosk_id);
  KioskKeys keys;
  if (legacy) {
    keys.shared_key_hex = k_key_hex;
  } else {
    const auto public_key = kiosk_public_key_hex(signer, k_key_hex);
    FUZZ_CHECK(public_key.ok());
    keys.public_key_hex = *public_key;
  }
  FUZZ_CHECK(verify_request(honest, *headers, signer, keys, k_now, k_skew).ok());
  return 0;
}
