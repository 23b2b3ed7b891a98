// KioskProcess: fork/exec of the kiosk with two pipes; line-based request/response.
#include "tests/kiosk/kiosk_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

#include <crypt.h>
#include <gtest/gtest.h>

#include "core/store/sqlite_store.h"

namespace complaint::test {

std::string output_folder() {
  const std::string folder = std::string(KIOSK_TEST_OUTPUT) + "/kiosk";
  std::filesystem::create_directories(folder);
  return folder;
}

std::string reference_folder() {
  return std::string(SOURCE_DIR) + "/tests/kiosk/reference";
}

namespace {

std::string pin_hash(const std::string& pin) {
  auto data = std::make_unique<crypt_data>();
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  if (crypt_gensalt_rn("$y$", 0, nullptr, 0, salt, sizeof salt) == nullptr) return {};
  const char* hash = crypt_r(pin.c_str(), salt, data.get());
  return hash == nullptr ? std::string{} : std::string(hash);
}

}  // namespace

void open_pin_pad(KioskProcess& kiosk) {
  kiosk.send("press staff.corner");
  kiosk.advance(3);
  kiosk.send("release staff.corner");
}

void enter_pin(KioskProcess& kiosk, const std::string& pin) {
  for (char d : pin) kiosk.tap(std::string("staff.pin.") + d);
  kiosk.tap("nav.next");
}

KioskProcess::KioskProcess(KioskOptions options) : m_options(std::move(options)) {
  ::signal(SIGPIPE, SIG_IGN);  // a kiosk that died must fail the test, not kill the test runner
  char pattern[] = "/tmp/kiosk-test-XXXXXX";
  m_folder = ::mkdtemp(pattern);
  {
    std::ofstream config(m_folder + "/config.toml");
    std::string extra = m_options.extra_config;
    // Adds a line to a [section] of the test's extra TOML, creating the section when absent.
    auto add_line = [&extra](const std::string& section, const std::string& line) {
      const std::string header = "[" + section + "]\n";
      const std::size_t at = extra.find(header);
      extra = at == std::string::npos ? extra + "\n" + header + line : extra.insert(at + header.size(), line);
    };
    if (!m_options.staff_pin.empty())
      add_line("kiosk", "staff_pin_hash = \"" + pin_hash(m_options.staff_pin) + "\"\n");
    // Tickets get short check codes, as on a provisioned kiosk, unless the test says otherwise.
    if (extra.find("check_code_station") == std::string::npos) add_line("kiosk", "check_code_station = 1\n");
    // Receipts go to this folder (the file printer) unless the test chose another one.
    if (extra.find("output_dir") == std::string::npos)
      add_line("printer", "output_dir = \"" + m_folder + "/receipts\"\n");
    config << "[pinyin]\nuser_dictionary = \"" << m_folder << "/pinyin/user_dict.dat\"\n" << extra << "\n";
  }
  int to_child[2];
  int from_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "pipe failed";
    return;
  }
  const std::string size = std::to_string(m_options.width) + "x" + std::to_string(m_options.height);
  const std::string config = m_folder + "/config.toml";
  const std::string db = m_folder + "/kiosk.db";
  m_pid = ::fork();
  if (m_pid == 0) {
    ::dup2(to_child[0], STDIN_FILENO);
    ::dup2(from_child[1], STDOUT_FILENO);
    // What the kiosk logs goes to a file the test may read (log()); a failed test prints it.
    const int log = ::open((m_folder + "/kiosk.stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (log >= 0) ::dup2(log, STDERR_FILENO);
    ::setenv("SDL_VIDEODRIVER", "dummy", 1);
    ::setenv("SDL_AUDIODRIVER", "dummy", 1);
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    ::unsetenv("WATCHDOG_PID");
    if (!m_options.notify_socket.empty()) {
      ::setenv("NOTIFY_SOCKET", m_options.notify_socket.c_str(), 1);
      if (m_options.watchdog_usec > 0)
        ::setenv("WATCHDOG_USEC", std::to_string(m_options.watchdog_usec).c_str(), 1);
    }
    ::setenv("COMPLAINT_ASSETS", (std::string(SOURCE_DIR) + "/assets").c_str(), 1);
    std::vector<std::string> args = {
        KIOSK_PATH,   "--config", config,           "--db",         db,
        "--windowed", size,       "--test-control", "--fake-clock", m_options.fake_clock};
    if (m_options.fake_speaker) args.push_back("--fake-speaker");
    if (!m_options.assets.empty()) args.insert(args.end(), {"--assets", m_options.assets});
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(KIOSK_PATH, argv.data());
    ::_exit(127);
  }
  ::close(to_child[0]);
  ::close(from_child[1]);
  m_to = to_child[1];
  m_from = from_child[0];
  const std::string ready = read_line();
  if (ready.find("\"ready\":true") == std::string::npos) {
    ADD_FAILURE() << "the kiosk did not start: " << ready;
  }
}

KioskProcess::~KioskProcess() {
  if (m_pid > 0) {
    const std::string quit = "quit\n";
    if (::write(m_to, quit.data(), quit.size()) < 0) ::kill(m_pid, SIGTERM);
    ::close(m_to);
    int status = 0;
    for (int i = 0; i < 100 && ::waitpid(m_pid, &status, WNOHANG) == 0; ++i) ::usleep(50 * 1000);
    if (::waitpid(m_pid, &status, WNOHANG) == 0) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, &status, 0);
    }
    ::close(m_from);
  }
  if (::testing::Test::HasFailure()) std::cerr << "complaint-kiosk's log:\n" << log() << std::endl;
  std::error_code ignored;
  std::filesystem::remove_all(m_folder, ignored);
}

