// FilingSession: everything one customer (or a clerk filing for one) has entered. wipe()
// overwrites every string before clearing it, so nothing of the previous customer stays
// in memory after an idle reset or a finished filing.
#pragma once

#include <optional>
#include <string>

#include "core/base/clock.h"
#include "core/domain/ticket.h"
#include "core/validation/ticket_validation.h"

namespace complaint {

enum class FilingMode { customer, staff };
// The receipt for the filed ticket (printing comes with the receipt issue).
enum class ReceiptState { none, printing, printed, failed };

struct FilingSession {
  std::string kind;
  std::string category;
  std::string topic;  // the customer's topic (taxonomy), which set `category`; empty for staff
  std::string content;
  std::vector<std::string> outcome_choices;  // catalog keys of the chosen quick choices, in screen order
  std::string outcome_text;
  std::string name;
  std::string phone;
  std::string address;
  std::string email;             // optional; for progress notices
  bool notify_customer = false;  // "notify me of progress" (offered when named, with a phone or email)
  bool anonymous = false;
  bool consent = false;
  std::string scanned;            // a receipt URL a scanner typed on the welcome screen
  bool return_to_review = false;  // "edit" on the review screen: next goes back there

  FilingMode mode = FilingMode::customer;
  std::string channel = "kiosk";
  std::optional<Instant> filed_at;  // staff: the day a letter or call was received
  std::string recorded_by = "kiosk";

  bool submitting = false;  // set before filing: a second Submit tap is ignored
  std::optional<Ticket> filed;
  ReceiptState receipt = ReceiptState::none;

  void wipe();
  bool empty() const;
  // Something the person entered on the filing steps: a category, text, a quick choice, a
  // contact detail or "anonymous". Not the kind the welcome button set, nor a clerk's preset
  // channel, date and consent. Leaving the flow with entries asks first (go_back).
  bool has_entries() const;
  // The draft for FilingService; `outcome_label` is the chosen quick choice's text.
  TicketDraft draft(const std::string& language, const std::string& outcome_label) const;
};

}  // namespace complaint
