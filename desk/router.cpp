// Router: pattern matching by path segments; see router.h.
#include "desk/router.h"

#include "core/sync/sync_protocol.h"

namespace complaint::desk {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 1;  // paths begin with '/'
  while (start <= path.size()) {
    const std::size_t end = path.find('/', start);
    segments.push_back(path.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return segments;
}

bool is_capture(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           std::map<std::string, std::string>& params) {
  if (pattern.size() != path.size()) return false;
  std::map<std::string, std::string> captured;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_capture(pattern[i])) {
      if (path[i].empty()) return false;
      captured[pattern[i].substr(1, pattern[i].size() - 2)] = path[i];
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  params = std::move(captured);
  return true;
}

}  // namespace

std::string DeskRequest::query_value(const std::string& name) const {
  const auto found = query.find(name);
  return found == query.end() ? std::string() : found->second;
}

DeskResponse DeskResponse::json(int status, std::string body) {
  return DeskResponse{status, "application/json", std::move(body), {}};
}

DeskResponse DeskResponse::text(int status, std::string body, std::string content_type) {
  return DeskResponse{status, std::move(content_type), std::move(body), {}};
}

void Router::add(std::string method, std::string pattern, Handler handler) {
  m_routes.push_back(Route{std::move(method), split_path(pattern), std::move(handler)});
}

DeskResponse Router::dispatch(DeskRequest& request) const {
  const std::vector<std::string> path = split_path(request.http.path);
  bool path_known = false;
  for (const Route& route : m_routes) {
    std::map<std::string, std::string> params;
    if (!match(route.segments, path, params)) continue;
    path_known = true;
    const bool head_as_get = request.http.method == "HEAD" && route.method == "GET";
    if (route.method != request.http.method && !head_as_get) continue;
    request.params = std::move(params);
    return route.handler(request);
  }
  if (path_known) {
    Error error =
        Error::make(ErrorCode::invalid_input, "method " + request.http.method + " is not allowed here");
    error.key = "desk.error.method";
    return DeskResponse::json(405, error_to_json(error));
  }
  return DeskResponse::json(404,
                            error_to_json(Error::not_found("path", "desk.error.not_found", "no such page")));
}

}  // namespace complaint::desk
