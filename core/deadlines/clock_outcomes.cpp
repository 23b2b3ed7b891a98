// clock_outcomes: the deadlines' outcomes as of an instant; see clock_outcomes.h.
#include "core/deadlines/clock_outcomes.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/calendar/time_zone.h"
#include "core/deadlines/pending_deadlines.h"
#include "core/workflow/workflow.h"

namespace complaint {
namespace {

bool is_closing(Status status) {
  return status == Status::archived || status == Status::withdrawn;
}

bool in_states(const PendingRule& rule, Status status) {
  return std::find(rule.states.begin(), rule.states.end(), status) != rule.states.end();
}

// A time an event kept in its data ("previous_resolve_by", ISO 8601 with its offset, so any
// zone reads it): nullopt when absent or empty.
std::optional<Instant> kept_time(const TicketEvent& event, const char* key) {
  static const TimeZone utc = TimeZone::load("UTC").value();
  const auto data = nlohmann::json::parse(event.data_json, nullptr, false);
  if (!data.is_object() || !data.contains(key) || !data[key].is_string()) return std::nullopt;
  const std::string text = data[key].get<std::string>();
  if (text.empty()) return std::nullopt;
  auto parsed = utc.parse_iso8601(text);
  return parsed.ok() ? std::optional<Instant>(*parsed) : std::nullopt;
}

// The deadlines as of `as_of`: a reopen that happened later took the round's own away.
Deadlines deadlines_as_of(const Ticket& ticket, const std::vector<TicketEvent>& events, Instant as_of) {
  Deadlines deadlines = ticket.deadlines;
  for (const TicketEvent& event : events) {
    if (event.at <= as_of || !starts_new_round(event)) continue;
    deadlines.resolve_by = kept_time(event, "previous_resolve_by");
    deadlines.callback_by = kept_time(event, "previous_callback_by");
    break;
  }
  return deadlines;
}

// When the clock's step was done, walking the events up to as_of: the step is done by the
// first event that takes the ticket out of the rule's states to a later step of the procedure
// (not by a closing one); entering the states again (a reopen, a new reply) starts a new round.
struct StepDone {
  std::optional<Instant> done_at;
  bool round_started = false;  // the ticket entered the rule's states by as_of
};

StepDone step_done(const PendingRule& rule, const std::vector<TicketEvent>& events, Instant as_of) {
  StepDone step;
  Status status = Status::filed;
  step.round_started = in_states(rule, status);
  for (const TicketEvent& event : events) {
    if (event.at > as_of) continue;
    const bool was_in = in_states(rule, status);
    const bool now_in = in_states(rule, event.to);
    if (!was_in && now_in) {
      step.done_at.reset();
      step.round_started = true;
    } else if (was_in && !now_in && !is_closing(event.to) && event.to > status) {
      step.done_at = event.at;
    }
    status = event.to;
  }
  return step;
}

std::optional<Instant> closed_at(const std::vector<TicketEvent>& events, Instant as_of) {
  for (const TicketEvent& event : events) {
    if (event.at <= as_of && is_closing(event.to)) return event.at;
  }
  return std::nullopt;
}

DeadlineOutcome outcome_of(Instant due, const std::optional<Instant>& done_at,
                           const std::optional<Instant>& closed, Instant as_of) {
  if (done_at) return *done_at <= due ? DeadlineOutcome::met : DeadlineOutcome::missed;
  if (closed) return *closed <= due ? DeadlineOutcome::not_needed : DeadlineOutcome::missed;
  return as_of <= due ? DeadlineOutcome::pending : DeadlineOutcome::overdue;
}

}  // namespace

Status status_as_of(const std::vector<TicketEvent>& events, Instant as_of) {
  Status status = Status::filed;
  for (const TicketEvent& event : events) {
    if (event.at <= as_of) status = event.to;
  }
  return status;
}

std::vector<DeadlineProgress> clock_outcomes(const Ticket& ticket, const std::vector<TicketEvent>& events,
                                             Instant as_of) {
  const Deadlines deadlines = deadlines_as_of(ticket, events, as_of);
  const std::optional<Instant> closed = closed_at(events, as_of);
  std::vector<DeadlineProgress> out;
  for (const PendingRule& rule : pending_rules()) {
    const std::optional<Instant>& due = deadlines.*rule.deadline;
    if (!due) continue;
    const StepDone step = step_done(rule, events, as_of);
    // A clock whose round has not begun (the callback before the reply) is not yet a deadline.
    if (!step.round_started) continue;
    out.push_back(
        DeadlineProgress{rule.name, *due, step.done_at, outcome_of(*due, step.done_at, closed, as_of)});
  }
  return out;
}

const char* to_string(DeadlineOutcome outcome) {
  switch (outcome) {
    case DeadlineOutcome::met:
      return "met";
    case DeadlineOutcome::missed:
      return "missed";
    case DeadlineOutcome::pending:
      return "pending";
    case DeadlineOutcome::overdue:
      return "overdue";
    case DeadlineOutcome::not_needed:
      return "not_needed";
  }
  return "pending";
}

}  // namespace complaint
