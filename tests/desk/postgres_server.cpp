// PostgresServer; see postgres_server.h. Commands go through the shell because runuser,
// initdb and pg_ctl are programs anyway; every path is quoted.
#include "postgres_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace complaint::testing {
namespace {

std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string find_bin() {
  std::error_code ignored;
  std::string best;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ignored)) {
    if (std::filesystem::exists(entry.path() / "bin" / "initdb")) best = (entry.path() / "bin").string();
  }
  return best;
}

// A loopback port nothing listens on now (the kernel's pick; another program could take it
// before postgres does, which would show as a server that did not start).
int free_loopback_port() {
  const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(probe);
  return port;
}

// The tests' settings: no fsync (a crash of the machine is not what they test; a killed
// server loses nothing the kernel has), and only loopback or no TCP at all.
const std::vector<std::string> kQuickSettings = {"fsync=off", "full_page_writes=off"};

}  // namespace

PostgresServer::PostgresServer() : PostgresServer(false) {
  m_settings.push_back("synchronous_commit=off");  // one server, nothing to replicate to
  m_running = make_folder() && init_cluster() && start();
}

PostgresServer::PostgresServer(bool tcp) : m_tcp(tcp), m_settings(kQuickSettings) {
  m_bin = find_bin();
  if (m_bin.empty())
    m_why_not = "PostgreSQL is not installed (apt-get install postgresql; scripts/packages/desk.txt)";
}

std::unique_ptr<PostgresServer> PostgresServer::durable(const std::vector<std::string>& extra) {
  std::unique_ptr<PostgresServer> server(new PostgresServer(false));
  server->m_settings = {"fsync=on", "full_page_writes=on", "synchronous_commit=on"};
  server->m_settings.insert(server->m_settings.end(), extra.begin(), extra.end());
  server->m_running = server->make_folder() && server->init_cluster() && server->start();
  return server;
}

std::unique_ptr<PostgresServer> PostgresServer::replicated_primary() {
  std::unique_ptr<PostgresServer> server(new PostgresServer(true));
  // Every commit waits until a standby has its WAL: what is acknowledged survives a failover.
  server->m_settings.push_back("synchronous_commit=on");
  server->m_settings.push_back("synchronous_standby_names=*");
  server->m_running = server->make_folder() && server->init_cluster() && server->start();
  return server;
}

