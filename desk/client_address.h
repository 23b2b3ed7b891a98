// The address a request came from, for the per-client rate limit and the logs. Behind a
// reverse proxy every request's peer is the proxy: then, and only when the peer is one of
// [desk] trusted_proxies, the client is the right-most X-Forwarded-For entry that is not a
// trusted proxy itself. A client can prepend anything to that header, so entries left of
// the first untrusted one are never believed, and without trusted proxies it is ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/ip_address.h"

namespace complaint::desk {

// forwarded_for: every X-Forwarded-For header of the request, joined with ",".
std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<IpAddress>& trusted_proxies);

}  // namespace complaint::desk
