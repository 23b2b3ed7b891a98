// DeskHttpServer over GNU libmicrohttpd (see http_server.h); MHD types stay in this file.
// Sections: state | MHD callbacks (accept, connection, request, completed, log) |
// requests and answers | the event loop | the public interface.
//
// One thread (run()) drives MHD in its "external epoll" mode and, between MHD's turns, the
// ConnectionGuard's deadlines, so every MHD callback and every guard call happens on that
// thread and the guard needs no lock. A request's handler runs on a HandlerPool: MHD
// suspends the connection, the pool thread computes the answer and resumes it, and MHD
// calls the request callback once more to queue it. A handler's exception becomes a 500
// JSON error on the pool thread, never crossing further. Two pools, two lanes (lane_of,
// desk/sync_admission.h): the kiosks' sync requests on their own, bounded by SyncAdmission
// (the excess answered 503 busy right here, on the event thread), all other requests on the
// other, so pages never queue behind a thousand kiosks.
#include "desk/http_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <poll.h>
#include <strings.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <optional>

#include "core/sync/sync_protocol.h"
#include "desk/client_address.h"
#include "desk/connection_guard.h"
#include "desk/handler_pool.h"
#include "desk/listen_socket.h"
#include "desk/sync_admission.h"
#include "desk/tls_credentials.h"

namespace complaint::desk {

using SteadyClock = std::chrono::steady_clock;

// ---------------------------------------------------------------- state

namespace {

// What the server knows of a connection's peer (MHD's socket context).
struct Peer {
  std::string text;  // as logged and rate-limited when no trusted proxy is involved
  IpAddress address{};
};

// One request (MHD's per-request context): built from the headers, filled by the body,
// answered on the pool.
struct Exchange {
  DeskRequest request;
  bool too_large = false;  // over max_body_bytes: the rest is read and dropped, the answer is 413
  bool submitted = false;  // handed to the pool (the connection is suspended until answered)
  DeskResponse response;
};

constexpr auto kSweepInterval = std::chrono::milliseconds(250);
constexpr auto kShutdownGrace = std::chrono::seconds(5);  // for answers still being sent
constexpr auto kRepeatWindow = std::chrono::seconds(10);

}  // namespace

struct DeskHttpServer::Impl {
  const Router* router = nullptr;
  ServerOptions options;
  std::function<void(std::string_view)> log;
  std::optional<TlsCredentials> tls;
  int port = 0;
  MHD_Daemon* daemon = nullptr;  // owns the listening socket
  std::unique_ptr<ConnectionGuard> guard;
  std::unique_ptr<HandlerPool> pool;       // pages, console, health: everything but sync
  std::unique_ptr<HandlerPool> sync_pool;  // kSyncPath only
  std::unique_ptr<SyncAdmission> sync_admission;
  std::unique_ptr<RetrySchedule> retry_schedule;
  RefusalTally busy_refusals;  // event thread only
  int wake_fd = -1;            // eventfd: stop() wakes the loop through it
  std::atomic<bool> stopping{false};
  // Requests on the pool, until their handler has run and resumed the connection. MHD must
  // not be stopped while one is out: it refuses to stop with a suspended connection.
  std::atomic<int> on_pool{0};
  // MHD's last message and how often it came again since (an attack repeats one per
  // connection; the log gets it once per kRepeatWindow).
  std::string last_message;
  SteadyClock::time_point last_message_at;
  int repeats = 0;

  ~Impl() {
    if (daemon != nullptr) MHD_stop_daemon(daemon);
    pool.reset();
    sync_pool.reset();
    if (wake_fd >= 0) ::close(wake_fd);
  }

  void say(const std::string& line) const {
    if (log) log(line);
  }
};

namespace {

using Impl = DeskHttpServer::Impl;

void wake(const Impl& server) {
  const std::uint64_t one = 1;
  (void)!::write(server.wake_fd, &one, sizeof one);
}

ConnectionGuard::Id id_of(MHD_Connection* connection) {
  return reinterpret_cast<ConnectionGuard::Id>(connection);
}

Peer peer_of(const sockaddr* address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address->sa_family == AF_INET) {
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
  } else if (address->sa_family == AF_INET6) {
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text, sizeof text);
  }
  Peer peer;
  peer.text = text;
  peer.address = parse_ip_address(peer.text).value_or(IpAddress{});
  return peer;
}

// Closes a connection's socket under MHD: its next read sees the end and MHD cleans up
// (and tells on_connection). Only for connections MHD has not closed yet.
void cut(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
  if (info != nullptr) ::shutdown(info->connect_fd, SHUT_RDWR);
}