std::unique_ptr<PostgresServer> PostgresServer::start_standby() const {
  std::unique_ptr<PostgresServer> standby(new PostgresServer(true));
  if (!m_running || !m_tcp) {
    standby->m_why_not = "no primary on a loopback port to stream from";
    return standby;
  }
  standby->m_settings.push_back("synchronous_commit=on");
  if (!standby->make_folder()) return standby;
  // -R writes standby.signal and primary_conninfo; -c fast: no wait for a spread checkpoint.
  if (standby->run_as_owner(shell_quoted(tool("pg_basebackup")) + " -D " +
                            shell_quoted(standby->m_dir + "/data") + " -h 127.0.0.1 -p " +
                            std::to_string(m_port) + " -U desk -R -X stream -c fast > " +
                            shell_quoted(standby->m_dir + "/basebackup.log") + " 2>&1") != 0) {
    standby->m_why_not = "pg_basebackup failed (see " + standby->m_dir + "/basebackup.log)";
    return standby;
  }
  if (!standby->start()) return standby;
  const std::string primary = "host=127.0.0.1 port=" + std::to_string(m_port) + " user=desk dbname=postgres";
  for (int attempt = 0; attempt < 300; ++attempt) {
    const auto streaming =
        query(primary, "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'");
    if (streaming && streaming->rfind("1", 0) == 0) {
      standby->m_running = true;
      return standby;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  standby->m_why_not = "the standby never streamed (see " + standby->m_dir + "/server.log)";
  return standby;
}

bool PostgresServer::make_folder() {
  if (m_bin.empty()) return false;
  char pattern[] = "/tmp/desk-pg-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) {
    m_why_not = "cannot create a temporary folder";
    return false;
  }
  m_dir = pattern;
  // The socket-only server's port only names its socket file.
  m_port = m_tcp ? free_loopback_port() : 40000 + static_cast<int>(::getpid() % 20000);
  if (::geteuid() == 0 && std::system(("chown nobody " + shell_quoted(m_dir)).c_str()) != 0) {
    m_why_not = "cannot hand the data folder to nobody";
    return false;
  }
  return m_port > 0;
}

bool PostgresServer::init_cluster() {
  if (run_as_owner(shell_quoted(tool("initdb")) + " -D " + shell_quoted(m_dir + "/data") +
                   " -U desk --auth=trust -E UTF8 --locale=C.UTF-8 > " + shell_quoted(m_dir + "/initdb.log") +
                   " 2>&1") == 0) {
    return true;
  }
  m_why_not = "initdb failed (see " + m_dir + "/initdb.log)";
  return false;
}

bool PostgresServer::start() {
  // postgres runs as this process's child with a parent-death signal (SIGQUIT: immediate
  // shutdown), so a test binary that aborts never leaves a server behind.
  m_pid = ::fork();
  if (m_pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGQUIT);
    const std::string log = m_dir + "/server.log";
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(out, 1);
    ::dup2(out, 2);
    std::vector<std::string> args;
    if (::geteuid() == 0)
      args = {"setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--pdeathsig=QUIT"};
    const std::string listen = std::string("listen_addresses=") + (m_tcp ? "127.0.0.1" : "");
    for (const std::string& arg :
         {tool("postgres"), std::string("-D"), m_dir + "/data", std::string("-k"), m_dir, std::string("-c"),
          listen, std::string("-p"), std::to_string(m_port)}) {
      args.push_back(arg);
    }
    for (const std::string& setting : m_settings) {
      args.push_back("-c");
      args.push_back(setting);
    }
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  const std::string ready =
      shell_quoted(tool("pg_isready")) + " -q -h " + shell_quoted(m_dir) + " -p " + std::to_string(m_port);
  for (int attempt = 0;; ++attempt) {
    if (std::system(ready.c_str()) == 0) return true;
    int status = 0;
    if (attempt > 600 || ::waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_why_not = "the server did not start (see " + m_dir + "/server.log)";
      m_pid = -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

PostgresServer::~PostgresServer() {
  if (m_pid > 0) stop_immediately();
  if (!m_dir.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
  }
}

bool PostgresServer::stop(const char* mode) {
  if (m_pid <= 0) return false;
  const bool stopped = run_as_owner(shell_quoted(tool("pg_ctl")) + " -D " + shell_quoted(m_dir + "/data") +
                                    " -m " + mode + " -w stop > /dev/null 2>&1") == 0;
  if (!stopped) ::kill(m_pid, SIGQUIT);  // immediate shutdown, whatever was asked
  int status = 0;
  ::waitpid(m_pid, &status, 0);
  m_pid = -1;
  m_running = false;
  return stopped;
}

bool PostgresServer::start_again() {
  if (m_pid > 0 || m_dir.empty()) return false;
  m_running = start();
  return m_running;
}

bool PostgresServer::promote() {
  return m_running && run_as_owner(shell_quoted(tool("pg_ctl")) + " -D " + shell_quoted(m_dir + "/data") +
                                   " -w promote > /dev/null 2>&1") == 0;
}

std::string PostgresServer::tool(const std::string& name) const {
  return m_bin + "/" + name;
}

int PostgresServer::run_as_owner(const std::string& command) const {
  const std::string line = ::geteuid() == 0 ? "runuser -u nobody -- sh -c " + shell_quoted(command) : command;
  return std::system(line.c_str());
}

std::string PostgresServer::create_database(const std::string& name) {
  if (!m_running) return {};
  const std::string command = shell_quoted(tool("createdb")) + " -h " + shell_quoted(m_dir) + " -p " +
                              std::to_string(m_port) + " -U desk " + shell_quoted(name) + " > /dev/null 2>&1";
  if (std::system(command.c_str()) != 0) return {};
  if (m_tcp) return "host=127.0.0.1 port=" + std::to_string(m_port) + " user=desk dbname=" + name;
  return "host=" + m_dir + " port=" + std::to_string(m_port) + " user=desk dbname=" + name;
}

bool PostgresServer::run_sql(const std::string& conninfo, const std::string& sql) const {
  if (!m_running) return false;
  const std::string command = shell_quoted(tool("psql")) + " -X -q -v ON_ERROR_STOP=1 " +
                              shell_quoted(conninfo) + " -c " + shell_quoted(sql) + " > /dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

std::optional<std::string> PostgresServer::query(const std::string& conninfo, const std::string& sql) const {
  if (m_bin.empty()) return std::nullopt;
  char pattern[] = "/tmp/desk-pg-query-XXXXXX";
  const int fd = ::mkstemp(pattern);
  if (fd < 0) return std::nullopt;
  ::close(fd);
  const std::string command = shell_quoted(tool("psql")) + " -X -At -v ON_ERROR_STOP=1 " +
                              shell_quoted(conninfo) + " -c " + shell_quoted(sql) + " > " +
                              shell_quoted(pattern) + " 2>/dev/null";
  const bool ok = std::system(command.c_str()) == 0;
  std::ostringstream text;
  text << std::ifstream(pattern).rdbuf();
  std::filesystem::remove(pattern);
  if (!ok) return std::nullopt;
  return text.str();
}

PostgresServer& shared_postgres_server() {
  static PostgresServer server;
  return server;
}

}  // namespace complaint::testing
