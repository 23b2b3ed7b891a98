// correct_intake; see intake_correction.h. The major rule: a ticket is major while it has a
// major reason. Reasons from the taxonomy ("category:", "channel:") follow the ticket's class
// and cannot be cleared by hand; words from the text ("word:") and a staff declaration
// ("declared") can be.
#include "core/workflow/intake_correction.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/deadlines/ticket_deadlines.h"

namespace complaint {
namespace {

using nlohmann::json;

constexpr const char* k_category_reason = "category:";
constexpr const char* k_channel_reason = "channel:";
constexpr const char* k_declared_reason = "declared";

bool starts_with(const std::string& text, const char* prefix) {
  return text.rfind(prefix, 0) == 0;
}

bool from_taxonomy(const std::string& reason) {
  return starts_with(reason, k_category_reason) || starts_with(reason, k_channel_reason);
}

Error refused(const char* key, std::string message) {
  Error error = Error::make(ErrorCode::forbidden, std::move(message));
  error.key = key;
  return error;
}

// The category's reason follows the category: the old one's goes, the new one's comes first
// (escalation's order: category, channel, words).
void follow_category(Ticket& ticket, const Taxonomy& taxonomy) {
  auto& reasons = ticket.major_reasons;
  reasons.erase(
      std::remove_if(reasons.begin(), reasons.end(),
                     [](const std::string& reason) { return starts_with(reason, k_category_reason); }),
      reasons.end());
  const TaxonomyEntry* category = taxonomy.category(ticket.category);
  if (category != nullptr && category->major)
    reasons.insert(reasons.begin(), k_category_reason + category->id);
}

// Declares (true) or clears (false) major by hand; a clear keeps only the taxonomy's reasons,
// and refuses when any remain (the class itself is major: reclassify it instead).
Result<void> set_major(Ticket& ticket, bool major) {
  auto& reasons = ticket.major_reasons;
  if (major) {
    if (reasons.empty()) reasons.emplace_back(k_declared_reason);
    return Ok{};
  }
  reasons.erase(std::remove_if(reasons.begin(), reasons.end(),
                               [](const std::string& reason) { return !from_taxonomy(reason); }),
                reasons.end());
  if (!reasons.empty()) {
    return refused("error.workflow.major_by_taxonomy", "ticket " + ticket.number + " is major by its " +
                                                           reasons.front() + ": change the category instead");
  }
  return Ok{};
}

// The severity a ticket that is not major gets when staff named none: the category's
// default (what filing would give), unless that is major.
Severity default_severity(const Ticket& ticket, const Taxonomy& taxonomy) {
  const TaxonomyEntry* category = taxonomy.category(ticket.category);
  if (category == nullptr || category->default_severity == Severity::major) return Severity::general;
  return category->default_severity;
}

// The requested class, checked against the deployment's taxonomy (staff-only categories such
// as 非公司责任 included: setting them is what this action is for).
Result<void> take_class(Ticket& ticket, const ActionRequest& request, const Taxonomy& taxonomy) {
  if (request.category.empty() && request.kind.empty() && !request.severity) {
    return Error::invalid("category", "error.workflow.reclassify_empty",
                          "reclassify requires a category, kind or severity");
  }
  if (!request.category.empty()) {
    if (taxonomy.category(request.category) == nullptr) {
      return Error::invalid("category", "error.workflow.unknown_category",
                            "unknown category '" + request.category + "'");
    }
    ticket.category = request.category;
  }
  if (!request.kind.empty()) {
    if (taxonomy.kind(request.kind) == nullptr) {
      return Error::invalid("kind", "error.workflow.unknown_kind", "unknown kind '" + request.kind + "'");
    }
    ticket.kind = request.kind;
  }
  return Ok{};
}

json optional_iso(const WorkCalendar& calendar, const std::optional<Instant>& at) {
  return at ? json(calendar.zone().format_iso8601(*at)) : json(nullptr);
}

// Every classification value that moved, as {"from": old, "to": new}.
json changes_between(const Ticket& before, const Ticket& after) {
  json changes = json::object();
  const auto note = [&changes](const char* field, const json& from, const json& to) {
    if (from != to) changes[field] = {{"from", from}, {"to", to}};
  };
  note("category", before.category, after.category);
  note("kind", before.kind, after.kind);
  note("severity", to_string(before.severity), to_string(after.severity));
  note("major", before.major, after.major);
  note("major_reasons", before.major_reasons, after.major_reasons);
  return changes;
}

// resolve_by and answer_by depend on the class; forward_by and contact_by do not. A reopened
// ticket's resolve period counts from the reopening; without it (a caller other than
// FilingService) resolve_by is kept and the event says so.
void recompute(Ticket& ticket, const ActionRequest& request, const DeadlinePolicy& policy,
               const WorkCalendar& calendar, const Taxonomy& taxonomy, json& data) {
  const Deadlines before = ticket.deadlines;
  const DeadlineInput input = deadline_input_of(ticket, taxonomy, ticket.filed_at);
  const Deadlines fresh = compute_filing_deadlines(policy, calendar, input);
  ticket.deadlines.answer_by = fresh.answer_by;
  if (ticket.reopen_count == 0) {
    ticket.deadlines.resolve_by = fresh.resolve_by;
  } else if (request.reopened_at) {
    ticket.deadlines.resolve_by =
        compute_filing_deadlines(policy, calendar, deadline_input_of(ticket, taxonomy, *request.reopened_at))
            .resolve_by;
  } else {
    data["resolve_by_kept"] = true;
  }
  // A referral's own deadline binds whatever the class, as at filing (docs/DOMAIN.md §3a).
  const std::optional<Instant>& referred = ticket.referrer_deadline;
  if (ticket.reopen_count == 0 && referred && ticket.deadlines.resolve_by &&
      *referred < *ticket.deadlines.resolve_by) {
    ticket.deadlines.resolve_by = referred;
  }
  // An extension in force was granted against the old promise: it stands unless the new
  // class's own limit is later still, and later extensions count from the new promise.
  if (ticket.resolve_by_original && before.resolve_by && ticket.deadlines.resolve_by) {
    if (*before.resolve_by > *ticket.deadlines.resolve_by) {
      ticket.resolve_by_original = ticket.deadlines.resolve_by;
      ticket.deadlines.resolve_by = before.resolve_by;
      data["extension_kept"] = true;
    } else {
      ticket.resolve_by_original.reset();
      ticket.extension_reason.clear();
    }
  }
  data["resolve_period"] = format_period(resolve_period(policy, input));
  json moved = json::object();
  const auto note = [&](const char* clock, const std::optional<Instant>& from,
                        const std::optional<Instant>& to) {
    if (from != to)
      moved[clock] = {{"from", optional_iso(calendar, from)}, {"to", optional_iso(calendar, to)}};
  };
  note("resolve_by", before.resolve_by, ticket.deadlines.resolve_by);
  note("answer_by", before.answer_by, ticket.deadlines.answer_by);
  data["deadlines"] = std::move(moved);
}

}  // namespace

Result<void> correct_intake(Ticket& ticket, const ActionRequest& request, const DeadlinePolicy& policy,
                            const WorkCalendar& calendar, const Taxonomy& taxonomy, json& data) {
  if (request.note.empty()) {
    return Error::invalid("reason", "error.workflow.reason_missing",
                          std::string(to_string(request.action)) + " requires a reason");
  }
  // A major ticket without a recorded reason (written before reasons were kept) counts as
  // declared, so that only a leader can lower it.
  if (ticket.major && ticket.major_reasons.empty()) ticket.major_reasons.emplace_back(k_declared_reason);
  const Ticket before = ticket;
  const bool leader = request.role == Role::supervisor || request.role == Role::executive;
  std::optional<Severity> severity;
  if (request.action == Action::reclassify) {
    TRY_VOID(take_class(ticket, request, taxonomy));
    severity = request.severity;
  } else {
    severity = request.action == Action::declare_major ? Severity::major : std::optional<Severity>();
  }
  follow_category(ticket, taxonomy);
  if (request.action == Action::clear_major || (severity && *severity != Severity::major)) {
    TRY_VOID(set_major(ticket, false));
  } else if (severity == Severity::major) {
    TRY_VOID(set_major(ticket, true));
  }
  ticket.major = !ticket.major_reasons.empty();
  if (before.major && !ticket.major && !leader) {
    return refused("error.workflow.lower_major_leaders_only",
                   "ticket " + ticket.number + ": only a supervisor or executive may lower a major ticket");
  }
  if (ticket.major) {
    ticket.severity = Severity::major;
  } else if (severity) {
    ticket.severity = *severity;
  } else if (before.major || before.category != ticket.category) {
    ticket.severity = default_severity(ticket, taxonomy);
  }
  // A class the role could not see afterwards would hide the ticket from the one who moved it.
  if (!leader && is_confidential(ticket, taxonomy)) {
    return refused("error.workflow.reclassify_confidential",
                   "ticket " + ticket.number + ": only a supervisor or executive may make it confidential");
  }
  json changes = changes_between(before, ticket);
  if (changes.empty()) {
    return Error::invalid("category", "error.workflow.reclassify_same",
                          "the ticket already has this category, kind and severity");
  }
  data["reason"] = request.note;
  data["changes"] = std::move(changes);
  recompute(ticket, request, policy, calendar, taxonomy, data);
  return Ok{};
}

}  // namespace complaint
