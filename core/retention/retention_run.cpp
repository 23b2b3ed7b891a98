// The desk's and the kiosk's retention runs (see retention_run.h).
#include "core/retention/retention_run.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace complaint {
namespace {

std::int64_t seconds(Instant at) {
  return at.time_since_epoch().count();
}

// A retention page: read, checked and stored together. Measured on 1,000,000 tickets
// (docs/BENCHMARKS.md): pages of this size keep a run's memory flat and its transactions short.
constexpr int k_page = 500;

// The ticket and its trail with the one rule of anonymise.h applied, and the purge event.
Anonymisation anonymisation(Ticket ticket, const std::vector<TicketEvent>& trail, Instant now,
                            const PhoneHasher& hash_phone, const nlohmann::json& details) {
  Anonymisation result;
  for (TicketEvent event : trail) {
    if (anonymise_event(event)) result.rewritten.push_back(std::move(event));
  }
  anonymise_ticket(ticket, hash_phone);
  result.purge = anonymisation_event(ticket, now, "retention", details.dump());
  result.ticket = std::move(ticket);
  return result;
}

// Stores a page's anonymisations in one transaction; a ticket staff changed meanwhile is
// counted as a conflict, not an error: the next run examines it again.
Result<void> store_page(TicketRepository& tickets, const std::vector<Anonymisation>& batch,
                        RetentionReport& report) {
  if (batch.empty()) return Ok{};
  TRY_ASSIGN(const std::vector<bool> stored, tickets.anonymise_batch(batch));
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (stored[i]) {
      report.due.push_back(batch[i].ticket.number);
    } else {
      ++report.conflicts;
    }
  }
  return Ok{};
}

// A page's events split by ticket (events_of groups them by number).
std::map<std::string, std::vector<TicketEvent>> trails_of(std::vector<TicketEvent> events) {
  std::map<std::string, std::vector<TicketEvent>> trails;
  for (TicketEvent& event : events) trails[event.ticket_number].push_back(std::move(event));
  return trails;
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
  // No rule keeps a ticket for less than policy.years, and a calendar year is at least 365
  // days: what closed after this instant cannot be due, so the store never reads it.
  const Instant closed_before = now - std::chrono::days{365LL * policy.years};
  std::int64_t after_id = 0;
  while (true) {
    TRY_ASSIGN(const std::vector<Ticket> page, tickets.retention_page(closed_before, after_id, k_page));
    if (page.empty()) {
      // Every applying run, even with nothing due: a merge that failed is redone by the next.
      if (mode == RetentionMode::apply) TRY_VOID(tickets.purge_replaced_text());
      return report;
    }
    after_id = page.back().id;
    std::vector<std::string> numbers;
    for (const Ticket& ticket : page) numbers.push_back(ticket.number);
    TRY_ASSIGN(std::vector<TicketEvent> events, tickets.events_of(numbers));
    const auto trails = trails_of(std::move(events));
    std::vector<Anonymisation> batch;
    for (const Ticket& ticket : page) {
      ++report.examined;
      if (ticket.legal_hold) {
        ++report.on_hold;
        continue;
      }
      static const std::vector<TicketEvent> k_none;
      const auto found = trails.find(ticket.number);
      const std::vector<TicketEvent>& trail = found == trails.end() ? k_none : found->second;
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
      batch.push_back(anonymisation(ticket, trail, now, hash_phone, details));
    }
    TRY_VOID(store_page(tickets, batch, report));
  }
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
  std::vector<Anonymisation> batch;  // a kiosk holds weeks of tickets: one transaction
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
    batch.push_back(anonymisation(ticket, trail, now, hash_phone, details));
  }
  TRY_VOID(store_page(tickets, batch, report));
  if (!report.due.empty()) TRY_VOID(tickets.purge_replaced_text());
  return report;
}

}  // namespace complaint
