// DeskProcess: runs the REAL complaint-desk on 127.0.0.1 (a free port) with its own
// SQLite file in a temporary folder; stdout goes to a log file the test can read. Also
// the helpers the process-level tests share: run complaintctl, provision a kiosk, and
// read the desk's and a kiosk's database through a second connection.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace complaint::testing {

struct CommandResult {
  int exit_code = -1;  // -1: killed by a signal
  std::string out;
  std::string err;
};

// Runs a program to completion (stdin empty unless given); output through files.
CommandResult run_command(const std::vector<std::string>& argv, const std::string& input = {});
// A program's output split into its non-empty lines (filing_loop prints one number a line).
std::vector<std::string> lines_of(const std::string& text);

class DeskProcess {
 public:
  // `config_toml` is written to the folder and passed with --config (empty: none). `db`:
  // the --db value (empty: <folder>/desk.db; a postgresql:// string for PostgreSQL).
  explicit DeskProcess(const std::string& folder, const std::string& config_toml = {},
                       const std::string& db = {});
  ~DeskProcess();  // SIGTERM, then SIGKILL after 10 s
  DeskProcess(const DeskProcess&) = delete;
  DeskProcess& operator=(const DeskProcess&) = delete;

  bool started() const { return m_port > 0; }
  // The exit status when the desk ended before it listened (-1: it did not, or a signal).
  int startup_exit_code() const { return m_exit_code; }
  int port() const { return m_port; }
  int pid() const { return m_pid; }
  // "http://127.0.0.1:PORT", or https:// when the desk's config gives it a certificate.
  std::string url() const { return m_scheme + "://127.0.0.1:" + std::to_string(m_port); }
  const std::string& db() const { return m_db; }
  std::string log() const;
  // SIGTERM and wait; the exit status (0 after a graceful shutdown).
  int stop();
  // Waits up to `timeout` for the desk to end by itself; its exit status (-1: a signal), or
  // nullopt when it still runs.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);

  // `complaintctl --db <desk db> desk kiosk add ID`: the new key (empty on failure).
  std::string add_kiosk(const std::string& kiosk_id) const;

 private:
  std::string m_folder;
  std::string m_db;
  std::string m_log;
  pid_t m_pid = -1;
  int m_port = 0;
  int m_exit_code = -1;
  std::string m_scheme = "http";
};

// The kiosk's configuration for syncing to `url` with `key` (TOML text); `extra` goes into
// its [sync] section.
std::string kiosk_sync_config(const std::string& url, const std::string& key, const std::string& extra = {},
                              const std::string& kiosk_id = "K1");

}  // namespace complaint::testing
