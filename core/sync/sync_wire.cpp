// Ticket and event <-> JSON for the sync protocol; see sync_wire.h.
#include "core/sync/sync_wire.h"

#include <limits>

namespace complaint::sync_wire {

using nlohmann::json;

// If one of these fails, a field was added to Ticket/TicketEvent: map it below and in
// docs/SYNC.md §4, then update the size. (The same guard as core/store/ticket_rows.cpp.)
static_assert(sizeof(Ticket) == 976, "Ticket changed: map the new field in sync_wire.cpp");
static_assert(sizeof(TicketEvent) == 216, "TicketEvent changed: map the new field in sync_wire.cpp");

namespace {

std::int64_t seconds(Instant at) {
  return at.time_since_epoch().count();
}

json optional_seconds(const std::optional<Instant>& at) {
  return at ? json(seconds(*at)) : json(nullptr);
}

}  // namespace

Error schema_error(const std::string& where, const std::string& problem) {
  return Error::invalid(where, "desk.error.schema", "sync payload: " + where + " " + problem);
}

Result<WireObject> WireObject::of(const json& value, const std::string& where) {
  if (!value.is_object()) return schema_error(where.empty() ? "body" : where, "must be a JSON object");
  return WireObject(value, where);
}

Result<const json*> WireObject::member(const char* key) const {
  const auto found = m_value->find(key);
  if (found == m_value->end()) return schema_error(path(key), "is missing");
  return &*found;
}

Result<std::string> WireObject::text(const char* key) const {
  TRY_ASSIGN(const json* value, member(key));
  if (!value->is_string()) return schema_error(path(key), "must be a string");
  return value->get<std::string>();
}

Result<std::int64_t> WireObject::integer(const char* key) const {
  TRY_ASSIGN(const json* value, member(key));
  if (value->is_number_unsigned() &&
      value->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return schema_error(path(key), "is out of range");
  }
  if (!value->is_number_integer()) return schema_error(path(key), "must be an integer");
  return value->get<std::int64_t>();
}

Result<bool> WireObject::boolean(const char* key) const {
  TRY_ASSIGN(const json* value, member(key));
  if (!value->is_boolean()) return schema_error(path(key), "must be true or false");
  return value->get<bool>();
}

Result<Instant> WireObject::instant(const char* key) const {
  TRY_ASSIGN(const std::int64_t value, integer(key));
  // Years 1970..9999: anything else is a corrupted or hostile value, not a date.
  if (value < 0 || value > 253402300799) return schema_error(path(key), "is not a plausible instant");
  return Instant{std::chrono::seconds{value}};
}

Result<std::optional<Instant>> WireObject::optional_instant(const char* key) const {
  TRY_ASSIGN(const json* value, member(key));
  if (value->is_null()) return std::optional<Instant>();
  TRY_ASSIGN(const Instant at, instant(key));
  return std::optional<Instant>(at);
}

Result<const json*> WireObject::array(const char* key) const {
  TRY_ASSIGN(const json* value, member(key));
  if (!value->is_array()) return schema_error(path(key), "must be an array");
  return value;
}

json ticket_to_wire(const Ticket& t) {
  const Deadlines& d = t.deadlines;
  return json{
      {"number", t.number},
      {"tracking_token", t.tracking_token},
      {"kind", t.kind},
      {"channel", t.channel},
      {"category", t.category},
      {"severity", to_string(t.severity)},
      {"content", t.content},
      {"desired_outcome", t.desired_outcome},
      {"customer_name", t.customer_name},
      {"phone", t.phone},
      {"address", t.address},
      {"language", t.language},
      {"site_code", t.site_code},
      {"kiosk_id", t.kiosk_id},
      {"filed_at", seconds(t.filed_at)},
      {"recorded_at", seconds(t.recorded_at)},
      {"staff_involved", t.staff_involved},
      {"recorded_by", t.recorded_by},
      {"major", t.major},
      {"major_notified", t.major_notified},
      {"major_reasons", t.major_reasons},
      {"repeat_of", t.repeat_of},
      {"group", t.group},
      {"anonymous", t.anonymous},
      {"status", to_string(t.status)},
      {"deadlines",
       {{"forward_by", optional_seconds(d.forward_by)},
        {"contact_by", optional_seconds(d.contact_by)},
        {"resolve_by", optional_seconds(d.resolve_by)},
        {"answer_by", optional_seconds(d.answer_by)},
        {"callback_by", optional_seconds(d.callback_by)},
        {"callback_not_before", optional_seconds(d.callback_not_before)}}},
      {"department", t.department},
      {"verification", t.verification},
      {"handling_opinion", t.handling_opinion},
      {"handling_result", t.handling_result},
      {"callback_note", t.callback_note},
      {"satisfaction", to_string(t.satisfaction)},
      {"handler", t.handler},
      {"supervisor", t.supervisor},
      {"first_contact_at", optional_seconds(t.first_contact_at)},
      {"replied_at", optional_seconds(t.replied_at)},
      {"withdrawn_at", optional_seconds(t.withdrawn_at)},
      {"withdrawn_voluntarily", t.withdrawn_voluntarily ? json(*t.withdrawn_voluntarily) : json(nullptr)},
      {"resolved_on_the_spot", t.resolved_on_the_spot},
      {"reopen_count", t.reopen_count},
  };
}

namespace {

template <class Enum>
Result<Enum> enum_member(const WireObject& in, const char* key,
                         std::optional<Enum> (*parse)(std::string_view)) {
  TRY_ASSIGN(const std::string text, in.text(key));
  const std::optional<Enum> value = parse(text);
  if (!value) return schema_error(in.path(key), "has an unknown value '" + text + "'");
  return *value;
}

Result<void> read_texts(const WireObject& in, Ticket& t) {
  const std::pair<const char*, std::string*> texts[] = {
      {"number", &t.number},
      {"tracking_token", &t.tracking_token},
      {"kind", &t.kind},
      {"channel", &t.channel},
      {"category", &t.category},
      {"content", &t.content},
      {"desired_outcome", &t.desired_outcome},
      {"customer_name", &t.customer_name},
      {"phone", &t.phone},
      {"address", &t.address},
      {"language", &t.language},
      {"site_code", &t.site_code},
      {"kiosk_id", &t.kiosk_id},
      {"staff_involved", &t.staff_involved},
      {"recorded_by", &t.recorded_by},
      {"repeat_of", &t.repeat_of},
      {"department", &t.department},
      {"verification", &t.verification},
      {"handling_opinion", &t.handling_opinion},
      {"handling_result", &t.handling_result},
      {"callback_note", &t.callback_note},
      {"handler", &t.handler},
      {"supervisor", &t.supervisor},
  };
  for (const auto& [key, out] : texts) {
    TRY_ASSIGN(*out, in.text(key));
  }
  const std::pair<const char*, bool*> flags[] = {
      {"major", &t.major},
      {"major_notified", &t.major_notified},
      {"group", &t.group},
      {"anonymous", &t.anonymous},
      {"resolved_on_the_spot", &t.resolved_on_the_spot},
  };
  for (const auto& [key, out] : flags) {
    TRY_ASSIGN(*out, in.boolean(key));
  }
  return Ok{};
}

Result<void> read_deadlines(const WireObject& ticket, const json& value, Deadlines& d) {
  TRY_ASSIGN(const WireObject in, WireObject::of(value, ticket.path("deadlines")));
  const std::pair<const char*, std::optional<Instant>*> clocks[] = {
      {"forward_by", &d.forward_by},   {"contact_by", &d.contact_by},
      {"resolve_by", &d.resolve_by},   {"answer_by", &d.answer_by},
      {"callback_by", &d.callback_by}, {"callback_not_before", &d.callback_not_before},
  };
  for (const auto& [key, out] : clocks) {
    TRY_ASSIGN(*out, in.optional_instant(key));
  }
  return Ok{};
}

}  // namespace

Result<Ticket> ticket_from_wire(const json& value, const std::string& where) {
  TRY_ASSIGN(const WireObject in, WireObject::of(value, where));
  Ticket t;
  TRY_VOID(read_texts(in, t));
  TRY_ASSIGN(t.severity, enum_member<Severity>(in, "severity", severity_from_string));
  TRY_ASSIGN(t.status, enum_member<Status>(in, "status", status_from_string));
  TRY_ASSIGN(t.satisfaction, enum_member<Satisfaction>(in, "satisfaction", satisfaction_from_string));
  TRY_ASSIGN(t.filed_at, in.instant("filed_at"));
  TRY_ASSIGN(t.recorded_at, in.instant("recorded_at"));
  TRY_ASSIGN(t.first_contact_at, in.optional_instant("first_contact_at"));
  TRY_ASSIGN(t.replied_at, in.optional_instant("replied_at"));
  TRY_ASSIGN(t.withdrawn_at, in.optional_instant("withdrawn_at"));
  TRY_ASSIGN(const json* deadlines, in.array("major_reasons"));
  for (const json& reason : *deadlines) {
    if (!reason.is_string()) return schema_error(in.path("major_reasons"), "must hold strings");
    t.major_reasons.push_back(reason.get<std::string>());
  }
  const auto found = value.find("deadlines");
  if (found == value.end()) return schema_error(in.path("deadlines"), "is missing");
  TRY_VOID(read_deadlines(in, *found, t.deadlines));
  const auto voluntary = value.find("withdrawn_voluntarily");
  if (voluntary == value.end()) return schema_error(in.path("withdrawn_voluntarily"), "is missing");
  if (voluntary->is_boolean()) {
    t.withdrawn_voluntarily = voluntary->get<bool>();
  } else if (!voluntary->is_null()) {
    return schema_error(in.path("withdrawn_voluntarily"), "must be true, false or null");
  }
  TRY_ASSIGN(const std::int64_t reopens, in.integer("reopen_count"));
  if (reopens < 0 || reopens > 10000) return schema_error(in.path("reopen_count"), "is out of range");
  t.reopen_count = static_cast<int>(reopens);
  return t;
}

json event_to_wire(const TicketEvent& e) {
  return json{
      {"id", e.id},
      {"ticket_number", e.ticket_number},
      {"at", seconds(e.at)},
      {"actor", e.actor},
      {"role", e.role},
      {"action", e.action},
      {"from", to_string(e.from)},
      {"to", to_string(e.to)},
      {"note", e.note},
      {"data", e.data_json.empty() ? std::string("{}") : e.data_json},
  };
}

Result<TicketEvent> event_from_wire(const json& value, const std::string& where) {
  TRY_ASSIGN(const WireObject in, WireObject::of(value, where));
  TicketEvent e;
  TRY_ASSIGN(e.id, in.integer("id"));
  TRY_ASSIGN(e.ticket_number, in.text("ticket_number"));
  TRY_ASSIGN(e.at, in.instant("at"));
  TRY_ASSIGN(e.actor, in.text("actor"));
  TRY_ASSIGN(e.role, in.text("role"));
  TRY_ASSIGN(e.action, in.text("action"));
  TRY_ASSIGN(e.from, enum_member<Status>(in, "from", status_from_string));
  TRY_ASSIGN(e.to, enum_member<Status>(in, "to", status_from_string));
  TRY_ASSIGN(e.note, in.text("note"));
  TRY_ASSIGN(e.data_json, in.text("data"));
  if (e.action.empty()) return schema_error(in.path("action"), "must not be empty");
  const json data = json::parse(e.data_json, nullptr, /*allow_exceptions=*/false);
  if (!data.is_object()) return schema_error(in.path("data"), "must be the text of a JSON object");
  return e;
}

}  // namespace complaint::sync_wire
