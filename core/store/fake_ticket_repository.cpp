// FakeTicketRepository (see header): vectors behind a mutex, mirroring SqliteTicketStore's
// rules (number format, duplicate token -> conflict, stale revision -> conflict); overdue is
// core/deadlines' is_overdue, the rule the stores' SQL is generated from.
#include "core/store/fake_ticket_repository.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/deadlines/pending_deadlines.h"
#include "core/domain/ticket_number.h"
#include "core/retention/anonymise.h"
#include "core/store/cohort_assembler.h"

namespace complaint {
void FakeTicketRepository::fail(RepositoryOperation operation, int after_calls, FailureMode mode,
                                Error error) {
  m_faults.fail(operation, after_calls, mode, std::move(error));
}

void FakeTicketRepository::fail_all(int after_calls, FailureMode mode, const Error& error) {
  for (int i = 0; i < kRepositoryOperationCount; ++i) {
    fail(static_cast<RepositoryOperation>(i), after_calls, mode, error);
  }
}

void FakeTicketRepository::clear_failures() {
  m_faults.clear();
}

int FakeTicketRepository::calls(RepositoryOperation operation) const {
  return m_faults.calls(operation);
}

std::vector<Ticket> FakeTicketRepository::tickets() const {
  std::lock_guard lock(m_mutex);
  return m_tickets;
}

std::vector<TicketEvent> FakeTicketRepository::all_events() const {
  std::lock_guard lock(m_mutex);
  return m_events;
}

std::vector<OutboxEntry> FakeTicketRepository::all_outbox() const {
  std::lock_guard lock(m_mutex);
  return m_outbox;
}

std::size_t FakeTicketRepository::index_of(const std::string& number) const {
  const auto it = std::find_if(m_tickets.begin(), m_tickets.end(),
                               [&](const Ticket& ticket) { return ticket.number == number; });
  return static_cast<std::size_t>(it - m_tickets.begin());
}

void FakeTicketRepository::add_outbox(const std::string& number, std::int64_t event_id, Instant at) {
  OutboxEntry entry;
  entry.id = static_cast<std::int64_t>(m_outbox.size()) + 1;
  entry.ticket_number = number;
  entry.kind = event_id != 0 ? "event" : "ticket";
  entry.event_id = event_id;
  entry.created_at = at;
  m_outbox.push_back(std::move(entry));
}

Result<Ticket> FakeTicketRepository::insert_new(const NewTicketRequest& request) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::insert_new)) return *error;
  const Ticket& draft = request.ticket;
  TRY_VOID(check_new_ticket(request));
  if (const auto filed = m_intake_keys.find(request.intake_key);
      !request.intake_key.empty() && filed != m_intake_keys.end()) {
    return m_tickets[index_of(filed->second)];
  }
  const bool duplicate_token = std::any_of(m_tickets.begin(), m_tickets.end(), [&](const Ticket& t) {
    return t.tracking_token == draft.tracking_token;
  });
  if (duplicate_token) {
    return Error::make(ErrorCode::conflict, "UNIQUE constraint failed: tickets.tracking_token", "fake", 0);
  }
  // Like the store's transaction: the counter moves only once nothing else can fail.
  const std::string key = ticket_counter_key(request);
  const std::int64_t sequence = m_counters[key] + 1;
  m_counters[key] = sequence;

  Ticket ticket = draft;
  ticket.id = static_cast<std::int64_t>(m_tickets.size()) + 1;
  ticket.number = format_ticket_number({draft.site_code, draft.kiosk_id, request.local_date, sequence});
  ticket.revision = 1;
  ticket.check_code.clear();
  if (const auto station = check_code_station_of(request, /*desk_store=*/false)) {
    const std::string code_key = check_code_counter_key(request, *station);
    ticket.check_code = check_code_for(request, *station, ++m_counters[code_key]);
  }
  TicketEvent event = request.first_event;
  event.id = static_cast<std::int64_t>(m_events.size()) + 1;
  event.ticket_number = ticket.number;
  if (event.data_json.empty()) event.data_json = "{}";
  m_tickets.push_back(ticket);
  m_events.push_back(event);
  if (!request.intake_key.empty()) m_intake_keys[request.intake_key] = ticket.number;
  add_outbox(ticket.number, 0, event.at);
  add_outbox(ticket.number, event.id, event.at);
  return ticket;
}

Result<std::optional<Ticket>> FakeTicketRepository::find(const std::string& number) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::find)) return *error;
  const std::size_t index = index_of(number);
  if (index == m_tickets.size()) return std::optional<Ticket>();
  return std::optional<Ticket>(m_tickets[index]);
}

