// The synced-item rules; see synced_item_rules.h and docs/DOMAIN.md §8.
#include "core/sync/synced_item_rules.h"

#include <nlohmann/json.hpp>

#include "core/domain/check_code.h"
#include "core/domain/taxonomy.h"
#include "core/domain/ticket_fields.h"
#include "core/domain/ticket_number.h"
#include "core/domain/tracking_token.h"
#include "core/validation/ticket_validation.h"
#include "core/workflow/workflow.h"

namespace complaint {
namespace {

// Filing writes a few small members ("channel", "major_reasons", ...); anything near this is
// not a kiosk's event.
constexpr std::size_t kEventDataMaxBytes = 4096;
// Escalation gives a reason per rule that matched; a kiosk never has this many.
constexpr std::size_t kMajorReasonsMax = 50;
// The texts inside an event's details (the JSON text itself, its keys and string values).
constexpr TextRule kDataText{"data", "error.text.too_long", kNoTextLimit, utf8::KeepNewlines::no};

// The columns only handling at the desk sets: a kiosk's ticket has them as a new Ticket has.
constexpr const char* kHandlingColumns[] = {"status",
                                            "major_notified",
                                            "callback_by",
                                            "callback_not_before",
                                            "department",
                                            "verification",
                                            "handling_opinion",
                                            "handling_result",
                                            "callback_note",
                                            "satisfaction",
                                            "handler",
                                            "supervisor",
                                            "first_contact_at",
                                            "replied_at",
                                            "withdrawn_at",
                                            "withdrawn_voluntarily",
                                            "resolved_on_the_spot",
                                            "reopen_count",
                                            "substantiated",
                                            "responsible_department",
                                            "responsible_person",
                                            "legal_hold",
                                            "extension_reason",
                                            "resolve_by_original",
                                            "extension_requested_until",
                                            "extension_requested_reason",
                                            "extension_requested_by",
                                            "escalation",
                                            "investigation",
                                            "group_id"};

Error refused(ErrorCode code, const std::string& field, const char* key, const std::string& message) {
  Error error = Error::invalid(field, key, message);
  error.code = code;
  return error;
}

Result<void> check_not_ahead(Instant at, Instant now, const char* field) {
  if (at <= now + kClockTolerance) return Ok{};
  return refused(ErrorCode::invalid_input, field, "desk.refused.future",
                 std::string(field) + " lies ahead of the desk's clock (check the kiosk's clock)");
}

Result<void> check_ids(const Ticket& ticket) {
  const std::pair<const char*, const std::string*> ids[] = {
      {"kind", &ticket.kind}, {"channel", &ticket.channel}, {"category", &ticket.category}};
  for (const auto& [field, id] : ids) {
    if (!is_valid_taxonomy_id(*id)) {
      return refused(ErrorCode::invalid_input, field, "desk.refused.identifier",
                     std::string(field) + " is not a taxonomy id");
    }
  }
  // A topic is optional (a staff filing, a kiosk from before topics); when given it is an id.
  if (!ticket.topic.empty() && !is_valid_taxonomy_id(ticket.topic)) {
    return refused(ErrorCode::invalid_input, "topic", "desk.refused.identifier",
                   "topic is not a taxonomy id");
  }
  return check_language(ticket.language);
}

Result<void> check_handling_untouched(const Ticket& ticket) {
  static const Ticket fresh;
  for (const char* column : kHandlingColumns) {
    const TicketField* field = find_ticket_field(column);
    if (field->get(ticket) == field->get(fresh)) continue;
    return refused(ErrorCode::forbidden, field->key, "desk.refused.not_kiosk_state",
                   std::string(field->key) + " is set only by handling at the desk, never by a kiosk");
  }
  return Ok{};
}

Result<void> check_texts(const Ticket& ticket) {
  TRY_VOID(check_clean_text(ticket.content, kContentText));
  if (ticket.content.empty()) {
    return Error::invalid("content", "error.content.empty", "content must describe the matter; it is empty");
  }
  TRY_VOID(check_clean_text(ticket.desired_outcome, kOutcomeText));
  TRY_VOID(check_clean_text(ticket.customer_name, kNameText));
  TRY_VOID(check_clean_text(ticket.address, kAddressText));
  TRY_VOID(check_clean_text(ticket.staff_involved, kStaffInvolvedText));
  TRY_VOID(check_clean_text(ticket.recorded_by, kRecordedByText));
  TRY_VOID(check_clean_text(ticket.phone, kPhoneText));
  TRY_VOID(check_contact_rule(ticket.anonymous, ticket.customer_name, ticket.phone));
  if (!ticket.phone.empty()) {
    const Result<std::string> phone = normalize_phone(ticket.phone);
    if (!phone.ok()) return phone.error();
    if (*phone != ticket.phone) {
      return Error::invalid("phone", "error.phone.invalid",
                            "phone is not stored as filing stores it (digits)");
    }
  }
  TRY_VOID(check_customer_notice_rule(ticket.anonymous, ticket.phone, ticket.customer_email,
                                      ticket.notify_customer));
  if (!ticket.customer_email.empty()) {
    const Result<std::string> email = normalize_email(ticket.customer_email);
    if (!email.ok()) return email.error();
    if (*email != ticket.customer_email) {
      return Error::invalid("customer_email", "error.email.invalid",
                            "customer_email is not stored as filing stores it (trimmed)");
    }
  }
  if (ticket.major_reasons.size() > kMajorReasonsMax) {
    return Error::invalid("major_reasons", "error.text.too_long", "major_reasons has too many entries");
  }
  for (const std::string& reason : ticket.major_reasons) TRY_VOID(check_clean_text(reason, kMajorReasonText));
  if (!ticket.repeat_of.empty()) {
    const auto earlier = parse_canonical_ticket_number(ticket.repeat_of);
    if (!earlier.ok()) return Error::invalid("repeat_of", earlier.error().key, earlier.error().message);
  }
  return Ok{};
}

// Every text inside the event's details, keys too, under the rules of a short text.
Result<void> check_data_texts(const nlohmann::json& value) {
  if (value.is_string()) return check_clean_text(value.get<std::string>(), kDataText);
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      TRY_VOID(check_clean_text(key, kDataText));
      TRY_VOID(check_data_texts(member));
    }
  }
  if (value.is_array()) {
    for (const nlohmann::json& member : value) TRY_VOID(check_data_texts(member));
  }
  return Ok{};
}

