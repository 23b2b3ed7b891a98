// What a ticket's classification means for its deadlines, in one place for filing, reopening,
// reclassifying and the calendar's recompute: the DeadlineInput of a ticket counted from a
// start, and the start of its current resolve period.
#pragma once

#include <optional>
#include <vector>

#include "core/deadlines/deadline_policy.h"
#include "core/domain/taxonomy.h"
#include "core/domain/ticket.h"

namespace complaint {

// Kind, complex (the category's flag), major, severity and anonymity of `ticket`, from `start`.
DeadlineInput deadline_input_of(const Ticket& ticket, const Taxonomy& taxonomy, Instant start);
// When the ticket last started a new round (a reopen, or a dissatisfied callback that reopened
// it: starts_new_round), from which its resolve period runs; nullopt if never.
std::optional<Instant> latest_reopening(const std::vector<TicketEvent>& events);

}  // namespace complaint