// ---------------------------------------------------------------- MHD callbacks

// Before MHD accepts a connection: the per-address cap. The refused socket is closed at once.
MHD_Result on_accept(void* context, const sockaddr* address, socklen_t) {
  Impl& server = *static_cast<Impl*>(context);
  const Peer peer = peer_of(address);
  if (server.guard->may_open(peer.address)) return MHD_YES;
  if (server.guard->first_refusal(peer.address)) {
    server.say("http: refusing connections from " + peer.text + ": it holds " +
               std::to_string(server.guard->open_from(peer.address)) + " (desk.max_connections_per_address)");
  }
  return MHD_NO;
}

void on_connection(void* context, MHD_Connection* connection, void** socket_context,
                   MHD_ConnectionNotificationCode code) {
  Impl& server = *static_cast<Impl*>(context);
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    auto* peer = new Peer(info != nullptr ? peer_of(info->client_addr) : Peer{});
    *socket_context = peer;
    server.guard->opened(id_of(connection), peer->address, SteadyClock::now());
    return;
  }
  server.guard->closed(id_of(connection));
  delete static_cast<Peer*>(*socket_context);
  *socket_context = nullptr;
}

void on_completed(void* context, MHD_Connection* connection, void** request_context,
                  MHD_RequestTerminationCode) {
  Impl& server = *static_cast<Impl*>(context);
  delete static_cast<Exchange*>(*request_context);
  *request_context = nullptr;
  server.guard->answered(id_of(connection), SteadyClock::now());
}

void on_mhd_message(void* context, const char* format, va_list arguments) {
  Impl& server = *static_cast<Impl*>(context);
  char text[512];
  std::vsnprintf(text, sizeof text, format, arguments);
  std::string line = text;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  // on_accept logs these itself, once per address.
  if (line.rfind("Connection rejected by application", 0) == 0) return;
  const auto now = SteadyClock::now();
  if (line == server.last_message && now - server.last_message_at < kRepeatWindow) {
    ++server.repeats;
    return;
  }
  if (server.repeats > 0) {
    server.say("http: (the previous message came " + std::to_string(server.repeats) + " more times)");
  }
  server.last_message = line;
  server.last_message_at = now;
  server.repeats = 0;
  server.say("http: " + line);
}

// ---------------------------------------------------------------- requests and answers

MHD_Result collect_header(void* target, MHD_ValueKind, const char* name, const char* value) {
  static_cast<HttpRequest*>(target)->headers.emplace_back(name, value != nullptr ? value : "");
  return MHD_YES;
}

MHD_Result collect_query(void* target, MHD_ValueKind, const char* name, const char* value) {
  static_cast<DeskRequest*>(target)->query.emplace(name, value != nullptr ? value : "");
  return MHD_YES;
}

std::string client_of(const Impl& server, const HttpRequest& http, const Peer& peer) {
  if (server.options.trusted_proxies.empty()) return peer.text;
  std::string forwarded_for;
  for (const auto& [name, value] : http.headers) {
    if (strcasecmp(name.c_str(), "X-Forwarded-For") != 0) continue;
    if (!forwarded_for.empty()) forwarded_for += ",";
    forwarded_for += value;
  }
  return client_address(peer.text, forwarded_for, server.options.trusted_proxies);
}

Exchange* start_exchange(const Impl& server, MHD_Connection* connection, const char* url,
                         const char* method) {
  auto* exchange = new Exchange;
  DeskRequest& request = exchange->request;
  // HEAD is answered as GET; MHD leaves the body out.
  request.http.method = std::string_view(method) == "HEAD" ? "GET" : method;
  request.http.path = url;
  MHD_get_connection_values(connection, MHD_HEADER_KIND, collect_header, &request.http);
  MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collect_query, &request);
  const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  const Peer* peer = info != nullptr ? static_cast<const Peer*>(info->socket_context) : nullptr;
  request.remote_address = client_of(server, request.http, peer != nullptr ? *peer : Peer{});
  return exchange;
}

DeskResponse too_large() {
  Error error = Error::make(ErrorCode::too_large, "the request body is over the desk's limit");
  error.field = "body";
  error.key = "desk.error.too_large";
  DeskResponse response = DeskResponse::json(413, error_to_json(error));
  response.headers.emplace_back("Connection", "close");
  return response;
}

bool declares_too_much(MHD_Connection* connection, std::size_t limit) {
  const char* length =
      MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  if (length == nullptr) return false;
  char* end = nullptr;
  errno = 0;
  const unsigned long long declared = std::strtoull(length, &end, 10);
  return errno == ERANGE || declared > limit;
}

