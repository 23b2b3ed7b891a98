// Extensions of resolve_by (docs/DOMAIN.md §3a): the catalogued reason categories, the
// policy's limits, what staff type as the new deadline, and the workflow's three actions
// extend, approve_extension and deny_extension (called by apply_action, workflow.cpp).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/deadlines/deadline_policy.h"
#include "core/domain/ticket.h"

namespace complaint {

struct ActionRequest;

// The fixed reason categories; each has the catalog keys extension.reason.NAME (staff) and
// track.extension_reason.NAME (the public page, plain language).
const std::vector<std::string>& extension_reasons();
bool is_extension_reason(std::string_view name);

// A deadline as typed: a local date ("2026-12-20": the end of that day, 24:00 or close of
// business) or an ISO 8601 instant. A referrer's deadline is read so too.
Result<Instant> parse_deadline_text(std::string_view text, const WorkCalendar& calendar, const char* field);

// What staff typed as the new deadline: a local date ("2026-12-20": the end of that day, 24:00
// or close of business), an ISO 8601 instant, or a period from the current deadline ("5wd").
struct ExtensionTarget {
  std::optional<Instant> until;
  std::optional<Period> by;
};
Result<ExtensionTarget> parse_extension_target(std::string_view text, const WorkCalendar& calendar);

// `deadline` moved on by `period`. A day period counts from the deadline's own day, so that a
// deadline stored as 24:00 (the next midnight) and "15d" end 15 days later, not 16.
Instant extend_deadline(const WorkCalendar& calendar, Instant deadline, const Period& period);

// The latest resolve_by a handler or dispatcher may set alone, and the latest anyone may set,
// both counted from the promise before the first extension; nullopt: none / no maximum.
struct ExtensionLimits {
  std::optional<Instant> alone;
  std::optional<Instant> max;
};
ExtensionLimits extension_limits(const DeadlinePolicy& policy, const WorkCalendar& calendar,
                                 const Ticket& ticket);

// The actions themselves: `data` is the audit event's data. A leader's extension applies at
// once; another role's within the alone limit (and the referrer's deadline) too, else it
// becomes the pending request that approve_extension applies and deny_extension drops.
Result<void> request_extension(Ticket& ticket, const ActionRequest& request, const DeadlinePolicy& policy,
                               const WorkCalendar& calendar, nlohmann::json& data);
Result<void> settle_extension(Ticket& ticket, const ActionRequest& request, const DeadlinePolicy& policy,
                              const WorkCalendar& calendar, bool approve, nlohmann::json& data);
// A pending request ends with the clock it would move (a reply, withdrawal, archive): dropped,
// and the event says so.
void drop_pending_extension(Ticket& ticket, const WorkCalendar& calendar, nlohmann::json& data);

}  // namespace complaint
