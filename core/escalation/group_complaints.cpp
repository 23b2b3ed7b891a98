// The group complaint rule and its run over a store; see group_complaints.h.
#include "core/escalation/group_complaints.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/domain/system_event.h"

namespace complaint {

std::string group_customer_key(const Ticket& ticket) {
  // Filing stores the phone as digits and the email trimmed (ticket_validation.h); case does
  // not tell two addresses apart.
  if (!ticket.phone.empty()) return "phone:" + ticket.phone;
  if (!ticket.customer_email.empty()) {
    std::string email = ticket.customer_email;
    std::transform(email.begin(), email.end(), email.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return "email:" + email;
  }
  return {};
}

bool groupable(const Ticket& ticket, const GroupPolicy& policy) {
  if (ticket.kind != "complaint" || !is_open(ticket.status)) return false;
  return std::find(policy.excluded_categories.begin(), policy.excluded_categories.end(), ticket.category) ==
         policy.excluded_categories.end();
}

GroupDecision decide_group_links(const std::vector<Ticket>& candidates, const GroupPolicy& policy) {
  GroupDecision decision;
  std::set<std::string> customers;
  const Ticket* latest_member = nullptr;
  const Ticket* earliest = nullptr;
  for (const Ticket& ticket : candidates) {
    if (!groupable(ticket, policy)) continue;
    if (const std::string key = group_customer_key(ticket); !key.empty()) customers.insert(key);
    if (!ticket.group_id.empty() &&
        (latest_member == nullptr || ticket.filed_at > latest_member->filed_at ||
         (ticket.filed_at == latest_member->filed_at && ticket.number > latest_member->number))) {
      latest_member = &ticket;
    }
    if (earliest == nullptr || ticket.filed_at < earliest->filed_at ||
        (ticket.filed_at == earliest->filed_at && ticket.number < earliest->number)) {
      earliest = &ticket;
    }
  }
  decision.customers = static_cast<int>(customers.size());
  if (latest_member != nullptr) {
    decision.group_id = latest_member->group_id;
  } else if (decision.customers > policy.threshold && earliest != nullptr) {
    decision.group_id = earliest->number;
    decision.formed = true;
  } else {
    return decision;
  }
  for (const Ticket& ticket : candidates) {
    if (groupable(ticket, policy) && ticket.group_id.empty())
      decision.links.push_back(GroupLink{ticket.number, decision.group_id});
  }
  return decision;
}

Notice group_notice(const std::string& group_id, Instant at) {
  Notice notice;
  notice.key = std::string(k_group_notice_reason) + ":" + group_id;
  notice.ticket_number = group_id;
  notice.reason = k_group_notice_reason;
  notice.created_at = at;
  notice.next_attempt_at = at;
  return notice;
}

std::set<std::string> group_categories(const std::vector<Ticket>& arrived, const GroupPolicy& policy) {
  std::set<std::string> categories;
  for (const Ticket& ticket : arrived) {
    if (groupable(ticket, policy)) categories.insert(ticket.category);
  }
  return categories;
}

Result<int> link_group_complaints(GroupComplaintPort& port, const std::vector<Ticket>& arrived,
                                  const GroupPolicy& policy, Instant now) {
  const std::set<std::string> categories = group_categories(arrived, policy);
  if (categories.empty()) return 0;
  TRY_VOID(port.lock_categories(categories));
  const Instant since = now - std::chrono::days(policy.window_days);
  int linked = 0;
  for (const std::string& category : categories) {
    // Most filings neither complete nor join a group: then the count is all that is read.
    TRY_ASSIGN(const GroupCount count, port.count_candidates(category, since));
    if (count.linked == 0 && count.with_contact <= policy.threshold) continue;
    TRY_ASSIGN(const std::vector<Ticket> candidates, port.group_candidates(category, since));
    const GroupDecision decision = decide_group_links(candidates, policy);
    for (const GroupLink& link : decision.links) {
      const auto found = std::find_if(candidates.begin(), candidates.end(),
                                      [&link](const Ticket& t) { return t.number == link.number; });
      Ticket ticket = *found;
      ticket.group = true;
      ticket.group_id = link.group_id;
      const TicketEvent event = system_event(ticket, k_group_action, now,
                                             nlohmann::json{{"group", link.group_id},
                                                            {"category", category},
                                                            {"customers", decision.customers},
                                                            {"formed", decision.formed}}
                                                 .dump());
      TRY_VOID(port.store_group_link(ticket, event));
      ++linked;
    }
    if (decision.formed) TRY_VOID(port.add_notice(group_notice(decision.group_id, now)));
  }
  return linked;
}

}  // namespace complaint
