// DeskProcess and run_command; see desk_process.h.
#include "desk_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace complaint::testing {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

pid_t spawn(const std::vector<std::string>& argv, const std::string& in_path, const std::string& out_path,
            const std::string& err_path) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int in = ::open(in_path.c_str(), O_RDONLY);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::setenv("COMPLAINT_ASSETS", SOURCE_DIR "/assets", 1);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

int exit_code(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv, const std::string& input) {
  char pattern[] = "/tmp/desk-cmd-XXXXXX";
  const std::string dir = ::mkdtemp(pattern);
  std::ofstream(dir + "/in", std::ios::binary) << input;
  const pid_t pid = spawn(argv, dir + "/in", dir + "/out", dir + "/err");
  int status = 0;
  ::waitpid(pid, &status, 0);
  CommandResult result{exit_code(status), slurp(dir + "/out"), slurp(dir + "/err")};
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return result;
}

DeskProcess::DeskProcess(const std::string& folder, const std::string& config_toml, const std::string& db)
    : m_folder(folder), m_db(db.empty() ? folder + "/desk.db" : db), m_log(folder + "/desk.log") {
  std::filesystem::create_directories(folder);
  std::vector<std::string> argv{DESK_PATH, "--listen", "127.0.0.1:0", "--db", m_db};
  if (!config_toml.empty()) {
    std::ofstream(folder + "/desk.toml") << config_toml;
    argv.insert(argv.end(), {"--config", folder + "/desk.toml"});
  }
  std::ofstream(folder + "/desk.in").flush();
  std::filesystem::remove(m_log);  // a restart in the same folder must not read the old port
  m_pid = spawn(argv, folder + "/desk.in", m_log, folder + "/desk.err");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  const std::string marker = "listening on ";
  const std::string address = "://127.0.0.1:";
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string text = slurp(m_log);
    const std::size_t at = text.find(marker);
    const std::size_t after_scheme = at == std::string::npos ? at : text.find(address, at);
    if (after_scheme != std::string::npos) {
      m_scheme = text.substr(at + marker.size(), after_scheme - at - marker.size());  // "http" or "https"
      m_port = std::atoi(text.c_str() + after_scheme + address.size());
      return;
    }
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      m_exit_code = exit_code(status);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

DeskProcess::~DeskProcess() {
  if (m_pid > 0) stop();
}

std::string DeskProcess::log() const {
  return slurp(m_log) + slurp(m_folder + "/desk.err");
}

int DeskProcess::stop() {
  if (m_pid <= 0) return -1;
  ::kill(m_pid, SIGTERM);
  int status = 0;
  for (int i = 0; i < 200; ++i) {
    if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      return exit_code(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(m_pid, SIGKILL);
  ::waitpid(m_pid, &status, 0);
  m_pid = -1;
  return -1;
}

std::optional<int> DeskProcess::wait_for_exit(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (m_pid > 0) {
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      return exit_code(status);
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return std::nullopt;
}

std::string DeskProcess::add_kiosk(const std::string& kiosk_id) const {
  const CommandResult added =
      run_command({COMPLAINTCTL_PATH, "--db", m_db, "desk", "kiosk", "add", kiosk_id});
  if (added.exit_code != 0) return {};
  std::string key = added.out;
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  return key;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty()) lines.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

std::string kiosk_sync_config(const std::string& url, const std::string& key, const std::string& extra,
                              const std::string& kiosk_id) {
  return "[site]\nkiosk_id = \"" + kiosk_id + "\"\n[tracking]\nurl = \"" + url +
         "/t/{number}?k={token}\"\n[sync]\nurl = \"" + url + "\"\nkey = \"" + key + "\"\n" + extra;
}

}  // namespace complaint::testing