// Whether send_answer logs the request's line: busy answers are counted instead (a thousand
// kiosks at once would bury everything else in the journal).
enum class RequestLine { log, skip };

MHD_Result send_answer(const Impl& server, MHD_Connection* connection, const DeskRequest& request,
                       const DeskResponse& answer, RequestLine line = RequestLine::log) {
  MHD_Response* out = MHD_create_response_from_buffer(
      answer.body.size(), const_cast<char*>(answer.body.data()), MHD_RESPMEM_MUST_COPY);
  if (out == nullptr) return MHD_NO;
  for (const auto& [name, value] : answer.headers) MHD_add_response_header(out, name.c_str(), value.c_str());
  MHD_add_response_header(out, MHD_HTTP_HEADER_CONTENT_TYPE, answer.content_type.c_str());
  const MHD_Result queued = MHD_queue_response(connection, static_cast<unsigned>(answer.status), out);
  MHD_destroy_response(out);
  if (line == RequestLine::log && request.http.path != "/healthz") {
    server.say(request.remote_address + " " + request.http.method + " " + request.http.path + " " +
               std::to_string(answer.status) + " " + std::to_string(request.http.body.size()) + "B");
  }
  return queued;
}

DeskResponse dispatch(const Impl& server, DeskRequest& request) {
  try {
    DeskResponse response = server.router->dispatch(request);
    // Every 503 (the database away, most often) says when to come back, unless its route did.
    if (response.status == 503 && server.options.retry_after_seconds) {
      const bool has = std::any_of(response.headers.begin(), response.headers.end(),
                                   [](const auto& header) { return header.first == "Retry-After"; });
      if (!has)
        response.headers.emplace_back("Retry-After", std::to_string(server.options.retry_after_seconds()));
    }
    return response;
  } catch (...) {
    server.say("error: handler for " + request.http.method + " " + request.http.path + " threw");
    return DeskResponse::json(500, error_to_json(Error::make(ErrorCode::internal, "internal error")));
  }
}

void log_busy_refusals(Impl& server, SteadyClock::time_point now) {
  const auto report = server.busy_refusals.due(now);
  if (!report) return;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", std::chrono::duration<double>(report->over).count());
  server.say("http: sync lane full (desk.sync_threads " + std::to_string(server.options.sync_threads) +
             " + sync_queue_limit " + std::to_string(server.options.sync_queue_limit) +
             "): " + std::to_string(report->refused) + " sync requests answered 503 busy in " + seconds +
             " s (Retry-After from " + std::to_string(server.options.sync_busy_retry_seconds) +
             " s, spread at the lane's rate)");
}

// MHD calls this once the headers are in, once per piece of body, once when the body is
// complete, and once more after the pool resumed the connection with the answer.
MHD_Result on_request(void* context, MHD_Connection* connection, const char* url, const char* method,
                      const char*, const char* upload, std::size_t* upload_size, void** request_context) {
  Impl& server = *static_cast<Impl*>(context);
  auto* exchange = static_cast<Exchange*>(*request_context);
  if (exchange == nullptr) {
    exchange = start_exchange(server, connection, url, method);
    *request_context = exchange;
    server.guard->headers_received(id_of(connection), SteadyClock::now());
    exchange->too_large = declares_too_much(connection, server.options.max_body_bytes);
    // A client waiting for "100 Continue" is answered before it sends the body. Any other
    // oversized body is read to its end (within body_timeout_seconds) and dropped: a server
    // that closes with unread data makes the kernel reset the connection, and the client
    // would lose the 413 along with it.
    const char* expect = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT);
    if (exchange->too_large && expect != nullptr && strcasecmp(expect, "100-continue") == 0) {
      return send_answer(server, connection, exchange->request, too_large());
    }
    return MHD_YES;
  }
  if (*upload_size > 0) {
    std::string& body = exchange->request.http.body;
    if (!exchange->too_large && body.size() + *upload_size > server.options.max_body_bytes) {
      exchange->too_large = true;  // a chunked body without a length grew past the cap
      std::string().swap(body);
    }
    if (!exchange->too_large) body.append(upload, *upload_size);
    *upload_size = 0;
    return MHD_YES;
  }
  if (exchange->too_large) return send_answer(server, connection, exchange->request, too_large());
  if (exchange->submitted) {  // resumed: the pool has answered
    return send_answer(server, connection, exchange->request, exchange->response);
  }
  server.guard->request_received(id_of(connection));
  // The lane is chosen here, by path, so a sync request never takes a place in the pages'
  // queue; one the sync lane has no place for is answered now, having cost no store work.
  const Lane lane = lane_of(exchange->request.http.path);
  if (lane == Lane::sync && !server.sync_admission->admit()) {
    const auto now = SteadyClock::now();
    server.busy_refusals.refused(now);
    log_busy_refusals(server, now);
    return send_answer(server, connection, exchange->request,
                       busy_response(server.retry_schedule->retry_after(now)), RequestLine::skip);
  }
  exchange->submitted = true;
  ++server.on_pool;
  MHD_suspend_connection(connection);
  HandlerPool& pool = lane == Lane::sync ? *server.sync_pool : *server.pool;
  pool.submit([&server, connection, exchange, lane] {
    exchange->response = dispatch(server, exchange->request);
    if (lane == Lane::sync) {
      server.sync_admission->leave();
      server.retry_schedule->answered(SteadyClock::now());
    }
    MHD_resume_connection(connection);
    --server.on_pool;
    // MHD signals its own epoll set too, but a resume that lands while MHD_run is working
    // can be cleared with nothing to show for it, and the answer would wait for the next
    // sweep: wake the loop ourselves.
    wake(server);
  });
  return MHD_YES;
}

