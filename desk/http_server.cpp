// DeskHttpServer over cpp-httplib (see http_server.h). httplib types stay in this file;
// a handler's exception is turned into a 500 JSON error here, never crossing further.
#include "desk/http_server.h"

#include <httplib.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/sync/sync_protocol.h"
#include "desk/client_address.h"

namespace complaint::desk {

struct DeskHttpServer::Impl {
  std::unique_ptr<httplib::Server> server;
  const Router* router = nullptr;
  ServerOptions options;
  std::function<void(std::string_view)> log;
  int port = 0;
};

namespace {

std::string client_of(const httplib::Request& in, const std::vector<IpAddress>& trusted_proxies) {
  if (trusted_proxies.empty()) return in.remote_addr;
  std::string forwarded_for;
  const std::size_t count = in.get_header_value_count("X-Forwarded-For");
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) forwarded_for += ",";
    forwarded_for += in.get_header_value("X-Forwarded-For", i);
  }
  return client_address(in.remote_addr, forwarded_for, trusted_proxies);
}

DeskRequest to_desk_request(const httplib::Request& in, const std::vector<IpAddress>& trusted_proxies) {
  DeskRequest request;
  request.http.method = in.method;
  request.http.path = in.path;
  request.http.body = in.body;
  for (const auto& [name, value] : in.headers) request.http.headers.emplace_back(name, value);
  for (const auto& [name, value] : in.params) request.query.emplace(name, value);
  request.remote_address = client_of(in, trusted_proxies);
  return request;
}

void write_response(const DeskResponse& out, httplib::Response& response) {
  response.status = out.status;
  for (const auto& [name, value] : out.headers) response.set_header(name, value);
  response.set_content(out.body, out.content_type);
}

// ---------------------------------------------------------------- TLS files
// Each way the certificate or key can be wrong is its own startup error naming the config
// key, so an operator is never left guessing and the desk never falls back to plain HTTP.

Error tls_error(const char* field, std::string message, const char* call, int status = 0) {
  Error error =
      Error::make(ErrorCode::config, "config: " + std::string(field) + ": " + message, call, status);
  error.field = field;
  return error;
}

std::string openssl_reason() {
  char text[256] = {};
  ERR_error_string_n(ERR_peek_error(), text, sizeof text);  // the first: the root cause
  ERR_clear_error();
  return text;
}

Result<void> check_readable(const char* field, const std::string& path) {
  if (path.empty()) return tls_error(field, "must be set for https (the other TLS file is)", "");
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int code = errno;
    return tls_error(field, "cannot read " + path + ": " + std::strerror(code), "fopen", code);
  }
  std::fclose(file);
  return Ok{};
}

