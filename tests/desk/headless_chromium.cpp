// HeadlessChromium over the DevTools pipe; see headless_chromium.h.
#include "headless_chromium.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

namespace complaint::testing {
namespace {

constexpr std::chrono::seconds kCallTimeout{20};
constexpr const char* kPhoneUserAgent =
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile "
    "Safari/537.36";

std::string base64_decode(const std::string& text) {
  std::string out;
  int buffer = 0;
  int bits = 0;
  for (const char c : text) {
    int value = -1;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    if (c >= '0' && c <= '9') value = c - '0' + 52;
    if (c == '+') value = 62;
    if (c == '/') value = 63;
    if (value < 0) continue;  // padding, line breaks
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// document.querySelector(selector) as a JavaScript literal.
std::string query(const std::string& selector) {
  return "document.querySelector(" + nlohmann::json(selector).dump() + ")";
}

}  // namespace

std::string HeadlessChromium::executable() {
  for (const char* path : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (::access(path, X_OK) == 0) return path;
  }
  return {};
}

HeadlessChromium::HeadlessChromium(BrowserOptions options) : m_options(std::move(options)) {
  const std::string chromium = executable();
  if (chromium.empty()) {
    m_error = "chromium is not installed";
    return;
  }
  std::filesystem::create_directories(m_options.output_dir);
  char pattern[] = "/tmp/chromium-profile-XXXXXX";
  m_profile = ::mkdtemp(pattern);
  int to_child[2];
  int from_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) {
    m_error = "pipe failed";
    return;
  }
  const std::string log = m_options.output_dir + "/chromium.log";
  std::vector<std::string> argv{
      chromium,
      "--headless=new",
      "--remote-debugging-pipe",
      "--user-data-dir=" + m_profile,
      "--window-size=" + std::to_string(m_options.width) + "," + std::to_string(m_options.height),
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-gpu",
      "--hide-scrollbars",
      "--mute-audio",
      "--disable-extensions",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-domain-reliability",
      "--no-pings",
      "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
      "about:blank",
  };
  if (::geteuid() == 0) argv.insert(argv.begin() + 1, "--no-sandbox");  // Chromium refuses root otherwise
  m_pid = ::fork();
  if (m_pid == 0) {
    const int commands = ::fcntl(to_child[0], F_DUPFD, 10);
    const int answers = ::fcntl(from_child[1], F_DUPFD, 10);
    ::dup2(commands, 3);
    ::dup2(answers, 4);
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, 1);
    ::dup2(out, 2);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(to_child[0]);
  ::close(from_child[1]);
  m_to = to_child[1];
  m_from = from_child[0];

  const nlohmann::json target = call("Target.createTarget", {{"url", "about:blank"}}, false);
  if (!target.is_object() || !target.contains("targetId")) {
    m_error = "chromium did not open a page (see " + log + ")";
    return;
  }
  const nlohmann::json attached =
      call("Target.attachToTarget", {{"targetId", target["targetId"]}, {"flatten", true}}, false);
  if (!attached.is_object() || !attached.contains("sessionId")) {
    m_error = "cannot attach to the page";
    return;
  }
  m_session = attached["sessionId"];
  call("Page.enable");
  call("Network.enable");
  call(
      "Emulation.setDeviceMetricsOverride",
      {{"width", m_options.width}, {"height", m_options.height}, {"deviceScaleFactor", 2}, {"mobile", true}});
  call("Emulation.setUserAgentOverride",
       {{"userAgent", kPhoneUserAgent}, {"acceptLanguage", m_options.accept_language}});
}

HeadlessChromium::~HeadlessChromium() {
  if (m_pid > 0) {
    if (m_to >= 0) call("Browser.close", nlohmann::json::object(), false);
    int status = 0;
    for (int i = 0; i < 100 && ::waitpid(m_pid, &status, WNOHANG) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (::waitpid(m_pid, &status, WNOHANG) == 0) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, &status, 0);
    }
  }
  if (m_to >= 0) ::close(m_to);
  if (m_from >= 0) ::close(m_from);
  std::error_code ignored;
  if (!m_profile.empty()) std::filesystem::remove_all(m_profile, ignored);
}

std::optional<nlohmann::json> HeadlessChromium::read_message(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const std::size_t end = m_buffer.find('\0');
    if (end != std::string::npos) {
      nlohmann::json message = nlohmann::json::parse(m_buffer.substr(0, end), nullptr, false);
      m_buffer.erase(0, end + 1);
      // The document's HTTP status, whatever the caller is waiting for.
      if (message.value("method", "") == "Network.responseReceived" &&
          message["params"].value("type", "") == "Document") {
        m_document_status = message["params"]["response"].value("status", 0);
      }
      return message;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd fd{m_from, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&fd, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
    char chunk[65536];
    const ssize_t n = ::read(m_from, chunk, sizeof chunk);
    if (n <= 0) return std::nullopt;
    m_buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

nlohmann::json HeadlessChromium::call(const std::string& method, nlohmann::json params, bool in_session) {
  const int id = m_next_id++;
  nlohmann::json message{{"id", id}, {"method", method}, {"params", std::move(params)}};
  if (in_session && !m_session.empty()) message["sessionId"] = m_session;
  const std::string text = message.dump() + '\0';
  if (::write(m_to, text.data(), text.size()) != static_cast<ssize_t>(text.size())) return nullptr;
  const auto deadline = std::chrono::steady_clock::now() + kCallTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto answer = read_message(kCallTimeout);
    if (!answer) break;
    if (answer->value("id", 0) == id) {
      if (answer->contains("error")) {
        m_error = method + ": " + (*answer)["error"].dump();
        return nullptr;
      }
      return (*answer)["result"];
    }
    if (answer->contains("method")) m_events.push_back(std::move(*answer));
  }
  m_error = method + ": no answer";
  return nullptr;
}

std::optional<nlohmann::json> HeadlessChromium::wait_event(const std::string& method,
                                                           std::chrono::milliseconds timeout) {
  for (auto it = m_events.begin(); it != m_events.end(); ++it) {
    if (it->value("method", "") == method) {
      nlohmann::json found = std::move(*it);
      m_events.erase(it);
      return found;
    }
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto message = read_message(
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
    if (!message) return std::nullopt;
    if (message->value("method", "") == method) return message;
    if (message->contains("method")) m_events.push_back(std::move(*message));
  }
  return std::nullopt;
}

int HeadlessChromium::wait_for_load() {
  if (!wait_event("Page.loadEventFired", std::chrono::seconds(20))) {
    m_error = "the page did not finish loading";
    return 0;
  }
  return m_document_status;
}

int HeadlessChromium::navigate(const std::string& url) {
  m_events.clear();
  m_document_status = 0;
  if (call("Page.navigate", {{"url", url}}).is_null()) return 0;
  return wait_for_load();
}

nlohmann::json HeadlessChromium::evaluate(const std::string& expression) {
  const nlohmann::json result =
      call("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}, {"awaitPromise", true}});
  if (!result.is_object() || !result.contains("result")) return nullptr;
  return result["result"].value("value", nlohmann::json());
}

int HeadlessChromium::tap(const std::string& selector, bool navigates) {
  const nlohmann::json centre = evaluate("(() => { const e = " + query(selector) +
                                         "; if (!e) return null; e.scrollIntoView({block: 'center'}); "
                                         "const r = e.getBoundingClientRect(); "
                                         "return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
  if (!centre.is_object()) {
    m_error = "no element " + selector + " to tap";
    return 0;
  }
  m_events.clear();
  m_document_status = 0;
  for (const char* type : {"mouseMoved", "mousePressed", "mouseReleased"}) {
    nlohmann::json event{{"type", type}, {"x", centre["x"]}, {"y", centre["y"]}};
    if (std::string(type) != "mouseMoved") {
      event["button"] = "left";
      event["clickCount"] = 1;
    }
    call("Input.dispatchMouseEvent", event);
  }
  return navigates ? wait_for_load() : 0;
}

void HeadlessChromium::type(const std::string& selector, const std::string& text) {
  evaluate("(() => { const e = " + query(selector) + "; if (e) e.focus(); })()");
  call("Input.insertText", {{"text", text}});
}

std::string HeadlessChromium::text_of(const std::string& selector) {
  const nlohmann::json text =
      evaluate("(() => { const e = " + query(selector) + "; return e ? e.innerText : ''; })()");
  return text.is_string() ? text.get<std::string>() : std::string();
}

std::string HeadlessChromium::attribute(const std::string& selector, const std::string& name) {
  const nlohmann::json value =
      evaluate("(() => { const e = " + query(selector) + "; return e ? (e.getAttribute(" +
               nlohmann::json(name).dump() + ") || '') : ''; })()");
  return value.is_string() ? value.get<std::string>() : std::string();
}

std::string HeadlessChromium::screenshot(const std::string& name) {
  const nlohmann::json metrics = call("Page.getLayoutMetrics");
  double height = m_options.height;
  if (metrics.is_object() && metrics.contains("cssContentSize")) {
    height = std::max(height, metrics["cssContentSize"].value("height", height));
  }
  const nlohmann::json shot =
      call("Page.captureScreenshot",
           {{"format", "png"},
            {"captureBeyondViewport", true},
            {"clip", {{"x", 0}, {"y", 0}, {"width", m_options.width}, {"height", height}, {"scale", 1}}}});
  if (!shot.is_object() || !shot.contains("data")) return {};
  const std::string path = m_options.output_dir + "/" + name + ".png";
  std::ofstream(path, std::ios::binary) << base64_decode(shot["data"].get<std::string>());
  return path;
}

}  // namespace complaint::testing
