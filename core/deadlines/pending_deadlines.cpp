// The pending-deadline table and what derives from it in C++; see pending_deadlines.h.
#include "core/deadlines/pending_deadlines.h"

#include <algorithm>

namespace complaint {
namespace {

constexpr Status kBeforeForward[] = {Status::filed};
// The contact action is what takes a ticket to in_progress (a reopen returns there after
// a reply, so after a contact too): from in_progress on, the customer has been contacted.
constexpr Status kBeforeContact[] = {Status::filed, Status::forwarded};
constexpr Status kBeforeReply[] = {Status::filed, Status::forwarded, Status::in_progress};
constexpr Status kBeforeCallback[] = {Status::replied};

constexpr PendingRule kRules[] = {
    {"forward_by", &Deadlines::forward_by, kBeforeForward, false},
    {"contact_by", &Deadlines::contact_by, kBeforeContact, true},
    {"resolve_by", &Deadlines::resolve_by, kBeforeReply, false},
    {"answer_by", &Deadlines::answer_by, kBeforeReply, false},
    {"callback_by", &Deadlines::callback_by, kBeforeCallback, false},
};

bool runs(const PendingRule& rule, const Ticket& ticket) {
  if (std::find(rule.states.begin(), rule.states.end(), ticket.status) == rule.states.end()) return false;
  return !(rule.until_first_contact && ticket.first_contact_at);
}

}  // namespace

std::span<const PendingRule> pending_rules() {
  return kRules;
}

std::vector<PendingDeadline> pending_deadlines(const Ticket& ticket) {
  std::vector<PendingDeadline> pending;
  for (const PendingRule& rule : kRules) {
    const std::optional<Instant>& at = ticket.deadlines.*rule.deadline;
    if (at && runs(rule, ticket)) pending.push_back(PendingDeadline{rule.name, *at});
  }
  std::stable_sort(pending.begin(), pending.end(),
                   [](const PendingDeadline& a, const PendingDeadline& b) { return a.at < b.at; });
  return pending;
}

std::optional<PendingDeadline> next_deadline(const Ticket& ticket) {
  std::vector<PendingDeadline> pending = pending_deadlines(ticket);
  if (pending.empty()) return std::nullopt;
  return std::move(pending.front());
}

bool is_overdue(const Ticket& ticket, Instant now) {
  const std::optional<PendingDeadline> next = next_deadline(ticket);
  return next && next->at < now;
}

}  // namespace complaint
