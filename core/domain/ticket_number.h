// TicketNumber: SITE-KIOSK-YYYYMMDD-NNNN-C, e.g. WH01-K1-20261122-0007-3.
// The sequence is per kiosk and per local day, so the kiosk segment keeps numbers
// unique across the kiosks of a site without coordination. C is an ISO 7064
// MOD 37,36 check character over all alphanumerics: it catches every single-character
// mistake and every swap of adjacent characters, so a mistyped number is rejected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace complaint {

struct TicketNumberParts {
  std::string site_code;
  std::string kiosk_id;
  std::string local_date;  // YYYYMMDD
  std::int64_t sequence = 0;
};

// Site codes and kiosk ids: 1-8 characters of [A-Z0-9].
bool is_valid_station_code(std::string_view code);
char ticket_check_character(std::string_view body_without_check);
std::string format_ticket_number(const TicketNumberParts& parts);
// Accepts lower case and surrounding spaces; rejects a wrong check character.
Result<TicketNumberParts> parse_ticket_number(std::string_view text);
// The canonical (upper-case, trimmed) spelling, or an error for a malformed number.
Result<std::string> normalize_ticket_number(std::string_view text);
// A number as someone types it: upper case, white space and hyphens dropped (WH01K1202611...),
// or error.search.number for any character a number cannot hold. How the desk's search compares
// a number, in part too, and how read_typed_ticket_number starts.
Result<std::string> compact_ticket_number(std::string_view text);
// A number typed with or without its hyphens, in any case. Without them the site code and the
// kiosk id cannot be told apart (both are 1-8 characters), so the site's own code is the prefix;
// the date (a real day) and the sequence (4 digits, or more without a leading 0) then leave
// one reading. With hyphens, as normalize_ticket_number (any site). The canonical spelling, or
// the parser's error.
Result<std::string> read_typed_ticket_number(std::string_view text, std::string_view site_code);
// Only the canonical spelling itself, exactly as format_ticket_number writes it: where a number
// is an identity (a kiosk's synced ticket) a variant would store one ticket twice, so it is
// refused (error.number.not_canonical), never normalised.
Result<TicketNumberParts> parse_canonical_ticket_number(std::string_view text);

}  // namespace complaint
