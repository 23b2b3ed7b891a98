// NoticeSender: one channel that carries notices out of the desk (email over SMTP in
// drivers/notify; FakeNoticeSender beside this file for tests). A sender is told one
// message for one recipient and answers with what the provider said, or an error whose
// message is the provider's answer (a 5xx reply, a timeout, a reset connection): the worker
// records either, retries errors, and never calls a sender twice for a delivery it recorded.
#pragma once

#include <string>

#include "core/base/result.h"

namespace complaint {

struct NoticeMessage {
  std::string recipient;  // email: the address
  std::string subject;    // UTF-8
  std::string text;       // UTF-8 plain text
  std::string html;       // UTF-8 HTML alternative; empty: plain text only
  // The notice's idempotency key (notice.h): email derives its Message-ID from it and the
  // recipient, so a message sent again is recognisably the same. Empty: a test message.
  std::string key;
};

class NoticeSender {
 public:
  virtual ~NoticeSender() = default;
  // The channel's name in deliveries and the audit trail ("email").
  virtual std::string channel() const = 0;
  virtual Result<std::string> send(const NoticeMessage& message) = 0;
};

}  // namespace complaint
