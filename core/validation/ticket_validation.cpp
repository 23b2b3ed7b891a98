// validate_draft and normalize_phone. Every error is Error::invalid(field, key, message) with
// the JSON field name and an i18n key present in both assets/i18n catalogs (a test checks it).
// Anonymous drafts that still carry a name or phone are rejected rather than silently
// stripped: staff entering a ticket would otherwise lose data they believe was saved.
#include "core/validation/ticket_validation.h"

#include "core/base/utf8.h"
#include "core/domain/ticket_number.h"
#include "core/validation/phone_digits.h"

namespace complaint {

namespace {

std::string join_ids(const std::vector<TaxonomyEntry>& entries, bool include_staff_only) {
  std::string out;
  for (const TaxonomyEntry& entry : entries) {
    if (entry.staff_only && !include_staff_only) continue;
    out += (out.empty() ? "" : ", ") + entry.id;
  }
  return out;
}

// A topic is the customer's words for one kind's matter and decides the starting category: one
// of another kind, or filed under another category, would record a choice nobody made.
Result<void> check_topic(const TicketDraft& draft, const Taxonomy& taxonomy) {
  if (draft.topic.empty()) return Ok{};
  const TaxonomyTopic* topic = taxonomy.topic(draft.topic);
  if (topic == nullptr || topic->kind != draft.kind) {
    return Error::invalid(
        "topic", "error.topic.unknown",
        "topic '" + draft.topic + "' is not one of the topics of kind '" + draft.kind + "'");
  }
  if (topic->category != draft.category) {
    return Error::invalid("topic", "error.topic.category",
                          "topic '" + draft.topic + "' files under category '" + topic->category +
                              "', not '" + draft.category + "'");
  }
  return Ok{};
}

Result<void> check_ids(const TicketDraft& draft, const Taxonomy& taxonomy) {
  if (taxonomy.kind(draft.kind) == nullptr) {
    return Error::invalid("kind", "error.kind.unknown",
                          "unknown kind '" + draft.kind + "'; valid: " + join_ids(taxonomy.kinds(), true));
  }
  if (taxonomy.channel(draft.channel) == nullptr) {
    return Error::invalid(
        "channel", "error.channel.unknown",
        "unknown channel '" + draft.channel + "'; valid: " + join_ids(taxonomy.channels(), true));
  }
  const TaxonomyEntry* category = taxonomy.category(draft.category);
  if (category == nullptr) {
    return Error::invalid(
        "category", "error.category.unknown",
        "unknown category '" + draft.category + "'; valid: " + join_ids(taxonomy.categories(), false));
  }
  if (category->staff_only) {
    return Error::invalid(
        "category", "error.category.staff_only",
        "category '" + draft.category +
            "' is set by staff after investigation and cannot be chosen when filing; valid: " +
            join_ids(taxonomy.categories(), false));
  }
  TRY_VOID(check_topic(draft, taxonomy));
  return check_language(draft.language);
}

Result<void> check_contact(TicketDraft& draft) {
  TRY_VOID(check_contact_rule(draft.anonymous, draft.customer_name, draft.phone));
  TRY_VOID(check_customer_notice_rule(draft.anonymous, draft.phone, utf8::trim(draft.customer_email),
                                      draft.notify_customer));
  if (draft.anonymous) return Ok{};
  TRY_ASSIGN(draft.phone, normalize_phone(draft.phone));
  if (!draft.customer_email.empty()) {
    TRY_ASSIGN(draft.customer_email, normalize_email(draft.customer_email));
  }
  return Ok{};
}

Error invalid_phone(std::string_view text) {
  return Error::invalid("phone", "error.phone.invalid",
                        "'" + std::string(text) +
                            "' is not a Chinese mobile number (11 digits starting 13-19) or a landline with "
                            "area code (e.g. 010-12345678, 0571-8765432)");
}

// Full-width forms come from Chinese input methods; they mean the same digits.
char ascii_equivalent(char32_t c) {
  if (c >= 0xFF10 && c <= 0xFF19) return static_cast<char>('0' + (c - 0xFF10));
  switch (c) {
    case 0xFF0B:
      return '+';
    case 0xFF0D:
      return '-';
    case 0xFF08:
      return '(';
    case 0xFF09:
      return ')';
    case 0x3000:
      return ' ';
    default:
      return c < 0x80 ? static_cast<char>(c) : '\0';
  }
}

bool is_mobile(std::string_view digits) {
  return digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

// 0 + area code + 7-8 digit local number (the area code's length: phone_digits.h).
bool is_landline(std::string_view digits) {
  if (digits.size() < 10) return false;
  const std::size_t area_length = landline_area_code_length(digits);
  if (area_length == 0) return false;
  const std::size_t local_length = digits.size() - 1 - area_length;
  return local_length == 7 || local_length == 8;
}

}  // namespace

Result<void> check_language(std::string_view language) {
  if (language == "zh-CN" || language == "en") return Ok{};
  return Error::invalid("language", "error.language.unknown",
                        "unknown language '" + std::string(language) + "'; valid: zh-CN, en");
}

Result<void> check_contact_rule(bool anonymous, std::string_view name, std::string_view phone) {
  if (anonymous) {
    if (!name.empty() || !phone.empty()) {
      return Error::invalid("anonymous", "error.anonymous.contact_given",
                            "an anonymous ticket cannot carry a name or phone; remove them or file it named");
    }
    return Ok{};
  }
  if (phone.empty()) {
    return Error::invalid("phone", "error.phone.required",
                          "a phone number is required unless the ticket is anonymous");
  }
  return Ok{};
}

bool is_referral_channel(std::string_view channel) {
  return channel.substr(0, 8) == "referral";
}

Result<void> check_referrer_deadline(std::string_view channel, Instant filed_at, Instant deadline) {
  if (!is_referral_channel(channel)) {
    return Error::invalid("referrer_deadline", "error.referrer_deadline.not_referral",
                          "only a referral carries the referrer's deadline");
  }
  if (deadline <= filed_at) {
    return Error::invalid("referrer_deadline", "error.referrer_deadline.before_filing",
                          "the referrer's deadline lies before the filing");
  }
  if (deadline > filed_at + std::chrono::days{366}) {
    return Error::invalid("referrer_deadline", "error.referrer_deadline.too_far",
                          "the referrer's deadline lies more than a year after the filing");
  }
  return Ok{};
}

Result<void> check_customer_notice_rule(bool anonymous, std::string_view phone, std::string_view email,
                                        bool notify_customer) {
  if (anonymous && (!email.empty() || notify_customer)) {
    return Error::invalid("anonymous", "error.anonymous.contact_given",
                          "an anonymous ticket cannot carry an email or be notified; file it named");
  }
  if (notify_customer && phone.empty() && email.empty()) {
    return Error::invalid("notify_customer", "error.notify_customer.no_contact",
                          "notifying the customer needs a phone or an email");
  }
  return Ok{};
}

bool is_email_address(std::string_view email) {
  const auto at = email.find('@');
  if (email.size() > 254 || at == std::string_view::npos || at == 0 || at + 1 >= email.size() ||
      email.find('@', at + 1) != std::string_view::npos ||
      email.find_first_of("<>,;\"()[]\\") != std::string_view::npos) {
    return false;
  }
  for (const char c : email) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) return false;
  }
  return true;
}

