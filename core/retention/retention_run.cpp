// The desk's and the kiosk's retention runs (see retention_run.h).
#include "core/retention/retention_run.h"

#include <nlohmann/json.hpp>
#include <set>

namespace complaint {
namespace {

std::int64_t seconds(Instant at) {
  return at.time_since_epoch().count();
}

// Anonymises one ticket and its trail in one store call. A conflict (staff acted meanwhile)
// is not an error: the ticket is examined again by the next run.
Result<bool> anonymise_one(TicketRepository& tickets, Ticket ticket, const std::vector<TicketEvent>& trail,
                           Instant now, const PhoneHasher& hash_phone, nlohmann::json details) {
  std::vector<TicketEvent> rewritten;
  for (TicketEvent event : trail) {
    if (anonymise_event(event)) rewritten.push_back(std::move(event));
  }
  anonymise_ticket(ticket, hash_phone);
  const TicketEvent purge = anonymisation_event(ticket, now, "retention", details.dump());
  auto stored = tickets.anonymise(ticket, rewritten, purge);
  if (!stored.ok()) {
    if (stored.error().code == ErrorCode::conflict) return false;
    return stored.error();
  }
  return true;
}

}  // namespace

std::optional<Instant> closed_at(const std::vector<TicketEvent>& events) {
  std::optional<Instant> closed;
  for (const TicketEvent& event : events) {
    const bool closing = event.to == Status::archived || event.to == Status::withdrawn;
    if (closing && event.from != event.to) closed = event.at;
  }
  return closed;
}

Result<RetentionReport> run_desk_retention(TicketRepository& tickets, const RetentionPolicy& policy,
                                           Instant now, const PhoneHasher& hash_phone, RetentionMode mode) {
  RetentionReport report;
  for (const Status status : {Status::archived, Status::withdrawn}) {
    TicketQuery query;
    query.status = status;
    TRY_ASSIGN(const std::vector<Ticket> closed, tickets.list(query));
    for (const Ticket& ticket : closed) {
      ++report.examined;
      if (is_anonymised(ticket)) {
        ++report.already;
        continue;
      }
      if (ticket.legal_hold) {
        ++report.on_hold;
        continue;
      }
      TRY_ASSIGN(const std::vector<TicketEvent> trail, tickets.events(ticket.number));
      // A closed ticket without its closing event (imported, or damaged): its own times say
      // when, else it waits for a person to look.
      std::optional<Instant> closing = closed_at(trail);
      if (!closing && ticket.withdrawn_at) closing = ticket.withdrawn_at;
      if (!closing || policy.expires_at(ticket, *closing) > now) {
        ++report.not_due;
        continue;
      }
      if (mode == RetentionMode::dry_run) {
        report.due.push_back(ticket.number);
        continue;
      }
      const nlohmann::json details = {{"rule", "retention"},
                                      {"years", policy.years_for(ticket)},
                                      {"closed_at", seconds(*closing)},
                                      {"expired_at", seconds(policy.expires_at(ticket, *closing))}};
      TRY_ASSIGN(const bool done, anonymise_one(tickets, ticket, trail, now, hash_phone, details));
      if (done) {
        report.due.push_back(ticket.number);
      } else {
        ++report.conflicts;
      }
    }
  }
  return report;
}

Result<RetentionReport> run_kiosk_retention(TicketRepository& tickets, const RetentionPolicy& policy,
                                            Instant now, const PhoneHasher& hash_phone) {
  RetentionReport report;
  const Instant keep_from = now - std::chrono::days{policy.kiosk_keep_days};
  TRY_ASSIGN(const std::vector<OutboxEntry> unsent, tickets.outbox(0));
  std::set<std::string> waiting;
  for (const OutboxEntry& entry : unsent) waiting.insert(entry.ticket_number);
  TicketQuery query;
  // filed_at is at most recorded_at plus the clock tolerance; recorded_at is checked below.
  query.filed_to = keep_from + std::chrono::hours{1};
  TRY_ASSIGN(const std::vector<Ticket> old, tickets.list(query));
  for (const Ticket& ticket : old) {
    ++report.examined;
    if (is_anonymised(ticket)) {
      ++report.already;
      continue;
    }
    // A legal hold is not checked: it keeps the desk's record, never a kiosk's copy.
    if (ticket.recorded_at > keep_from || waiting.contains(ticket.number)) {
      ++report.not_due;
      continue;
    }
    TRY_ASSIGN(const std::vector<TicketEvent> trail, tickets.events(ticket.number));
    const nlohmann::json details = {{"rule", "kiosk_copy"}, {"keep_days", policy.kiosk_keep_days}};
    TRY_ASSIGN(const bool done, anonymise_one(tickets, ticket, trail, now, hash_phone, details));
    if (done) {
      report.due.push_back(ticket.number);
    } else {
      ++report.conflicts;
    }
  }
  return report;
}

}  // namespace complaint
