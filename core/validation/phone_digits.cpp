// landline_area_code_length and group_phone_digits (see phone_digits.h).
#include "core/validation/phone_digits.h"

#include <algorithm>

namespace complaint {

std::size_t landline_area_code_length(std::string_view digits) {
  if (digits.size() < 3 || digits[0] != '0') return 0;
  if (digits[1] == '1') return digits[2] == '0' ? 2 : 0;
  if (digits[1] == '2') return 2;
  if (digits[1] >= '3' && digits[1] <= '9') return 3;
  return 0;
}

namespace {

std::string group_national(std::string_view digits) {
  if (digits.empty() ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::string(digits);
  // Where the first group ends: a mobile's 3 digits, or the 0 and a landline's area code.
  std::size_t first = 0;
  if (digits[0] == '1') {
    first = 3;
  } else if (digits[0] == '0') {
    const std::size_t area = landline_area_code_length(digits);
    if (area == 0) return std::string(digits);  // too short to tell, or not a landline
    first = 1 + area;
  } else {
    return std::string(digits);
  }
  std::string out(digits.substr(0, std::min(first, digits.size())));
  for (std::size_t at = first; at < digits.size(); at += 4) {
    out += ' ';
    out += digits.substr(at, 4);
  }
  return out;
}

// What follows +86: a mobile as at home; a landline drops its trunk 0 after the country code,
// so it is grouped as it reads with the 0 and shown without it.
std::string group_after_country_code(std::string_view rest) {
  const bool mobile = rest.size() < 2 || (rest[0] == '1' && rest[1] >= '3' && rest[1] <= '9');
  if (mobile || rest[0] == '0') return group_national(rest);
  const std::string national = "0" + std::string(rest);
  const std::string grouped = group_national(national);
  return grouped == national ? std::string(rest) : grouped.substr(1);
}

}  // namespace

std::string group_phone_digits(std::string_view digits) {
  for (std::string_view prefix : {std::string_view("+86"), std::string_view("0086")}) {
    if (digits.starts_with(prefix) && digits.size() > prefix.size())
      return std::string(prefix) + " " + group_after_country_code(digits.substr(prefix.size()));
  }
  return group_national(digits);
}

}  // namespace complaint
