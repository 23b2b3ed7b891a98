// DeskHttpServer: serves a Router over GNU libmicrohttpd (HTTP, or HTTPS when given a
// certificate). One event thread reads every connection as its bytes arrive, so a slow
// client costs a socket, never a thread; the handlers run on a pool of `threads`, the
// kiosks' sync requests on their own pool of `sync_threads` with a bounded queue (the excess
// is answered 503 busy with Retry-After at once). Guards against slow and greedy clients
// (ConnectionGuard): the headers must arrive within header_timeout_seconds, the body within
// body_timeout_seconds, an address may hold max_connections_per_address connections and all
// together max_connections. Caps request bodies (413; the excess is read and dropped, never
// kept), answers errors as JSON, logs one line per request (busy answers: a count a second).
// stop() may be called from any thread (a signal watcher).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/base/ip_address.h"
#include "core/base/result.h"
#include "desk/router.h"

namespace complaint::desk {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (bound_port() tells which)
  int threads = 8;  // handler threads: requests being answered at once (all but sync)
  // The sync lane (kSyncPath): its own threads, and a bounded wait for them; a sync request
  // beyond sync_threads + sync_queue_limit is answered 503 busy by the event thread.
  int sync_threads = 4;
  int sync_queue_limit = 32;
  int sync_busy_retry_seconds = 2;  // that answer's Retry-After
  std::size_t max_body_bytes = 1024 * 1024;
  std::string tls_cert;  // both set: https
  std::string tls_key;
  std::vector<IpAddress> trusted_proxies;  // see client_address.h; exempt from the per-address cap
  int max_connections = 1000;              // open at once, all clients together
  int max_connections_per_address = 32;    // 0: no cap
  int header_timeout_seconds = 10;         // from opening (or the previous answer) to the headers' end
  int body_timeout_seconds = 30;           // from the headers' end to the body's end
  // The Retry-After (seconds) of a 503 whose route set none; unset: no header.
  std::function<int()> retry_after_seconds;
};

class DeskHttpServer {
 public:
  static Result<std::unique_ptr<DeskHttpServer>> create(const Router& router, ServerOptions options,
                                                        std::function<void(std::string_view)> log);
  ~DeskHttpServer();

  // Binds the socket; afterwards bound_port() is valid and run() serves.
  Result<void> bind();
  int bound_port() const;
  // Serves until stop(); returns once in-flight requests are answered.
  Result<void> run();
  void stop();

  struct Impl;

 private:
  explicit DeskHttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// "HOST:PORT" -> host and port; "[::1]:8080" for IPv6.
Result<std::pair<std::string, int>> parse_listen_address(const std::string& text);

}  // namespace complaint::desk
