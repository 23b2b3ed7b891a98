// Which deadline still runs in which workflow state (docs/DOMAIN.md §3, "Pending and
// overdue"): one table, read by the console queue, by every store's overdue filter and
// queue order (through the SQL of pending_deadlines_sql.h) and by the fake store, so the
// places that ask "what is due?" cannot disagree.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/domain/ticket.h"

namespace complaint {

// A clock counts only while the step it guards is still ahead.
struct PendingRule {
  const char* name;                             // the column, and the label key suffix
  std::optional<Instant> Deadlines::*deadline;  // the clock
  std::span<const Status> states;               // it runs while the ticket is in one of these
  bool until_first_contact;                     // ... and, if set, no first contact is recorded
};

// forward_by, contact_by, resolve_by, answer_by, callback_by, in that order (ties keep it).
std::span<const PendingRule> pending_rules();

struct PendingDeadline {
  std::string name;  // "forward_by", "contact_by", "resolve_by", "answer_by", "callback_by"
  Instant at{};

  bool operator==(const PendingDeadline&) const = default;
};

// The deadlines the ticket's state still has to meet, earliest first; empty when nothing
// is due (called back and waiting to be archived, closed, or the clocks are unset).
std::vector<PendingDeadline> pending_deadlines(const Ticket& ticket);
std::optional<PendingDeadline> next_deadline(const Ticket& ticket);
// A pending deadline lies before `now`.
bool is_overdue(const Ticket& ticket, Instant now);

}  // namespace complaint
