// Ticket and event <-> JSON for the sync protocol (private to core/sync). Instants are
// unix seconds, so both ends agree without a time zone. Every Ticket field is mapped:
// sync_wire.cpp asserts the struct's size so a new field cannot be forgotten.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/base/result.h"
#include "core/domain/ticket.h"

namespace complaint::sync_wire {

nlohmann::json ticket_to_wire(const Ticket& ticket);
// `where` names the value in errors, e.g. "tickets[3]".
Result<Ticket> ticket_from_wire(const nlohmann::json& value, const std::string& where);
nlohmann::json event_to_wire(const TicketEvent& event);
Result<TicketEvent> event_from_wire(const nlohmann::json& value, const std::string& where);

// An invalid_input error for the protocol: field is the JSON path, key the catalog's.
Error schema_error(const std::string& where, const std::string& problem);

// Typed access to a JSON object's members; each getter fails with a schema_error.
class WireObject {
 public:
  static Result<WireObject> of(const nlohmann::json& value, const std::string& where);
  Result<std::string> text(const char* key) const;
  Result<std::int64_t> integer(const char* key) const;
  Result<bool> boolean(const char* key) const;
  Result<Instant> instant(const char* key) const;
  Result<std::optional<Instant>> optional_instant(const char* key) const;
  Result<const nlohmann::json*> array(const char* key) const;
  Result<const nlohmann::json*> member(const char* key) const;  // present, any JSON type
  bool has(const char* key) const;
  const std::string& where() const { return m_where; }
  std::string path(const char* key) const { return m_where.empty() ? key : m_where + "." + key; }

 private:
  WireObject(const nlohmann::json& value, std::string where) : m_value(&value), m_where(std::move(where)) {}
  const nlohmann::json* m_value;
  std::string m_where;
};

}  // namespace complaint::sync_wire
