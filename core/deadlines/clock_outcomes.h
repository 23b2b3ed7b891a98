// clock_outcomes: each deadline of a ticket with when its step was done and its outcome as of
// an instant (docs/DOMAIN.md §9), from the ticket and its events. Which event completes which
// clock is read from pending_rules (pending_deadlines.h), so the QR page, the console queue and
// the reports cannot disagree on what "done" means. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain/ticket.h"

namespace complaint {

enum class DeadlineOutcome {
  met,         // done on or before the deadline
  missed,      // done after the deadline, or the ticket closed after it passed undone
  pending,     // not done yet, still time
  overdue,     // not done, the deadline has passed, the ticket is open
  not_needed,  // the ticket closed (on the spot, withdrawn) before this step was due
};

struct DeadlineProgress {
  std::string clock;  // forward_by, contact_by, resolve_by, answer_by, callback_by
  Instant due{};
  std::optional<Instant> done_at;
  DeadlineOutcome outcome = DeadlineOutcome::pending;
};

// The status the ticket's events had reached by `as_of` (filed before its first change).
Status status_as_of(const std::vector<TicketEvent>& events, Instant as_of);

// The deadlines the ticket had as of `as_of` (a reopen after it restores the round before:
// the resolve and callback deadlines its event kept; a callback deadline only once the round's
// reply happened), each with its outcome then, in pending_rules order. Events count when they
// happened at or before `as_of`.
std::vector<DeadlineProgress> clock_outcomes(const Ticket& ticket, const std::vector<TicketEvent>& events,
                                             Instant as_of);

const char* to_string(DeadlineOutcome outcome);

}  // namespace complaint