std::string KioskProcess::log() const {
  std::ifstream in(m_folder + "/kiosk.stderr");
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string KioskProcess::read_line() {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    const std::size_t end = m_buffer.find('\n');
    if (end != std::string::npos) {
      std::string line = m_buffer.substr(0, end);
      m_buffer.erase(0, end + 1);
      return line;
    }
    pollfd fd{m_from, POLLIN, 0};
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || ::poll(&fd, 1, static_cast<int>(left.count())) <= 0)
      return "{\"ok\":false,\"error\":\"timeout\"}";
    char chunk[65536];
    const ssize_t n = ::read(m_from, chunk, sizeof chunk);
    if (n <= 0) return "{\"ok\":false,\"error\":\"the kiosk exited\"}";
    m_buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

nlohmann::json KioskProcess::try_send(const std::string& command) {
  const std::string line = command + "\n";
  if (::write(m_to, line.data(), line.size()) != static_cast<ssize_t>(line.size())) return {{"ok", false}};
  return nlohmann::json::parse(read_line(), nullptr, false);
}

nlohmann::json KioskProcess::send(const std::string& command) {
  nlohmann::json reply = try_send(command);
  if (!reply.is_object() || !reply.value("ok", false)) ADD_FAILURE() << command << " -> " << reply.dump();
  return reply;
}

std::string KioskProcess::screenshot(const std::string& name) {
  const std::string path = output_folder() + "/" + name + ".png";
  send("screenshot " + path);
  return path;
}

std::string KioskProcess::visible_text() {
  std::string all;
  const nlohmann::json screen_layout = layout();
  for (const auto& w : screen_layout["widgets"]) {
    if (w.contains("text")) all += w["text"].get<std::string>() + "\n";
    if (w.contains("secondary")) all += w["secondary"].get<std::string>() + "\n";
  }
  return all;
}

std::optional<nlohmann::json> KioskProcess::widget(const std::string& id) {
  const nlohmann::json screen_layout = layout();
  for (const auto& w : screen_layout["widgets"]) {
    if (w["id"] == id) return w;
  }
  return std::nullopt;
}

std::vector<Ticket> KioskProcess::tickets() const {
  auto store = SqliteTicketStore::open(m_folder + "/kiosk.db");
  if (!store.ok()) {
    ADD_FAILURE() << store.error().message;
    return {};
  }
  auto list = store.value()->list(TicketQuery{});
  if (!list.ok()) {
    ADD_FAILURE() << list.error().message;
    return {};
  }
  return std::move(list).value();
}

std::vector<std::string> candidate_bar(KioskProcess& kiosk) {
  std::vector<std::string> out;
  const nlohmann::json layout = kiosk.layout();  // kept: the loop must not walk a temporary
  for (const auto& w : layout["widgets"]) {
    const std::string id = w["id"];
    if (id.rfind("kb.cand.", 0) == 0) out.push_back(w.value("text", ""));
  }
  return out;
}

void type_keys(KioskProcess& kiosk, const std::string& letters) {
  for (char c : letters) kiosk.tap(std::string("kb.") + c);
}

void walk_to(KioskProcess& kiosk, const std::string& screen) {
  if (screen == "welcome") return;
  if (screen == "check_progress") {
    kiosk.tap("welcome.check");
    return;
  }
  kiosk.tap("welcome.complaint");
  if (screen == "kind") return;
  kiosk.tap("topic.rude_staff");
  if (screen == "details") return;
  kiosk.tap("details.phrase.0");
  kiosk.tap("nav.next");
  if (screen == "outcome") return;
  kiosk.tap("outcome.choice.0");
  kiosk.tap("nav.next");
  if (screen == "contact") return;
  kiosk.tap("contact.phone");
  kiosk.text("13800138000");
  if (kiosk.widget("contact.address")) {  // the deployment asks for the building and unit
    kiosk.tap("contact.address");
    kiosk.text("3-2-501");
  }
  kiosk.tap("nav.next");
  if (screen == "consent") return;
  kiosk.tap("nav.next");
  if (screen == "review") return;
  kiosk.tap("nav.next");
  // The receipt prints on the kiosk's print thread: wait until it is out (or failed), so the
  // done screen is the same in every run.
  for (int i = 0; i < 100 && kiosk.session()["session"].value("receipt", "") == "printing"; ++i)
    ::usleep(50 * 1000);
}

}  // namespace complaint::test
