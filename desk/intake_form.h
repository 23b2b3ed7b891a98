// The desk's intake form (/console/intake): the fields as typed, kept to show the form again
// after a refusal, and the draft FilingService::file validates (validate_draft: the kiosk's
// rules, never a copy of them). What only the form decides is checked here: the channel is a
// clerk's (never the kiosk's), the idempotency token is well formed, the customer consented,
// and the received date, the referrer's deadline and the kiosk staff mode's date rule.
#pragma once

#include <map>
#include <string>

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/calendar/work_calendar.h"
#include "core/validation/ticket_validation.h"

namespace complaint::desk {

struct IntakeForm {
  std::string token;  // the idempotency token the GET issued (NewTicketRequest::intake_key)
  std::string kind;
  std::string category;
  std::string channel;
  std::string received;  // "2026-12-03": the day the call, letter or referral came in; empty: today
  std::string referrer;
  std::string referrer_deadline;  // a date (the end of that day) or an ISO 8601 instant
  std::string language;           // the customer's: the receipt's language
  std::string name;
  std::string phone;
  std::string email;
  std::string content;
  std::string outcome;
  bool anonymous = false;
  bool notify = false;
  bool consent = false;
};

// The form's fields from a parsed urlencoded body; absent ones empty or false.
IntakeForm read_intake_form(const std::map<std::string, std::string>& fields);

// The draft of a form, before validate_draft. A received date before today files the ticket
// that many days back at the present time of day, as the kiosk's staff mode does, so its
// deadlines count from that day (docs/DOMAIN.md §3: filed_at is when the organisation received
// the matter); today or empty: now. Errors name the form's field, with a catalog key.
Result<TicketDraft> intake_draft(const IntakeForm& form, const WorkCalendar& calendar, Instant now);

}  // namespace complaint::desk
