// Ticket/event -> JSON text (see header). Absent optional instants are omitted.
#include "core/serialization/ticket_json.h"

#include <nlohmann/json.hpp>

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
  out["tracking_token"] = t.tracking_token;
  out["content"] = t.content;
  out["desired_outcome"] = t.desired_outcome;
  out["name"] = t.customer_name;
  out["phone"] = t.phone;
  out["address"] = t.address;
  out["language"] = t.language;
  out["site_code"] = t.site_code;
  out["kiosk_id"] = t.kiosk_id;
  out["recorded_at"] = zone.format_iso8601(t.recorded_at);
  out["recorded_by"] = t.recorded_by;
  out["staff_involved"] = t.staff_involved;
  out["major_reasons"] = t.major_reasons;
  out["department"] = t.department;
  out["verification"] = t.verification;
  out["handling_opinion"] = t.handling_opinion;
  out["handling_result"] = t.handling_result;
  out["callback_note"] = t.callback_note;
  out["satisfaction"] = to_string(t.satisfaction);
  out["handler"] = t.handler;
  out["supervisor"] = t.supervisor;
  put_instant(out, "first_contact_at", t.first_contact_at, zone);
  put_instant(out, "replied_at", t.replied_at, zone);
  put_instant(out, "withdrawn_at", t.withdrawn_at, zone);
  if (t.withdrawn_voluntarily) out["withdrawn_voluntarily"] = *t.withdrawn_voluntarily;
  out["resolved_on_the_spot"] = t.resolved_on_the_spot;
  out["reopen_count"] = t.reopen_count;
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