Result<std::vector<Ticket>> FakeTicketRepository::list(const TicketQuery& query) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::list)) return *error;
  if (query.month && !query.filed_from && !query.filed_to) {
    return Error::invalid("month", "error.month.invalid",
                          "the store cannot filter by month: convert it to filed_from/filed_to");
  }
  std::vector<Ticket> found;
  for (const Ticket& t : m_tickets) {
    if (query.status && t.status != *query.status) continue;
    if (query.overdue_at && !is_overdue(t, *query.overdue_at)) continue;
    if (query.filed_from && t.filed_at < *query.filed_from) continue;
    if (query.filed_to && !(t.filed_at < *query.filed_to)) continue;
    if (query.category && t.category != *query.category) continue;
    if (query.investigation && t.investigation != *query.investigation) continue;
    if (query.group_id && t.group_id != *query.group_id) continue;
    if (query.check_code && (t.check_code.empty() || t.check_code != *query.check_code)) continue;
    found.push_back(t);
  }
  std::stable_sort(found.begin(), found.end(), [](const Ticket& a, const Ticket& b) {
    return a.filed_at != b.filed_at ? a.filed_at < b.filed_at : a.id < b.id;
  });
  if (query.limit > 0 && found.size() > static_cast<std::size_t>(query.limit)) {
    found.resize(static_cast<std::size_t>(query.limit));
  }
  return found;
}

Result<std::vector<TicketEvent>> FakeTicketRepository::events(const std::string& number) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::events)) return *error;
  std::vector<TicketEvent> found;
  for (const TicketEvent& event : m_events) {
    if (event.ticket_number == number) found.push_back(event);
  }
  return found;
}

Result<std::vector<TicketEvent>> FakeTicketRepository::events_filed(Instant from, Instant to) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::events_filed)) return *error;
  std::map<std::string, bool> filed;  // number -> filed in [from, to)
  for (const Ticket& t : m_tickets) filed[t.number] = !(t.filed_at < from) && t.filed_at < to;
  std::vector<TicketEvent> found;
  for (const TicketEvent& event : m_events) {
    if (filed[event.ticket_number]) found.push_back(event);
  }
  // Grouped by number as the stores return them; each ticket's events keep their order.
  std::stable_sort(found.begin(), found.end(), [](const TicketEvent& a, const TicketEvent& b) {
    return a.ticket_number < b.ticket_number;
  });
  return found;
}

Result<std::vector<TicketHistory>> FakeTicketRepository::report_cohort(Instant from, Instant to) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::report_cohort)) return *error;
  // As the stores answer: the report's fields only (report_fields_of), so a report that reads
  // another field fails its tests here too.
  std::vector<const Ticket*> filed;
  for (const Ticket& t : m_tickets) {
    if (!(t.filed_at < from) && t.filed_at < to) filed.push_back(&t);
  }
  std::stable_sort(filed.begin(), filed.end(), [](const Ticket* a, const Ticket* b) {
    return a->filed_at != b->filed_at ? a->filed_at < b->filed_at : a->id < b->id;
  });
  CohortAssembler cohort;
  cohort.reserve(filed.size());
  for (const Ticket* t : filed) cohort.add_ticket(report_fields_of(*t));
  for (const TicketEvent& event : m_events) {
    if (auto* events = cohort.events_of(event.ticket_number)) events->push_back(report_fields_of(event));
  }
  return cohort.take();
}

Result<Ticket> FakeTicketRepository::apply(const Ticket& updated, const TicketEvent& event) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::apply)) return *error;
  const std::size_t index = index_of(updated.number);
  if (index == m_tickets.size()) {
    return unknown_ticket_error(updated.number);
  }
  Ticket& stored = m_tickets[index];
  if (stored.revision != updated.revision) {
    return stale_revision_error(updated.number, updated.revision, stored.revision);
  }
  const Ticket next = store_next(stored, updated, event);
  add_outbox(updated.number, m_events.back().id, m_events.back().at);
  return next;
}

Ticket FakeTicketRepository::store_next(Ticket& stored, const Ticket& next, const TicketEvent& event) {
  // Identity fields stay as first stored, as in the store's UPDATE.
  Ticket kept = next;
  kept.id = stored.id;
  kept.tracking_token = stored.tracking_token;
  kept.site_code = stored.site_code;
  kept.kiosk_id = stored.kiosk_id;
  kept.revision = stored.revision + 1;
  stored = kept;
  TicketEvent appended = event;
  appended.id = static_cast<std::int64_t>(m_events.size()) + 1;
  appended.ticket_number = next.number;
  if (appended.data_json.empty()) appended.data_json = "{}";
  m_events.push_back(appended);
  return kept;
}

