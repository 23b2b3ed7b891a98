// Extensions of resolve_by: see extension.h and docs/DOMAIN.md §3a.
#include "core/workflow/extension.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/workflow/workflow.h"

namespace complaint {
namespace {

using nlohmann::json;

std::string iso(const WorkCalendar& calendar, Instant at) {
  return calendar.zone().format_iso8601(at);
}

bool is_leader(Role role) {
  return role == Role::supervisor || role == Role::executive;
}

Error invalid(const char* field, const char* key, std::string message) {
  return Error::invalid(field, std::string("error.extension.") + key, std::move(message));
}

// The checks every new deadline passes, at the request and again at the approval (the policy
// or the clock may have moved in between).
Result<void> check_target(const Ticket& ticket, Instant until, Instant now, const ExtensionLimits& limits,
                          const WorkCalendar& calendar) {
  if (until <= now) return invalid("resolve_by", "in_past", "the new deadline lies in the past");
  if (until <= *ticket.deadlines.resolve_by) {
    return invalid("resolve_by", "not_later", "the new deadline is not later than the current one");
  }
  if (limits.max && until > *limits.max) {
    return invalid("resolve_by", "beyond_max",
                   "the new deadline lies beyond the policy's maximum (" + iso(calendar, *limits.max) + ")");
  }
  return Ok{};
}

void apply(Ticket& ticket, Instant until, const std::string& reason, const WorkCalendar& calendar,
           json& data) {
  if (!ticket.resolve_by_original) ticket.resolve_by_original = ticket.deadlines.resolve_by;
  data["previous_resolve_by"] = iso(calendar, *ticket.deadlines.resolve_by);
  data["resolve_by"] = iso(calendar, until);
  ticket.deadlines.resolve_by = until;
  ticket.extension_reason = reason;
}

void clear_request(Ticket& ticket) {
  ticket.extension_requested_until.reset();
  ticket.extension_requested_reason.clear();
  ticket.extension_requested_by.clear();
}

}  // namespace

const std::vector<std::string>& extension_reasons() {
  static const std::vector<std::string> reasons = {"needs_investigation", "awaiting_third_party",
                                                   "customer_requested", "complex_case", "other"};
  return reasons;
}

bool is_extension_reason(std::string_view name) {
  const auto& reasons = extension_reasons();
  return std::find(reasons.begin(), reasons.end(), name) != reasons.end();
}

Result<Instant> parse_deadline_text(std::string_view text, const WorkCalendar& calendar, const char* field) {
  if (text.size() == 10) {  // a local date: the deadline ends that day
    auto day = parse_local_date(text, field);
    if (!day.ok()) return Error::invalid(field, "error.date.invalid", day.error().message);
    return calendar.end_of_day(*day);
  }
  auto at = calendar.zone().parse_iso8601(text);
  if (!at.ok()) {
    return Error::invalid(field, "error.date.invalid",
                          "'" + std::string(text) + "' is neither a date (2026-12-20) nor an ISO 8601 time");
  }
  return *at;
}

Result<ExtensionTarget> parse_extension_target(std::string_view text, const WorkCalendar& calendar) {
  ExtensionTarget target;
  if (text.empty()) return invalid("resolve_by", "target_invalid", "no new deadline given");
  if (text.back() == 'h' || text.back() == 'd') {
    auto period = parse_period(text, "resolve_by");
    if (!period.ok()) return invalid("resolve_by", "target_invalid", period.error().message);
    target.by = *period;
    return target;
  }
  auto until = parse_deadline_text(text, calendar, "resolve_by");
  if (!until.ok()) return invalid("resolve_by", "target_invalid", until.error().message);
  target.until = *until;
  return target;
}

Instant extend_deadline(const WorkCalendar& calendar, Instant deadline, const Period& period) {
  if (period.unit == PeriodUnit::hours) return add_period(calendar, deadline, period);
  // add_period never counts its start day; the deadline's own day is the one before its instant
  // when it ends at midnight, and one second earlier names that day in both cases.
  return add_period(calendar, deadline - std::chrono::seconds{1}, period);
}

ExtensionLimits extension_limits(const DeadlinePolicy& policy, const WorkCalendar& calendar,
                                 const Ticket& ticket) {
  ExtensionLimits limits;
  const std::optional<Instant> base =
      ticket.resolve_by_original ? ticket.resolve_by_original : ticket.deadlines.resolve_by;
  if (!base) return limits;
  if (policy.extend_alone) limits.alone = extend_deadline(calendar, *base, *policy.extend_alone);
  if (policy.extend_max) limits.max = extend_deadline(calendar, *base, *policy.extend_max);
  return limits;
}

Result<void> request_extension(Ticket& ticket, const ActionRequest& request, const DeadlinePolicy& policy,
                               const WorkCalendar& calendar, json& data) {
  if (request.reason_category.empty()) {
    return Error::invalid("reason_category", "error.workflow.reason_category_missing",
                          "extend requires reason_category");
  }
  if (!is_extension_reason(request.reason_category)) {
    return invalid("reason_category", "reason_unknown",
                   "unknown reason category '" + request.reason_category + "'");
  }
  if (request.note.empty()) {
    return Error::invalid("note", "error.workflow.reason_text_missing", "extend requires the reason's text");
  }
  if (request.resolve_by && request.extend_by) {
    return invalid("resolve_by", "target_both", "give either a new deadline or a period, not both");
  }
  if (!request.resolve_by && !request.extend_by) {
    return Error::invalid("resolve_by", "error.workflow.resolve_by_missing",
                          "extend requires a new deadline or a period");
  }
  const Instant until = request.resolve_by
                            ? *request.resolve_by
                            : extend_deadline(calendar, *ticket.deadlines.resolve_by, *request.extend_by);
  const ExtensionLimits limits = extension_limits(policy, calendar, ticket);
  TRY_VOID(check_target(ticket, until, request.at, limits, calendar));

  data["reason_category"] = request.reason_category;
  data["requested_by"] = request.actor;
  if (request.extend_by) data["extend_by"] = format_period(*request.extend_by);
  // A referrer's deadline is the referrer's promise: only a leader moves past it.
  const bool past_referrer = ticket.referrer_deadline && until > *ticket.referrer_deadline;
  const bool alone = is_leader(request.role) || (limits.alone && until <= *limits.alone && !past_referrer);
  if (!alone) {
    ticket.extension_requested_until = until;
    ticket.extension_requested_reason = request.reason_category;
    ticket.extension_requested_by = request.actor;
    data["pending"] = true;
    data["current_resolve_by"] = iso(calendar, *ticket.deadlines.resolve_by);
    data["requested_resolve_by"] = iso(calendar, until);
    return Ok{};
  }
  apply(ticket, until, request.reason_category, calendar, data);
  data["approved_by"] = is_leader(request.role) ? request.actor : std::string();
  if (!is_leader(request.role)) data["within_limit"] = true;
  return Ok{};
}

Result<void> settle_extension(Ticket& ticket, const ActionRequest& request, const DeadlinePolicy& policy,
                              const WorkCalendar& calendar, bool approve, json& data) {
  const Instant until = *ticket.extension_requested_until;
  data["reason_category"] = ticket.extension_requested_reason;
  data["requested_by"] = ticket.extension_requested_by;
  data["requested_resolve_by"] = iso(calendar, until);
  if (!approve) {
    if (request.note.empty()) {
      return Error::invalid("note", "error.workflow.reason_text_missing", "deny_extension requires a reason");
    }
    data["denied_by"] = request.actor;
    clear_request(ticket);
    return Ok{};
  }
  TRY_VOID(check_target(ticket, until, request.at, extension_limits(policy, calendar, ticket), calendar));
  apply(ticket, until, ticket.extension_requested_reason, calendar, data);
  data["approved_by"] = request.actor;
  clear_request(ticket);
  return Ok{};
}

void drop_pending_extension(Ticket& ticket, const WorkCalendar& calendar, json& data) {
  if (!ticket.extension_requested_until) return;
  data["dropped_extension_request"] = iso(calendar, *ticket.extension_requested_until);
  clear_request(ticket);
}

}  // namespace complaint
