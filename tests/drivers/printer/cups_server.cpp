// CupsServer and SocketSink (see header). cupsd runs in the foreground (-f) with -c/-s
// pointing at files in a fresh folder; as root it still drops to user lp for filters and
// backends, so the folders it hands them are world-readable and the device folders writable.
#include "tests/drivers/printer/cups_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace complaint::test {

namespace fs = std::filesystem;

CommandResult run_shell(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(("( " + command + " ) 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  const int rc = pclose(pipe);
  result.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return result;
}

// ---------------------------------------------------------------- SocketSink

std::unique_ptr<SocketSink> SocketSink::start(Behaviour behaviour, std::string* why) {
  std::unique_ptr<SocketSink> sink(new SocketSink());
  sink->m_behaviour = behaviour;
  sink->m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (sink->m_listener < 0 || ::bind(sink->m_listener, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      ::listen(sink->m_listener, 8) != 0 ||
      ::getsockname(sink->m_listener, reinterpret_cast<sockaddr*>(&address), &length) != 0 ||
      ::pipe2(sink->m_wake, O_CLOEXEC) != 0) {
    if (why != nullptr) *why = "cannot listen on 127.0.0.1";
    return nullptr;
  }
  sink->m_port = ntohs(address.sin_port);
  sink->m_thread = std::thread([raw = sink.get()] { raw->serve(); });
  return sink;
}

SocketSink::~SocketSink() {
  if (m_thread.joinable()) {
    const char stop = 'x';
    if (::write(m_wake[1], &stop, 1) != 1) std::perror("SocketSink wake");
    m_thread.join();
  }
  for (int fd : m_open) ::close(fd);
  for (int fd : {m_listener, m_wake[0], m_wake[1]})
    if (fd >= 0) ::close(fd);
}

void SocketSink::serve() {
  struct Client {
    int fd;
    std::string bytes;
  };
  std::vector<Client> clients;
  for (;;) {
    std::vector<pollfd> fds = {{m_wake[0], POLLIN, 0}, {m_listener, POLLIN, 0}};
    for (const Client& client : clients) fds.push_back({client.fd, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0) continue;
    if (fds[0].revents != 0) break;
    if ((fds[1].revents & POLLIN) != 0) {
      const int fd = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        clients.push_back({fd, {}});
        std::lock_guard lock(m_mutex);
        ++m_connections;
      }
    }
    for (std::size_t i = 2; i < fds.size(); ++i) {
      if (fds[i].revents == 0) continue;
      Client& client = clients[i - 2];
      char chunk[65536];
      const ssize_t n = ::read(client.fd, chunk, sizeof chunk);
      if (n > 0) {
        client.bytes.append(chunk, static_cast<std::size_t>(n));
        continue;
      }
      // End of the job: a working printer hangs up; one that never answers keeps the line open.
      std::lock_guard lock(m_mutex);
      m_jobs.push_back(std::move(client.bytes));
      if (m_behaviour == Behaviour::read_all_then_close) {
        ::close(client.fd);
      } else {
        m_open.push_back(client.fd);
      }
      client.fd = -1;
      m_changed.notify_all();
    }
    std::erase_if(clients, [](const Client& client) { return client.fd < 0; });
  }
  for (const auto& client : clients) ::close(client.fd);
}

std::vector<std::string> SocketSink::wait_for_jobs(std::size_t count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(m_mutex);
  m_changed.wait_for(lock, timeout, [&] { return m_jobs.size() >= count; });
  return m_jobs;
}

int SocketSink::connections() const {
  std::lock_guard lock(m_mutex);
  return m_connections;
}

// ---------------------------------------------------------------- CupsServer

namespace {

int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
    port = ntohs(address.sin_port);
  if (fd >= 0) ::close(fd);
  return port;
}

std::string find_program(const std::string& name) {
  for (const char* folder : {"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/sbin"}) {
    const std::string path = std::string(folder) + "/" + name;
    if (::access(path.c_str(), X_OK) == 0) return path;
  }
  return {};
}

void write_text(const fs::path& path, const std::string& text, fs::perms perms) {
  std::ofstream(path) << text;
  fs::permissions(path, perms);
}

constexpr fs::perms k_public_dir = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                   fs::perms::others_read | fs::perms::others_exec;
constexpr fs::perms k_public_file =
    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read;

// The test device. Arguments as CUPS gives every backend: job user title copies options [file].
constexpr const char* k_paperout_backend = R"(#!/bin/sh
# paperout: a CUPS backend for tests. DEVICE_URI=paperout:/folder; a file "paper-out" in the
# folder means the printer has no paper: report media-empty-error and stop the queue.
if [ $# -eq 0 ]; then echo 'direct paperout "Unknown" "Paper-out test printer"'; exit 0; fi
folder=${DEVICE_URI#paperout:}
if [ -e "$folder/paper-out" ]; then
  echo "STATE: +media-empty-error" >&2
  echo "ERROR: Out of paper" >&2
  exit 4
fi
echo "STATE: -media-empty-error" >&2
if [ $# -ge 6 ]; then cat "$6" > "$folder/printed.$1"; else cat > "$folder/printed.$1"; fi
exit 0
)";

}  // namespace

CupsServer* CupsServer::shared(std::string* why) {
  static std::unique_ptr<CupsServer> server;
  static std::string failure;
  static bool tried = false;
  if (!tried) {
    tried = true;
    std::unique_ptr<CupsServer> made(new CupsServer());
    failure = made->start();
    if (failure.empty()) server = std::move(made);
  }
  if (!server && why != nullptr) *why = failure;
  return server.get();
}

std::string CupsServer::start() {
  const std::string cupsd = find_program("cupsd");
  if (cupsd.empty()) return "cupsd is not installed (Debian: cups-daemon; scripts/packages/printer.txt)";
  if (find_program("lpadmin").empty()) return "lpadmin is not installed (Debian: cups-client)";
  std::string pattern = (fs::temp_directory_path() / "cupsd-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return "mkdtemp failed";
  m_folder = pattern;
  const fs::path root(m_folder);
  for (const char* sub : {"spool", "cache", "state", "log", "run", "bin", "bin/backend", "devices", "out"}) {
    fs::create_directories(root / sub);
    fs::permissions(root / sub, k_public_dir);
  }
  fs::permissions(root, k_public_dir);
  fs::create_directories(root / "spool/tmp");
  fs::permissions(root / "spool/tmp", fs::perms::all | fs::perms::sticky_bit);
  for (const char* sub : {"devices", "out"}) fs::permissions(root / sub, fs::perms::all);
  // ServerBin: the system's filters and drivers, and our backends (socket plus the test one).
  const fs::path system_bin = "/usr/lib/cups";
  if (!fs::exists(system_bin / "backend/socket")) return "/usr/lib/cups/backend/socket missing (cups-daemon)";
  for (const char* sub : {"filter", "cgi-bin", "daemon", "driver", "monitor", "notifier"})
    if (fs::exists(system_bin / sub)) fs::create_directory_symlink(system_bin / sub, root / "bin" / sub);
  fs::create_symlink(system_bin / "backend/socket", root / "bin/backend/socket");
  write_text(root / "bin/backend/paperout", k_paperout_backend,
             k_public_file | fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec);

  m_socket = (root / "run/cups.sock").string();
  m_port = free_loopback_port();
  if (m_port == 0) return "no free loopback port";
  write_text(root / "cupsd.conf",
             "Listen " + m_socket + "\nListen 127.0.0.1:" + std::to_string(m_port) +
                 "\nLogLevel info\nBrowsing No\nDefaultAuthType None\nWebInterface No\n"
                 "JobRetryInterval 1\nMaxJobTime 0\n"
                 "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                 "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
             k_public_file);
  const std::string r = root.string();
  write_text(root / "cups-files.conf",
             "FileDevice Yes\nServerRoot " + r + "\nServerBin " + r + "/bin\nRequestRoot " + r +
                 "/spool\nTempDir " + r + "/spool/tmp\nCacheDir " + r + "/cache\nStateDir " + r +
                 "/state\nAccessLog " + r + "/log/access_log\nErrorLog " + r + "/log/error_log\nPageLog " +
                 r + "/log/page_log\n",
             k_public_file);

  m_pid = ::fork();
  if (m_pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // a crashed test run leaves no cupsd behind
    const std::string log = r + "/log/cupsd.out";
    if (std::freopen(log.c_str(), "w", stdout) == nullptr || ::dup2(STDOUT_FILENO, STDERR_FILENO) < 0)
      ::_exit(126);
    ::execl(cupsd.c_str(), cupsd.c_str(), "-f", "-c", (r + "/cupsd.conf").c_str(), "-s",
            (r + "/cups-files.conf").c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  if (m_pid < 0) return "fork failed";
  // libcups (ours, lpadmin's, complaintctl's, the kiosk's) reads this on first use.
  ::setenv("CUPS_SERVER", m_socket.c_str(), 1);
  for (int attempt = 0; attempt < 100; ++attempt) {
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      return "cupsd exited at start: " + error_log_tail();
    }
    if (fs::exists(m_socket) && run_shell("lpstat -r").output.find("is running") != std::string::npos)
      return {};
    ::usleep(100 * 1000);
  }
  return "cupsd did not start within 10 s: " + error_log_tail();
}

CupsServer::~CupsServer() {
  if (m_pid > 0) {
    ::kill(m_pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 50 && ::waitpid(m_pid, &status, WNOHANG) == 0; ++i) ::usleep(100 * 1000);
    if (::waitpid(m_pid, &status, WNOHANG) == 0) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, &status, 0);
    }
  }
  if (!m_folder.empty() && std::getenv("KEEP_CUPSD_FOLDER") == nullptr) {
    std::error_code ignored;
    fs::remove_all(m_folder, ignored);
  }
}

CommandResult CupsServer::command(const std::string& program_and_arguments) const {
  return run_shell("CUPS_SERVER='" + m_socket + "' " + program_and_arguments);
}

namespace {

std::string lpadmin_result(const CommandResult& result) {
  return result.status == 0 ? std::string() : "lpadmin failed: " + result.output;
}

}  // namespace

std::string CupsServer::add_pdf_queue(const std::string& name, const std::string& output_file) {
  const char* ppd = "/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd";
  if (!fs::exists(ppd)) return std::string(ppd) + " missing (Debian: cups-filters)";
  empty_pdf_output(output_file);
  return lpadmin_result(command("lpadmin -p " + name + " -E -v 'file://" + output_file + "' -P " + ppd));
}

void CupsServer::empty_pdf_output(const std::string& output_file) {
  std::ofstream(output_file, std::ios::binary | std::ios::trunc).flush();
  std::error_code ignored;
  fs::permissions(output_file, k_public_file | fs::perms::group_write | fs::perms::others_write, ignored);
}

std::string CupsServer::add_raw_queue(const std::string& name, int port) {
  return lpadmin_result(command("lpadmin -p " + name + " -E -v socket://127.0.0.1:" + std::to_string(port)));
}

std::string CupsServer::device_folder(const std::string& queue) const {
  return m_folder + "/devices/" + queue;
}

std::string CupsServer::add_paper_queue(const std::string& name) {
  const fs::path folder = device_folder(name);
  fs::create_directories(folder);
  fs::permissions(folder, fs::perms::all);
  return lpadmin_result(command("lpadmin -p " + name + " -E -v paperout:" + folder.string()));
}

void CupsServer::set_paper_out(const std::string& queue, bool out) {
  const fs::path flag = fs::path(device_folder(queue)) / "paper-out";
  if (out) {
    std::ofstream(flag) << "out\n";
  } else {
    std::error_code ignored;
    fs::remove(flag, ignored);
  }
}

std::string CupsServer::error_log_tail(std::size_t bytes) const {
  std::string text;
  for (const char* name : {"/log/cupsd.out", "/log/error_log"}) {
    std::ifstream in(m_folder + name, std::ios::binary);
    text += std::string(std::istreambuf_iterator<char>(in), {});
  }
  return text.size() > bytes ? text.substr(text.size() - bytes) : text;
}

}  // namespace complaint::test
