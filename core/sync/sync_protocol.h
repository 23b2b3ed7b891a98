// The kiosk -> desk sync protocol (docs/SYNC.md) as plain data and its JSON text, shared
// by both ends. Invariant: *_from_json accepts exactly what *_to_json writes (plus unknown
// keys, for forward compatibility) and reports the first field at fault otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/domain/help_request.h"
#include "core/domain/ticket.h"

namespace complaint {

inline constexpr const char* kSyncPath = "/api/v1/sync";
inline constexpr int kSyncProtocolVersion = 1;
// The error key of a desk whose sync lane is full (503 with Retry-After, docs/SYNC.md §7):
// the desk is up and stored nothing; the kiosk comes back when it said, not on its backoff.
inline constexpr const char* kDeskBusyKey = "desk.error.busy";

enum class SyncItemKind { ticket, event };
const char* to_string(SyncItemKind kind);

// One outbox row. (kiosk_id, outbox_id) is the desk's idempotency key: outbox ids are
// AUTOINCREMENT on the kiosk, never reused.
struct SyncItem {
  std::int64_t outbox_id = 0;
  SyncItemKind kind = SyncItemKind::ticket;
  std::string ticket_number;         // its snapshot is in SyncBatch::tickets
  std::optional<TicketEvent> event;  // kind event only; event.id is the kiosk's event id
};

// What a kiosk sends: its outbox rows in id order, the current snapshot of every ticket
// they mention (once each), and the cursor of the desk changes it has already applied.
struct SyncBatch {
  int version = kSyncProtocolVersion;
  std::string kiosk_id;
  std::int64_t cursor = 0;
  std::vector<Ticket> tickets;
  std::vector<SyncItem> items;
  // The version of the holiday calendar the kiosk counts with ("" for its shipped data):
  // the desk sends its calendar when its own differs. Optional on the wire.
  std::string calendar_version = {};
  // The kiosk's unsent help requests ("Call staff"), in id order. Optional on the wire: a desk
  // from before ignores them and never acknowledges them, so the kiosk keeps them.
  std::vector<HelpRequest> help_requests = {};
};

// A desk-side event the kiosk has not seen; desk_id orders them and is the kiosk's
// idempotency key for storing them.
struct RemoteEvent {
  std::int64_t desk_id = 0;
  TicketEvent event;
};

// A ticket of this kiosk that changed at the desk: its current state and the new events.
struct StatusUpdate {
  Ticket ticket;
  std::vector<RemoteEvent> events;
};

// An outbox row the desk will never store (docs/DOMAIN.md §8): final, for the kiosk to record
// and move past. `reason` carries code, field, catalog key and an English message.
struct ItemRefusal {
  std::int64_t outbox_id = 0;
  std::string ticket_number;  // as the kiosk sent it
  Error reason;
};

// The desk's answer: the outbox ids it now holds (stored by this or an earlier request), the
// ones it refused (never in `acknowledged`; a desk before refusals sends none), desk changes
// after the kiosk's cursor, the cursor to send next, and whether more wait.
struct SyncAnswer {
  std::vector<std::int64_t> acknowledged;
  std::vector<ItemRefusal> refused;
  std::vector<StatusUpdate> updates;
  std::int64_t cursor = 0;
  bool more = false;
  // The organisation's calendar version, in every answer from a desk that has one; the
  // calendar itself (the canonical JSON of core/calendar/holiday_files.h, validated on
  // reading) only when the batch's version differed.
  std::string calendar_version = {};
  std::optional<std::string> calendar = {};
  // The kiosk ids of the batch's help requests the desk now holds (all of them, new or held).
  std::vector<std::int64_t> help_acknowledged = {};
};

std::string batch_to_json(const SyncBatch& batch);
Result<SyncBatch> batch_from_json(std::string_view text);
std::string answer_to_json(const SyncAnswer& answer);
Result<SyncAnswer> answer_from_json(std::string_view text);

// The error body of every 4xx/5xx: {"error", "code", "field", "key"} (the Error model).
std::string error_to_json(const Error& error);
// Reads such a body back; a body that is not one becomes an io error naming the status.
Error error_from_json(std::string_view text, int http_status);

}  // namespace complaint
