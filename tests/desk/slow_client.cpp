// SlowClient; see slow_client.h.
#include "slow_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace complaint::testing {

SlowClient::SlowClient(const std::string& source, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  sockaddr_in from{};
  from.sin_family = AF_INET;
  ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd);
    return;
  }
  m_fd = fd;
}

SlowClient::~SlowClient() {
  if (m_fd >= 0) ::close(m_fd);
}

SlowClient::SlowClient(SlowClient&& other) noexcept
    : m_fd(other.m_fd), m_closed(other.m_closed), m_received(std::move(other.m_received)) {
  other.m_fd = -1;
}

bool SlowClient::send(const std::string& text) {
  if (m_fd < 0 || m_closed) return false;
  return ::send(m_fd, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size());
}

bool SlowClient::closed_by_desk(std::chrono::milliseconds wait) {
  if (m_fd < 0 || m_closed) return true;
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd watched{m_fd, POLLIN | POLLRDHUP, 0};
    const int ready = ::poll(&watched, 1, static_cast<int>(std::max<long long>(0, left.count())));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;  // nothing within the wait: still open
    char buffer[4096];
    const ssize_t got = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
    if (got > 0) {
      m_received.append(buffer, static_cast<std::size_t>(got));
      continue;  // an answer; the close may follow
    }
    if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    m_closed = true;  // 0: end of stream; < 0: reset
    return true;
  }
}

}  // namespace complaint::testing
