// SmtpSink: a REAL SMTP server for the notification tests, Debian's python3-aiosmtpd running
// tests/desk/smtp_sink.py on 127.0.0.1 and a free port, started by the test and stopped with
// it. Each accepted message is read back as Python's email module decoded it (headers, the
// subject as text, every body part's type and text) plus the bytes received. Options make it
// require STARTTLS (with a throwaway certificate made by make_test_certificate) and AUTH,
// refuse every message with a 5xx reply, never answer at all, drop the connection in the middle
// of the first messages, or keep the first message and answer it late (a window to kill the
// desk between the send and its record).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace complaint::testing {

struct SmtpSinkOptions {
  std::string tls_cert;  // with tls_key: STARTTLS offered and required
  std::string tls_key;
  std::string auth;     // "user:password": AUTH required
  std::string refuse;   // "554 5.7.1 ...": DATA answered with this, nothing kept
  bool silent = false;  // connections accepted, never answered
  int reset_first = 0;  // the first N messages: connection dropped after their data, no reply, not kept
  int slow_first_seconds = 0;  // the first message kept, then its reply waits this long
};

struct SinkMessage {
  nlohmann::json decoded;  // see smtp_sink.py
  std::string raw;         // the message's bytes as received
};

class SmtpSink {
 public:
  // Keeps its files in `folder` (created).
  explicit SmtpSink(const std::string& folder, SmtpSinkOptions options = {});
  ~SmtpSink();  // SIGKILL
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  bool started() const { return m_port > 0; }
  int port() const { return m_port; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(m_port); }
  // What the sink said on stderr (why it did not start).
  std::string log() const;
  // The messages received so far, oldest first.
  std::vector<SinkMessage> messages() const;
  // How many messages the sink dropped the connection on (reset_first).
  int resets() const;
  // Waits up to `timeout` for at least `count` messages; the messages then.
  std::vector<SinkMessage> wait_for(std::size_t count, std::chrono::milliseconds timeout) const;

 private:
  std::string m_folder;
  pid_t m_pid = -1;
  int m_port = 0;
};

// A self-signed certificate for 127.0.0.1 and localhost (openssl); an empty string on
// success, else what openssl said.
std::string make_test_certificate(const std::string& cert, const std::string& key);

}  // namespace complaint::testing
