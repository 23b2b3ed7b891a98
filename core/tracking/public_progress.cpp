// public_progress(): the customer's view of a ticket; see public_progress.h.
#include "core/tracking/public_progress.h"

#include <array>

#include <nlohmann/json.hpp>

#include "core/deadlines/customer_clocks.h"
#include "core/privacy/masking.h"
#include "core/retention/anonymise.h"
#include "core/workflow/customer_rating.h"
#include "core/workflow/workflow.h"

namespace complaint {
namespace {

constexpr std::size_t kStepCount = std::size(kProgressSteps);

std::optional<std::size_t> step_index(Status status) {
  for (std::size_t i = 0; i < kStepCount; ++i) {
    if (kProgressSteps[i] == status) return i;
  }
  return std::nullopt;  // withdrawn
}

// When each step was last reached (a reopen sends the ticket back and clears the later
// steps) and when it was first reached (the hour and day promises count from that).
struct StepTimes {
  std::array<std::optional<Instant>, kStepCount> last;
  std::array<std::optional<Instant>, kStepCount> first;
};

StepTimes step_times(const Ticket& ticket, const std::vector<TicketEvent>& events) {
  StepTimes times;
  times.last[0] = times.first[0] = ticket.filed_at;
  for (const TicketEvent& event : events) {
    if (event.from == event.to) continue;  // record, notify_major, mark_repeat: no step
    const auto index = step_index(event.to);
    if (!index) continue;
    times.last[*index] = event.at;
    if (!times.first[*index]) times.first[*index] = event.at;
    for (std::size_t later = *index + 1; later < kStepCount; ++later) times.last[later].reset();
  }
  return times;
}

std::vector<ProgressStep> steps_of(const Ticket& ticket, const StepTimes& times) {
  // A withdrawn ticket stopped after the last step it reached.
  std::size_t current = 0;
  if (const auto index = step_index(ticket.status)) {
    current = *index;
  } else {
    for (std::size_t i = 0; i < kStepCount; ++i) {
      if (times.last[i]) current = i;
    }
  }
  const bool withdrawn = ticket.status == Status::withdrawn;
  std::vector<ProgressStep> steps;
  for (std::size_t i = 0; i < kStepCount; ++i) {
    ProgressStep step{kProgressSteps[i], StepState::pending, times.last[i]};
    if (i < current) {
      step.state = times.last[i] ? StepState::done : StepState::skipped;
    } else if (i == current) {
      const bool final_step = i + 1 == kStepCount;
      step.state = final_step || withdrawn ? StepState::done : StepState::current;
    } else {
      step.state = withdrawn ? StepState::skipped : StepState::pending;
    }
    steps.push_back(step);
  }
  return steps;
}

// The latest reply's answer for the customer; a reopening (the ticket sent back before
// replied) makes it stale, as the rating round it answered has ended.
constexpr std::size_t kRepliedStep = 3;
static_assert(kProgressSteps[kRepliedStep] == Status::replied);

void take_answer(PublicProgress& progress, const Ticket& ticket, const std::vector<TicketEvent>& events) {
  const bool answered = ticket.status == Status::replied || ticket.status == Status::called_back ||
                        ticket.status == Status::archived;
  if (!answered) return;
  for (const TicketEvent& event : events) {
    if (event.action == "reply") {
      const auto data = nlohmann::json::parse(event.data_json, nullptr, false);
      const auto found = data.is_object() ? data.find("customer_answer") : data.end();
      const bool has_text = data.is_object() && found != data.end() && found->is_string();
      // Retention blanks the answer to the tombstone: that is no answer for the customer.
      const bool anonymised = has_text && found->get_ref<const std::string&>() == k_tombstone;
      progress.answer = has_text && !anonymised ? found->get<std::string>() : std::string();
      progress.answered_at = event.at;
    } else if (const auto to = step_index(event.to); event.from != event.to && to && *to < kRepliedStep) {
      progress.answer.clear();
      progress.answered_at.reset();
    }
  }
}

}  // namespace

PublicProgress public_progress(const Ticket& ticket, const std::vector<TicketEvent>& events,
                               const Taxonomy& taxonomy, Instant now) {
  const StepTimes times = step_times(ticket, events);
  PublicProgress progress;
  progress.number = ticket.number;
  progress.kind = ticket.kind;
  progress.category = ticket.category;
  progress.status = ticket.status;
  progress.filed_at = ticket.filed_at;
  progress.steps = steps_of(ticket, times);
  // The same outcomes the reports count (docs/DOMAIN.md §9), as of now.
  // The customer's clocks only: an inquiry shows its answer deadline, not a second one.
  progress.deadlines = clock_outcomes(ticket, events, now);
  std::erase_if(progress.deadlines, [&ticket](const DeadlineProgress& deadline) {
    return !customer_sees_clock(deadline.clock, ticket.deadlines);
  });
  progress.department = ticket.department;
  if (!ticket.extension_reason.empty() && ticket.deadlines.resolve_by) {
    progress.extension_reason = ticket.extension_reason;
    progress.extended_to = ticket.deadlines.resolve_by;
  }
  progress.anonymous = ticket.anonymous;
  if (!ticket.anonymous) {
    progress.masked_name = mask_name(ticket.customer_name);
    progress.masked_phone = mask_phone(ticket.phone);
  }
  progress.withdrawn_at = ticket.withdrawn_at;
  take_answer(progress, ticket, events);
  progress.satisfaction = ticket.satisfaction;
  // The customer rates once a round; their rating shows until the staff callback records one.
  const std::optional<CustomerRating> rated = current_customer_rating(events);
  if (progress.satisfaction == Satisfaction::none && rated && ticket.status == Status::replied)
    progress.satisfaction = rated->satisfaction;
  progress.accepts_rating =
      !rated && check_action_allowed(ticket, Role::customer, Action::customer_rating, taxonomy).ok();
  return progress;
}

const char* to_string(StepState state) {
  switch (state) {
    case StepState::done:
      return "done";
    case StepState::current:
      return "current";
    case StepState::pending:
      return "pending";
    case StepState::skipped:
      return "skipped";
  }
  return "pending";
}

}  // namespace complaint
