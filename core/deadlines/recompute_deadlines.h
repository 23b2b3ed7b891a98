// Recomputing promises when the holiday calendar changes (docs/DOMAIN.md §3): each pending
// clock of an open ticket is counted again from the same start by the same rules, and
// replaced only when the new deadline is LATER — a customer is never promised less than the
// receipt said without being told. Each ticket that changes gets one audit event
// `recompute_deadlines` with every clock's old and new instant and why.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar/work_calendar.h"
#include "core/deadlines/deadline_policy.h"
#include "core/domain/taxonomy.h"
#include "core/domain/ticket.h"
#include "core/store/ticket_repository.h"

namespace complaint {

struct DeadlineChange {
  std::string clock;  // "resolve_by", ...
  Instant old_at{};
  Instant new_at{};
};

// The pending clocks of `ticket` that `calendar` moves later. `reopened_at`: when the
// ticket was last reopened (its resolve period runs from then), if it was.
std::vector<DeadlineChange> later_deadlines(const Ticket& ticket, const DeadlinePolicy& policy,
                                            const Taxonomy& taxonomy, const WorkCalendar& calendar,
                                            std::optional<Instant> reopened_at);

struct RecomputeReport {
  int examined = 0;  // open tickets looked at
  int changed = 0;   // tickets whose promise moved (one event each)
};

// Every open ticket of `tickets`; `why` goes into each event (e.g. the calendar version).
Result<RecomputeReport> recompute_open_deadlines(TicketRepository& tickets, const DeadlinePolicy& policy,
                                                 const Taxonomy& taxonomy, const WorkCalendar& calendar,
                                                 const std::string& why, Instant now);

}  // namespace complaint