Result<void> check_event_data(const std::string& data_json) {
  if (data_json.size() > kEventDataMaxBytes) {
    return Error::invalid("data", "error.text.too_long",
                          "data is " + std::to_string(data_json.size()) + " bytes, more than a kiosk writes");
  }
  TRY_VOID(check_clean_text(data_json, kDataText));
  const nlohmann::json data = nlohmann::json::parse(data_json, nullptr, /*allow_exceptions=*/false);
  if (!data.is_object()) return Error::invalid("data", "desk.error.schema", "data is not a JSON object");
  return check_data_texts(data);
}

}  // namespace

Result<void> check_synced_identity(const Ticket& ticket, const SyncOrigin& origin) {
  TRY_ASSIGN(const TicketNumberParts parts, parse_canonical_ticket_number(ticket.number));
  if (ticket.kiosk_id != origin.kiosk_id || parts.kiosk_id != origin.kiosk_id) {
    return refused(ErrorCode::forbidden, "kiosk_id", "desk.refused.wrong_kiosk",
                   "ticket " + ticket.number + " names kiosk " + ticket.kiosk_id + " but kiosk " +
                       origin.kiosk_id + " sent it");
  }
  if (ticket.site_code != parts.site_code ||
      (!origin.site_code.empty() && ticket.site_code != origin.site_code)) {
    return refused(ErrorCode::forbidden, "site_code", "desk.refused.wrong_site",
                   "ticket " + ticket.number + " names site " + ticket.site_code + " but kiosk " +
                       origin.kiosk_id + " is at site " + origin.site_code);
  }
  if (!is_well_formed_tracking_token(ticket.tracking_token)) {
    return refused(ErrorCode::invalid_input, "tracking_token", "desk.refused.token",
                   "ticket " + ticket.number + " has a malformed tracking token");
  }
  return Ok{};
}

