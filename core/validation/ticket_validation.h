// Validation of what a customer or clerk typed. Every error names the field and
// carries an i18n key; text is checked as UTF-8 and measured in code points.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/domain/taxonomy.h"
#include "core/validation/text_rules.h"

namespace complaint {

constexpr std::size_t kContentMaxCodePoints = kContentText.max_code_points;
constexpr std::size_t kShortTextMaxCodePoints = kNameText.max_code_points;  // name, address, staff involved
constexpr std::size_t kOutcomeMaxCodePoints = kOutcomeText.max_code_points;
static_assert(kAddressText.max_code_points == kShortTextMaxCodePoints &&
              kStaffInvolvedText.max_code_points == kShortTextMaxCodePoints);

// Clocks of a kiosk and a clerk's PC drift: an instant this far ahead of the clock of the
// one receiving it is still accepted (a filing date, a synced ticket's times); further
// ahead it is a typo or a forgery.
constexpr std::chrono::minutes kClockTolerance{10};

// What a filer submits, before validation. Strings are raw input.
struct TicketDraft {
  std::string kind;
  std::string channel;
  std::string category;
  std::string topic;  // optional: the customer's topic of `kind`, which maps to `category`
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
  std::string customer_email;       // optional
  bool notify_customer = false;     // opted in to progress notices (SMS to phone, email)
  // A referral's own deadline (转办时限, docs/DOMAIN.md §3a); referral channels only.
  std::optional<Instant> referrer_deadline;
  // Who referred it (a regulator's or a higher office's name); referral channels only. The
  // ticket has no column for it: the filing event's data keep it ("referrer").
  std::string referrer;
};

// Returns the draft cleaned by the text rules (text_rules.h): control and bidirectional
// control characters removed (newline and tab kept in content), surrounding white space
// trimmed, lengths enforced; phone reduced to digits.
Result<TicketDraft> validate_draft(const TicketDraft& draft, const Taxonomy& taxonomy);

// The languages a ticket is filed in: zh-CN and en.
Result<void> check_language(std::string_view language);
// An anonymous ticket carries no name or phone; a named one carries a phone.
Result<void> check_contact_rule(bool anonymous, std::string_view name, std::string_view phone);

// The customer's email and notice opt-in (docs/DOMAIN.md §4a): an anonymous ticket carries
// neither; the opt-in needs a phone or an email to reach.
Result<void> check_customer_notice_rule(bool anonymous, std::string_view phone, std::string_view email,
                                        bool notify_customer);
// A referrer's deadline: only on a referral channel (an id starting "referral"), after the
// filing and within a year of it.
// A referral channel: an id starting "referral" (referral_upper, referral_government).
bool is_referral_channel(std::string_view channel);
Result<void> check_referrer_deadline(std::string_view channel, Instant filed_at, Instant deadline);

// One "local@domain" address, at most 254 bytes, no white space, control character or any of
// <>,;"()[] (it becomes an SMTP header); returned trimmed. Staff accounts' addresses too.
bool is_email_address(std::string_view text);
Result<std::string> normalize_email(std::string_view text);

// Chinese mobile (11 digits, 1[3-9]...) or landline with area code (0 + 2-3 digit
// area code + 7-8 digits); separators " -()" and a +86/0086 prefix are accepted.
Result<std::string> normalize_phone(std::string_view text);

}  // namespace complaint
