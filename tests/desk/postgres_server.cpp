// PostgresServer; see postgres_server.h. Commands go through the shell because runuser,
// initdb and pg_ctl are programs anyway; every path is quoted.
#include "postgres_server.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include <cstdlib>
#include <filesystem>

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

}  // namespace

PostgresServer::PostgresServer() {
  m_bin = find_bin();
  if (m_bin.empty()) {
    m_why_not = "PostgreSQL is not installed (apt-get install postgresql; scripts/packages/desk.txt)";
    return;
  }
  char pattern[] = "/tmp/desk-pg-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) {
    m_why_not = "cannot create a temporary folder";
    return;
  }
  m_dir = pattern;
  m_port = 40000 + static_cast<int>(::getpid() % 20000);  // only names the socket file
  if (::geteuid() == 0 && std::system(("chown nobody " + shell_quoted(m_dir)).c_str()) != 0) {
    m_why_not = "cannot hand the data folder to nobody";
    return;
  }
  if (run_as_owner(shell_quoted(tool("initdb")) + " -D " + shell_quoted(m_dir + "/data") +
                   " -U desk --auth=trust -E UTF8 --locale=C.UTF-8 > " + shell_quoted(m_dir + "/initdb.log") +
                   " 2>&1") != 0) {
    m_why_not = "initdb failed (see " + m_dir + "/initdb.log)";
    return;
  }
  // postgres runs as this process's child with a parent-death signal (SIGQUIT: immediate
  // shutdown), so a test binary that aborts never leaves a server behind.
  m_pid = ::fork();
  if (m_pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGQUIT);
    const std::string log = m_dir + "/server.log";
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(out, 2);
    const std::string postgres = tool("postgres");
    const std::string data = m_dir + "/data";
    const std::string port = std::to_string(m_port);
    std::vector<const char*> argv;
    if (::geteuid() == 0)
      argv = {"setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--pdeathsig=QUIT"};
    for (const char* arg :
         {postgres.c_str(), "-D", data.c_str(), "-k", m_dir.c_str(), "-c", "listen_addresses=", "-p",
          port.c_str(), "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"}) {
      argv.push_back(arg);
    }
    argv.push_back(nullptr);
    ::execvp(argv[0], const_cast<char* const*>(argv.data()));
    ::_exit(127);
  }
  const std::string ready =
      shell_quoted(tool("pg_isready")) + " -q -h " + shell_quoted(m_dir) + " -p " + std::to_string(m_port);
  for (int attempt = 0;; ++attempt) {
    if (std::system(ready.c_str()) == 0) break;
    int status = 0;
    if (attempt > 600 || ::waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_why_not = "the server did not start (see " + m_dir + "/server.log)";
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  m_running = true;
}

PostgresServer::~PostgresServer() {
  if (m_running) {
    run_as_owner(shell_quoted(tool("pg_ctl")) + " -D " + shell_quoted(m_dir + "/data") +
                 " -m immediate -w stop > /dev/null 2>&1");
  }
  if (!m_dir.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
  }
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
  return "host=" + m_dir + " port=" + std::to_string(m_port) + " user=desk dbname=" + name;
}

bool PostgresServer::run_sql(const std::string& conninfo, const std::string& sql) const {
  if (!m_running) return false;
  const std::string command = shell_quoted(tool("psql")) + " -X -q -v ON_ERROR_STOP=1 " +
                              shell_quoted(conninfo) + " -c " + shell_quoted(sql) + " > /dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

PostgresServer& shared_postgres_server() {
  static PostgresServer server;
  return server;
}

}  // namespace complaint::testing
