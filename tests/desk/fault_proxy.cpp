// FaultProxy; see fault_proxy.h. Plain POSIX sockets: the point is to misbehave in ways
// an HTTP library would not let us (half answers, resets).
#include "fault_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <future>

namespace complaint::testing {
namespace {

constexpr int kIoTimeoutMs = 10000;

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool wait_readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, kIoTimeoutMs) > 0;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// One request: head (up to the blank line) and a Content-Length body. Empty on EOF/error.
std::string read_request(int fd) {
  std::string data;
  char chunk[65536];
  std::size_t head_end = std::string::npos;
  while (head_end == std::string::npos) {
    if (!wait_readable(fd)) return {};
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return {};
    data.append(chunk, static_cast<std::size_t>(n));
    head_end = data.find("\r\n\r\n");
  }
  const std::string head = lower(data.substr(0, head_end));
  std::size_t length = 0;
  if (const std::size_t at = head.find("\r\ncontent-length:"); at != std::string::npos) {
    length = std::strtoul(head.c_str() + at + 17, nullptr, 10);
  }
  if (head.find("\r\nexpect: 100-continue") != std::string::npos) {
    const char* go_on = "HTTP/1.1 100 Continue\r\n\r\n";
    write_all(fd, go_on, std::strlen(go_on));
  }
  while (data.size() < head_end + 4 + length) {
    if (!wait_readable(fd)) return {};
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return {};
    data.append(chunk, static_cast<std::size_t>(n));
  }
  return data.substr(0, head_end + 4 + length);
}

// The request as sent upstream: one per connection, no 100-continue.
std::string for_upstream(const std::string& request) {
  const std::size_t head_end = request.find("\r\n\r\n");
  std::string out;
  std::size_t line_start = 0;
  while (line_start < head_end) {
    std::size_t line_end = request.find("\r\n", line_start);
    if (line_end > head_end) line_end = head_end;
    const std::string line = request.substr(line_start, line_end - line_start);
    const std::string name = lower(line.substr(0, line.find(':')));
    if (name != "connection" && name != "expect" && name != "keep-alive") out += line + "\r\n";
    line_start = line_end + 2;
  }
  return out + "Connection: close\r\n\r\n" + request.substr(head_end + 4);
}

// Sends the request on a fresh connection and reads until the desk closes it.
std::string forward(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      write_all(fd, request.data(), request.size())) {
    char chunk[65536];
    while (wait_readable(fd)) {
      const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) break;
      response.append(chunk, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return response;
}

void reset_connection(int fd) {
  const linger abort_on_close{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
  ::close(fd);
}

}  // namespace

const char* to_string(ProxyFault fault) {
  switch (fault) {
    case ProxyFault::none:
      return "none";
    case ProxyFault::drop:
      return "drop";
    case ProxyFault::delay:
      return "delay";
    case ProxyFault::error_500:
      return "error_500";
    case ProxyFault::lose_response:
      return "lose_response";
    case ProxyFault::reset:
      return "reset";
    case ProxyFault::duplicate:
      return "duplicate";
  }
  return "?";
}

FaultProxy::FaultProxy(int upstream_port, FaultMix mix)
    : m_upstream_port(upstream_port), m_mix(std::move(mix)), m_random(m_mix.seed) {
  m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int yes = 1;
  ::setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(m_listener, 64) != 0 ||
      ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    return;
  }
  m_port = ntohs(address.sin_port);
  m_acceptor = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
  m_stopping = true;
  if (m_acceptor.joinable()) m_acceptor.join();
  for (std::thread& worker : m_workers) worker.join();
  if (m_listener >= 0) ::close(m_listener);
}

std::map<ProxyFault, int> FaultProxy::counts() const {
  std::lock_guard lock(m_mutex);
  return m_counts;
}

int FaultProxy::requests() const {
  std::lock_guard lock(m_mutex);
  int total = 0;
  for (const auto& [fault, n] : m_counts) total += n;
  return total;
}

void FaultProxy::count(ProxyFault fault) {
  std::lock_guard lock(m_mutex);
  ++m_counts[fault];
}

ProxyFault FaultProxy::choose(std::chrono::milliseconds& delay) {
  std::lock_guard lock(m_mutex);
  int roll = static_cast<int>(m_random() % 100);
  delay = std::chrono::milliseconds(
      static_cast<long>(m_random() % static_cast<std::uint64_t>(std::max<long>(1, m_mix.max_delay.count()))));
  for (const auto& [fault, percent] : m_mix.percent) {
    if (roll < percent) return fault;
    roll -= percent;
  }
  return ProxyFault::none;
}

void FaultProxy::accept_loop() {
  while (!m_stopping) {
    pollfd p{m_listener, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int client = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    m_workers.emplace_back([this, client] { serve(client); });
  }
}

void FaultProxy::serve(int client) {
  const std::string request = read_request(client);
  if (request.empty()) {
    ::close(client);
    return;
  }
  const std::string upstream = for_upstream(request);
  std::chrono::milliseconds delay{0};
  const ProxyFault fault = choose(delay);
  count(fault);
  std::string response;
  switch (fault) {
    case ProxyFault::drop:
      ::close(client);
      return;
    case ProxyFault::error_500: {
      const std::string body = "{\"error\":\"injected by the test proxy\"}";
      response = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: " +
                 std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
      break;
    }
    case ProxyFault::delay:
      std::this_thread::sleep_for(delay);
      response = forward(m_upstream_port, upstream);
      break;
    case ProxyFault::lose_response:
      forward(m_upstream_port, upstream);
      ::close(client);
      return;
    case ProxyFault::reset:
      response = forward(m_upstream_port, upstream);
      write_all(client, response.data(), response.size() / 2);
      reset_connection(client);
      return;
    case ProxyFault::duplicate: {
      auto first = std::async(std::launch::async, [&] { return forward(m_upstream_port, upstream); });
      const std::string second = forward(m_upstream_port, upstream);
      const std::string one = first.get();
      response = delay.count() % 2 == 0 ? one : second;  // either answer: "200 stored" or "409 replay"
      break;
    }
    case ProxyFault::none:
      response = forward(m_upstream_port, upstream);
      break;
  }
  if (response.empty()) {
    reset_connection(client);
    return;
  }
  write_all(client, response.data(), response.size());
  ::shutdown(client, SHUT_WR);
  ::close(client);
}

}  // namespace complaint::testing
