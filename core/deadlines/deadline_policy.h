// DeadlinePolicy: the configurable profile of docs/DOMAIN.md §3. A Period is counted in
// wall-clock hours from the instant, in working days, or in calendar days; day periods
// follow the Civil Code rule (arts. 201, 203): the start day is not counted, the period
// ends at 24:00 (or close of business) of its last day, and a calendar-day period whose
// last day is a rest day moves to the next working day.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/calendar/work_calendar.h"
#include "core/domain/ticket.h"

namespace complaint {

enum class PeriodUnit { hours, working_days, calendar_days };

struct Period {
  int amount = 0;
  PeriodUnit unit = PeriodUnit::hours;
};

// "1h", "24h", "3wd", "15d" (config syntax); error names the field.
Result<Period> parse_period(std::string_view text, std::string_view field);
std::string format_period(const Period& period);
Instant add_period(const WorkCalendar& calendar, Instant from, const Period& period);

// Which resolve limit a ticket that is both complex and major gets ([policy]
// resolve_precedence): major's (the default: escalated at once, its own limit) or complex's
// (a credit cooperative's 7-10 working days for 违规操作, docs/DOMAIN.md §3).
enum class ResolvePrecedence { major, complex };

// What a dissatisfied callback does (docs/DOMAIN.md §2): the ticket goes back to handling,
// or it goes to the supervisor (and from there to the executive) until a leader settles it.
enum class DissatisfiedCallback { reopen, escalate };

// [policy] holds the callback step's rules beside its clocks: the workflow reads them together.
struct DeadlinePolicy {
  Period forward{1, PeriodUnit::hours};
  Period contact{24, PeriodUnit::hours};
  Period resolve{3, PeriodUnit::working_days};
  Period resolve_complex{7, PeriodUnit::working_days};
  Period resolve_major{48, PeriodUnit::hours};
  // Severity light (轻度); unset: light tickets get `resolve` like general ones.
  std::optional<Period> resolve_light;
  ResolvePrecedence resolve_precedence = ResolvePrecedence::major;
  Period answer_inquiry{24, PeriodUnit::hours};
  Period callback_earliest{1, PeriodUnit::working_days};
  Period callback_latest{3, PeriodUnit::working_days};
  // Extensions of resolve_by (docs/DOMAIN.md §3a), counted from the promise before the first
  // extension: a handler or dispatcher extends alone up to extend_alone (nullopt: never alone),
  // beyond it a supervisor approves; nobody beyond extend_max (nullopt: no maximum). The
  // defaults take the general 3wd to the complex 7wd alone, and to 10wd with approval.
  std::optional<Period> extend_alone = Period{4, PeriodUnit::working_days};
  std::optional<Period> extend_max = Period{7, PeriodUnit::working_days};
  // The procedures require the dispatcher's phone callback; a deployment may let the
  // customer's own rating on the tracking page stand for it.
  bool customer_rating_suffices = false;
  DissatisfiedCallback dissatisfied_callback = DissatisfiedCallback::escalate;
};

// extend_alone must not exceed extend_max; both in one unit so that they compare.
Result<void> check_extension_limits(const DeadlinePolicy& policy);

struct DeadlineInput {
  Instant filed_at{};
  std::string kind;  // "inquiry" gets answer_by
  bool complex = false;
  bool major = false;
  Severity severity = Severity::general;  // light: resolve_light when configured
  bool anonymous = false;                 // no contact deadline
};

// The resolve period `input` gets: major or complex (in the policy's precedence when both),
// else light's when configured, else the ordinary one.
const Period& resolve_period(const DeadlinePolicy& policy, const DeadlineInput& input);

// Deadlines set at filing: forward_by, contact_by, resolve_by, answer_by.
Deadlines compute_filing_deadlines(const DeadlinePolicy& policy, const WorkCalendar& calendar,
                                   const DeadlineInput& input);
// Set when the reply is recorded: callback_by = replied_at + callback_latest; callback_not_before
// is the start (00:00, or opening time) of the last day of callback_earliest, so that a
// 1-to-3-working-day window includes the first working day after the reply.
void compute_callback_deadlines(const DeadlinePolicy& policy, const WorkCalendar& calendar,
                                Instant replied_at, Deadlines& deadlines);

}  // namespace complaint
