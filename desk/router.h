// Router: the desk's table of routes, free of the HTTP library. A route is a method and
// a path pattern whose "{name}" segments capture (e.g. "/t/{number}"); the first route
// added that matches wins. desk/http_server.cpp feeds it every request.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/sync/transport.h"

namespace complaint::desk {

struct DeskRequest {
  HttpRequest http;                           // method, path, headers, body
  std::map<std::string, std::string> params;  // "{name}" captures
  std::multimap<std::string, std::string> query;
  std::string remote_address;

  std::string query_value(const std::string& name) const;  // first value, empty when absent
};

struct DeskResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static DeskResponse json(int status, std::string body);
  static DeskResponse text(int status, std::string body,
                           std::string content_type = "text/plain; charset=utf-8");
};

class Router {
 public:
  using Handler = std::function<DeskResponse(const DeskRequest&)>;

  void add(std::string method, std::string pattern, Handler handler);
  // 404 (unknown path) or 405 (known path, other method) as a JSON error when nothing matches.
  DeskResponse dispatch(DeskRequest& request) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> m_routes;
};

}  // namespace complaint::desk
