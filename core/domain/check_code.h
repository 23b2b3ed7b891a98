// CheckCode: the short code printed large on the receipt that, with the last 4 digits of the
// phone, opens a ticket's progress at the kiosk (issue 12), instead of the 23-character number.
//
// Six symbols of a 27-symbol alphabet without look-alikes (check_code.cpp says which were
// dropped and why), printed "K7M-4PX"; stored and synced as the six symbols alone.
//
// Unique per site by construction, and assigned offline at filing: the code is a bijective
// keyed scramble (a Feistel network, keyed by the site code) of a value built from what
// already makes a ticket unique on its station:
//   value = (day % kCheckCodeWindowDays * kCheckCodeStations + station) * kCheckCodeSequences
//           + sequence - 1
// where station is the kiosk's [kiosk] check_code_station (1-31, one per kiosk of a site; the
// desk refuses a second kiosk claiming one) or 0 for tickets filed at the desk, day the local
// filing date in days since 1970-01-01, and sequence the station's per-day sequence (1-1000).
// Distinct (station, day, sequence) give distinct values as long as the days lie less than
// kCheckCodeWindowDays (12,106 days, over 33 years) apart, and a bijection keeps them
// distinct: longer than any retention rule keeps a ticket (years, at most a few; the oldest
// ticket in a store is far younger than 33 years). 27^6 = 387,420,489 = 19683^2, so the
// Feistel halves are exactly [0, 19683) and need no cycle walking.
// A station's 1001st ticket of a day gets no code (empty): its number still works; no lobby
// kiosk nears that.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace complaint {

inline constexpr int kCheckCodeLength = 6;
inline constexpr int kCheckCodeStations = 32;  // 0 = the desk, 1-31 kiosks
inline constexpr std::int64_t kCheckCodeSequences = 1000;
inline constexpr std::int64_t kCheckCodeWindowDays = 12106;
inline constexpr std::uint32_t kCheckCodeSpace = 387420489;  // 27^6

// The symbols a code is written with, in value order.
std::string_view check_code_alphabet();

struct CheckCodeParts {
  int station = 0;            // 0 = the desk
  std::int64_t day = 0;       // local date in days since 1970-01-01, modulo kCheckCodeWindowDays
  std::int64_t sequence = 0;  // 1-kCheckCodeSequences
};

// The code of the ticket with `sequence` on `station` of `site_code` filed on `local_date`
// (YYYYMMDD), six symbols; nullopt when a part is out of range (station, sequence, date).
std::optional<std::string> make_check_code(std::string_view site_code, int station,
                                           std::string_view local_date, std::int64_t sequence);
// What make_check_code put in a code of `site_code` (the day modulo the window); nullopt for
// text that is not six symbols of the alphabet.
std::optional<CheckCodeParts> decode_check_code(std::string_view site_code, std::string_view code);

// For print: "K7M-4PX". A stored code is six symbols; anything else is returned as it is.
std::string format_check_code(std::string_view code);
// A code as a customer types or reads it back: any case, spaces and hyphens anywhere, and a
// look-alike of a kept symbol read as it (O, Q, D as 0; I, L as 1; Z as 2; S as 5; B as 8;
// V as U). The six stored symbols, or error.check_code.malformed.
Result<std::string> read_check_code(std::string_view typed);

// The keyed Feistel permutation of [0, kCheckCodeSpace) and its inverse (exposed for tests).
std::uint32_t scramble_check_value(std::string_view site_code, std::uint32_t value);
std::uint32_t unscramble_check_value(std::string_view site_code, std::uint32_t value);

}  // namespace complaint
