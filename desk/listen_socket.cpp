// open_listen_socket; see listen_socket.h.
#include "desk/listen_socket.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace complaint::desk {
namespace {

Error listen_error(const std::string& host, int port, const std::string& why, const char* call, int code) {
  return Error::make(ErrorCode::unavailable,
                     "cannot listen on " + host + ":" + std::to_string(port) + " (" + why + ")", call, code);
}

int port_of(int fd) {
  sockaddr_storage bound{};
  socklen_t size = sizeof bound;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &size) != 0) return -1;
  if (bound.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  return ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port);
}

}  // namespace

Result<ListenSocket> open_listen_socket(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  const int resolved = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
  if (resolved != 0 || found == nullptr) {
    return listen_error(host, port,
                        std::string("not an address of this machine: ") + ::gai_strerror(resolved),
                        "getaddrinfo", resolved);
  }
  const addrinfo address = *found;
  const int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    const int code = errno;
    ::freeaddrinfo(found);
    return listen_error(host, port, std::strerror(code), "socket", code);
  }
  const int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  const int bound = ::bind(fd, address.ai_addr, address.ai_addrlen);
  const int code = errno;
  ::freeaddrinfo(found);
  if (bound != 0) {
    ::close(fd);
    return listen_error(host, port,
                        std::string(std::strerror(code)) + ": in use, or not an address of this machine",
                        "bind", code);
  }
  if (::listen(fd, SOMAXCONN) != 0) {
    const int failed = errno;
    ::close(fd);
    return listen_error(host, port, std::strerror(failed), "listen", failed);
  }
  return ListenSocket{fd, port_of(fd)};
}

}  // namespace complaint::desk
