// FilingService: validate -> escalate -> deadlines -> one-transaction insert (see header).
#include "core/services/filing_service.h"

#include <nlohmann/json.hpp>

#include "core/deadlines/ticket_deadlines.h"
#include "core/domain/ticket_number.h"
#include "core/domain/tracking_token.h"
#include "core/escalation/escalation.h"

namespace complaint {
namespace {

Ticket ticket_from_draft(const TicketDraft& draft, const Config& config) {
  Ticket ticket;
  ticket.kind = draft.kind;
  ticket.channel = draft.channel;
  ticket.category = draft.category;
  ticket.topic = draft.topic;
  ticket.content = draft.content;
  ticket.desired_outcome = draft.desired_outcome;
  ticket.customer_name = draft.customer_name;
  ticket.phone = draft.phone;
  ticket.address = draft.address;
  ticket.language = draft.language;
  ticket.staff_involved = draft.staff_involved;
  ticket.anonymous = draft.anonymous;
  ticket.customer_email = draft.customer_email;
  ticket.notify_customer = draft.notify_customer;
  ticket.site_code = config.site.code;
  ticket.kiosk_id = config.site.kiosk_id;
  return ticket;
}

}  // namespace

FilingService::FilingService(const Config& config, const Taxonomy& taxonomy, const WorkCalendar& calendar,
                             TicketRepository& repository, const Clock& clock)
    : m_config(config),
      m_taxonomy(taxonomy),
      m_calendar(calendar),
      m_repository(repository),
      m_clock(clock) {}

Result<Ticket> FilingService::file(const TicketDraft& raw_draft, const FilingContext& context) {
  TRY_ASSIGN(const TicketDraft draft, validate_draft(raw_draft, m_taxonomy));
  const Instant now = m_clock.now();
  Ticket ticket = ticket_from_draft(draft, m_config);
  ticket.recorded_at = now;
  ticket.filed_at = draft.filed_at.value_or(now);
  ticket.recorded_by = context.recorded_by;
  if (!context.station.empty()) ticket.kiosk_id = context.station;
  if (ticket.filed_at > now + kClockTolerance) {
    return Error::invalid("filed_at", "error.filed_at.future", "the filing date lies in the future");
  }
  if (!draft.repeat_of.empty()) {
    TRY_ASSIGN(ticket.repeat_of, normalize_ticket_number(draft.repeat_of));
    TRY_ASSIGN(const auto earlier, m_repository.find(ticket.repeat_of));
    if (!earlier) {
      return Error::invalid("repeat_of", "error.repeat_of.unknown",
                            "the referenced earlier ticket " + ticket.repeat_of + " does not exist");
    }
  }
  TRY_ASSIGN(ticket.tracking_token, new_tracking_token());

  EscalationFacts facts;
  const auto& policy = m_config.escalation;
  if (!ticket.anonymous && !ticket.phone.empty()) {
    TRY_ASSIGN(facts.earlier_same_phone_category,
               m_repository.latest_by_phone_category(ticket.phone, ticket.category,
                                                     now - std::chrono::days(policy.repeat_window_days)));
  }
  const EscalationOutcome escalation = evaluate_escalation(ticket, m_taxonomy, policy, facts);
  ticket.major = escalation.major;
  ticket.major_reasons = escalation.major_reasons;
  ticket.severity = escalation.severity;
  ticket.repeat_of = escalation.repeat_of;
  // Group complaints are the desk's to find, across every kiosk and channel (the store's
  // insert_new on a desk, group_complaints.h): a kiosk's own file sees too little.
  ticket.group = false;

  ticket.deadlines = compute_filing_deadlines(m_config.deadlines, m_calendar,
                                              deadline_input_of(ticket, m_taxonomy, ticket.filed_at));
  // A referral's own deadline binds too: the earlier of the two is the promise.
  if (draft.referrer_deadline) {
    TRY_VOID(check_referrer_deadline(ticket.channel, ticket.filed_at, *draft.referrer_deadline));
    ticket.referrer_deadline = draft.referrer_deadline;
    if (ticket.deadlines.resolve_by && *draft.referrer_deadline < *ticket.deadlines.resolve_by) {
      ticket.deadlines.resolve_by = draft.referrer_deadline;
    }
  }
  ticket.status = Status::filed;

  NewTicketRequest request;
  request.first_event.at = now;
  request.first_event.actor = context.recorded_by;
  request.first_event.role = to_string(context.role);
  request.first_event.action = "file";
  request.first_event.from = Status::filed;
  request.first_event.to = Status::filed;
  nlohmann::json first_data = nlohmann::json{
      {"channel", ticket.channel},     {"major", ticket.major}, {"major_reasons", ticket.major_reasons},
      {"repeat_of", ticket.repeat_of}, {"group", ticket.group}, {"confidential", escalation.confidential}};
  if (!draft.referrer.empty()) first_data["referrer"] = draft.referrer;
  if (ticket.referrer_deadline) {
    first_data["referrer_deadline"] = m_calendar.zone().format_iso8601(*ticket.referrer_deadline);
  }
  request.first_event.data_json = first_data.dump();
  request.local_date = format_compact_date(m_calendar.local_day(now));
  request.group_policy = group_policy_of(policy);
  request.intake_key = context.intake_key;
  request.check_code_station = context.check_code_station;
  request.ticket = std::move(ticket);
  return m_repository.insert_new(request);
}

Result<Ticket> FilingService::load(const std::string& number) {
  TRY_ASSIGN(const std::string canonical, normalize_ticket_number(number));
  TRY_ASSIGN(auto stored, m_repository.find(canonical));
  if (!stored) return unknown_ticket_error(canonical);
  return std::move(*stored);
}

Result<Ticket> FilingService::store_action(const Ticket& stored, ActionRequest request) {
  // A reclassified ticket's resolve period counts from its latest reopening, which only the
  // trail knows; never from the caller.
  request.reopened_at.reset();
  if (reclassifies(request.action) && stored.reopen_count > 0) {
    TRY_ASSIGN(const std::vector<TicketEvent> events, m_repository.events(stored.number));
    request.reopened_at = latest_reopening(events);
  }
  TRY_ASSIGN(const Transition transition,
             apply_action(stored, request, m_config.deadlines, m_calendar, m_taxonomy));
  return m_repository.apply(transition.ticket, transition.event);
}

Result<Ticket> FilingService::act(const std::string& number, ActionRequest request) {
  // The console and complaintctl always say when; a caller that forgets must not date the
  // step (and every clock it sets) to 1970: report_bench's year did, until 2026-12-04.
  if (request.at == Instant{}) request.at = m_clock.now();
  TRY_ASSIGN(const Ticket stored, load(number));
  return store_action(stored, request);
}

Result<Ticket> FilingService::act_at(const std::string& number, ActionRequest request, Instant happened) {
  const Instant now = m_clock.now();
  if (happened > now) {
    return Error::invalid("at", "error.at.future",
                          "--at lies in the future: an action cannot have happened yet");
  }
  TRY_ASSIGN(const Ticket stored, load(number));
  TRY_ASSIGN(const std::vector<TicketEvent> events, m_repository.events(stored.number));
  for (const TicketEvent& event : events) {
    if (happened < event.at) {
      return Error::invalid(
          "at", "error.at.before_previous",
          "--at lies before the ticket's latest event (" + m_calendar.zone().format_iso8601(event.at) + ")");
    }
  }
  request.at = happened;
  request.recorded_at = now;
  return store_action(stored, request);
}

std::string FilingService::tracking_url_for(const Ticket& ticket) const {
  return tracking_url(m_config.tracking_url, ticket.number, ticket.tracking_token);
}

}  // namespace complaint
