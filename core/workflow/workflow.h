// The procedure of docs/DOMAIN.md §2 as a state machine: actions, the roles allowed to take
// them, and the guards (record form complete before archive, voluntary flag on
// withdrawal, major tickets notified before handling). Pure: the caller stores the
// updated ticket and the event together (see TicketRepository::apply).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/deadlines/deadline_policy.h"
#include "core/domain/taxonomy.h"
#include "core/domain/ticket.h"

namespace complaint {

enum class Role { customer, kiosk, intake_clerk, dispatcher, handler, supervisor, executive };

enum class Action {
  forward,              // filed -> forwarded, to a department
  notify_major,         // a leader confirms the major report was made (deliveries: core/notify)
  contact,              // record the first contact with the customer: -> in_progress
  record,               // verification (with substantiated, responsible) / opinion / result, state unchanged
  reply,                // in_progress -> replied (needs a handling result)
  callback,             // replied -> called_back, with satisfaction
  archive,              // called_back -> archived (record form complete)
  resolve_on_spot,      // filed -> archived, the customer confirmed on the spot
  withdraw,             // any open state -> withdrawn, voluntary flag required
  reopen,               // replied/called_back -> in_progress (再次投诉)
  mark_repeat,          // link to an earlier ticket, state unchanged
  reassign,             // forwarded/in_progress: to another department and/or person, with a reason
  customer_rating,      // the customer's own rating on the tracking page (replied, state unchanged
                        // unless [policy] customer_rating_suffices: then it is the callback)
  escalate,             // a dissatisfied callback with the supervisor goes on to the executive
  settle_escalation,    // a leader settles a dissatisfied callback with a finding (note)
  close_investigation,  // a leader closes a not-voluntary withdrawal's investigation (note)
  reclassify,     // before the reply: category, kind and/or severity, with a reason; deadlines recomputed
  declare_major,  // before the reply: staff judge it major (e.g. reputational harm), with a reason
  clear_major,    // before the reply: a leader judges it not major, with a reason

  // Move resolve_by later, with a reason category and text (extension.h); a leader settles a
  // handler's request beyond the policy's limit by approving or denying it.
  extend,
  approve_extension,
  deny_extension,
};

const char* to_string(Role role);
const char* to_string(Action action);
// reclassify, declare_major, clear_major: they change what the deadlines depend on.
bool reclassifies(Action action);
std::optional<Role> role_from_string(std::string_view text);
std::optional<Action> action_from_string(std::string_view text);

inline constexpr std::size_t kCustomerAnswerMaxChars = 500;

struct ActionRequest {
  Action action = Action::forward;
  Role role = Role::intake_clerk;
  std::string actor;
  Instant at{};  // when the action happened: every clock and time the action sets uses it
  // When it was entered, for an action recorded after it happened (FilingService::act_at);
  // the event keeps it in its data as "recorded_at".
  std::optional<Instant> recorded_at;
  std::string note;
  // Action-specific inputs; which are required depends on the action.
  std::string department;
  std::string assignee;  // reassign: the person (an account name) who handles it from now on
  std::string verification;
  std::string handling_opinion;
  std::string handling_result;
  std::string callback_note;
  // reply: the transfer form (转办单) the department returns with its answer, kept in the reply's
  // event (docs/DOMAIN.md §5); all optional. The satisfaction, given with a reply, is the
  // customer's view of the outcome as the department reports it (never the callback's).
  std::string cause_findings;       // 原因及调查情况
  std::string accountability;       // 对责任人的处理
  std::string corrective_measures;  // 经验教训及整改措施
  std::string handler_phone;        // 经办人电话: digits, spaces, + - ( ), 3-20 characters
  // The answer in words for the customer, shown on the public tracking page before it asks
  // "满意吗？" (docs/DOMAIN.md §6). It may hold no run of 7 or more digits (a phone or ID
  // number); at most kCustomerAnswerMaxChars characters.
  std::string customer_answer;
  std::optional<Satisfaction> satisfaction;
  // The verification's judgement (record): substantiated or not, who is responsible.
  std::optional<Substantiated> substantiated;
  std::string responsible_department;
  std::string responsible_person;
  std::optional<bool> voluntary;
  std::string repeat_of;
  // reclassify: the new taxonomy ids and severity; empty/nullopt keeps the current value.
  std::string category;
  std::string kind;
  std::optional<Severity> severity;
  // Set by FilingService from the trail, never from a form: the latest reopening, from which a
  // reclassified ticket's resolve period counts.
  std::optional<Instant> reopened_at;
  // extend: the new resolve_by, or a period from the current one (not both); the reason
  // category (extension_reasons()); the reason's text is the note.
  std::optional<Instant> resolve_by;
  std::optional<Period> extend_by;
  std::string reason_category;
};

struct Transition {
  Ticket ticket;      // the updated ticket (revision not yet bumped)
  TicketEvent event;  // the audit event to append
};

// The deployment's taxonomy says which kinds and categories are confidential and which
// categories are complex (reopen's new resolve_by). It is required: a caller that passed
// none once checked the console's actions against the built-in defaults.
// Errors: forbidden (role may not, or a guard refuses; key names why), invalid_input
// (a required field is missing; field names it).
Result<Transition> apply_action(const Ticket& ticket, const ActionRequest& request,
                                const DeadlinePolicy& policy, const WorkCalendar& calendar,
                                const Taxonomy& taxonomy);
// Exactly the actions apply_action accepts for this role, given complete inputs.
std::vector<Action> allowed_actions(const Ticket& ticket, Role role, const Taxonomy& taxonomy);
// Why apply_action would refuse the action before looking at its inputs (forbidden), or ok.
Result<void> check_action_allowed(const Ticket& ticket, Role role, Action action, const Taxonomy& taxonomy);
// Reports and confidential categories (e.g. financial_crime): supervisor and executive only.
bool is_confidential(const Ticket& ticket, const Taxonomy& taxonomy);
// What the record form still lacks before archiving (field names), empty when complete.
std::vector<std::string> missing_record_fields(const Ticket& ticket);
// "verification, handler": the field names as the refusals' English messages list them.
std::string join_fields(const std::vector<std::string>& fields);
// Whether the event began a new round of handling: a reopen, or a dissatisfied callback
// that reopened the ticket by policy (dissatisfied_callback = "reopen"). Reports and the
// deadline recompute read rounds through this.
bool starts_new_round(const TicketEvent& event);
// Whether the event is a callback that counts: the staff callback, or the customer's rating
// where it stood for the callback (it moved the ticket on).
bool counts_as_callback(const TicketEvent& event);

}  // namespace complaint
