// SmtpSender: the email NoticeSender, SMTP through libcurl. One message per recipient and
// connection: MAIL FROM smtp_from, RCPT TO the recipient, a MIME message with a UTF-8
// subject (RFC 2047 encoded words), multipart/alternative plain text and HTML (UTF-8,
// base64), Date from the Clock and a Message-ID derived from the notice's idempotency key
// and the recipient, so a message sent again after a desk restart carries the same id.
// smtp:// uses STARTTLS (required when smtp_require_tls, else used when offered), smtps://
// TLS from the start; the server's certificate is always verified (smtp_ca_file adds CAs).
// AUTH with smtp_user/smtp_password when a user is set. send() answers with the server's
// final reply ("250 2.0.0 Ok: queued as ..."), or an io error whose message carries the
// server's last reply (a 5xx refusal) or what went wrong (a timeout, a reset connection).
// Each send has its own libcurl handle: thread-safe.
#pragma once

#include <memory>
#include <string>

#include "core/base/clock.h"
#include "core/notify/notice_sender.h"
#include "core/notify/notify_config.h"

namespace complaint {

struct SmtpOptions {
  std::string url;  // smtp://host:port or smtps://host:port
  std::string user;
  std::string password;
  std::string from;  // envelope sender and From header
  bool require_tls = true;
  std::string ca_file;
  int timeout_seconds = 30;  // connecting, and the whole exchange
};

// The [notify] smtp_* settings.
SmtpOptions smtp_options(const NotifyConfig& config);

// The email sender; an error when the options cannot work (no URL, no sender address, an
// address with a line break, an unreadable CA file).
Result<std::unique_ptr<NoticeSender>> make_smtp_sender(const SmtpOptions& options, const Clock& clock);

// The URL without the user and password it may hold, for logs and errors.
std::string smtp_server_name(const std::string& url);

// The message as it goes on the wire (CRLF lines), for `message` from `from` at `at`.
// Exposed for tests.
std::string smtp_message_text(const NoticeMessage& message, const std::string& from, Instant at);
// RFC 2047: `text` as it may stand in a header, encoded words ("=?UTF-8?B?...?=") folded
// onto continuation lines when it is not plain printable ASCII.
std::string encode_header_words(const std::string& text);

}  // namespace complaint
