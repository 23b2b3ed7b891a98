// FaultProxy: an HTTP/1.1 proxy on 127.0.0.1 between a kiosk and the desk that misbehaves
// on purpose, one decision per request from a seeded generator: the request is dropped,
// delayed, answered 500 without reaching the desk, forwarded and its answer lost or cut
// off by a connection reset mid-response, or sent to the desk twice. Each client request
// is forwarded on a fresh desk connection ("Connection: close" both ways).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace complaint::testing {

enum class ProxyFault {
  none,
  drop,           // the request never reaches the desk; the client's connection is closed
  delay,          // forwarded after a pause (longer than the client's timeout sometimes)
  error_500,      // answered 500 by the proxy; the desk never sees it
  lose_response,  // the desk handles it; the client's connection is closed without an answer
  reset,          // the desk handles it; half its answer, then a TCP reset
  duplicate,      // the desk gets it twice (concurrently); the client gets one of the answers
};
const char* to_string(ProxyFault fault);

struct FaultMix {
  // Per request, in percent; the rest pass unharmed.
  std::map<ProxyFault, int> percent;
  std::chrono::milliseconds max_delay{1500};
  std::uint64_t seed = 1;
};

class FaultProxy {
 public:
  FaultProxy(int upstream_port, FaultMix mix);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  int port() const { return m_port; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
  std::map<ProxyFault, int> counts() const;
  int requests() const;

 private:
  void accept_loop();
  void serve(int client);
  ProxyFault choose(std::chrono::milliseconds& delay);
  void count(ProxyFault fault);

  int m_upstream_port;
  FaultMix m_mix;
  int m_listener = -1;
  int m_port = 0;
  std::atomic<bool> m_stopping{false};
  mutable std::mutex m_mutex;
  std::mt19937_64 m_random;
  std::map<ProxyFault, int> m_counts;
  std::thread m_acceptor;
  std::vector<std::thread> m_workers;
};

}  // namespace complaint::testing