// ---------------------------------------------------------------- the event loop

// Enough file descriptors for max_connections plus the stores' and the process's own.
void raise_file_limit(const Impl& server) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  const rlim_t wanted = static_cast<rlim_t>(server.options.max_connections) + 256;
  if (limit.rlim_cur >= wanted) return;
  limit.rlim_cur = std::min(wanted, limit.rlim_max);
  ::setrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < wanted) {
    server.say("complaint-desk: only " + std::to_string(limit.rlim_cur) +
               " open files allowed (ulimit -n); desk.max_connections " +
               std::to_string(server.options.max_connections) + " may not be reached");
  }
}

Result<MHD_Daemon*> start_daemon(Impl& server, int listen_fd) {
  std::vector<MHD_OptionItem> options = {
      {MHD_OPTION_LISTEN_SOCKET, listen_fd, nullptr},
      {MHD_OPTION_CONNECTION_LIMIT, server.options.max_connections, nullptr},
      // Nothing moving at all for this long (a client that stopped reading its answer, too).
      {MHD_OPTION_CONNECTION_TIMEOUT, server.options.header_timeout_seconds, nullptr},
      {MHD_OPTION_NOTIFY_CONNECTION, reinterpret_cast<intptr_t>(&on_connection), &server},
      {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&on_completed), &server},
  };
  unsigned flags = MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
  if (server.tls) {
    flags |= MHD_USE_TLS;
    options.push_back({MHD_OPTION_HTTPS_MEM_CERT, 0, server.tls->certificate_pem.data()});
    options.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, server.tls->key_pem.data()});
    options.push_back({MHD_OPTION_HTTPS_PRIORITIES, 0,
                       const_cast<char*>("NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-COMP-ALL")});
  }
  options.push_back({MHD_OPTION_END, 0, nullptr});
  // The logger first: MHD's messages about the options that follow go through it too.
  MHD_Daemon* daemon =
      MHD_start_daemon(flags, 0, on_accept, &server, on_request, &server, MHD_OPTION_EXTERNAL_LOGGER,
                       on_mhd_message, &server, MHD_OPTION_ARRAY, options.data(), MHD_OPTION_END);
  if (daemon == nullptr) {
    return Error::make(ErrorCode::internal, "the HTTP server did not start (see the http: lines above)",
                       "MHD_start_daemon");
  }
  return daemon;
}

int poll_timeout_ms(MHD_Daemon* daemon) {
  MHD_UNSIGNED_LONG_LONG mhd_timeout = 0;
  const long long sweep = kSweepInterval.count();
  if (MHD_get_timeout(daemon, &mhd_timeout) != MHD_YES) return static_cast<int>(sweep);
  return static_cast<int>(std::min<MHD_UNSIGNED_LONG_LONG>(mhd_timeout, sweep));
}

void cut_all(const std::vector<ConnectionGuard::Id>& connections) {
  for (const ConnectionGuard::Id id : connections) cut(reinterpret_cast<MHD_Connection*>(id));
}

}  // namespace

// ---------------------------------------------------------------- the public interface

Result<std::pair<std::string, int>> parse_listen_address(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    return Error::invalid("listen", "desk.error.listen", "--listen must be HOST:PORT, got '" + text + "'");
  }
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = 0;
  for (const char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9' || port > 65535) {
      return Error::invalid("listen", "desk.error.listen",
                            "--listen port must be 0-65535, got '" + text + "'");
    }
    port = port * 10 + (c - '0');
  }
  if (port > 65535) return Error::invalid("listen", "desk.error.listen", "--listen port must be 0-65535");
  return std::pair{host, port};
}

