// check_new_ticket and ticket_counter_key: the numbering rules every TicketRepository shares
// (SqliteTicketStore, PgDeskStore, FakeTicketRepository), and the fields report_cohort fills;
// see ticket_repository.h.
#include "core/store/ticket_repository.h"

#include <algorithm>

#include "core/domain/check_code.h"
#include "core/domain/ticket_number.h"

namespace complaint {
namespace {

Error invalid_station(const std::string& field, const std::string& value) {
  return Error::invalid(
      field, "error.station.invalid",
      field + " '" + value + "' must be 1-8 characters of A-Z and 0-9 (it is part of the number)");
}

}  // namespace

Result<void> check_new_ticket(const NewTicketRequest& request) {
  const Ticket& draft = request.ticket;
  if (!is_valid_station_code(draft.site_code)) return invalid_station("site_code", draft.site_code);
  if (!is_valid_station_code(draft.kiosk_id)) return invalid_station("kiosk_id", draft.kiosk_id);
  if (request.local_date.size() != 8 ||
      request.local_date.find_first_not_of("0123456789") != std::string::npos) {
    return Error::invalid("local_date", "error.date.invalid",
                          "local date must be YYYYMMDD: " + request.local_date);
  }
  if (!request.intake_key.empty() && !is_valid_intake_key(request.intake_key)) {
    return Error::invalid("intake_key", "error.intake.key", "malformed intake key");
  }
  return Ok{};
}

bool is_valid_intake_key(const std::string& key) {
  return key.size() >= 16 && key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '_';
         });
}

std::string ticket_counter_key(const NewTicketRequest& request) {
  return request.ticket.site_code + "-" + request.ticket.kiosk_id + "-" + request.local_date;
}

std::optional<int> check_code_station_of(const NewTicketRequest& request, bool desk_store) {
  if (desk_store) return 0;
  return request.check_code_station;
}

std::string check_code_counter_key(const NewTicketRequest& request, int station) {
  return "check:" + request.ticket.site_code + ":" + std::to_string(station) + ":" + request.local_date;
}

std::string check_code_for(const NewTicketRequest& request, int station, std::int64_t sequence) {
  return make_check_code(request.ticket.site_code, station, request.local_date, sequence).value_or("");
}

}  // namespace complaint

namespace complaint {

const std::vector<std::string_view>& report_data_actions() {
  // facts_as_of's (core/reports/monthly_report.cpp) and, for "reopen", clock_outcomes's
  // previous_resolve_by / previous_callback_by (core/deadlines/clock_outcomes.cpp).
  static const std::vector<std::string_view> actions = {"forward",  "withdraw",        "record",
                                                        "callback", "resolve_on_spot", "mark_repeat",
                                                        "reopen",   "customer_rating"};
  return actions;
}

bool report_reads_data(std::string_view action) {
  const auto& actions = report_data_actions();
  return std::find(actions.begin(), actions.end(), action) != actions.end();
}

const std::vector<std::string_view>& report_data_keys() {
  static const std::vector<std::string_view> keys = {
      "department",          "voluntary",    "substantiated",      "responsible_department",
      "responsible_person",  "satisfaction", "previous_repeat_of", "previous_resolve_by",
      "previous_callback_by"};
  return keys;
}

std::string report_data_actions_sql() {
  std::string out;
  for (const std::string_view action : report_data_actions()) {
    if (!out.empty()) out += ", ";
    out += "'" + std::string(action) + "'";
  }
  return out;
}

Ticket report_fields_of(const Ticket& full) {
  Ticket t;
  t.id = full.id;
  t.number = full.number;
  t.kind = full.kind;
  t.category = full.category;
  t.channel = full.channel;
  t.site_code = full.site_code;
  t.kiosk_id = full.kiosk_id;
  t.severity = full.severity;
  t.major = full.major;
  t.group = full.group;
  t.anonymous = full.anonymous;
  t.repeat_of = full.repeat_of;
  t.filed_at = full.filed_at;
  t.deadlines.forward_by = full.deadlines.forward_by;
  t.deadlines.contact_by = full.deadlines.contact_by;
  t.deadlines.resolve_by = full.deadlines.resolve_by;
  t.deadlines.answer_by = full.deadlines.answer_by;
  t.deadlines.callback_by = full.deadlines.callback_by;
  return t;
}

TicketEvent report_fields_of(const TicketEvent& full) {
  TicketEvent e;
  e.at = full.at;
  e.role = full.role;
  e.action = full.action;
  e.to = full.to;
  e.data_json = report_reads_data(full.action) ? full.data_json : std::string("{}");
  return e;
}

}  // namespace complaint
