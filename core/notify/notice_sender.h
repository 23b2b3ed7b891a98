// NoticeSender: one channel that carries notices out of the desk (email over SMTP in
// drivers/notify; FakeNoticeSender beside this file for tests). A sender is told one
// message for one recipient and answers with what the provider said, or an error whose
// message is the provider's answer (a 5xx reply, a timeout, a reset connection): the worker
// records either, retries errors, and never calls a sender twice for a delivery it recorded.
#pragma once

#include <string>

#include "core/base/result.h"

namespace complaint {

// What a message is about, for channels that carry data rather than prose (the JSON webhook,
// docs/WEBHOOKS.md). Never the complaint's text or the customer's contact.
struct NoticeFacts {
  std::string key;     // the notice's idempotency key
  std::string reason;  // "major", "forwarded"
  std::string ticket_number;
  std::string kind;  // taxonomy ids
  std::string category;
  std::string department;   // empty when none
  std::string deadline;     // ISO 8601 with the desk's offset; empty when none
  std::string console_url;  // empty when none
};

struct NoticeMessage {
  // email: the address; a group channel: the group's name; a customer SMS: the phone number
  std::string recipient;
  std::string subject;  // UTF-8
  std::string text;     // UTF-8 plain text
  std::string html;     // UTF-8 HTML alternative; empty: plain text only
  NoticeFacts facts;
  // A customer notice (customer_notice.h): the recipient is the customer, never a group; the
  // JSON webhook (an SMS gateway) sends the recipient as "to".
  bool to_customer = false;
};

class NoticeSender {
 public:
  virtual ~NoticeSender() = default;
  // The channel's name in deliveries and the audit trail ("email").
  virtual std::string channel() const = 0;
  virtual Result<std::string> send(const NoticeMessage& message) = 0;
};

}  // namespace complaint
