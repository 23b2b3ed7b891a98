// HeadlessChromium: drives Debian's REAL chromium (headless) over the DevTools protocol on
// a pipe (--remote-debugging-pipe: commands on fd 3, answers on fd 4, NUL-separated JSON),
// with a phone viewport and a chosen Accept-Language. Taps are real mouse events at an
// element's centre, typing is real text input, screenshots are PNG files. Name resolution
// is pinned to loopback, so the browser cannot reach anything but 127.0.0.1.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace complaint::testing {

struct BrowserOptions {
  int width = 390;  // CSS pixels (a common phone)
  int height = 844;
  std::string accept_language = "zh-CN,zh;q=0.9";
  std::string output_dir;  // screenshots and chromium's log go here
};

class HeadlessChromium {
 public:
  // Empty when chromium is not installed.
  static std::string executable();

  explicit HeadlessChromium(BrowserOptions options);
  ~HeadlessChromium();
  HeadlessChromium(const HeadlessChromium&) = delete;
  HeadlessChromium& operator=(const HeadlessChromium&) = delete;

  bool started() const { return !m_session.empty(); }
  const std::string& error() const { return m_error; }

  // Loads `url` and waits for its load event; the main document's HTTP status (0: none).
  int navigate(const std::string& url);
  // Taps the element (scrolled into view) and, with `navigates`, waits for the page it
  // loads; the new document's HTTP status (0 when nothing loaded or not waited).
  int tap(const std::string& selector, bool navigates = false);
  // Focuses the element and types `text` as keyboard input would.
  void type(const std::string& selector, const std::string& text);
  // The value of a JavaScript expression evaluated in the page (JSON null on failure).
  nlohmann::json evaluate(const std::string& expression);
  std::string text_of(const std::string& selector);  // innerText, empty when absent
  std::string attribute(const std::string& selector, const std::string& name);
  // A full-page PNG under output_dir; returns its path (empty on failure).
  std::string screenshot(const std::string& name);

 private:
  nlohmann::json call(const std::string& method, nlohmann::json params = nlohmann::json::object(),
                      bool in_session = true);
  std::optional<nlohmann::json> wait_event(const std::string& method, std::chrono::milliseconds timeout);
  std::optional<nlohmann::json> read_message(std::chrono::milliseconds timeout);
  int wait_for_load();

  BrowserOptions m_options;
  pid_t m_pid = -1;
  int m_to = -1;    // our end of chromium's fd 3
  int m_from = -1;  // our end of chromium's fd 4
  std::string m_profile;
  std::string m_buffer;
  std::deque<nlohmann::json> m_events;
  std::string m_session;
  std::string m_error;
  int m_next_id = 1;
  int m_document_status = 0;
};

}  // namespace complaint::testing
