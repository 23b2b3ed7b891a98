// PublicProgress: what the customer may see of a ticket (the QR tracking page): the
// procedure's steps with when each was reached, each promised deadline and whether it
// was met, the handling department and the masked contact. Invariant (docs/DOMAIN.md §6
// 信息保密): it never holds the complaint text, staff names, notes or the full contact.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/clock.h"
#include "core/deadlines/clock_outcomes.h"
#include "core/domain/taxonomy.h"
#include "core/domain/ticket.h"

namespace complaint {

// The main line of the procedure, in order: 受理 → 转发 → 处理中 → 已答复 → 已回访 → 归档.
inline constexpr Status kProgressSteps[] = {Status::filed,   Status::forwarded,   Status::in_progress,
                                            Status::replied, Status::called_back, Status::archived};

enum class StepState {
  done,     // reached and left behind (or the final step, reached)
  current,  // the ticket is here now
  pending,  // not reached yet
  skipped,  // passed over (resolved on the spot, or the ticket was withdrawn before it)
};

struct ProgressStep {
  Status status = Status::filed;
  StepState state = StepState::pending;
  std::optional<Instant> at;  // when the ticket (last) reached it
};

struct PublicProgress {
  std::string number;
  std::string kind;      // taxonomy id
  std::string category;  // taxonomy id
  Status status = Status::filed;
  Instant filed_at{};
  std::vector<ProgressStep> steps;  // one per kProgressSteps entry
  std::vector<DeadlineProgress> deadlines;
  std::string department;  // the handling department; empty until forwarded
  bool anonymous = false;
  std::string masked_name;   // 张*; empty when anonymous
  std::string masked_phone;  // 138****8000; empty when none
  std::optional<Instant> withdrawn_at;
  // The callback's, or until staff call back, the customer's own rating of this round.
  Satisfaction satisfaction = Satisfaction::none;
  bool accepts_rating = false;  // the customer may rate now (customer_rating, once a round)
  // An extension in force: the new promise and its reason category, never the reason's text
  // (it may name people). Empty / nullopt when resolve_by was never extended.
  std::string extension_reason;
  std::optional<Instant> extended_to;
  // The reply's answer in words for the customer (ActionRequest::customer_answer), once
  // replied and until a reopening starts a new round; empty when staff wrote none or
  // retention has anonymised it (the page then has no answer block).
  std::string answer;
  std::optional<Instant> answered_at;
};

// `events` is the ticket's audit trail in the order it happened (TicketRepository::events);
// the deployment's taxonomy decides whether the customer may rate (confidential tickets not).
PublicProgress public_progress(const Ticket& ticket, const std::vector<TicketEvent>& events,
                               const Taxonomy& taxonomy, Instant now);

const char* to_string(StepState state);

}  // namespace complaint
