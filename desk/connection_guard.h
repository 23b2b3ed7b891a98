// ConnectionGuard: the desk server's defence against slow and greedy clients, free of the
// HTTP library. It counts the open connections of each client address (a cap per address;
// trusted proxies are exempt, an IPv6 client counts by its /64) and knows by when each
// connection must have delivered its current request: the headers within header_timeout of
// the connection opening or of its previous answer, the body within body_timeout of the
// headers. Between a request's last byte and its answer there is no deadline (the handler
// is working). Not thread-safe: the server calls it from its one event thread; time is
// passed in.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

#include "core/base/ip_address.h"

namespace complaint::desk {

struct ConnectionLimits {
  int max_per_address = 32;  // 0: no cap
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{30'000};
};

class ConnectionGuard {
 public:
  using Id = std::uintptr_t;  // the server's handle of a connection
  using TimePoint = std::chrono::steady_clock::time_point;

  ConnectionGuard(ConnectionLimits limits, std::vector<IpAddress> exempt);

  // Before accepting a connection from `peer`: false when its address holds the maximum.
  bool may_open(const IpAddress& peer) const;
  // True the first time `peer` is refused since it last went under the cap (log once).
  bool first_refusal(const IpAddress& peer);

  void opened(Id id, const IpAddress& peer, TimePoint now);  // now waiting for headers
  void headers_received(Id id, TimePoint now);               // now waiting for the body
  void request_received(Id id);                              // the handler has it: no deadline
  void answered(Id id, TimePoint now);                       // waiting for the next request
  void closed(Id id);

  // Connections whose current request is overdue: the server closes them.
  std::vector<Id> overdue(TimePoint now) const;
  // Connections not between a request and its answer (what a shutdown may close at once).
  std::vector<Id> idle() const;
  std::size_t open_connections() const { return m_connections.size(); }
  int open_from(const IpAddress& peer) const;

 private:
  using AddressKey = IpAddress;
  struct Connection {
    AddressKey address;
    bool counted = false;  // against its address (false: an exempt proxy)
    bool busy = false;     // between request_received and answered
    TimePoint deadline;
  };
  struct Address {
    int open = 0;
    bool refused = false;
  };
  AddressKey key_of(const IpAddress& peer) const;

  ConnectionLimits m_limits;
  std::vector<IpAddress> m_exempt;
  std::unordered_map<Id, Connection> m_connections;
  std::map<AddressKey, Address> m_addresses;  // only addresses with open connections
};

}  // namespace complaint::desk
