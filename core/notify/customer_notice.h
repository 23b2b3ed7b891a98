// Customer notices (docs/DOMAIN.md §4a): a customer who opted in at intake (Ticket::
// notify_customer, a phone or an email given, never anonymous) is told when the complaint is
// forwarded and when it is answered, by email to customer_email and by SMS to the phone
// through the SMS gateway's channel ([notify] customer_email, customer_sms_channel). The
// message (catalog keys notify.customer_*, in the ticket's language) holds the ticket number,
// what happened and the public tracking link, never the complaint's text nor anything of
// another ticket. A group channel never gets one; the audit trail names the recipient masked.
// The rules are pure: notice.cpp's notices_for_event adds these, the NoticeWorker delivers them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/notify/notice.h"
#include "core/notify/notice_sender.h"
#include "core/notify/notice_text.h"
#include "core/notify/notify_config.h"

namespace complaint {

inline constexpr const char* k_customer_forwarded_reason = "customer_forwarded";
inline constexpr const char* k_customer_replied_reason = "customer_replied";
// The promise to resolve by was moved (an extension in force: a handler's within his limit,
// or a leader's approval): the new date and the reason's category, never the reason's text.
inline constexpr const char* k_customer_extended_reason = "customer_extended";
bool is_customer_reason(std::string_view reason);

// The customer notices `event` causes on `ticket` (as stored after it): a forward of an
// opted-in ticket ("customer_forwarded:NUMBER", once per ticket: a reassignment or a second
// forward tells the customer nothing new) and its reply ("customer_replied:NUMBER:REOPENS",
// once per round of handling: a reopened ticket answered again is news), and an extension in
// force ("customer_extended:NUMBER:SECONDS", once per new promise).
std::vector<Notice> customer_notices_for_event(const Ticket& ticket, const TicketEvent& event);

struct CustomerRecipient {
  std::string channel;  // "email", or [notify] customer_sms_channel
  std::string address;  // the customer's email or phone: what the sender is given
  std::string shown;    // masked (core/privacy/masking.h): the delivery record and the audit trail
};
// Whom a customer notice reaches, among `channels` (the senders'): none unless the ticket is
// opted in and not anonymous.
std::vector<CustomerRecipient> customer_recipients(const Ticket& ticket, const NotifyConfig& config,
                                                   const std::vector<std::string>& channels);

// The customer's message in the ticket's language (context.customer_catalog), with the
// tracking link (context.tracking_url); recipient left empty for the caller.
NoticeMessage customer_notice_message(const NoticeTextContext& context, const Notice& notice,
                                      const Ticket& ticket);
// What of the ticket a customer message must not hold: "" when none, else what (the
// complaint text, the desired outcome, the name).
std::string customer_message_leaks(const NoticeMessage& message, const Ticket& ticket);

}  // namespace complaint
