// IP addresses as text (IPv4 dotted or IPv6), compared by value: "::ffff:10.0.0.1" equals
// "10.0.0.1" and "0:0::1" equals "::1", as a socket and a config file may spell them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace complaint {

// 16 bytes; an IPv4 address as its IPv4-mapped IPv6 form.
using IpAddress = std::array<std::uint8_t, 16>;

// std::nullopt when `text` is not an address (a host name, a range, garbage).
std::optional<IpAddress> parse_ip_address(std::string_view text);

}  // namespace complaint
