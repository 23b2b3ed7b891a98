// ConsoleClient: one "browser" for the console tests, a cookie jar over cpp-httplib that
// follows the console's conventions (login page CSRF cookie, the session's CSRF field).
#pragma once

#include <httplib.h>

#include <map>
#include <regex>
#include <string>
#include <vector>

namespace complaint::testing {

class ConsoleClient {
 public:
  ConsoleClient(int port, std::string language = "en") : m_client("127.0.0.1", port) {
    m_language = std::move(language);
  }

  httplib::Result get(const std::string& path) { return m_client.Get(path, headers()); }
  httplib::Result post(const std::string& path, const httplib::Params& form) {
    auto result = m_client.Post(path, headers(), form);
    if (result) take_cookies(*result);
    return result;
  }
  // A multipart/form-data POST (the upload form), as a browser sends it.
  httplib::Result post_multipart(const std::string& path, const httplib::MultipartFormDataItems& items) {
    auto result = m_client.Post(path, headers(), items);
    if (result) take_cookies(*result);
    return result;
  }
  httplib::Result get_keep(const std::string& path) {
    auto result = get(path);
    if (result) take_cookies(*result);
    return result;
  }
  // Signs in through the login page (its CSRF cookie and field); the final status.
  int login(const std::string& name, const std::string& password) {
    auto page = get_keep("/console/login");
    if (!page) return -1;
    auto result =
        post("/console/login", {{"csrf", field(page->body, "csrf")}, {"name", name}, {"password", password}});
    return result ? result->status : -1;
  }
  // The CSRF token of the session, read from any signed-in page.
  std::string csrf() {
    auto page = get("/console");
    return page ? field(page->body, "csrf") : std::string();
  }
  httplib::Result act(const std::string& number, httplib::Params form) {
    form.emplace("csrf", csrf());
    return post("/console/tickets/" + number + "/act", form);
  }
  std::map<std::string, std::string> cookies;
  std::vector<std::string> set_cookie_lines;

  static std::string field(const std::string& html, const std::string& name) {
    std::smatch match;
    const std::regex pattern("name=\"" + name + "\" value=\"([^\"]*)\"");
    return std::regex_search(html, match, pattern) ? match[1].str() : std::string();
  }

 private:
  httplib::Headers headers() const {
    std::string cookie;
    for (const auto& [name, value] : cookies) cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
    httplib::Headers out{{"Accept-Language", m_language}};
    if (!cookie.empty()) out.emplace("Cookie", cookie);
    return out;
  }
  void take_cookies(const httplib::Response& response) {
    for (const auto& [name, value] : response.headers) {
      if (name != "Set-Cookie") continue;
      set_cookie_lines.push_back(value);
      const std::size_t eq = value.find('=');
      const std::size_t semi = value.find(';');
      const std::string cookie = value.substr(0, eq);
      const std::string content = value.substr(eq + 1, semi - eq - 1);
      if (value.find("Max-Age=0") != std::string::npos) {
        cookies.erase(cookie);
      } else {
        cookies[cookie] = content;
      }
    }
  }
  httplib::Client m_client;
  std::string m_language;
};

}  // namespace complaint::testing
