// JSON text of the sync protocol; see sync_protocol.h and docs/SYNC.md. The shape is strict
// (every field typed and present, items consistent with their tickets) because a bad row
// must fail here, not in SQL; what the values may be is synced_item_rules.h's, per item.
#include "core/sync/sync_protocol.h"

#include <nlohmann/json.hpp>
#include <set>

#include "core/calendar/holiday_files.h"
#include "core/domain/ticket_number.h"
#include "core/sync/sync_wire.h"

namespace complaint {

using nlohmann::json;
using sync_wire::schema_error;
using sync_wire::WireObject;

const char* to_string(SyncItemKind kind) {
  return kind == SyncItemKind::ticket ? "ticket" : "event";
}

namespace {

std::string dump(const json& value) {
  // replace: a stray invalid UTF-8 byte must not throw out of the protocol layer.
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<json> parse_object(std::string_view text) {
  json value = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return schema_error("body", "is not valid JSON (or not UTF-8)");
  if (!value.is_object()) return schema_error("body", "must be a JSON object");
  return value;
}

Result<SyncItem> item_from_wire(const json& value, const std::string& where) {
  TRY_ASSIGN(const WireObject in, WireObject::of(value, where));
  SyncItem item;
  TRY_ASSIGN(item.outbox_id, in.integer("outbox_id"));
  if (item.outbox_id <= 0) return schema_error(in.path("outbox_id"), "must be positive");
  TRY_ASSIGN(const std::string kind, in.text("kind"));
  TRY_ASSIGN(item.ticket_number, in.text("ticket"));
  if (kind == "ticket") {
    item.kind = SyncItemKind::ticket;
  } else if (kind == "event") {
    item.kind = SyncItemKind::event;
    const auto event = value.find("event");
    if (event == value.end()) return schema_error(in.path("event"), "is missing");
    TRY_ASSIGN(TicketEvent parsed, sync_wire::event_from_wire(*event, in.path("event")));
    if (parsed.ticket_number != item.ticket_number) {
      return schema_error(in.path("event.ticket_number"), "differs from the item's ticket");
    }
    item.event = std::move(parsed);
  } else {
    return schema_error(in.path("kind"), "must be \"ticket\" or \"event\"");
  }
  return item;
}

// One help request; its values are checked here (check_help_request): the kiosk writes only
// good ones, and one the desk could not store must not wait in a queue behind tickets.
Result<HelpRequest> help_request_from_wire(const json& value, const std::string& where) {
  TRY_ASSIGN(const WireObject in, WireObject::of(value, where));
  HelpRequest request;
  TRY_ASSIGN(request.id, in.integer("id"));
  TRY_ASSIGN(request.screen, in.text("screen"));
  TRY_ASSIGN(request.language, in.text("language"));
  TRY_ASSIGN(request.requested_at, in.instant("at"));
  if (auto checked = check_help_request(request); !checked.ok())
    return schema_error(where + "." + checked.error().field.substr(checked.error().field.find('.') + 1),
                        checked.error().message);
  return request;
}

Result<ItemRefusal> refusal_from_wire(const json& value, const std::string& where) {
  TRY_ASSIGN(const WireObject in, WireObject::of(value, where));
  ItemRefusal refusal;
  TRY_ASSIGN(refusal.outbox_id, in.integer("outbox_id"));
  TRY_ASSIGN(refusal.ticket_number, in.text("ticket"));
  TRY_ASSIGN(const std::string code, in.text("code"));
  TRY_ASSIGN(refusal.reason.message, in.text("error"));
  TRY_ASSIGN(refusal.reason.field, in.text("field"));
  TRY_ASSIGN(refusal.reason.key, in.text("key"));
  refusal.reason.code = error_code_from_string(code).value_or(ErrorCode::invalid_input);
  return refusal;
}

// The batch's shape: every item's ticket is in the batch once, and outbox ids strictly
// increase (the kiosk sends its outbox in order). What a ticket or event holds is checked item
// by item where the desk stores them (synced_item_rules.h), so one bad item is refused alone.
Result<void> check_batch(const SyncBatch& batch) {
  if (!is_valid_station_code(batch.kiosk_id)) return schema_error("kiosk_id", "is not a station code");
  std::set<std::string> numbers;
  for (std::size_t i = 0; i < batch.tickets.size(); ++i) {
    const std::string where = "tickets[" + std::to_string(i) + "]";
    if (!numbers.insert(batch.tickets[i].number).second)
      return schema_error(where + ".number", "appears twice");
  }
  std::int64_t previous = 0;
  for (std::size_t i = 0; i < batch.items.size(); ++i) {
    const SyncItem& item = batch.items[i];
    const std::string where = "items[" + std::to_string(i) + "]";
    if (item.outbox_id <= previous) return schema_error(where + ".outbox_id", "must increase");
    previous = item.outbox_id;
    if (numbers.count(item.ticket_number) == 0) return schema_error(where + ".ticket", "is not in tickets");
  }
  return Ok{};
}

}  // namespace

std::string batch_to_json(const SyncBatch& batch) {
  json tickets = json::array();
  for (const Ticket& ticket : batch.tickets) tickets.push_back(sync_wire::ticket_to_wire(ticket));
  json items = json::array();
  for (const SyncItem& item : batch.items) {
    json wire{{"outbox_id", item.outbox_id}, {"kind", to_string(item.kind)}, {"ticket", item.ticket_number}};
    if (item.event) wire["event"] = sync_wire::event_to_wire(*item.event);
    items.push_back(std::move(wire));
  }
  json out{{"version", batch.version},
           {"kiosk_id", batch.kiosk_id},
           {"cursor", batch.cursor},
           {"tickets", std::move(tickets)},
           {"items", std::move(items)}};
  // Absent until the kiosk has a calendar from the desk; the desk then sends its own.
  if (!batch.calendar_version.empty()) out["calendar_version"] = batch.calendar_version;
  if (!batch.help_requests.empty()) {
    json help = json::array();
    for (const HelpRequest& request : batch.help_requests) {
      help.push_back(json{{"id", request.id},
                          {"screen", request.screen},
                          {"language", request.language},
                          {"at", request.requested_at.time_since_epoch().count()}});
    }
    out["help_requests"] = std::move(help);
  }
  return dump(out);
}

Result<SyncBatch> batch_from_json(std::string_view text) {
  TRY_ASSIGN(const json value, parse_object(text));
  TRY_ASSIGN(const WireObject in, WireObject::of(value, ""));
  SyncBatch batch;
  TRY_ASSIGN(const std::int64_t version, in.integer("version"));
  if (version != kSyncProtocolVersion) return schema_error("version", "is not a supported protocol version");
  TRY_ASSIGN(batch.kiosk_id, in.text("kiosk_id"));
  TRY_ASSIGN(batch.cursor, in.integer("cursor"));
  if (batch.cursor < 0) return schema_error("cursor", "must not be negative");
  TRY_ASSIGN(const json* tickets, in.array("tickets"));
  for (std::size_t i = 0; i < tickets->size(); ++i) {
    TRY_ASSIGN(Ticket ticket,
               sync_wire::ticket_from_wire((*tickets)[i], "tickets[" + std::to_string(i) + "]"));
    batch.tickets.push_back(std::move(ticket));
  }
  // Optional: a kiosk from before the shared calendar does not send it.
  if (value.contains("calendar_version")) {
    TRY_ASSIGN(batch.calendar_version, in.text("calendar_version"));
  }
  TRY_ASSIGN(const json* items, in.array("items"));
  for (std::size_t i = 0; i < items->size(); ++i) {
    TRY_ASSIGN(SyncItem item, item_from_wire((*items)[i], "items[" + std::to_string(i) + "]"));
    batch.items.push_back(std::move(item));
  }
  // Optional: a kiosk from before "Call staff" sends none.
  if (value.contains("help_requests")) {
    TRY_ASSIGN(const json* help, in.array("help_requests"));
    std::int64_t previous = 0;
    for (std::size_t i = 0; i < help->size(); ++i) {
      TRY_ASSIGN(HelpRequest request,
                 help_request_from_wire((*help)[i], "help_requests[" + std::to_string(i) + "]"));
      if (request.id <= previous)
        return schema_error("help_requests[" + std::to_string(i) + "].id", "must be strictly increasing");
      previous = request.id;
      batch.help_requests.push_back(std::move(request));
    }
  }
  TRY_VOID(check_batch(batch));
  return batch;
}

std::string answer_to_json(const SyncAnswer& answer) {
  json updates = json::array();
  for (const StatusUpdate& update : answer.updates) {
    json events = json::array();
    for (const RemoteEvent& remote : update.events) {
      events.push_back(json{{"desk_id", remote.desk_id}, {"event", sync_wire::event_to_wire(remote.event)}});
    }
    updates.push_back(
        json{{"ticket", sync_wire::ticket_to_wire(update.ticket)}, {"events", std::move(events)}});
  }
  json refused = json::array();
  for (const ItemRefusal& refusal : answer.refused) {
    refused.push_back(json{{"outbox_id", refusal.outbox_id},
                           {"ticket", refusal.ticket_number},
                           {"error", refusal.reason.message},
                           {"code", to_string(refusal.reason.code)},
                           {"field", refusal.reason.field},
                           {"key", refusal.reason.key}});
  }
  json out{{"version", kSyncProtocolVersion}, {"acknowledged", answer.acknowledged},
           {"refused", std::move(refused)},   {"updates", std::move(updates)},
           {"cursor", answer.cursor},         {"more", answer.more}};
  if (!answer.calendar_version.empty()) out["calendar_version"] = answer.calendar_version;
  if (!answer.help_acknowledged.empty()) out["help_acknowledged"] = answer.help_acknowledged;
  if (answer.calendar) {
    // The desk wrote it from validated data; an unreadable one would be a desk bug, and is
    // then left out rather than breaking every kiosk's sync.
    json calendar = json::parse(*answer.calendar, nullptr, false);
    if (!calendar.is_discarded()) out["calendar"] = std::move(calendar);
  }
  return dump(out);
}

Result<SyncAnswer> answer_from_json(std::string_view text) {
  TRY_ASSIGN(const json value, parse_object(text));
  TRY_ASSIGN(const WireObject in, WireObject::of(value, ""));
  SyncAnswer answer;
  TRY_ASSIGN(answer.cursor, in.integer("cursor"));
  TRY_ASSIGN(answer.more, in.boolean("more"));
  TRY_ASSIGN(const json* acknowledged, in.array("acknowledged"));
  for (const json& id : *acknowledged) {
    if (!id.is_number_integer()) return schema_error("acknowledged", "must hold integers");
    answer.acknowledged.push_back(id.get<std::int64_t>());
  }
  // Optional: a desk from before item refusals does not send it.
  if (value.contains("refused")) {
    TRY_ASSIGN(const json* refused, in.array("refused"));
    for (std::size_t i = 0; i < refused->size(); ++i) {
      TRY_ASSIGN(ItemRefusal refusal, refusal_from_wire((*refused)[i], "refused[" + std::to_string(i) + "]"));
      answer.refused.push_back(std::move(refusal));
    }
  }
  TRY_ASSIGN(const json* updates, in.array("updates"));
  for (std::size_t i = 0; i < updates->size(); ++i) {
    const std::string where = "updates[" + std::to_string(i) + "]";
    TRY_ASSIGN(const WireObject update_in, WireObject::of((*updates)[i], where));
    StatusUpdate update;
    const auto ticket = (*updates)[i].find("ticket");
    if (ticket == (*updates)[i].end()) return schema_error(where + ".ticket", "is missing");
    TRY_ASSIGN(update.ticket, sync_wire::ticket_from_wire(*ticket, where + ".ticket"));
    TRY_ASSIGN(const json* events, update_in.array("events"));
    for (std::size_t j = 0; j < events->size(); ++j) {
      const std::string event_where = where + ".events[" + std::to_string(j) + "]";
      TRY_ASSIGN(const WireObject event_in, WireObject::of((*events)[j], event_where));
      RemoteEvent remote;
      TRY_ASSIGN(remote.desk_id, event_in.integer("desk_id"));
      const auto event = (*events)[j].find("event");
      if (event == (*events)[j].end()) return schema_error(event_where + ".event", "is missing");
      TRY_ASSIGN(remote.event, sync_wire::event_from_wire(*event, event_where + ".event"));
      update.events.push_back(std::move(remote));
    }
    answer.updates.push_back(std::move(update));
  }
  // Optional: a desk from before the shared calendar sends neither.
  if (value.contains("calendar_version")) {
    TRY_ASSIGN(answer.calendar_version, in.text("calendar_version"));
  }
  // Optional: a desk from before "Call staff" acknowledges no help request.
  if (value.contains("help_acknowledged")) {
    TRY_ASSIGN(const json* help, in.array("help_acknowledged"));
    for (const json& id : *help) {
      if (!id.is_number_integer()) return schema_error("help_acknowledged", "must hold integers");
      answer.help_acknowledged.push_back(id.get<std::int64_t>());
    }
  }
  if (value.contains("calendar")) {
    auto calendar = parse_holiday_json(value["calendar"].dump());
    if (!calendar.ok()) return schema_error("calendar", calendar.error().message);
    answer.calendar = holiday_data_json(*calendar);
  }
  return answer;
}

std::string error_to_json(const Error& error) {
  return dump(json{
      {"error", error.message}, {"code", to_string(error.code)}, {"field", error.field}, {"key", error.key}});
}

Error error_from_json(std::string_view text, int http_status) {
  const json value = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  Error error = Error::make(ErrorCode::io, "the desk answered HTTP " + std::to_string(http_status), "sync",
                            http_status);
  error.key = "desk.error.http";
  if (!value.is_object() || !value.contains("error") || !value["error"].is_string()) return error;
  error.message += ": " + value["error"].get<std::string>();
  if (value.contains("field") && value["field"].is_string()) error.field = value["field"].get<std::string>();
  if (value.contains("key") && value["key"].is_string() && !value["key"].get<std::string>().empty()) {
    error.key = value["key"].get<std::string>();
  }
  return error;
}

}  // namespace complaint
