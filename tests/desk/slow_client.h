// SlowClient: a raw TCP connection to the desk from a chosen loopback source address
// (127.0.0.x: Linux routes all of 127/8 to lo, so one machine can play many clients) that
// sends an HTTP request a piece at a time, as a slow or malicious client does, and tells
// whether the desk has closed it.
#pragma once

#include <chrono>
#include <string>

namespace complaint::testing {

class SlowClient {
 public:
  // Connects from `source` (an IPv4 loopback address) to 127.0.0.1:port; connected() says
  // whether the TCP handshake completed (the kernel does that before the desk decides).
  SlowClient(const std::string& source, int port);
  ~SlowClient();
  SlowClient(SlowClient&& other) noexcept;
  SlowClient(const SlowClient&) = delete;
  SlowClient& operator=(const SlowClient&) = delete;

  bool connected() const { return m_fd >= 0; }
  // Sends `text` as it is; false when the desk has closed the connection.
  bool send(const std::string& text);
  // True once the desk has closed the connection (end of stream or reset), waiting up to
  // `wait` for it; false if it is still open then. Answer bytes are read and kept.
  bool closed_by_desk(std::chrono::milliseconds wait = std::chrono::milliseconds(0));
  const std::string& received() const { return m_received; }

 private:
  int m_fd = -1;
  bool m_closed = false;
  std::string m_received;
};

}  // namespace complaint::testing
