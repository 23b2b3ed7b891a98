// Tracking tokens from getrandom(2) (the OS CSPRNG), base32 encoded; constant-time
// comparison; tracking URL templating.
#include "core/domain/tracking_token.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace complaint {
namespace {

constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::size_t kTokenBytes = 15;  // 120 bits, encodes to exactly 24 base32 characters
constexpr std::size_t kTokenChars = kTokenBytes * 8 / 5;

std::string base32(const std::uint8_t* bytes, std::size_t size) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | bytes[i];
    bits += 8;
    while (bits >= 5) {
      out += kBase32[(buffer >> (bits - 5)) & 0x1F];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32[(buffer << (5 - bits)) & 0x1F];
  return out;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

}  // namespace

Result<std::string> new_tracking_token() {
  std::array<std::uint8_t, kTokenBytes> bytes{};
  std::size_t filled = 0;
  while (filled < bytes.size()) {
    const ssize_t got = getrandom(bytes.data() + filled, bytes.size() - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      return Error::make(ErrorCode::internal, std::string("getrandom failed: ") + std::strerror(errno),
                         "getrandom", errno);
    }
    filled += static_cast<std::size_t>(got);
  }
  return base32(bytes.data(), bytes.size());
}

bool is_well_formed_tracking_token(std::string_view token) {
  if (token.size() != kTokenChars) return false;
  for (char c : token) {
    if (std::strchr(kBase32, c) == nullptr || c == '\0') return false;
  }
  return true;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  // Length is not secret (tokens have a fixed length); the contents are.
  const std::size_t n = a.size() > b.size() ? a.size() : b.size();
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

std::string tracking_url(std::string_view url_template, std::string_view number, std::string_view token) {
  std::string url(url_template);
  replace_all(url, "{number}", number);
  replace_all(url, "{token}", token);
  return url;
}

}  // namespace complaint