bool FakeTicketRepository::store_anonymisation(const Anonymisation& item) {
  const std::size_t index = index_of(item.ticket.number);
  if (index == m_tickets.size() || m_tickets[index].revision != item.ticket.revision) return false;
  for (const TicketEvent& event : item.rewritten) {
    for (TicketEvent& kept : m_events) {
      if (kept.id != event.id || kept.ticket_number != item.ticket.number) continue;
      kept.note = event.note;
      kept.data_json = event.data_json;
    }
  }
  store_next(m_tickets[index], item.ticket, item.purge);
  return true;
}

Result<Ticket> FakeTicketRepository::anonymise(const Ticket& anonymised,
                                               const std::vector<TicketEvent>& rewritten,
                                               const TicketEvent& purge) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::anonymise)) return *error;
  const std::size_t index = index_of(anonymised.number);
  if (index == m_tickets.size()) return unknown_ticket_error(anonymised.number);
  if (m_tickets[index].revision != anonymised.revision) {
    return stale_revision_error(anonymised.number, anonymised.revision, m_tickets[index].revision);
  }
  store_anonymisation(Anonymisation{anonymised, rewritten, purge});
  return m_tickets[index];
}

Result<std::vector<bool>> FakeTicketRepository::anonymise_batch(const std::vector<Anonymisation>& batch) {
  std::lock_guard lock(m_mutex);
  // A scripted failure comes before any change, like a rolled-back transaction.
  if (auto error = m_faults.on_call(RepositoryOperation::anonymise_batch)) return *error;
  std::vector<bool> stored;
  for (const Anonymisation& item : batch) stored.push_back(store_anonymisation(item));
  return stored;
}

Result<void> FakeTicketRepository::purge_replaced_text() {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::purge_replaced_text)) return *error;
  return Ok{};
}

Result<std::vector<Ticket>> FakeTicketRepository::retention_page(Instant closed_before, std::int64_t after_id,
                                                                 int limit) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::retention_page)) return *error;
  std::vector<Ticket> found;
  for (const Ticket& t : m_tickets) {  // stored in id order
    if (t.id <= after_id || (t.status != Status::archived && t.status != Status::withdrawn)) continue;
    if (t.content == k_tombstone) continue;
    bool closed = t.withdrawn_at && !(closed_before < *t.withdrawn_at);
    for (const TicketEvent& e : m_events) {
      const bool closing = e.to == Status::archived || e.to == Status::withdrawn;
      if (e.ticket_number == t.number && closing && e.from != e.to && !(closed_before < e.at)) closed = true;
    }
    if (!closed) continue;
    found.push_back(t);
    if (static_cast<int>(found.size()) == limit) break;
  }
  return found;
}

Result<std::vector<TicketEvent>> FakeTicketRepository::events_of(const std::vector<std::string>& numbers) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::events_of)) return *error;
  const std::set<std::string> wanted(numbers.begin(), numbers.end());
  std::vector<TicketEvent> found;
  for (const TicketEvent& event : m_events) {
    if (wanted.contains(event.ticket_number)) found.push_back(event);
  }
  std::stable_sort(found.begin(), found.end(), [](const TicketEvent& a, const TicketEvent& b) {
    return a.ticket_number < b.ticket_number;
  });
  return found;
}

Result<std::optional<std::string>> FakeTicketRepository::latest_by_phone_category(const std::string& phone,
                                                                                  const std::string& category,
                                                                                  Instant since) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::latest_by_phone_category)) return *error;
  const Ticket* latest = nullptr;
  for (const Ticket& t : m_tickets) {
    if (t.phone != phone || t.category != category || t.filed_at < since) continue;
    if (latest == nullptr || !(t.filed_at < latest->filed_at)) latest = &t;
  }
  if (latest == nullptr) return std::optional<std::string>();
  return std::optional<std::string>(latest->number);
}

Result<std::vector<OutboxEntry>> FakeTicketRepository::outbox(int limit) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::outbox)) return *error;
  std::vector<OutboxEntry> entries = m_outbox;
  if (limit > 0 && entries.size() > static_cast<std::size_t>(limit))
    entries.resize(static_cast<std::size_t>(limit));
  return entries;
}

Result<std::int64_t> FakeTicketRepository::count_unsent() {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::count_unsent)) return *error;
  return static_cast<std::int64_t>(m_outbox.size());  // nothing is ever sent from the fake
}

Result<std::int64_t> FakeTicketRepository::count_tickets() {
  std::lock_guard lock(m_mutex);
  if (auto error = m_faults.on_call(RepositoryOperation::count_tickets)) return *error;
  return static_cast<std::int64_t>(m_tickets.size());
}

}  // namespace complaint