Result<std::string> normalize_email(std::string_view text) {
  std::string email = utf8::is_valid(text) ? utf8::trim(text) : std::string();
  // The domain has at least one dot (a customer's address, not a host on the LAN).
  const auto at = email.find('@');
  if (!is_email_address(email) || email.find('.', at) == std::string::npos || email.back() == '.') {
    return Error::invalid("customer_email", "error.email.invalid",
                          "'" + std::string(text) + "' is not an email address (name@example.com)");
  }
  return email;
}

Result<std::string> normalize_phone(std::string_view text) {
  if (!utf8::is_valid(text)) return invalid_phone("");
  std::string digits;
  bool plus = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = ascii_equivalent(utf8::decode_next(text, pos));
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;  // only as the very first symbol, for +86
    } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
      return invalid_phone(text);
    }
  }
  bool international = false;
  if (plus) {
    if (!digits.starts_with("86")) return invalid_phone(text);
    digits.erase(0, 2);
    international = true;
  } else if (digits.starts_with("0086")) {
    digits.erase(0, 4);
    international = true;
  }
  // After +86 a landline drops its trunk 0 (+86 10 1234 5678); restore it so the stored number
  // is the one dialled inside China.
  if (international && !is_mobile(digits) && !digits.starts_with("0")) digits.insert(0, "0");
  if (!is_mobile(digits) && !is_landline(digits)) return invalid_phone(text);
  return digits;
}

Result<TicketDraft> validate_draft(const TicketDraft& input, const Taxonomy& taxonomy) {
  TicketDraft draft = input;
  for (std::string* id : {&draft.kind, &draft.channel, &draft.category, &draft.topic, &draft.language}) {
    if (!utf8::is_valid(*id)) *id = "?";  // keeps the "unknown ..." message printable
    *id = utf8::trim(*id);
  }
  TRY_VOID(check_ids(draft, taxonomy));

  TRY_ASSIGN(draft.content, clean_text(draft.content, kContentText));
  if (draft.content.empty()) {
    return Error::invalid("content", "error.content.empty", "content must describe the matter; it is empty");
  }
  TRY_ASSIGN(draft.desired_outcome, clean_text(draft.desired_outcome, kOutcomeText));
  TRY_ASSIGN(draft.customer_name, clean_text(draft.customer_name, kNameText));
  TRY_ASSIGN(draft.address, clean_text(draft.address, kAddressText));
  TRY_ASSIGN(draft.staff_involved, clean_text(draft.staff_involved, kStaffInvolvedText));
  TRY_ASSIGN(draft.phone, clean_text(draft.phone, kPhoneText));
  TRY_VOID(check_contact(draft));
  TRY_ASSIGN(draft.referrer, clean_text(draft.referrer, kReferrerText));
  if (!draft.referrer.empty() && !is_referral_channel(draft.channel)) {
    return Error::invalid("referrer", "error.referrer.not_referral", "only a referral names its referrer");
  }

  TRY_ASSIGN(draft.repeat_of, clean_text(draft.repeat_of, kRepeatOfText));
  if (!draft.repeat_of.empty()) {
    auto number = normalize_ticket_number(draft.repeat_of);
    if (!number.ok()) return Error::invalid("repeat_of", number.error().key, number.error().message);
    draft.repeat_of = std::move(number).value();
  }
  return draft;
}

}  // namespace complaint
