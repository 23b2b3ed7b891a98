// Test support: a ticket and its "file" event exactly as a kiosk's filing leaves them (the
// canonical number, a real tracking token's shape, state filed, nothing handled), for the
// synced-item rules and store_sync_batch tests to start from and break one rule at a time.
#pragma once

#include <string>

#include "core/domain/ticket.h"
#include "core/domain/ticket_number.h"
#include "core/sync/sync_protocol.h"

namespace complaint::testing {

inline const Instant kSyncNow = Instant{std::chrono::seconds{1795400000}};

inline Ticket kiosk_ticket(int sequence, const std::string& kiosk_id = "K1",
                           const std::string& site = "WH01") {
  Ticket t;
  t.number = format_ticket_number({site, kiosk_id, "20261115", sequence});
  t.tracking_token = "ABCDEFGHIJKLMNOPQRSTUVW" + std::string(1, static_cast<char>('A' + sequence % 26));
  t.kind = "complaint";
  t.channel = "kiosk";
  t.category = "service_quality";
  t.content = "排队一小时\n窗口只开一个";
  t.desired_outcome = "多开窗口";
  t.customer_name = "张三";
  t.phone = "13800138000";
  t.address = "3栋2单元";
  t.site_code = site;
  t.kiosk_id = kiosk_id;
  t.filed_at = kSyncNow - std::chrono::minutes(5);
  t.recorded_at = t.filed_at;
  t.recorded_by = "kiosk";
  t.major_reasons = {"word:媒体"};
  t.deadlines.forward_by = kSyncNow + std::chrono::hours(24);
  t.revision = 7;  // the kiosk's own count: the desk numbers its revisions itself
  return t;
}

inline TicketEvent file_event_of(const Ticket& ticket) {
  TicketEvent e;
  e.id = 3;
  e.ticket_number = ticket.number;
  e.at = ticket.recorded_at;
  e.actor = ticket.recorded_by;
  e.role = "kiosk";
  e.action = "file";
  e.data_json = R"({"channel":"kiosk","major":false,"major_reasons":["word:媒体"]})";
  return e;
}

inline SyncItem ticket_item(std::int64_t outbox_id, const Ticket& ticket) {
  return SyncItem{outbox_id, SyncItemKind::ticket, ticket.number, std::nullopt};
}

inline SyncItem event_item(std::int64_t outbox_id, const Ticket& ticket, TicketEvent event) {
  event.ticket_number = ticket.number;
  return SyncItem{outbox_id, SyncItemKind::event, ticket.number, std::move(event)};
}

inline SyncItem file_item(std::int64_t outbox_id, const Ticket& ticket) {
  return event_item(outbox_id, ticket, file_event_of(ticket));
}

}  // namespace complaint::testing
