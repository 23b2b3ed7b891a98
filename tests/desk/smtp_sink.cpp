// SmtpSink; see smtp_sink.h.
#include "smtp_sink.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "desk_process.h"

namespace complaint::testing {
namespace {

// Debian's interpreter: python3-aiosmtpd is installed for it (not for a pyenv python).
constexpr const char* kPython = "/usr/bin/python3";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

SmtpSink::SmtpSink(const std::string& folder, SmtpSinkOptions options) : m_folder(folder) {
  std::filesystem::create_directories(folder + "/mail");
  std::vector<std::string> argv{kPython,       SOURCE_DIR "/tests/desk/smtp_sink.py",
                                "--dir",       folder + "/mail",
                                "--port-file", folder + "/port"};
  if (!options.tls_cert.empty()) {
    argv.insert(argv.end(), {"--tls-cert", options.tls_cert, "--tls-key", options.tls_key});
  }
  if (!options.auth.empty()) argv.insert(argv.end(), {"--auth", options.auth});
  if (!options.refuse.empty()) argv.insert(argv.end(), {"--refuse", options.refuse});
  if (options.silent) argv.push_back("--silent");
  if (options.reset_first > 0)
    argv.insert(argv.end(), {"--reset-first", std::to_string(options.reset_first)});
  if (options.slow_first_seconds > 0)
    argv.insert(argv.end(), {"--slow-first", std::to_string(options.slow_first_seconds)});
  const std::string err = folder + "/sink.log";
  m_pid = ::fork();
  if (m_pid == 0) {
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(out, 2);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string port = slurp(folder + "/port");
    if (!port.empty()) {
      m_port = std::stoi(port);
      return;
    }
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

SmtpSink::~SmtpSink() {
  if (m_pid <= 0) return;
  ::kill(m_pid, SIGKILL);
  int status = 0;
  ::waitpid(m_pid, &status, 0);
}

std::string SmtpSink::log() const {
  return slurp(m_folder + "/sink.log");
}

std::vector<SinkMessage> SmtpSink::messages() const {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(m_folder + "/mail")) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  std::vector<SinkMessage> messages;
  for (const std::string& name : names) {
    const std::string base = m_folder + "/mail/" + name;
    messages.push_back({nlohmann::json::parse(slurp(base + ".json")), slurp(base + ".eml")});
  }
  return messages;
}

int SmtpSink::resets() const {
  const std::string lines = slurp(m_folder + "/mail/resets");
  return static_cast<int>(std::count(lines.begin(), lines.end(), '\n'));
}

std::vector<SinkMessage> SmtpSink::wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<SinkMessage> found = messages();
  while (found.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    found = messages();
  }
  return found;
}

std::string make_test_certificate(const std::string& cert, const std::string& key) {
  const CommandResult made = run_command(
      {"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
       "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"});
  return made.exit_code == 0 ? std::string() : "openssl req: " + made.err;
}

}  // namespace complaint::testing
