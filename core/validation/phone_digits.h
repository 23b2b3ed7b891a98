// The shape of a Chinese phone number's digits, shared by the phone rule
// (normalize_phone, ticket_validation.h) and the screens that show a number as people read
// it: 138 0013 8000, 0571 8765 4321, 010 1234 5678.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace complaint {

// The length of the area code after a landline's leading 0: 2 for Beijing ("10") and the
// 20-29 codes, 3 for the others (0571 Hangzhou); 0 when `digits` cannot start a landline
// ("00" is the international prefix). Reads the first three digits only.
std::size_t landline_area_code_length(std::string_view digits);

// `digits` (as typed so far, digits only) grouped with spaces for display only; the stored
// number stays ungrouped. A mobile number reads 3-4-4 (138 0013 8000); a landline reads its
// area code with the 0, then the local number in fours. A leading "+86" or "0086" (what
// normalize_phone strips) stands apart: +86 138 0013 8000, +86 10 1234 5678. Anything else,
// or any other non-digit, comes back unchanged.
std::string group_phone_digits(std::string_view digits);

}  // namespace complaint
