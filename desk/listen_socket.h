// The desk's listening socket, opened by the desk itself so that a failure says which
// address and why (errno), and so that a port of 0 tells which free port it got.
#pragma once

#include <string>

#include "core/base/result.h"

namespace complaint::desk {

struct ListenSocket {
  int fd = -1;  // non-blocking, SO_REUSEADDR; the caller closes it
  int port = 0;
};

// `host`: an IPv4 or IPv6 address or a host name (its first address); port 0: any free port.
Result<ListenSocket> open_listen_socket(const std::string& host, int port);

}  // namespace complaint::desk
