// FakeDeskSyncPort; see fake_desk_sync_port.h.
#include "core/sync/fake_desk_sync_port.h"

#include <algorithm>

#include "core/domain/ticket_fields.h"
#include "core/store/ticket_repository.h"

namespace complaint {

#define COMPLAINT_FAKE_STEP(step) \
  if (auto error = m_script.on_call(DeskSyncStep::step)) return *error

std::int64_t FakeDeskSyncPort::add_desk_event(TicketEvent event) {
  event.id = static_cast<std::int64_t>(m_events.size()) + 1;
  m_events.push_back(std::move(event));
  return m_events.back().id;
}

std::optional<Ticket> FakeDeskSyncPort::ticket(const std::string& number) const {
  const auto found = m_tickets.find(number);
  return found == m_tickets.end() ? std::nullopt : std::optional<Ticket>(found->second);
}

std::optional<Instant> FakeDeskSyncPort::last_sync(const std::string& kiosk_id) const {
  const auto found = m_synced_at.find(kiosk_id);
  return found == m_synced_at.end() ? std::nullopt : std::optional<Instant>(found->second);
}

bool FakeDeskSyncPort::from_kiosk(std::int64_t event_id) const {
  for (const auto& [key, desk_event] : m_items) {
    if (desk_event == event_id) return true;
  }
  return false;
}

Result<std::set<std::int64_t>> FakeDeskSyncPort::held_items(const std::string& kiosk_id,
                                                            const std::vector<std::int64_t>& outbox_ids) {
  COMPLAINT_FAKE_STEP(held_items);
  std::set<std::int64_t> held;
  for (const std::int64_t outbox_id : outbox_ids) {
    if (m_items.count({kiosk_id, outbox_id}) > 0) held.insert(outbox_id);
  }
  return held;
}

Result<std::map<std::string, Ticket>> FakeDeskSyncPort::find_tickets(
    const std::vector<std::string>& numbers) {
  COMPLAINT_FAKE_STEP(find_tickets);
  std::map<std::string, Ticket> found;
  for (const std::string& number : numbers) {
    if (auto held = ticket(number)) found[number] = std::move(*held);
  }
  return found;
}

Result<std::string> FakeDeskSyncPort::kiosk_site(const std::string& kiosk_id) {
  COMPLAINT_FAKE_STEP(kiosk_site);
  // The lowest outbox id first, as the stores read it.
  for (const auto& [key, number] : m_item_tickets) {
    if (key.first == kiosk_id) return ticket(number).value_or(Ticket{}).site_code;
  }
  return std::string();
}

Result<std::string> FakeDeskSyncPort::claim_check_code_station(const std::string& site_code, int station,
                                                               const std::string& kiosk_id) {
  COMPLAINT_FAKE_STEP(claim_check_code_station);
  return m_check_code_stations.try_emplace(std::pair<std::string, int>{site_code, station}, kiosk_id)
      .first->second;
}

Result<std::set<std::string>> FakeDeskSyncPort::desk_changed(const std::vector<std::string>& numbers) {
  COMPLAINT_FAKE_STEP(desk_changed);
  std::set<std::string> changed;
  for (const TicketEvent& event : m_events) {
    if (std::find(numbers.begin(), numbers.end(), event.ticket_number) != numbers.end() &&
        !from_kiosk(event.id)) {
      changed.insert(event.ticket_number);
    }
  }
  return changed;
}

Result<void> FakeDeskSyncPort::insert_notices(const std::vector<Notice>& notices) {
  COMPLAINT_FAKE_STEP(insert_notices);
  for (const Notice& notice : notices) m_notices.try_emplace(notice.key, notice);
  return Ok{};
}

Result<void> FakeDeskSyncPort::insert_tickets(const std::vector<Ticket>& tickets) {
  COMPLAINT_FAKE_STEP(insert_tickets);
  for (const Ticket& ticket : tickets) {
    if (m_tickets.count(ticket.number) > 0) {
      return Error::make(ErrorCode::conflict, "UNIQUE constraint failed: tickets.number", "fake", 0);
    }
    Ticket stored = ticket;
    stored.id = static_cast<std::int64_t>(m_tickets.size()) + 1;
    m_tickets[ticket.number] = std::move(stored);
  }
  return Ok{};
}

Result<void> FakeDeskSyncPort::update_ticket(const Ticket& ticket, std::int64_t revision) {
  COMPLAINT_FAKE_STEP(update_ticket);
  const auto found = m_tickets.find(ticket.number);
  if (found == m_tickets.end()) return unknown_ticket_error(ticket.number);
  Ticket& stored = found->second;
  if (stored.revision != revision) return stale_revision_error(ticket.number, revision, stored.revision);
  // The stores' UPDATE leaves the identity columns alone: the same table decides here.
  Ticket updated = ticket;
  for (const TicketField& field : ticket_fields()) {
    if (field.identity) field.set(updated, field.get(stored));
  }
  updated.id = stored.id;
  updated.revision = stored.revision + 1;
  stored = std::move(updated);
  return Ok{};
}

Result<std::vector<std::int64_t>> FakeDeskSyncPort::insert_kiosk_events(
    const std::vector<TicketEvent>& events) {
  COMPLAINT_FAKE_STEP(insert_kiosk_events);
  std::vector<std::int64_t> ids;
  for (const TicketEvent& event : events) ids.push_back(add_desk_event(event));
  return ids;
}

Result<void> FakeDeskSyncPort::record_items(const std::string& kiosk_id,
                                            const std::vector<RecordedItem>& items, Instant) {
  COMPLAINT_FAKE_STEP(record_items);
  for (const RecordedItem& row : items) {
    const auto [slot, added] = m_items.try_emplace({kiosk_id, row.item->outbox_id}, row.desk_event_id);
    if (!added) return Error::make(ErrorCode::conflict, "UNIQUE constraint failed: synced_items", "fake", 0);
    m_item_tickets[{kiosk_id, row.item->outbox_id}] = row.item->ticket_number;
  }
  return Ok{};
}

Result<void> FakeDeskSyncPort::insert_help_requests(const std::string& kiosk_id,
                                                    const std::vector<HelpRequest>& requests, Instant) {
  COMPLAINT_FAKE_STEP(insert_help_requests);
  for (const HelpRequest& request : requests) m_help.emplace(std::make_pair(kiosk_id, request.id), request);
  return Ok{};
}

Result<void> FakeDeskSyncPort::mark_kiosk_synced(const std::string& kiosk_id, Instant at) {
  COMPLAINT_FAKE_STEP(mark_kiosk_synced);
  m_synced_at[kiosk_id] = at;
  return Ok{};
}

Result<std::vector<TicketEvent>> FakeDeskSyncPort::desk_events_after(const std::string& kiosk_id,
                                                                     std::int64_t cursor, int limit) {
  COMPLAINT_FAKE_STEP(desk_events_after);
  std::vector<TicketEvent> found;
  for (const TicketEvent& event : m_events) {
    if (static_cast<int>(found.size()) == limit) break;
    const auto owner = m_tickets.find(event.ticket_number);
    if (event.id > cursor && owner != m_tickets.end() && owner->second.kiosk_id == kiosk_id &&
        !from_kiosk(event.id)) {
      found.push_back(event);
    }
  }
  return found;
}

Result<std::int64_t> FakeDeskSyncPort::feed_horizon() {
  COMPLAINT_FAKE_STEP(feed_horizon);
  return static_cast<std::int64_t>(m_events.size());
}

Result<void> FakeDeskSyncPort::lock_categories(const std::set<std::string>&) {
  return Ok{};  // one caller at a time
}

Result<GroupCount> FakeDeskSyncPort::count_candidates(const std::string& category, Instant since) {
  GroupCount count;
  for (const auto& [number, ticket] : m_tickets) {
    if (ticket.category != category || ticket.filed_at < since || ticket.kind != "complaint" ||
        !is_open(ticket.status))
      continue;
    count.with_contact += !ticket.phone.empty() || !ticket.customer_email.empty();
    count.linked += !ticket.group_id.empty();
  }
  return count;
}

Result<std::vector<Ticket>> FakeDeskSyncPort::group_candidates(const std::string& category, Instant since) {
  COMPLAINT_FAKE_STEP(group_candidates);
  std::vector<Ticket> found;
  for (const auto& [number, ticket] : m_tickets) {
    if (ticket.category == category && ticket.filed_at >= since && ticket.kind == "complaint" &&
        is_open(ticket.status))
      found.push_back(ticket);
  }
  std::sort(found.begin(), found.end(), [](const Ticket& a, const Ticket& b) {
    return a.filed_at != b.filed_at ? a.filed_at < b.filed_at : a.number < b.number;
  });
  return found;
}

Result<void> FakeDeskSyncPort::store_group_link(const Ticket& ticket, const TicketEvent& event) {
  COMPLAINT_FAKE_STEP(store_group_link);
  const auto found = m_tickets.find(ticket.number);
  if (found == m_tickets.end()) return unknown_ticket_error(ticket.number);
  if (found->second.revision != ticket.revision)
    return stale_revision_error(ticket.number, ticket.revision, found->second.revision);
  found->second.group = ticket.group;
  found->second.group_id = ticket.group_id;
  ++found->second.revision;
  add_desk_event(event);
  return Ok{};
}

Result<void> FakeDeskSyncPort::add_notice(const Notice& notice) {
  m_notices.try_emplace(notice.key, notice);
  return Ok{};
}

#undef COMPLAINT_FAKE_STEP

}  // namespace complaint