Error check_code_station_taken(const Ticket& ticket, int station, const std::string& holder) {
  return refused(ErrorCode::conflict, "check_code", "desk.refused.check_code_station",
                 "ticket " + ticket.number + " is coded under check code station " + std::to_string(station) +
                     " of site " + ticket.site_code + ", which kiosk " + holder +
                     " holds; give each kiosk of the site its own [kiosk] check_code_station");
}

namespace {

// A kiosk's check code is its station's (1-31, never the desk's 0) on the day of the number.
Result<void> check_synced_check_code(const Ticket& ticket) {
  if (ticket.check_code.empty()) return Ok{};  // a kiosk without a station, or from before
  TRY_ASSIGN(const TicketNumberParts number, parse_canonical_ticket_number(ticket.number));
  const std::optional<CheckCodeParts> parts = decode_check_code(ticket.site_code, ticket.check_code);
  const std::optional<std::string> same_day =
      parts ? make_check_code(ticket.site_code, parts->station, number.local_date, parts->sequence)
            : std::nullopt;
  if (!parts || parts->station == 0 || same_day != ticket.check_code) {
    return refused(ErrorCode::invalid_input, "check_code", "desk.refused.check_code",
                   "ticket " + ticket.number + " has a check code '" + ticket.check_code +
                       "' that no kiosk of its site makes on its day");
  }
  return Ok{};
}

}  // namespace

Result<void> check_synced_ticket(const Ticket& ticket, const SyncOrigin& origin) {
  TRY_VOID(check_synced_identity(ticket, origin));
  TRY_VOID(check_synced_check_code(ticket));
  TRY_VOID(check_handling_untouched(ticket));
  TRY_VOID(check_ids(ticket));
  TRY_VOID(check_texts(ticket));
  TRY_VOID(check_not_ahead(ticket.recorded_at, origin.now, "recorded_at"));
  if (ticket.filed_at > ticket.recorded_at + kClockTolerance) {
    return Error::invalid("filed_at", "error.filed_at.future", "the filing date lies after the recording");
  }
  if (ticket.referrer_deadline) {
    TRY_VOID(check_referrer_deadline(ticket.channel, ticket.filed_at, *ticket.referrer_deadline));
  }
  return Ok{};
}

Result<void> check_synced_event(const TicketEvent& event, const Ticket& ticket, const SyncOrigin& origin) {
  const auto not_kiosk = [&](const char* field, const std::string& value) {
    return refused(ErrorCode::forbidden, field, "desk.refused.not_kiosk_event",
                   std::string("an event with ") + field + " '" + value + "' is not one a kiosk makes");
  };
  if (event.action != "file") return not_kiosk("action", event.action);
  if (event.from != Status::filed) return not_kiosk("from", to_string(event.from));
  if (event.to != Status::filed) return not_kiosk("to", to_string(event.to));
  if (event.role != to_string(Role::kiosk) && event.role != to_string(Role::intake_clerk)) {
    return not_kiosk("role", event.role);
  }
  TRY_VOID(check_clean_text(event.actor, kActorText));
  if (event.actor != ticket.recorded_by) return not_kiosk("actor", event.actor);
  TRY_VOID(check_clean_text(event.note, kNoteText));
  TRY_VOID(check_event_data(event.data_json));
  return check_not_ahead(event.at, origin.now, "at");
}

}  // namespace complaint
