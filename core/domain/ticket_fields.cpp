// The Ticket field table (see ticket_fields.h).
#include "core/domain/ticket_fields.h"

#include <nlohmann/json.hpp>
#include <type_traits>

namespace complaint {
namespace {

// Tripwire: this structured binding must name every member of Ticket, so adding one stops
// the build here. Add the field to the table below and a schema migration (SQLite
// core/store/sqlite_schema.cpp, PostgreSQL drivers/postgres), then name it here. Unlike a
// sizeof check it does not depend on the standard library's string size.
[[maybe_unused]] void every_member_is_in_the_table(const Ticket& ticket) {
  [[maybe_unused]] const auto& [id, number, tracking_token, check_code, kind, channel, category, topic,
                                severity, content, desired_outcome, customer_name, phone, address, language,
                                customer_email, notify_customer, site_code, kiosk_id, filed_at, recorded_at,
                                staff_involved, recorded_by, major, major_notified, major_reasons, repeat_of,
                                group, group_id, anonymous, status, deadlines, department, verification,
                                handling_opinion, handling_result, callback_note, satisfaction, handler,
                                supervisor, first_contact_at, replied_at, withdrawn_at, withdrawn_voluntarily,
                                resolved_on_the_spot, reopen_count, substantiated, responsible_department,
                                responsible_person, legal_hold, extension_reason, resolve_by_original,
                                extension_requested_until, extension_requested_reason, extension_requested_by,
                                referrer_deadline, escalation, investigation, revision] = ticket;
  [[maybe_unused]] const auto& [forward_by, contact_by, resolve_by, answer_by, callback_by,
                                callback_not_before] = ticket.deadlines;
}

std::int64_t seconds(Instant at) {
  return at.time_since_epoch().count();
}
Instant instant_at(std::int64_t value) {
  return Instant{std::chrono::seconds{value}};
}

// Accessors for each field type; `Member` is a pointer to the Ticket member, or a function
// returning the member for the deadlines nested in Ticket::deadlines.
template <auto Member>
constexpr auto& member(Ticket& t) {
  if constexpr (std::is_member_object_pointer_v<decltype(Member)>) {
    return t.*Member;
  } else {
    return Member(t);
  }
}
template <auto Member>
constexpr const auto& member(const Ticket& t) {
  return member<Member>(const_cast<Ticket&>(t));
}

template <auto Member>
TicketField text(const char* column, const char* key = nullptr, bool identity = false) {
  return {column,
          key ? key : column,
          nullptr,
          FieldType::text,
          identity,
          [](const Ticket& t) -> FieldValue { return member<Member>(t); },
          [](Ticket& t, const FieldValue& v) {
            const auto* text = std::get_if<std::string>(&v);
            if (text == nullptr) return false;
            member<Member>(t) = *text;
            return true;
          }};
}

template <auto Member>
TicketField flag(const char* column, const char* key = nullptr) {
  return {column,
          key ? key : column,
          nullptr,
          FieldType::flag,
          false,
          [](const Ticket& t) -> FieldValue { return member<Member>(t); },
          [](Ticket& t, const FieldValue& v) {
            const auto* value = std::get_if<bool>(&v);
            if (value == nullptr) return false;
            member<Member>(t) = *value;
            return true;
          }};
}

template <auto Member>
TicketField instant(const char* column) {
  return {column,
          column,
          nullptr,
          FieldType::instant,
          false,
          [](const Ticket& t) -> FieldValue { return seconds(member<Member>(t)); },
          [](Ticket& t, const FieldValue& v) {
            const auto* value = std::get_if<std::int64_t>(&v);
            if (value == nullptr) return false;
            member<Member>(t) = instant_at(*value);
            return true;
          }};
}

template <auto Member>
TicketField optional_instant(const char* column, const char* group = nullptr) {
  return {column,
          column,
          group,
          FieldType::optional_instant,
          false,
          [](const Ticket& t) -> FieldValue {
            const std::optional<Instant>& at = member<Member>(t);
            return at ? FieldValue(seconds(*at)) : FieldValue();
          },
          [](Ticket& t, const FieldValue& v) {
            if (std::holds_alternative<std::monostate>(v)) {
              member<Member>(t).reset();
              return true;
            }
            const auto* value = std::get_if<std::int64_t>(&v);
            if (value == nullptr) return false;
            member<Member>(t) = instant_at(*value);
            return true;
          }};
}

// An enum stored by name: to_string and the matching *_from_string.
template <auto Member, auto Parse>
TicketField named(const char* column) {
  return {column,
          column,
          nullptr,
          FieldType::text,
          false,
          [](const Ticket& t) -> FieldValue { return std::string(to_string(member<Member>(t))); },
          [](Ticket& t, const FieldValue& v) {
            const auto* text = std::get_if<std::string>(&v);
            const auto value = text != nullptr ? Parse(*text) : std::nullopt;
            if (!value) return false;
            member<Member>(t) = *value;
            return true;
          }};
}

// A field added after the sync wire's first version: absent on the wire means its default.
TicketField later(TicketField field) {
  field.added_later = true;
  return field;
}

template <std::optional<Instant> Deadlines::*Member>
std::optional<Instant>& deadline(Ticket& t) {
  return t.deadlines.*Member;
}

// A ticket reopened more often than this is a corrupted or hostile value.
constexpr std::int64_t k_max_reopen_count = 10000;

std::vector<TicketField> make_fields() {
  return {
      text<&Ticket::number>("number", nullptr, true),
      text<&Ticket::tracking_token>("tracking_token", nullptr, true),
      text<&Ticket::site_code>("site_code", nullptr, true),
      text<&Ticket::kiosk_id>("kiosk_id", nullptr, true),
      // The short check code (core/domain/check_code.h, SQLite schema 10), written once at
      // filing: a kiosk or desk from before sends none, read as a ticket without one.
      later(text<&Ticket::check_code>("check_code", nullptr, /*identity=*/true)),
      text<&Ticket::kind>("kind"),
      text<&Ticket::channel>("channel"),
      text<&Ticket::category>("category"),
      named<&Ticket::severity, &severity_from_string>("severity"),
      text<&Ticket::content>("content"),
      text<&Ticket::desired_outcome>("desired_outcome"),
      text<&Ticket::customer_name>("customer_name"),
      text<&Ticket::phone>("phone"),
      text<&Ticket::address>("address"),
      text<&Ticket::language>("language"),
      instant<&Ticket::filed_at>("filed_at"),
      instant<&Ticket::recorded_at>("recorded_at"),
      text<&Ticket::staff_involved>("staff_involved"),
      text<&Ticket::recorded_by>("recorded_by"),
      flag<&Ticket::major>("major"),
      flag<&Ticket::major_notified>("major_notified"),
      {"major_reasons", "major_reasons", nullptr, FieldType::text_list, false,
       [](const Ticket& t) -> FieldValue { return t.major_reasons; },
       [](Ticket& t, const FieldValue& v) {
         const auto* list = std::get_if<std::vector<std::string>>(&v);
         if (list == nullptr) return false;
         t.major_reasons = *list;
         return true;
       }},
      text<&Ticket::repeat_of>("repeat_of"),
      // "group" is an SQL keyword: the column says what it is.
      flag<&Ticket::group>("group_complaint", "group"),
      flag<&Ticket::anonymous>("anonymous"),
      named<&Ticket::status, &status_from_string>("status"),
      optional_instant<&deadline<&Deadlines::forward_by>>("forward_by", "deadlines"),
      optional_instant<&deadline<&Deadlines::contact_by>>("contact_by", "deadlines"),
      optional_instant<&deadline<&Deadlines::resolve_by>>("resolve_by", "deadlines"),
      optional_instant<&deadline<&Deadlines::answer_by>>("answer_by", "deadlines"),
      optional_instant<&deadline<&Deadlines::callback_by>>("callback_by", "deadlines"),
      optional_instant<&deadline<&Deadlines::callback_not_before>>("callback_not_before", "deadlines"),
      text<&Ticket::department>("department"),
      text<&Ticket::verification>("verification"),
      text<&Ticket::handling_opinion>("handling_opinion"),
      text<&Ticket::handling_result>("handling_result"),
      text<&Ticket::callback_note>("callback_note"),
      named<&Ticket::satisfaction, &satisfaction_from_string>("satisfaction"),
      text<&Ticket::handler>("handler"),
      text<&Ticket::supervisor>("supervisor"),
      optional_instant<&Ticket::first_contact_at>("first_contact_at"),
      optional_instant<&Ticket::replied_at>("replied_at"),
      optional_instant<&Ticket::withdrawn_at>("withdrawn_at"),
      {"withdrawn_voluntarily", "withdrawn_voluntarily", nullptr, FieldType::optional_flag, false,
       [](const Ticket& t) -> FieldValue {
         return t.withdrawn_voluntarily ? FieldValue(*t.withdrawn_voluntarily) : FieldValue();
       },
       [](Ticket& t, const FieldValue& v) {
         if (std::holds_alternative<std::monostate>(v)) {
           t.withdrawn_voluntarily.reset();
           return true;
         }
         const auto* value = std::get_if<bool>(&v);
         if (value == nullptr) return false;
         t.withdrawn_voluntarily = *value;
         return true;
       }},
      flag<&Ticket::resolved_on_the_spot>("resolved_on_the_spot"),
      {"reopen_count", "reopen_count", nullptr, FieldType::integer, false,
       [](const Ticket& t) -> FieldValue { return static_cast<std::int64_t>(t.reopen_count); },
       [](Ticket& t, const FieldValue& v) {
         const auto* value = std::get_if<std::int64_t>(&v);
         if (value == nullptr || *value < 0 || *value > k_max_reopen_count) return false;
         t.reopen_count = static_cast<int>(*value);
         return true;
       }},
      named<&Ticket::substantiated, &substantiated_from_string>("substantiated"),
      text<&Ticket::responsible_department>("responsible_department"),
      text<&Ticket::responsible_person>("responsible_person"),
      flag<&Ticket::legal_hold>("legal_hold"),
      // Added with customer notices (SQLite schema 5): a kiosk or desk from before sends
      // neither, read as a ticket without them.
      later(text<&Ticket::customer_email>("customer_email")),
      later(flag<&Ticket::notify_customer>("notify_customer")),
      // Added with extensions and referral deadlines (SQLite schema 6): absent from a kiosk or
      // desk from before, read as a ticket never extended and not referred with a deadline.
      later(text<&Ticket::extension_reason>("extension_reason")),
      later(optional_instant<&Ticket::resolve_by_original>("resolve_by_original")),
      later(optional_instant<&Ticket::extension_requested_until>("extension_requested_until")),
      later(text<&Ticket::extension_requested_reason>("extension_requested_reason")),
      later(text<&Ticket::extension_requested_by>("extension_requested_by")),
      later(optional_instant<&Ticket::referrer_deadline>("referrer_deadline")),
      // Added with the callback's escalation and the withdrawal's investigation (SQLite
      // schema 7): a kiosk or desk from before sends neither, read as none.
      later(named<&Ticket::escalation, &escalation_from_string>("escalation")),
      later(named<&Ticket::investigation, &investigation_from_string>("investigation")),
      // Added with group complaints detected at the desk (SQLite schema 8): a kiosk or desk
      // from before sends none, read as a ticket in no group.
      later(text<&Ticket::group_id>("group_id")),
      // Added with customer topics (SQLite schema 9): a kiosk or desk from before sends none,
      // read as a ticket filed without one.
      later(text<&Ticket::topic>("topic")),
  };
}

}  // namespace

const std::vector<TicketField>& ticket_fields() {
  static const std::vector<TicketField> fields = make_fields();
  return fields;
}

const TicketField* find_ticket_field(std::string_view column) {
  for (const TicketField& field : ticket_fields()) {
    if (column == field.column) return &field;
  }
  return nullptr;
}

nlohmann::json field_value_to_json(const FieldValue& value) {
  return std::visit(
      [](const auto& v) -> nlohmann::json {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
          return nullptr;
        } else {
          return v;
        }
      },
      value);
}

std::string text_list_to_json(const std::vector<std::string>& values) {
  return nlohmann::json(values).dump();
}

std::optional<std::vector<std::string>> text_list_from_json(std::string_view text) {
  const auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return std::nullopt;
  std::vector<std::string> values;
  for (const auto& value : parsed) {
    if (!value.is_string()) return std::nullopt;
    values.push_back(value.get<std::string>());
  }
  return values;
}

}  // namespace complaint
