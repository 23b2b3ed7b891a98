// deadline_input_of and latest_reopening; see ticket_deadlines.h.
#include "core/deadlines/ticket_deadlines.h"

#include "core/workflow/workflow.h"

namespace complaint {

DeadlineInput deadline_input_of(const Ticket& ticket, const Taxonomy& taxonomy, Instant start) {
  const TaxonomyEntry* category = taxonomy.category(ticket.category);
  DeadlineInput input;
  input.filed_at = start;
  input.kind = ticket.kind;
  input.complex = category != nullptr && category->complex;
  input.major = ticket.major;
  input.severity = ticket.severity;
  input.anonymous = ticket.anonymous;
  return input;
}

std::optional<Instant> latest_reopening(const std::vector<TicketEvent>& events) {
  std::optional<Instant> at;
  for (const TicketEvent& event : events) {
    if (starts_new_round(event)) at = event.at;  // a reopen, or a callback that reopened
  }
  return at;
}

}  // namespace complaint
