// The one role/transition table of the workflow and the guards read from it: which roles may
// take an action, from which states, and the ticket-level refusals. allowed_actions and
// apply_action both go through check_action_allowed, so they cannot disagree.
#include "core/workflow/workflow.h"

#include <array>
#include <string>
#include <utility>

namespace complaint {
namespace {

using Mask = unsigned;

constexpr Mask bit(Status status) {
  return 1u << static_cast<unsigned>(status);
}
constexpr Mask bit(Role role) {
  return 1u << static_cast<unsigned>(role);
}
template <class... Values>
constexpr Mask mask(Values... values) {
  return (bit(values) | ... | 0u);
}

constexpr Mask k_open_states =
    mask(Status::filed, Status::forwarded, Status::in_progress, Status::replied, Status::called_back);
constexpr Mask k_leaders = mask(Role::supervisor, Role::executive);
// Correcting intake happens before the reply: afterwards the resolve clock is complete and the
// customer has the answer (a wrong category then is a reopen's matter).
constexpr Mask k_before_reply = mask(Status::filed, Status::forwarded, Status::in_progress);

struct ActionRule {
  Action action;
  const char* name;
  Mask from_states;
  // Anonymous tickets have no callback (nobody to call), so they may archive from replied.
  Mask extra_from_states_if_anonymous;
  Mask roles;
};

// Roles per docs/DOMAIN.md §2: the intake clerk files and forwards (首问负责), the department's
// handler contacts, records and replies, the dispatcher routes and follows up, the
// supervisor may do anything a step needs; the customer only rates from the tracking page
// (customer_rating; the callback itself is staff's, by phone). A withdrawal is a staff action because staff
// must judge whether it was voluntary; the kiosk itself never takes an action after filing.
constexpr std::array<ActionRule, 22> k_rules{{
    {Action::forward, "forward", mask(Status::filed), 0,
     mask(Role::intake_clerk, Role::dispatcher, Role::supervisor, Role::executive)},
    {Action::notify_major, "notify_major", k_open_states, 0, k_leaders},
    {Action::contact, "contact", mask(Status::forwarded, Status::in_progress), 0,
     mask(Role::handler, Role::dispatcher, Role::supervisor)},
    // Also after the reply: a form found incomplete at archive time is completed, not reopened
    // (reopening would count as a repeat complaint in the statistics).
    {Action::record, "record", mask(Status::in_progress, Status::replied, Status::called_back), 0,
     mask(Role::handler, Role::supervisor)},
    {Action::reply, "reply", mask(Status::in_progress), 0,
     mask(Role::handler, Role::dispatcher, Role::supervisor)},
    {Action::callback, "callback", mask(Status::replied), 0,
     mask(Role::intake_clerk, Role::dispatcher, Role::supervisor)},
    {Action::archive, "archive", mask(Status::called_back), mask(Status::replied),
     mask(Role::dispatcher, Role::supervisor)},
    {Action::resolve_on_spot, "resolve_on_spot", mask(Status::filed), 0,
     mask(Role::intake_clerk, Role::dispatcher, Role::supervisor, Role::executive)},
    {Action::withdraw, "withdraw", k_open_states, 0,
     mask(Role::intake_clerk, Role::dispatcher, Role::handler, Role::supervisor, Role::executive)},
    {Action::reopen, "reopen", mask(Status::replied, Status::called_back), 0,
     mask(Role::dispatcher, Role::supervisor)},
    {Action::mark_repeat, "mark_repeat", k_open_states, 0, mask(Role::dispatcher, Role::supervisor)},
    // Routing again: the dispatcher (or a leader) moves a ticket in handling to another
    // department or person; the reason is required and the trail keeps both sides.
    {Action::reassign, "reassign", mask(Status::forwarded, Status::in_progress), 0,
     mask(Role::dispatcher, Role::supervisor, Role::executive)},
    {Action::customer_rating, "customer_rating", mask(Status::replied), 0, mask(Role::customer)},
    // A dissatisfied callback with the supervisor goes up once; either leader settles it.
    {Action::escalate, "escalate", mask(Status::called_back), 0, mask(Role::supervisor)},
    {Action::settle_escalation, "settle_escalation", mask(Status::called_back), 0, k_leaders},
    {Action::close_investigation, "close_investigation", mask(Status::withdrawn), 0, k_leaders},
    // Correcting intake (docs/DOMAIN.md §4): the department's handler knows the case best, so
    // it may reclassify and raise major too (within its departments, never into a confidential
    // class it could not see); only a leader lowers a major ticket (apply_action checks).
    {Action::reclassify, "reclassify", k_before_reply, 0,
     mask(Role::handler, Role::dispatcher, Role::supervisor, Role::executive)},
    {Action::declare_major, "declare_major", k_before_reply, 0,
     mask(Role::handler, Role::dispatcher, Role::supervisor, Role::executive)},
    {Action::clear_major, "clear_major", k_before_reply, 0, k_leaders},
    // While resolve_by runs: a handler or dispatcher extends within the policy's limit or asks
    // a leader, whose own extension applies at once (docs/DOMAIN.md §3a).
    {Action::extend, "extend", k_before_reply, 0,
     mask(Role::handler, Role::dispatcher, Role::supervisor, Role::executive)},
    {Action::approve_extension, "approve_extension", k_before_reply, 0, k_leaders},
    {Action::deny_extension, "deny_extension", k_before_reply, 0, k_leaders},
}};

constexpr std::array<std::pair<Role, const char*>, 7> k_role_names{{{Role::customer, "customer"},
                                                                    {Role::kiosk, "kiosk"},
                                                                    {Role::intake_clerk, "intake_clerk"},
                                                                    {Role::dispatcher, "dispatcher"},
                                                                    {Role::handler, "handler"},
                                                                    {Role::supervisor, "supervisor"},
                                                                    {Role::executive, "executive"}}};

const ActionRule* rule_for(Action action) {
  for (const ActionRule& rule : k_rules) {
    if (rule.action == action) return &rule;
  }
  return nullptr;
}

Error refusal(std::string key, std::string message) {
  Error error = Error::make(ErrorCode::forbidden, std::move(message));
  error.key = std::move(key);
  return error;
}

std::string describe(const Ticket& ticket, Role role, Action action) {
  return std::string("action ") + to_string(action) + " by role " + to_string(role) + " on ticket " +
         ticket.number + " in state " + to_string(ticket.status);
}

}  // namespace

const char* to_string(Role role) {
  for (const auto& [value, name] : k_role_names) {
    if (value == role) return name;
  }
  return "unknown";
}

const char* to_string(Action action) {
  const ActionRule* rule = rule_for(action);
  return rule != nullptr ? rule->name : "unknown";
}

bool reclassifies(Action action) {
  return action == Action::reclassify || action == Action::declare_major || action == Action::clear_major;
}

std::optional<Role> role_from_string(std::string_view text) {
  for (const auto& [value, name] : k_role_names) {
    if (text == name) return value;
  }
  return std::nullopt;
}

std::optional<Action> action_from_string(std::string_view text) {
  for (const ActionRule& rule : k_rules) {
    if (text == rule.name) return rule.action;
  }
  return std::nullopt;
}

bool is_confidential(const Ticket& ticket, const Taxonomy& taxonomy) {
  if (ticket.kind == "report") return true;  // 举报 goes straight to the supervisor by definition
  const TaxonomyEntry* kind = taxonomy.kind(ticket.kind);
  const TaxonomyEntry* category = taxonomy.category(ticket.category);
  return (kind != nullptr && kind->confidential) || (category != nullptr && category->confidential);
}

Result<void> check_action_allowed(const Ticket& ticket, Role role, Action action, const Taxonomy& taxonomy) {
  const ActionRule* rule = rule_for(action);
  if (rule == nullptr) return refusal("error.workflow.unknown_action", "unknown workflow action");
  if ((rule->roles & bit(role)) == 0) {
    return refusal("error.workflow.role_forbidden", describe(ticket, role, action) + ": role not permitted");
  }
  const bool leader = (k_leaders & bit(role)) != 0;
  if (!leader && is_confidential(ticket, taxonomy)) {
    return refusal("error.workflow.confidential",
                   describe(ticket, role, action) + ": confidential, supervisor or executive only");
  }
  Mask from = rule->from_states;
  if (ticket.anonymous) from |= rule->extra_from_states_if_anonymous;
  if ((from & bit(ticket.status)) == 0) {
    return refusal("error.workflow.bad_state",
                   describe(ticket, role, action) + ": not allowed in this state");
  }
  switch (action) {
    case Action::notify_major:
    case Action::clear_major:
      if (!ticket.major) {
        return refusal("error.workflow.not_major", describe(ticket, role, action) + ": ticket is not major");
      }
      break;
    case Action::declare_major:
      if (ticket.major) {
        return refusal("error.workflow.already_major",
                       describe(ticket, role, action) + ": ticket is already major");
      }
      break;
    case Action::forward:
    case Action::resolve_on_spot:
      // A major complaint goes to the supervisor first (docs/DOMAIN.md §4), so clerks cannot route it.
      if (ticket.major && !leader) {
        return refusal("error.workflow.major_supervisor_only",
                       describe(ticket, role, action) + ": major ticket, supervisor or executive only");
      }
      break;
    case Action::contact:
      if (ticket.major && !ticket.major_notified) {
        return refusal("error.workflow.not_notified",
                       describe(ticket, role, action) +
                           ": major ticket, supervisor and deputy general manager not yet notified");
      }
      break;
    case Action::escalate:
      if (ticket.escalation != Escalation::supervisor) {
        return refusal("error.workflow.not_escalated",
                       describe(ticket, role, action) + ": no dissatisfied callback with the supervisor");
      }
      break;
    case Action::settle_escalation:
      if (ticket.satisfaction != Satisfaction::dissatisfied || ticket.escalation == Escalation::settled) {
        return refusal("error.workflow.not_escalated",
                       describe(ticket, role, action) + ": no unsettled dissatisfied callback");
      }
      // Passed to the executive: the supervisor no longer decides it.
      if (ticket.escalation == Escalation::executive && role != Role::executive) {
        return refusal("error.workflow.executive_only",
                       describe(ticket, role, action) + ": escalated to the executive, who settles it");
      }
      break;
    case Action::close_investigation:
      if (ticket.investigation != Investigation::open) {
        return refusal("error.workflow.no_investigation",
                       describe(ticket, role, action) + ": no open investigation");
      }
      break;
    case Action::archive: {
      // A dissatisfied customer is never archived silently: reopen it or a leader settles it.
      if (ticket.satisfaction == Satisfaction::dissatisfied && ticket.escalation != Escalation::settled) {
        return refusal("error.workflow.dissatisfied_unsettled",
                       describe(ticket, role, action) + ": the callback was dissatisfied and is not settled");
      }
      const std::vector<std::string> missing = missing_record_fields(ticket);
      if (!missing.empty()) {
        return refusal(
            "error.workflow.record_incomplete",
            describe(ticket, role, action) + ": record incomplete, missing " + join_fields(missing));
      }
      break;
    }
    case Action::extend:
      if (!ticket.deadlines.resolve_by) {
        return refusal("error.workflow.no_resolve_by",
                       describe(ticket, role, action) + ": no resolve deadline");
      }
      if (ticket.extension_requested_until) {
        return refusal("error.workflow.extension_pending",
                       describe(ticket, role, action) + ": an extension request awaits a supervisor");
      }
      break;
    case Action::approve_extension:
    case Action::deny_extension:
      if (!ticket.extension_requested_until || !ticket.deadlines.resolve_by) {
        return refusal("error.workflow.no_extension_request",
                       describe(ticket, role, action) + ": no extension request pending");
      }
      break;
    default:
      break;
  }
  return Ok{};
}

std::vector<Action> allowed_actions(const Ticket& ticket, Role role, const Taxonomy& taxonomy) {
  std::vector<Action> out;
  for (const ActionRule& rule : k_rules) {
    if (check_action_allowed(ticket, role, rule.action, taxonomy).ok()) out.push_back(rule.action);
  }
  return out;
}

std::string join_fields(const std::vector<std::string>& fields) {
  std::string list;
  for (const std::string& field : fields) list += (list.empty() ? "" : ", ") + field;
  return list;
}

bool starts_new_round(const TicketEvent& event) {
  if (event.action == "reopen") return true;
  return (event.action == "callback" || event.action == "customer_rating") && event.to == Status::in_progress;
}

bool counts_as_callback(const TicketEvent& event) {
  if (event.action == "callback") return true;
  return event.action == "customer_rating" && event.from != event.to;
}

std::vector<std::string> missing_record_fields(const Ticket& ticket) {
  // The record form of docs/DOMAIN.md §5, by JSON field name. Anonymous tickets have no customer to
  // name, phone or call back, so those parts of the form do not apply.
  std::vector<std::string> missing;
  const auto require = [&missing](bool present, const char* field) {
    if (!present) missing.emplace_back(field);
  };
  require(!ticket.number.empty(), "number");
  require(ticket.filed_at != Instant{}, "filed_at");
  require(!ticket.content.empty(), "content");
  if (!ticket.anonymous) {
    require(!ticket.customer_name.empty(), "name");
    require(!ticket.phone.empty(), "phone");
  }
  require(!ticket.verification.empty(), "verification");
  require(!ticket.handling_opinion.empty(), "handling_opinion");
  require(!ticket.handling_result.empty(), "handling_result");
  if (!ticket.anonymous) require(ticket.satisfaction != Satisfaction::none, "satisfaction");
  require(!ticket.handler.empty(), "handler");
  if (ticket.major) require(!ticket.supervisor.empty(), "supervisor");
  return missing;
}

}  // namespace complaint
