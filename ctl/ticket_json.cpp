// Ticket/event -> complaintctl JSON text (see header). Absent optional values are left out.
#include "ctl/ticket_json.h"

#include <nlohmann/json.hpp>
#include <variant>

#include "core/domain/ticket_fields.h"

namespace complaint {
namespace {

using nlohmann::json;

void put_instant(json& out, const char* key, const std::optional<Instant>& at, const TimeZone& zone) {
  if (at) out[key] = zone.format_iso8601(*at);
}

json deadlines_json(const Deadlines& d, const TimeZone& zone) {
  json out = json::object();
  put_instant(out, "forward_by", d.forward_by, zone);
  put_instant(out, "contact_by", d.contact_by, zone);
  put_instant(out, "resolve_by", d.resolve_by, zone);
  put_instant(out, "answer_by", d.answer_by, zone);
  put_instant(out, "callback_not_before", d.callback_not_before, zone);
  put_instant(out, "callback_by", d.callback_by, zone);
  return out;
}

json summary_json(const Ticket& t, const TimeZone& zone) {
  return json{{"number", t.number},
              {"kind", t.kind},
              {"channel", t.channel},
              {"category", t.category},
              {"status", to_string(t.status)},
              {"severity", to_string(t.severity)},
              {"major", t.major},
              {"repeat_of", t.repeat_of},
              {"group", t.group},
              {"anonymous", t.anonymous},
              {"filed_at", zone.format_iso8601(t.filed_at)},
              {"deadlines", deadlines_json(t.deadlines, zone)}};
}

}  // namespace

std::string deadlines_to_json(const Deadlines& deadlines, const TimeZone& zone) {
  return deadlines_json(deadlines, zone).dump();
}

std::string ticket_to_json(const Ticket& t, const TimeZone& zone, TicketView view) {
  json out = summary_json(t, zone);
  if (view == TicketView::summary) return out.dump();
  for (const TicketField& field : ticket_fields()) {
    // `file` takes the customer's name as "name"; show answers in the same words.
    const char* key = std::string_view(field.column) == "customer_name" ? "name" : field.key;
    const FieldValue value = field.get(t);
    if (std::holds_alternative<std::monostate>(value)) continue;  // absent: left out
    json& slot = field.group != nullptr ? out[field.group][key] : out[key];
    const bool is_instant = field.type == FieldType::instant || field.type == FieldType::optional_instant;
    slot = is_instant
               ? json(zone.format_iso8601(Instant{std::chrono::seconds{std::get<std::int64_t>(value)}}))
               : field_value_to_json(value);
  }
  out["revision"] = t.revision;
  return out.dump();
}

std::string event_to_json(const TicketEvent& e, const TimeZone& zone) {
  json data = json::parse(e.data_json.empty() ? "{}" : e.data_json, nullptr, false);
  if (data.is_discarded()) data = json::object();
  return json{{"id", e.id},
              {"number", e.ticket_number},
              {"at", zone.format_iso8601(e.at)},
              {"actor", e.actor},
              {"role", e.role},
              {"action", e.action},
              {"from", to_string(e.from)},
              {"to", to_string(e.to)},
              {"note", e.note},
              {"data", data}}
      .dump();
}

}  // namespace complaint
