// The one list of a Ticket's stored fields. Each entry names the field's storage column
// (SQLite and PostgreSQL), its key on the sync wire and in complaintctl's JSON, its type,
// and how to read and write it as a FieldValue. The SQLite rows (core/store/ticket_rows.cpp),
// the PostgreSQL columns (drivers/postgres), the sync wire (core/sync/sync_wire.cpp) and
// complaintctl's JSON (ctl/ticket_json.cpp) all iterate this table, so a new field is added
// to the struct, to the table and to a schema migration, and nowhere else.
// The store's row id and revision are not fields: each store manages them itself.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/domain/ticket.h"

namespace complaint {

enum class FieldType {
  text,              // std::string; enums (severity, status, satisfaction) travel as their names
  instant,           // std::int64_t seconds since the epoch
  optional_instant,  // std::int64_t, or null
  flag,              // bool
  optional_flag,     // bool, or null
  integer,           // std::int64_t
  text_list,         // std::vector<std::string>; stored as the text of a JSON array
};

// null (std::monostate), text, integer (instants too), flag, or a list of texts.
using FieldValue = std::variant<std::monostate, std::string, std::int64_t, bool, std::vector<std::string>>;

struct TicketField {
  const char* column;  // storage column
  const char* key;     // sync wire and complaintctl JSON key
  const char* group;   // the wire object it is nested in ("deadlines"), or nullptr
  FieldType type;
  bool identity;  // written once at filing (number, token, site, kiosk); never updated
  FieldValue (*get)(const Ticket& ticket);
  // Stores `value`; false when it does not fit: the wrong alternative for the type, an enum
  // name the code does not know, or an integer out of the field's range. Then the ticket is
  // unchanged.
  bool (*set)(Ticket& ticket, const FieldValue& value);
  // Added after the first version of the wire: a kiosk or desk from before sends no such
  // key, and the ticket keeps the field's default (a new Ticket's). Always stored and sent.
  bool added_later = false;
};

// Every stored field, identity fields first, in storage-column order.
const std::vector<TicketField>& ticket_fields();
const TicketField* find_ticket_field(std::string_view column);

// A value as JSON: null, string, integer (instants as epoch seconds), boolean or array of
// strings. The sync wire and complaintctl's JSON both write values through this.
nlohmann::json field_value_to_json(const FieldValue& value);

// A text_list value as stored (a JSON array of strings) and back; nullopt when `text` is not one.
std::string text_list_to_json(const std::vector<std::string>& values);
std::optional<std::vector<std::string>> text_list_from_json(std::string_view text);

}  // namespace complaint
