// client_address; see client_address.h.
#include "desk/client_address.h"

#include <algorithm>

namespace complaint::desk {
namespace {

bool is_trusted(std::string_view text, const std::vector<IpAddress>& trusted) {
  const auto address = parse_ip_address(text);
  return address && std::find(trusted.begin(), trusted.end(), *address) != trusted.end();
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<IpAddress>& trusted_proxies) {
  if (trusted_proxies.empty() || !is_trusted(peer, trusted_proxies)) return std::string(peer);
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const std::size_t comma = rest.rfind(',');
    const std::string_view entry = trimmed(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (entry.empty() || is_trusted(entry, trusted_proxies)) continue;
    // Garbage where an address belongs: the proxy passed on what a client wrote, so the
    // proxy is the last hop known for sure.
    if (!parse_ip_address(entry)) return std::string(peer);
    return std::string(entry);
  }
  return std::string(peer);
}

}  // namespace complaint::desk
