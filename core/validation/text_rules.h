// TextRule: the bounds of one free-text field of a ticket or event (length in code points,
// whether line breaks belong in it), written once for both ways text arrives: typed at
// filing, where clean_text cleans it and then measures it, and synced from a kiosk, where
// check_clean_text refuses whatever filing would have changed (a control or bidirectional
// control character, surrounding white space, invalid UTF-8) or not allowed (the length).
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/base/utf8.h"

namespace complaint {

struct TextRule {
  const char* field;         // the error's field
  const char* too_long_key;  // the i18n key when the text is too long ({max} is the limit)
  std::size_t max_code_points;
  utf8::KeepNewlines newlines;  // yes: \n and \t belong in the text (content, outcome, notes)
};

// Phone and ticket numbers get their own format check, which also bounds their length.
inline constexpr std::size_t kNoTextLimit = std::numeric_limits<std::size_t>::max();

inline constexpr TextRule kContentText{"content", "error.content.too_long", 2000, utf8::KeepNewlines::yes};
inline constexpr TextRule kOutcomeText{"desired_outcome", "error.desired_outcome.too_long", 500,
                                       utf8::KeepNewlines::yes};
inline constexpr TextRule kNameText{"name", "error.name.too_long", 200, utf8::KeepNewlines::no};
inline constexpr TextRule kAddressText{"address", "error.address.too_long", 200, utf8::KeepNewlines::no};
inline constexpr TextRule kStaffInvolvedText{"staff_involved", "error.staff_involved.too_long", 200,
                                             utf8::KeepNewlines::no};
// Who referred a complaint (a regulator, a higher office): kept in the filing event's data.
inline constexpr TextRule kReferrerText{"referrer", "error.referrer.too_long", 200, utf8::KeepNewlines::no};
inline constexpr TextRule kPhoneText{"phone", "error.text.too_long", kNoTextLimit, utf8::KeepNewlines::no};
inline constexpr TextRule kRepeatOfText{"repeat_of", "error.text.too_long", kNoTextLimit,
                                        utf8::KeepNewlines::no};
// Who recorded a ticket or took an action: "kiosk", a clerk's name.
inline constexpr TextRule kActorText{"actor", "error.text.too_long", 200, utf8::KeepNewlines::no};
inline constexpr TextRule kRecordedByText{"recorded_by", "error.text.too_long", 200, utf8::KeepNewlines::no};
// An event's note and the reasons escalation gives ("word:媒体").
inline constexpr TextRule kNoteText{"note", "error.text.too_long", 2000, utf8::KeepNewlines::yes};
inline constexpr TextRule kMajorReasonText{"major_reasons", "error.text.too_long", 200,
                                           utf8::KeepNewlines::no};

// Filing: checks UTF-8, removes control and bidirectional control characters, trims, and
// enforces the length. Errors: error.text.invalid_utf8, the rule's too_long_key.
Result<std::string> clean_text(std::string_view raw, const TextRule& rule);
// Sync: ok only for text clean_text would return unchanged. Errors name the rule's field:
// error.text.invalid_utf8, error.text.control, error.text.untrimmed, error.text.too_long.
Result<void> check_clean_text(std::string_view text, const TextRule& rule);

}  // namespace complaint
