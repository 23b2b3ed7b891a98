// Validation of what a customer or clerk typed. Every error names the field and
// carries an i18n key; text is checked as UTF-8 and measured in code points.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/domain/taxonomy.h"

namespace complaint {

constexpr std::size_t kContentMaxCodePoints = 2000;
constexpr std::size_t kShortTextMaxCodePoints = 200;  // name, address, staff involved
constexpr std::size_t kOutcomeMaxCodePoints = 500;

// What a filer submits, before validation. Strings are raw input.
struct TicketDraft {
  std::string kind;
  std::string channel;
  std::string category;
  std::string content;
  std::string desired_outcome;
  std::string customer_name;
  std::string phone;
  std::string address;
  std::string language = "zh-CN";
  std::string staff_involved;
  std::string repeat_of;  // an earlier number the customer referenced
  bool anonymous = false;
  std::optional<Instant> filed_at;  // staff entering a letter: the day it arrived
};

// Returns the draft cleaned: control characters removed (newline and tab kept in
// content), surrounding white space trimmed, phone reduced to digits.
Result<TicketDraft> validate_draft(const TicketDraft& draft, const Taxonomy& taxonomy);

// Chinese mobile (11 digits, 1[3-9]...) or landline with area code (0 + 2-3 digit
// area code + 7-8 digits); separators " -()" and a +86/0086 prefix are accepted.
Result<std::string> normalize_phone(std::string_view text);

}  // namespace complaint
