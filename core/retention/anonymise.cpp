// The anonymisation rule (see anonymise.h).
#include "core/retention/anonymise.h"

#include <array>
#include <nlohmann/json.hpp>

#include "core/domain/system_event.h"

namespace complaint {
namespace {

// The event data keys whose values are texts staff typed about the customer or the case
// (workflow.cpp's record, reply, callback and reopen), and an attachment's file name, which may name
// the customer (core/attachments; its caption is the event's note). Statuses, satisfaction,
// departments, the judgement and every time stay: the reports read them.
constexpr std::array<std::string_view, 13> k_personal_data_keys = {
    "verification",
    "handling_opinion",
    "handling_result",
    "callback_note",
    "previous_callback_note",
    "previous_verification",
    "previous_handling_opinion",
    "previous_handling_result",
    "file_name",
    // The reply's transfer form (workflow.h): what the department found and did.
    "cause_findings",
    "customer_answer",
    "accountability",
    "corrective_measures",
};

void tombstone(std::string& text) {
  if (!text.empty()) text = k_tombstone;
}

}  // namespace

bool is_anonymised(const Ticket& ticket) {
  return ticket.content == k_tombstone;
}

void anonymise_ticket(Ticket& ticket, const PhoneHasher& hash_phone) {
  for (std::string* text : {&ticket.content, &ticket.desired_outcome, &ticket.customer_name, &ticket.address,
                            &ticket.staff_involved, &ticket.verification, &ticket.handling_opinion,
                            &ticket.handling_result, &ticket.callback_note}) {
    tombstone(*text);
  }
  // Content is never empty on a filed ticket; the tombstone there is what marks the ticket.
  ticket.content = k_tombstone;
  if (!ticket.phone.empty() && !ticket.phone.starts_with(k_phone_hash_prefix)) {
    ticket.phone = std::string(k_phone_hash_prefix) + hash_phone(ticket.phone);
  }
  // Nothing links an email to earlier tickets: it goes, and with it any notice to the customer.
  ticket.customer_email.clear();
  ticket.notify_customer = false;
}

bool anonymise_event(TicketEvent& event) {
  bool changed = false;
  if (!event.note.empty() && event.note != k_tombstone) {
    event.note = k_tombstone;
    changed = true;
  }
  auto data = nlohmann::json::parse(event.data_json, nullptr, /*allow_exceptions=*/false);
  if (!data.is_object()) return changed;
  bool data_changed = false;
  const std::string tombstone_text(k_tombstone);
  for (const std::string_view key : k_personal_data_keys) {
    const auto value = data.find(std::string(key));
    if (value == data.end() || !value->is_string()) continue;
    const std::string& text = value->get_ref<const std::string&>();
    if (text.empty() || text == tombstone_text) continue;
    *value = tombstone_text;
    data_changed = true;
  }
  if (data_changed) event.data_json = data.dump();
  return changed || data_changed;
}

TicketEvent anonymisation_event(const Ticket& ticket, Instant at, const std::string& actor,
                                const std::string& data_json) {
  return system_event(ticket, k_anonymise_action, at, data_json, actor);
}

}  // namespace complaint
