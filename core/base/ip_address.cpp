// parse_ip_address; see ip_address.h.
#include "core/base/ip_address.h"

#include <arpa/inet.h>

#include <cstring>
#include <string>

namespace complaint {

std::optional<IpAddress> parse_ip_address(std::string_view text) {
  const std::string zero_terminated(text);
  IpAddress address{};
  if (inet_pton(AF_INET6, zero_terminated.c_str(), address.data()) == 1) return address;
  in_addr v4{};
  if (inet_pton(AF_INET, zero_terminated.c_str(), &v4) != 1) return std::nullopt;
  address.fill(0);
  address[10] = 0xff;
  address[11] = 0xff;
  std::memcpy(address.data() + 12, &v4, 4);
  return address;
}

}  // namespace complaint
