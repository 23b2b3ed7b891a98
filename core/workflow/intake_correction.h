// Correcting what intake got wrong (docs/DOMAIN.md §4): reclassify (category, kind, severity),
// declare_major and clear_major. Private to core/workflow: apply_action calls it after the
// role/state table, with the event's data object to fill.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/workflow/workflow.h"

namespace complaint {

// Changes `ticket`'s classification as `request` asks, recomputes the clocks that depend on
// it from the filing (or the latest reopening, request.reopened_at), and records in `data`
// the reason, every old -> new value ("changes") and every moved deadline ("deadlines").
// Errors: invalid_input (reason missing, an unknown category or kind, nothing changed),
// forbidden (major by taxonomy cannot be cleared; a major ticket lowered by a non-leader; a
// non-leader moving it into a confidential class).
Result<void> correct_intake(Ticket& ticket, const ActionRequest& request, const DeadlinePolicy& policy,
                            const WorkCalendar& calendar, const Taxonomy& taxonomy, nlohmann::json& data);

}  // namespace complaint
