// Deadline arithmetic of docs/DOMAIN.md §3: hour periods are wall-clock from the instant; day
// periods follow Civil Code arts. 201/203 (start day not counted, end at 24:00 or close).
#include "core/deadlines/deadline_policy.h"

#include <charconv>

namespace complaint {

namespace {

using std::chrono::days;
using std::chrono::hours;

// An upper bound on any period: deadlines are days or weeks, and a bound keeps a typo such
// as "30000wd" from turning add_period into a long loop over the calendar.
constexpr int k_max_period_amount = 9999;

Error invalid_period(std::string_view text, std::string_view field) {
  return Error::invalid(std::string(field), "error.period.invalid",
                        "'" + std::string(text) +
                            "' is not a period; use a whole number from 1 to 9999 followed by h (hours), "
                            "wd (working days) or d (calendar days), e.g. 24h, 3wd, 15d");
}

// The last counted day of a day period that starts counting after `start_day`.
//
// The start day is never counted, whatever the time of filing (Civil Code art. 201). With
// business hours configured, a ticket filed after close (or before opening) on a working
// day therefore gets the same deadline as one filed at noon that day: the filing day is
// excluded in every case, so no "received after hours counts as next day" rule is needed,
// and the customer gets a deadline at least as late as the literal rule gives.
LocalDays last_counted_day(const WorkCalendar& calendar, LocalDays start_day, const Period& period) {
  if (period.unit == PeriodUnit::working_days) {
    LocalDays day = start_day;
    for (int i = 0; i < period.amount; ++i) day = calendar.next_working_day(day);
    return day;
  }
  // Calendar days count every day; only the last one moves off a rest day (art. 203).
  LocalDays day = start_day + days{period.amount};
  if (!calendar.is_working_day(day)) day = calendar.next_working_day(day);
  return day;
}

// The earliest instant a "not before" period allows. For a day period this is the start of
// its last counted day (opening time, or 00:00), not its end: "call back 1 to 3 working days
// after the reply" lets the call happen on the first working day after the reply, whereas
// the end of that day would forbid calling on day 1 and shrink the window to days 2-3.
Instant start_of_period(const WorkCalendar& calendar, Instant from, const Period& period) {
  if (period.unit == PeriodUnit::hours) return from + hours{period.amount};
  const LocalDays day = last_counted_day(calendar, calendar.local_day(from), period);
  const auto& business_hours = calendar.business_hours();
  return calendar.zone().to_instant(LocalSeconds{day} +
                                    (business_hours ? business_hours->open : std::chrono::minutes{0}));
}

}  // namespace

Result<Period> parse_period(std::string_view text, std::string_view field) {
  // Strict syntax: digits then a unit, no sign, spaces or upper case, so that what the
  // operator wrote is exactly what the receipt promises.
  const char* const begin = text.data();
  const char* const end = text.data() + text.size();
  int amount = 0;
  const auto [unit_begin, status] = std::from_chars(begin, end, amount);
  if (status != std::errc{} || unit_begin == begin || *begin < '0' || *begin > '9') {
    return invalid_period(text, field);
  }
  if (amount < 1 || amount > k_max_period_amount) return invalid_period(text, field);

  const std::string_view unit(unit_begin, static_cast<std::size_t>(end - unit_begin));
  if (unit == "h") return Period{amount, PeriodUnit::hours};
  if (unit == "wd") return Period{amount, PeriodUnit::working_days};
  if (unit == "d") return Period{amount, PeriodUnit::calendar_days};
  return invalid_period(text, field);
}

std::string format_period(const Period& period) {
  std::string out = std::to_string(period.amount);
  switch (period.unit) {
    case PeriodUnit::hours:
      return out + "h";
    case PeriodUnit::working_days:
      return out + "wd";
    case PeriodUnit::calendar_days:
      return out + "d";
  }
  return out;
}

Instant add_period(const WorkCalendar& calendar, Instant from, const Period& period) {
  if (period.unit == PeriodUnit::hours) return from + hours{period.amount};
  return calendar.end_of_day(last_counted_day(calendar, calendar.local_day(from), period));
}

Result<void> check_extension_limits(const DeadlinePolicy& policy) {
  if (!policy.extend_alone || !policy.extend_max) return Ok{};
  if (policy.extend_alone->unit != policy.extend_max->unit) {
    return Error::invalid("policy.extend_alone", "error.config.extension_units",
                          "policy.extend_alone and policy.extend_max must use the same unit (h, wd or d)");
  }
  if (policy.extend_alone->amount > policy.extend_max->amount) {
    return Error::invalid("policy.extend_alone", "error.config.extension_order",
                          "policy.extend_alone (" + format_period(*policy.extend_alone) +
                              ") exceeds policy.extend_max (" + format_period(*policy.extend_max) + ")");
  }
  return Ok{};
}

const Period& resolve_period(const DeadlinePolicy& policy, const DeadlineInput& input) {
  // A major ticket is escalated at once and its wall-clock limit replaces the complex/general
  // one, unless the policy lets complex win for a ticket that is both; complex only
  // lengthens the ordinary limit, so it also wins over light.
  if (input.major && input.complex) {
    return policy.resolve_precedence == ResolvePrecedence::complex ? policy.resolve_complex
                                                                   : policy.resolve_major;
  }
  if (input.major) return policy.resolve_major;
  if (input.complex) return policy.resolve_complex;
  if (input.severity == Severity::light && policy.resolve_light) return *policy.resolve_light;
  return policy.resolve;
}

Deadlines compute_filing_deadlines(const DeadlinePolicy& policy, const WorkCalendar& calendar,
                                   const DeadlineInput& input) {
  Deadlines deadlines;
  deadlines.forward_by = add_period(calendar, input.filed_at, policy.forward);
  // Anonymous complainants cannot be contacted, so no contact clock runs (docs/DOMAIN.md §2).
  if (!input.anonymous) deadlines.contact_by = add_period(calendar, input.filed_at, policy.contact);
  deadlines.resolve_by = add_period(calendar, input.filed_at, resolve_period(policy, input));
  if (input.kind == "inquiry")
    deadlines.answer_by = add_period(calendar, input.filed_at, policy.answer_inquiry);
  return deadlines;
}

void compute_callback_deadlines(const DeadlinePolicy& policy, const WorkCalendar& calendar,
                                Instant replied_at, Deadlines& deadlines) {
  deadlines.callback_not_before = start_of_period(calendar, replied_at, policy.callback_earliest);
  deadlines.callback_by = add_period(calendar, replied_at, policy.callback_latest);
}

}  // namespace complaint
