// Ticket and event <-> JSON for the sync protocol; see sync_wire.h.
#include "core/sync/sync_wire.h"

#include <limits>
#include <map>
#include <variant>

#include "core/domain/ticket_fields.h"

namespace complaint::sync_wire {

using nlohmann::json;

// If this fails, a field was added to TicketEvent: map it below and in docs/SYNC.md §4, then
// update the size. Ticket fields come from the field table (core/domain/ticket_fields.h).
#if defined(__GLIBCXX__) && __SIZEOF_POINTER__ == 8
static_assert(sizeof(TicketEvent) == 216, "TicketEvent changed: map the new field in sync_wire.cpp");
#endif

namespace {

std::int64_t seconds(Instant at) {
  return at.time_since_epoch().count();
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

bool WireObject::has(const char* key) const {
  return m_value->contains(key);
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
  json out = json::object();
  for (const TicketField& field : ticket_fields()) {
    json& slot = field.group != nullptr ? out[field.group][field.key] : out[field.key];
    slot = field_value_to_json(field.get(t));
  }
  return out;
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

// A field's wire value in the form its type asks for, checked: a wrong JSON type or an
// implausible instant is a schema error naming the field.
Result<FieldValue> field_from_wire(const WireObject& in, const TicketField& field) {
  switch (field.type) {
    case FieldType::text: {
      TRY_ASSIGN(std::string text, in.text(field.key));
      return FieldValue(std::move(text));
    }
    case FieldType::instant: {
      TRY_ASSIGN(const Instant at, in.instant(field.key));
      return FieldValue(seconds(at));
    }
    case FieldType::optional_instant: {
      TRY_ASSIGN(const std::optional<Instant> at, in.optional_instant(field.key));
      return at ? FieldValue(seconds(*at)) : FieldValue();
    }
    case FieldType::flag: {
      TRY_ASSIGN(const bool flag, in.boolean(field.key));
      return FieldValue(flag);
    }
    case FieldType::optional_flag: {
      TRY_ASSIGN(const json* value, in.member(field.key));
      if (value->is_null()) return FieldValue();
      if (!value->is_boolean()) return schema_error(in.path(field.key), "must be true, false or null");
      return FieldValue(value->get<bool>());
    }
    case FieldType::integer: {
      TRY_ASSIGN(const std::int64_t number, in.integer(field.key));
      return FieldValue(number);
    }
    case FieldType::text_list: {
      TRY_ASSIGN(const json* values, in.array(field.key));
      std::vector<std::string> list;
      for (const json& value : *values) {
        if (!value.is_string()) return schema_error(in.path(field.key), "must hold strings");
        list.push_back(value.get<std::string>());
      }
      return FieldValue(std::move(list));
    }
  }
  return schema_error(in.path(field.key), "has an unknown type");
}

}  // namespace

Result<Ticket> ticket_from_wire(const json& value, const std::string& where) {
  TRY_ASSIGN(const WireObject in, WireObject::of(value, where));
  Ticket t;
  // The nested objects ("deadlines"), checked once each.
  std::map<std::string, WireObject> groups;
  for (const TicketField& field : ticket_fields()) {
    const WireObject* object = &in;
    if (field.group != nullptr) {
      auto found = groups.find(field.group);
      if (found == groups.end()) {
        TRY_ASSIGN(const json* member, in.member(field.group));
        TRY_ASSIGN(WireObject group, WireObject::of(*member, in.path(field.group)));
        found = groups.emplace(field.group, std::move(group)).first;
      }
      object = &found->second;
    }
    // A sender from before the field keeps the default.
    if (field.added_later && !object->has(field.key)) continue;
    TRY_ASSIGN(const FieldValue field_value, field_from_wire(*object, field));
    if (!field.set(t, field_value)) {
      const auto* text = std::get_if<std::string>(&field_value);
      return schema_error(object->path(field.key),
                          text != nullptr ? "has an unknown value '" + *text + "'" : "is out of range");
    }
  }
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
