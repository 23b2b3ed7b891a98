// ConnectionGuard; see connection_guard.h.
#include "desk/connection_guard.h"

#include <algorithm>

namespace complaint::desk {
namespace {

bool is_ipv4_mapped(const IpAddress& address) {
  for (int i = 0; i < 10; ++i) {
    if (address[i] != 0) return false;
  }
  return address[10] == 0xff && address[11] == 0xff;
}

}  // namespace

ConnectionGuard::ConnectionGuard(ConnectionLimits limits, std::vector<IpAddress> exempt)
    : m_limits(limits), m_exempt(std::move(exempt)) {}

// One IPv6 host usually holds a whole /64 and can pick any address in it: counting single
// addresses would let it open a connection per address.
ConnectionGuard::AddressKey ConnectionGuard::key_of(const IpAddress& peer) const {
  if (is_ipv4_mapped(peer)) return peer;
  AddressKey key = peer;
  std::fill(key.begin() + 8, key.end(), std::uint8_t{0});
  return key;
}

bool ConnectionGuard::may_open(const IpAddress& peer) const {
  if (m_limits.max_per_address <= 0) return true;
  if (std::find(m_exempt.begin(), m_exempt.end(), peer) != m_exempt.end()) return true;
  return open_from(peer) < m_limits.max_per_address;
}

bool ConnectionGuard::first_refusal(const IpAddress& peer) {
  const auto found = m_addresses.find(key_of(peer));
  if (found == m_addresses.end() || found->second.refused) return false;
  found->second.refused = true;
  return true;
}

int ConnectionGuard::open_from(const IpAddress& peer) const {
  const auto found = m_addresses.find(key_of(peer));
  return found == m_addresses.end() ? 0 : found->second.open;
}

void ConnectionGuard::opened(Id id, const IpAddress& peer, TimePoint now) {
  Connection connection;
  connection.address = key_of(peer);
  connection.counted = std::find(m_exempt.begin(), m_exempt.end(), peer) == m_exempt.end();
  connection.deadline = now + m_limits.header_timeout;
  if (connection.counted) ++m_addresses[connection.address].open;
  m_connections[id] = connection;
}

void ConnectionGuard::headers_received(Id id, TimePoint now) {
  const auto found = m_connections.find(id);
  if (found != m_connections.end()) found->second.deadline = now + m_limits.body_timeout;
}

void ConnectionGuard::request_received(Id id) {
  const auto found = m_connections.find(id);
  if (found != m_connections.end()) found->second.busy = true;
}

void ConnectionGuard::answered(Id id, TimePoint now) {
  const auto found = m_connections.find(id);
  if (found == m_connections.end()) return;
  found->second.busy = false;
  found->second.deadline = now + m_limits.header_timeout;
}

void ConnectionGuard::closed(Id id) {
  const auto found = m_connections.find(id);
  if (found == m_connections.end()) return;
  if (found->second.counted) {
    const auto address = m_addresses.find(found->second.address);
    if (address != m_addresses.end()) {
      --address->second.open;
      if (address->second.open < m_limits.max_per_address) address->second.refused = false;
      if (address->second.open <= 0) m_addresses.erase(address);
    }
  }
  m_connections.erase(found);
}

std::vector<ConnectionGuard::Id> ConnectionGuard::overdue(TimePoint now) const {
  std::vector<Id> late;
  for (const auto& [id, connection] : m_connections) {
    if (!connection.busy && connection.deadline <= now) late.push_back(id);
  }
  return late;
}

std::vector<ConnectionGuard::Id> ConnectionGuard::idle() const {
  std::vector<Id> waiting;
  for (const auto& [id, connection] : m_connections) {
    if (!connection.busy) waiting.push_back(id);
  }
  return waiting;
}

}  // namespace complaint::desk
