// SodiumSigner (drivers/crypto): Ed25519 against RFC 8032 §7.1's test vectors, HMAC-SHA256
// against RFC 4231's test case 2, new kiosk key pairs, and one signed sync request checked
// as the desk checks it (the fake signer stands in everywhere else).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/sync/request_auth.h"
#include "core/sync/sync_protocol.h"
#include "drivers/crypto/sodium_crypto.h"

namespace complaint {
namespace {

std::string bytes_of(const std::string& hex) {
  return hex_decode(hex).value();
}

SodiumSigner signer() {
  auto created = SodiumSigner::create();
  EXPECT_TRUE(created.ok());
  return std::move(created).value();
}

struct Rfc8032Vector {
  const char* secret_key;
  const char* public_key;
  const char* message;
  const char* signature;
};

// RFC 8032 §7.1, TEST 1 and TEST 2.
constexpr Rfc8032Vector kVectors[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f"
     "0"
     "595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2ea"
     "e"
     "b4302aeeb00d291612bb0c00"},
};

TEST(SodiumSigner, Ed25519MatchesRfc8032) {
  const SodiumSigner sodium = signer();
  for (const Rfc8032Vector& vector : kVectors) {
    const std::string secret = bytes_of(vector.secret_key);
    const std::string message = std::string(vector.message).empty() ? "" : bytes_of(vector.message);
    EXPECT_EQ(hex_encode(sodium.ed25519_public_key(secret)), vector.public_key);
    EXPECT_EQ(sodium.ed25519_sign_hex(secret, message), vector.signature);
    EXPECT_TRUE(sodium.ed25519_verify(bytes_of(vector.public_key), message, vector.signature));
    EXPECT_FALSE(sodium.ed25519_verify(bytes_of(vector.public_key), message + "x", vector.signature));
    std::string flipped = vector.signature;
    flipped[10] = flipped[10] == '0' ? '1' : '0';
    EXPECT_FALSE(sodium.ed25519_verify(bytes_of(vector.public_key), message, flipped));
    EXPECT_FALSE(sodium.ed25519_verify(bytes_of(vector.public_key), message, "zz"));
    EXPECT_FALSE(sodium.ed25519_verify("short", message, vector.signature));
  }
}

TEST(SodiumSigner, HmacSha256MatchesRfc4231) {
  // Test case 2: key "Jefe", data "what do ya want for nothing?".
  EXPECT_EQ(signer().hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(SodiumSigner, NewKioskKeyPairsAreFreshAndMatch) {
  const KioskKeyPair first = new_kiosk_key_pair().value();
  const KioskKeyPair second = new_kiosk_key_pair().value();
  EXPECT_EQ(first.secret_key_hex.size(), 64u);
  EXPECT_EQ(first.public_key_hex.size(), 64u);
  EXPECT_NE(first.secret_key_hex, second.secret_key_hex);
  EXPECT_NE(first.secret_key_hex, first.public_key_hex);
  EXPECT_EQ(kiosk_public_key_hex(signer(), first.secret_key_hex).value(), first.public_key_hex);
}

// The whole path with real signatures: what the kiosk signs, the desk verifies with the
// public key alone.
TEST(SodiumSigner, ASignedSyncRequestVerifiesWithThePublicKeyOnly) {
  const SodiumSigner sodium = signer();
  const KioskKeyPair pair = new_kiosk_key_pair().value();
  const Instant now{std::chrono::seconds{1795400000}};
  HttpRequest request;
  request.path = kSyncPath;
  request.body = R"({"version":1})";
  ASSERT_TRUE(sign_request(request, sodium, "K1", pair.secret_key_hex, now).ok());
  const SignedHeaders headers = read_signed_headers(request).value();
  const KioskKeys held{pair.public_key_hex, {}};
  EXPECT_TRUE(verify_request(request, headers, sodium, held, now, std::chrono::seconds(300)).ok());
  request.body += " ";
  EXPECT_FALSE(verify_request(request, headers, sodium, held, now, std::chrono::seconds(300)).ok());
}

}  // namespace
}  // namespace complaint

namespace complaint {
namespace {

// RFC 4648 §10's test vectors.
TEST(Base64, MatchesRfc4648) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string("\xfb\xff", 2)), "+/8=");
}

}  // namespace
}  // namespace complaint