// Loads the chain and key into the server's context; the key must belong to the certificate.
Result<void> load_tls_files(SSL_CTX& context, const std::string& cert, const std::string& key) {
  TRY_VOID(check_readable("desk.tls_certificate", cert));
  TRY_VOID(check_readable("desk.tls_key", key));
  ERR_clear_error();
  SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION);
  SSL_CTX_set_options(&context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION);
  // An encrypted key must fail here, not stop the service at a passphrase prompt.
  SSL_CTX_set_default_passwd_cb(&context, [](char*, int, int, void*) { return 0; });
  if (SSL_CTX_use_certificate_chain_file(&context, cert.c_str()) != 1) {
    return tls_error("desk.tls_certificate", cert + " is not a PEM certificate (" + openssl_reason() + ")",
                     "SSL_CTX_use_certificate_chain_file");
  }
  if (SSL_CTX_use_PrivateKey_file(&context, key.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(&context) != 1) {
    return tls_error("desk.tls_key",
                     key + " is not an unencrypted PEM private key matching desk.tls_certificate " + cert +
                         " (" + openssl_reason() + ")",
                     "SSL_CTX_use_PrivateKey_file");
  }
  return Ok{};
}

}  // namespace

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
    Result<void> loaded = Error::make(ErrorCode::internal, "cannot create a TLS context", "SSL_CTX_new");
    auto tls = std::make_unique<httplib::SSLServer>([&](SSL_CTX& context) {
      loaded = load_tls_files(context, options.tls_cert, options.tls_key);
      return loaded.ok();
    });
    if (!loaded.ok()) return loaded.error();
    if (!tls->is_valid())
      return Error::make(ErrorCode::internal, "the TLS server is not usable", "SSLServer");
    impl->server = std::move(tls);
  } else {
    impl->server = std::make_unique<httplib::Server>();
  }
  impl->router = &router;
  impl->options = options;
  impl->log = std::move(log);
  httplib::Server& server = *impl->server;
  const int threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  server.set_payload_max_length(options.max_body_bytes);
  server.set_keep_alive_max_count(1000);
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle holds the body
  // until the client's delayed ACK (~40 ms per answer on Linux).
  server.set_tcp_nodelay(true);
  // cpp-httplib gives each connection a worker thread until it closes: an idle kept-alive
  // connection (a phone that loaded the tracking page, a kiosk between rounds) must not
  // hold one for long.
  server.set_keep_alive_timeout(2);
  Impl* state = impl.get();
  const auto dispatch = [state](const httplib::Request& in, httplib::Response& out) {
    DeskRequest request = to_desk_request(in, state->options.trusted_proxies);
    DeskResponse response = state->router->dispatch(request);
    // Every 503 (the database away, most often) says when to come back, unless its route did.
    if (response.status == 503 && state->options.retry_after_seconds) {
      const bool has = std::any_of(response.headers.begin(), response.headers.end(),
                                   [](const auto& header) { return header.first == "Retry-After"; });
      if (!has)
        response.headers.emplace_back("Retry-After", std::to_string(state->options.retry_after_seconds()));
    }
    write_response(response, out);
  };
  for (const char* pattern : {".*"}) {
    server.Get(pattern, dispatch);
    server.Post(pattern, dispatch);
    server.Put(pattern, dispatch);
    server.Patch(pattern, dispatch);
    server.Delete(pattern, dispatch);
    server.Options(pattern, dispatch);
  }
  server.set_exception_handler([state](const httplib::Request& in, httplib::Response& out,
                                       std::exception_ptr) {
    if (state->log) state->log("error: handler for " + in.method + " " + in.path + " threw");
    out.status = 500;
    out.set_content(error_to_json(Error::make(ErrorCode::internal, "internal error")), "application/json");
  });
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& out) {
        if (!out.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        Error error = Error::make(ErrorCode::invalid_input, "HTTP " + std::to_string(out.status));
        if (out.status == 413) {
          error = Error::make(ErrorCode::too_large, "the request body is over the desk's limit");
          error.field = "body";
          error.key = "desk.error.too_large";
        }
        out.set_content(error_to_json(error), "application/json");
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_logger([state](const httplib::Request& in, const httplib::Response& out) {
    if (state->log && in.path != "/healthz") {
      state->log(client_of(in, state->options.trusted_proxies) + " " + in.method + " " + in.path + " " +
                 std::to_string(out.status) + " " + std::to_string(in.body.size()) + "B");
    }
  });
  return std::unique_ptr<DeskHttpServer>(new DeskHttpServer(std::move(impl)));
}

Result<void> DeskHttpServer::bind() {
  httplib::Server& server = *m_impl->server;
  if (m_impl->options.port == 0) {
    m_impl->port = server.bind_to_any_port(m_impl->options.host.c_str());
  } else if (server.bind_to_port(m_impl->options.host.c_str(), m_impl->options.port)) {
    m_impl->port = m_impl->options.port;
  } else {
    m_impl->port = -1;
  }
  if (m_impl->port <= 0) {
    return Error::make(ErrorCode::unavailable,
                       "cannot listen on " + m_impl->options.host + ":" +
                           std::to_string(m_impl->options.port) +
                           " (in use, or not an address of this machine)",
                       "bind", errno);
  }
  return Ok{};
}

int DeskHttpServer::bound_port() const {
  return m_impl->port;
}

Result<void> DeskHttpServer::run() {
  if (!m_impl->server->listen_after_bind()) {
    return Error::make(ErrorCode::io, "the server stopped listening unexpectedly", "listen_after_bind",
                       errno);
  }
  return Ok{};
}

void DeskHttpServer::stop() {
  m_impl->server->stop();
}

}  // namespace complaint::desk
