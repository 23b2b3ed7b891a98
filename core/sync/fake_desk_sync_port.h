// FakeDeskSyncPort: an in-memory DeskSyncPort (tickets, an append-only event trail with
// each event marked as sent by a kiosk or made at the desk, synced_items, kiosks' last
// sync) so the sync rules of core/sync/desk_sync_batch.h can be tested without a database.
// Steps fail on a FaultScript. It has no transaction: what a step wrote before a failure
// stays, where the real stores roll back (their own tests cover that).
#pragma once

#include <map>
#include <set>
#include <utility>
#include <vector>

#include "core/base/fault_script.h"
#include "core/sync/desk_sync_batch.h"

namespace complaint {

enum class DeskSyncStep {
  held_items,
  find_tickets,
  kiosk_site,
  desk_changed,
  insert_tickets,
  insert_notices,
  update_ticket,
  insert_kiosk_events,
  record_items,
  mark_kiosk_synced,
  insert_help_requests,
  desk_events_after,
  feed_horizon,
  group_candidates,
  store_group_link,
  claim_check_code_station,
};

class FakeDeskSyncPort final : public DeskSyncPort, public GroupComplaintPort {
 public:
  FaultScript<DeskSyncStep>& script() { return m_script; }

  // Set-up: a staff action at the desk (an event no kiosk sent); its desk id.
  std::int64_t add_desk_event(TicketEvent event);
  // Inspection.
  std::optional<Ticket> ticket(const std::string& number) const;
  const std::vector<TicketEvent>& events() const { return m_events; }
  std::size_t items() const { return m_items.size(); }
  const std::map<std::string, Notice>& notices() const { return m_notices; }  // by key
  // Help requests held, by (kiosk, the kiosk's id).
  const std::map<std::pair<std::string, std::int64_t>, HelpRequest>& help_requests() const { return m_help; }
  std::optional<Instant> last_sync(const std::string& kiosk_id) const;

  Result<std::set<std::int64_t>> held_items(const std::string& kiosk_id,
                                            const std::vector<std::int64_t>& outbox_ids) override;
  Result<std::map<std::string, Ticket>> find_tickets(const std::vector<std::string>& numbers) override;
  Result<std::string> kiosk_site(const std::string& kiosk_id) override;
  Result<std::string> claim_check_code_station(const std::string& site_code, int station,
                                               const std::string& kiosk_id) override;
  Result<std::set<std::string>> desk_changed(const std::vector<std::string>& numbers) override;
  Result<void> insert_tickets(const std::vector<Ticket>& tickets) override;
  Result<void> insert_notices(const std::vector<Notice>& notices) override;
  Result<void> update_ticket(const Ticket& ticket, std::int64_t revision) override;
  Result<std::vector<std::int64_t>> insert_kiosk_events(const std::vector<TicketEvent>& events) override;
  Result<void> record_items(const std::string& kiosk_id, const std::vector<RecordedItem>& items,
                            Instant at) override;
  Result<void> mark_kiosk_synced(const std::string& kiosk_id, Instant at) override;
  Result<void> insert_help_requests(const std::string& kiosk_id, const std::vector<HelpRequest>& requests,
                                    Instant at) override;
  Result<std::vector<TicketEvent>> desk_events_after(const std::string& kiosk_id, std::int64_t cursor,
                                                     int limit) override;
  Result<std::int64_t> feed_horizon() override;
  GroupComplaintPort& groups() override { return *this; }
  Result<void> lock_categories(const std::set<std::string>& categories) override;
  Result<GroupCount> count_candidates(const std::string& category, Instant since) override;
  Result<std::vector<Ticket>> group_candidates(const std::string& category, Instant since) override;
  Result<void> store_group_link(const Ticket& ticket, const TicketEvent& event) override;
  Result<void> add_notice(const Notice& notice) override;

 private:
  bool from_kiosk(std::int64_t event_id) const;

  FaultScript<DeskSyncStep> m_script;
  std::map<std::string, Ticket> m_tickets;
  std::vector<TicketEvent> m_events;  // event id = position + 1
  std::map<std::pair<std::string, std::int64_t>, std::optional<std::int64_t>> m_items;  // -> desk event
  std::map<std::pair<std::string, std::int64_t>, std::string> m_item_tickets;           // -> number
  std::map<std::string, Instant> m_synced_at;
  std::map<std::string, Notice> m_notices;
  std::map<std::pair<std::string, std::int64_t>, HelpRequest> m_help;
  std::map<std::pair<std::string, int>, std::string> m_check_code_stations;  // -> kiosk
};

}  // namespace complaint
