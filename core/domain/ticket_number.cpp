// Ticket number formatting, parsing and the ISO 7064 MOD 37,36 check character.
// Canonical form: SITE-KIOSK-YYYYMMDD-NNNN-C, upper case, sequence at least 4 digits.
#include "core/domain/ticket_number.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

namespace complaint {
namespace {

constexpr int kModulus = 36;
constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

int char_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

Error malformed(std::string_view text, std::string_view why) {
  return Error::invalid("number", "error.number.malformed",
                        "malformed ticket number '" + std::string(text) + "': " + std::string(why));
}

std::vector<std::string_view> split_dashes(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dash = text.find('-', start);
    parts.push_back(
        text.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
    if (dash == std::string_view::npos) return parts;
    start = dash + 1;
  }
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool is_valid_station_code(std::string_view code) {
  return !code.empty() && code.size() <= 8 &&
         std::all_of(code.begin(), code.end(), [](char c) { return char_value(c) >= 0; });
}

// ISO 7064 hybrid system MOD 37,36: catches all single substitutions and adjacent
// transpositions; dashes are ignored so only the characters read aloud count.
char ticket_check_character(std::string_view body) {
  int product = kModulus;
  for (char c : body) {
    const int value = char_value(c);
    if (value < 0) continue;
    int sum = (product + value) % kModulus;
    if (sum == 0) sum = kModulus;
    product = (2 * sum) % (kModulus + 1);
  }
  return kAlphabet[(kModulus + 1 - product) % kModulus];
}

std::string format_ticket_number(const TicketNumberParts& parts) {
  std::string sequence = std::to_string(parts.sequence);
  if (sequence.size() < 4) sequence.insert(0, 4 - sequence.size(), '0');
  std::string body = parts.site_code + "-" + parts.kiosk_id + "-" + parts.local_date + "-" + sequence;
  const char check = ticket_check_character(body);
  body += '-';
  body += check;
  return body;
}

Result<TicketNumberParts> parse_ticket_number(std::string_view text) {
  std::string canonical;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    canonical += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (canonical.empty()) return malformed(text, "empty");
  if (canonical.size() > 40) return malformed(text.substr(0, 40), "too long");
  const auto parts = split_dashes(canonical);
  if (parts.size() != 5) return malformed(canonical, "expected SITE-KIOSK-YYYYMMDD-NNNN-C");
  if (!is_valid_station_code(parts[0])) return malformed(canonical, "bad site code");
  if (!is_valid_station_code(parts[1])) return malformed(canonical, "bad kiosk id");
  if (parts[2].size() != 8 || !all_digits(parts[2])) return malformed(canonical, "bad date");
  if (parts[3].size() < 4 || parts[3].size() > 9 || !all_digits(parts[3])) {
    return malformed(canonical, "bad sequence");
  }
  if (parts[4].size() != 1 || char_value(parts[4][0]) < 0) return malformed(canonical, "bad check character");

  const std::string_view body(canonical.data(), canonical.size() - 2);
  if (ticket_check_character(body) != parts[4][0]) {
    return Error::invalid("number", "error.number.check",
                          "ticket number '" + canonical + "' fails its check character (mistyped?)");
  }
  TicketNumberParts result;
  result.site_code = std::string(parts[0]);
  result.kiosk_id = std::string(parts[1]);
  result.local_date = std::string(parts[2]);
  std::from_chars(parts[3].data(), parts[3].data() + parts[3].size(), result.sequence);
  if (result.sequence <= 0) return malformed(canonical, "sequence starts at 1");
  return result;
}

Result<std::string> normalize_ticket_number(std::string_view text) {
  TRY_ASSIGN(const TicketNumberParts parts, parse_ticket_number(text));
  return format_ticket_number(parts);
}

Result<std::string> compact_ticket_number(std::string_view text) {
  std::string compact;
  for (const char c : text) {
    if (c == '-' || c == ' ' || c == '\t') continue;
    const char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (char_value(upper) < 0)
      return Error::invalid("number", "error.search.number",
                            "a ticket number has letters, digits and hyphens");
    compact += upper;
  }
  return compact;
}

namespace {

bool plausible_date(std::string_view yyyymmdd) {
  if (!all_digits(yyyymmdd) || yyyymmdd.size() != 8) return false;
  const int month = (yyyymmdd[4] - '0') * 10 + (yyyymmdd[5] - '0');
  const int day = (yyyymmdd[6] - '0') * 10 + (yyyymmdd[7] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

Result<std::string> read_typed_ticket_number(std::string_view text, std::string_view site_code) {
  if (text.find('-') != std::string_view::npos) return normalize_ticket_number(text);
  TRY_ASSIGN(const std::string compact, compact_ticket_number(text.substr(0, 64)));
  // SITE KIOSK YYYYMMDD NNNN C: after the site's code, every split of the rest whose date is a
  // real day and whose sequence is written as format_ticket_number writes it.
  if (site_code.empty() || !compact.starts_with(site_code))
    return malformed(compact, "not this site's number");
  const std::string_view rest = std::string_view(compact).substr(site_code.size());
  std::string found;
  for (std::size_t sequence = 4; sequence <= 9 && rest.size() >= 1 + 8 + sequence + 1; ++sequence) {
    const std::size_t kiosk = rest.size() - 1 - sequence - 8;
    const std::string_view digits = rest.substr(kiosk + 8, sequence);
    if (!all_digits(digits) || (sequence > 4 && digits[0] == '0')) continue;
    if (!plausible_date(rest.substr(kiosk, 8)) || !is_valid_station_code(rest.substr(0, kiosk))) continue;
    const std::string spelled = std::string(site_code) + "-" + std::string(rest.substr(0, kiosk)) + "-" +
                                std::string(rest.substr(kiosk, 8)) + "-" + std::string(digits) + "-" +
                                rest.back();
    if (!found.empty()) return malformed(compact, "ambiguous without hyphens");
    found = spelled;
  }
  if (found.empty()) return malformed(compact, "expected SITE KIOSK YYYYMMDD NNNN C");
  return normalize_ticket_number(found);
}

Result<TicketNumberParts> parse_canonical_ticket_number(std::string_view text) {
  TRY_ASSIGN(TicketNumberParts parts, parse_ticket_number(text));
  if (format_ticket_number(parts) != text) {
    return Error::invalid("number", "error.number.not_canonical",
                          "ticket number '" + std::string(text.substr(0, 40)) + "' is not written as " +
                              format_ticket_number(parts));
  }
  return parts;
}

}  // namespace complaint