DeskHttpServer::DeskHttpServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
DeskHttpServer::~DeskHttpServer() = default;

Result<std::unique_ptr<DeskHttpServer>> DeskHttpServer::create(const Router& router, ServerOptions options,
                                                               std::function<void(std::string_view)> log) {
  auto impl = std::make_unique<Impl>();
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    TRY_ASSIGN(impl->tls, load_tls_credentials(options.tls_cert, options.tls_key));
  }
  impl->router = &router;
  impl->log = std::move(log);
  ConnectionLimits limits;
  limits.max_per_address = options.max_connections_per_address;
  limits.header_timeout = std::chrono::seconds(options.header_timeout_seconds);
  limits.body_timeout = std::chrono::seconds(options.body_timeout_seconds);
  impl->guard = std::make_unique<ConnectionGuard>(limits, options.trusted_proxies);
  impl->sync_admission = std::make_unique<SyncAdmission>(options.sync_threads, options.sync_queue_limit);
  // The floor: 50 answers a second per sync thread, what bench/desk/sync_load measured (about
  // 200 a second per desk with 4 threads, batches and polls together), so a crowd arriving
  // before anything was measured is spread over the time the lane really needs.
  impl->retry_schedule = std::make_unique<RetrySchedule>(options.sync_busy_retry_seconds,
                                                         50 * std::max(1, options.sync_threads));
  impl->options = std::move(options);
  impl->wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (impl->wake_fd < 0)
    return Error::make(ErrorCode::internal, "cannot create an eventfd", "eventfd", errno);
  return std::unique_ptr<DeskHttpServer>(new DeskHttpServer(std::move(impl)));
}

Result<void> DeskHttpServer::bind() {
  Impl& server = *m_impl;
  TRY_ASSIGN(const ListenSocket listening, open_listen_socket(server.options.host, server.options.port));
  raise_file_limit(server);
  auto daemon = start_daemon(server, listening.fd);
  if (!daemon.ok()) {
    ::close(listening.fd);
    return daemon.error();
  }
  server.daemon = *daemon;
  server.port = listening.port;
  return Ok{};
}

int DeskHttpServer::bound_port() const {
  return m_impl->port;
}

Result<void> DeskHttpServer::run() {
  Impl& server = *m_impl;
  const MHD_DaemonInfo* info = MHD_get_daemon_info(server.daemon, MHD_DAEMON_INFO_EPOLL_FD);
  if (info == nullptr)
    return Error::make(ErrorCode::internal, "MHD has no epoll descriptor", "MHD_get_daemon_info");
  server.pool = std::make_unique<HandlerPool>(server.options.threads);
  server.sync_pool = std::make_unique<HandlerPool>(server.options.sync_threads);
  pollfd watched[2] = {{info->epoll_fd, POLLIN, 0}, {server.wake_fd, POLLIN, 0}};
  std::optional<SteadyClock::time_point> stop_by;
  for (;;) {
    if (::poll(watched, 2, poll_timeout_ms(server.daemon)) < 0 && errno != EINTR) {
      return Error::make(ErrorCode::io, "the server's event loop failed", "poll", errno);
    }
    if ((watched[1].revents & POLLIN) != 0) {
      std::uint64_t ignored = 0;
      (void)!::read(server.wake_fd, &ignored, sizeof ignored);
    }
    MHD_run(server.daemon);
    const auto now = SteadyClock::now();
    cut_all(server.guard->overdue(now));
    log_busy_refusals(server, now);  // the refusals since the last line, once they are a second old
    if (!server.stopping.load()) continue;
    if (!stop_by) {  // stop accepting; what is being answered still is
      stop_by = now + kShutdownGrace;
      const MHD_socket listening = MHD_quiesce_daemon(server.daemon);
      if (listening != MHD_INVALID_SOCKET) ::close(listening);  // quiesced: ours to close
    }
    cut_all(server.guard->idle());
    if (server.on_pool.load() == 0 && (server.guard->open_connections() == 0 || now >= *stop_by)) break;
  }
  MHD_run(server.daemon);  // takes in the last resumed connections: none is left suspended
  MHD_stop_daemon(server.daemon);
  server.daemon = nullptr;
  server.pool.reset();
  server.sync_pool.reset();
  return Ok{};
}

void DeskHttpServer::stop() {
  m_impl->stopping.store(true);
  wake(*m_impl);
}

}  // namespace complaint::desk
