// Check codes (see check_code.h): the alphabet, the Feistel scramble, formatting and reading.
#include "core/domain/check_code.h"

#include <array>
#include <chrono>

namespace complaint {
namespace {

// Ten digits and the 17 letters that no digit or other kept letter can be misread as. Of each
// look-alike group one symbol stays, and the digit where there is one, since the keypad's
// digits are its largest keys: 0 (not O, Q, D), 1 (not I, L), 2 (not Z), 5 (not S), 8 (not B);
// U stays for U/V. 7 stays: the receipt prints it in a sans font with no foot, unlike 1, and
// reading back is from print, not handwriting. 27 symbols make 27^6 = 19683^2 codes.
constexpr std::string_view kAlphabet = "0123456789ACEFGHJKMNPRTUWXY";
constexpr std::uint32_t kHalf = 19683;  // 27^3
constexpr int kRounds = 6;

static_assert(kAlphabet.size() == 27);
static_assert(std::uint64_t{kHalf} * kHalf == kCheckCodeSpace);
static_assert(kCheckCodeWindowDays * kCheckCodeStations * kCheckCodeSequences <= kCheckCodeSpace);

// The dropped look-alikes, read as the kept symbol they resemble.
char kept_twin(char c) {
  switch (c) {
    case 'O':
    case 'Q':
    case 'D':
      return '0';
    case 'I':
    case 'L':
      return '1';
    case 'Z':
      return '2';
    case 'S':
      return '5';
    case 'B':
      return '8';
    case 'V':
      return 'U';
    default:
      return c;
  }
}

int symbol_value(char c) {
  const std::size_t at = kAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// The site code (1-8 of A-Z, 0-9) as the key, so two sites' codes follow different orders.
std::uint64_t site_key(std::string_view site_code) {
  std::uint64_t key = 0xCBF29CE484222325ull;  // FNV-1a
  for (const char c : site_code) key = (key ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
  return key;
}

std::uint32_t round_value(std::uint64_t key, int round, std::uint32_t half) {
  return static_cast<std::uint32_t>(mix(key ^ (std::uint64_t(round) << 40) ^ half) % kHalf);
}

std::optional<std::int64_t> days_since_epoch(std::string_view local_date) {
  if (local_date.size() != 8) return std::nullopt;
  int digits[8];
  for (int i = 0; i < 8; ++i) {
    if (local_date[i] < '0' || local_date[i] > '9') return std::nullopt;
    digits[i] = local_date[i] - '0';
  }
  const int y = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
  const unsigned m = static_cast<unsigned>(digits[4] * 10 + digits[5]);
  const unsigned d = static_cast<unsigned>(digits[6] * 10 + digits[7]);
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok() || y < 1970) return std::nullopt;
  return std::chrono::sys_days{date}.time_since_epoch().count();
}

}  // namespace

std::string_view check_code_alphabet() {
  return kAlphabet;
}

// A balanced Feistel network over [0, 19683) x [0, 19683) with addition modulo 19683: each
// round is undone by subtracting the same round value, so it is a bijection for any key.
std::uint32_t scramble_check_value(std::string_view site_code, std::uint32_t value) {
  const std::uint64_t key = site_key(site_code);
  std::uint32_t left = value / kHalf;
  std::uint32_t right = value % kHalf;
  for (int round = 0; round < kRounds; ++round) {
    const std::uint32_t next = (left + round_value(key, round, right)) % kHalf;
    left = right;
    right = next;
  }
  return left * kHalf + right;
}

std::uint32_t unscramble_check_value(std::string_view site_code, std::uint32_t value) {
  const std::uint64_t key = site_key(site_code);
  std::uint32_t left = value / kHalf;
  std::uint32_t right = value % kHalf;
  for (int round = kRounds - 1; round >= 0; --round) {
    const std::uint32_t previous = (right + kHalf - round_value(key, round, left)) % kHalf;
    right = left;
    left = previous;
  }
  return left * kHalf + right;
}

std::optional<std::string> make_check_code(std::string_view site_code, int station,
                                           std::string_view local_date, std::int64_t sequence) {
  const std::optional<std::int64_t> day = days_since_epoch(local_date);
  if (!day || station < 0 || station >= kCheckCodeStations || sequence < 1 || sequence > kCheckCodeSequences)
    return std::nullopt;
  const std::int64_t value =
      ((*day % kCheckCodeWindowDays) * kCheckCodeStations + station) * kCheckCodeSequences + (sequence - 1);
  std::uint32_t scrambled = scramble_check_value(site_code, static_cast<std::uint32_t>(value));
  std::string code(kCheckCodeLength, '0');
  for (int i = kCheckCodeLength - 1; i >= 0; --i) {
    code[static_cast<std::size_t>(i)] = kAlphabet[scrambled % kAlphabet.size()];
    scrambled /= static_cast<std::uint32_t>(kAlphabet.size());
  }
  return code;
}

std::optional<CheckCodeParts> decode_check_code(std::string_view site_code, std::string_view code) {
  if (code.size() != kCheckCodeLength) return std::nullopt;
  std::uint32_t scrambled = 0;
  for (const char c : code) {
    const int value = symbol_value(c);
    if (value < 0) return std::nullopt;
    scrambled = scrambled * static_cast<std::uint32_t>(kAlphabet.size()) + static_cast<std::uint32_t>(value);
  }
  const std::int64_t value = unscramble_check_value(site_code, scrambled);
  CheckCodeParts parts;
  parts.sequence = value % kCheckCodeSequences + 1;
  parts.station = static_cast<int>(value / kCheckCodeSequences % kCheckCodeStations);
  parts.day = value / kCheckCodeSequences / kCheckCodeStations;
  if (parts.day >= kCheckCodeWindowDays) return std::nullopt;  // no code make_check_code writes
  return parts;
}

std::string format_check_code(std::string_view code) {
  if (code.size() != kCheckCodeLength) return std::string(code);
  return std::string(code.substr(0, 3)) + "-" + std::string(code.substr(3));
}

Result<std::string> read_check_code(std::string_view typed) {
  std::string code;
  for (const char raw : typed) {
    if (raw == ' ' || raw == '-' || raw == '\t') continue;
    char c = raw;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    c = kept_twin(c);
    if (symbol_value(c) < 0 || code.size() >= kCheckCodeLength) {
      return Error::invalid("check_code", "error.check_code.malformed",
                            "a check code is 6 characters of " + std::string(kAlphabet));
    }
    code += c;
  }
  if (code.size() != kCheckCodeLength) {
    return Error::invalid("check_code", "error.check_code.malformed",
                          "a check code is 6 characters of " + std::string(kAlphabet));
  }
  return code;
}

}  // namespace complaint
