// recompute_open_deadlines (see recompute_deadlines.h). The starts are the ones the
// workflow used: filed_at for the filing clocks, the latest reopening for resolve_by after
// a reopen, replied_at for the callback clocks.
#include "core/deadlines/recompute_deadlines.h"

#include <nlohmann/json.hpp>

#include "core/deadlines/pending_deadlines.h"
#include "core/workflow/workflow.h"

namespace complaint {

namespace {

constexpr Status k_open[] = {Status::filed, Status::forwarded, Status::in_progress, Status::replied};

DeadlineInput input_from(const Ticket& ticket, const Taxonomy& taxonomy, Instant start) {
  const TaxonomyEntry* category = taxonomy.category(ticket.category);
  DeadlineInput input;
  input.filed_at = start;
  input.kind = ticket.kind;
  input.complex = category != nullptr && category->complex;
  input.major = ticket.major;
  input.anonymous = ticket.anonymous;
  return input;
}

std::optional<Instant> latest_reopening(const std::vector<TicketEvent>& events) {
  std::optional<Instant> at;
  for (const TicketEvent& event : events) {
    if (starts_new_round(event)) at = event.at;
  }
  return at;
}

}  // namespace

std::vector<DeadlineChange> later_deadlines(const Ticket& ticket, const DeadlinePolicy& policy,
                                            const Taxonomy& taxonomy, const WorkCalendar& calendar,
                                            std::optional<Instant> reopened_at) {
  Deadlines fresh = compute_filing_deadlines(policy, calendar, input_from(ticket, taxonomy, ticket.filed_at));
  if (ticket.reopen_count > 0 && reopened_at) {
    fresh.resolve_by =
        compute_filing_deadlines(policy, calendar, input_from(ticket, taxonomy, *reopened_at)).resolve_by;
  }
  if (ticket.replied_at) compute_callback_deadlines(policy, calendar, *ticket.replied_at, fresh);
  std::vector<DeadlineChange> changes;
  for (const PendingDeadline& pending : pending_deadlines(ticket)) {
    for (const PendingRule& rule : pending_rules()) {
      if (pending.name != rule.name) continue;
      const std::optional<Instant>& recomputed = fresh.*rule.deadline;
      if (recomputed && *recomputed > pending.at) changes.push_back({pending.name, pending.at, *recomputed});
    }
  }
  return changes;
}

Result<RecomputeReport> recompute_open_deadlines(TicketRepository& tickets, const DeadlinePolicy& policy,
                                                 const Taxonomy& taxonomy, const WorkCalendar& calendar,
                                                 const std::string& why, Instant now) {
  RecomputeReport report;
  for (const Status status : k_open) {
    TicketQuery query;
    query.status = status;
    TRY_ASSIGN(const std::vector<Ticket> open, tickets.list(query));
    for (const Ticket& ticket : open) {
      ++report.examined;
      std::optional<Instant> reopened_at;
      if (ticket.reopen_count > 0) {
        TRY_ASSIGN(const std::vector<TicketEvent> events, tickets.events(ticket.number));
        reopened_at = latest_reopening(events);
      }
      const std::vector<DeadlineChange> changes =
          later_deadlines(ticket, policy, taxonomy, calendar, reopened_at);
      if (changes.empty()) continue;
      Ticket updated = ticket;
      nlohmann::json data = nlohmann::json::array();
      for (const DeadlineChange& change : changes) {
        for (const PendingRule& rule : pending_rules()) {
          if (change.clock == rule.name) updated.deadlines.*rule.deadline = change.new_at;
        }
        data.push_back({{"clock", change.clock},
                        {"old", calendar.zone().format_iso8601(change.old_at)},
                        {"new", calendar.zone().format_iso8601(change.new_at)}});
      }
      TicketEvent event;
      event.ticket_number = ticket.number;
      event.at = now;
      event.actor = "calendar";
      event.role = "supervisor";
      event.action = "recompute_deadlines";
      event.from = ticket.status;
      event.to = ticket.status;
      event.note = why;
      event.data_json = nlohmann::json{{"changes", std::move(data)}, {"why", why}}.dump();
      TRY_VOID(tickets.apply(updated, event));
      ++report.changed;
    }
  }
  return report;
}

}  // namespace complaint
