// CupsServer: a private, real cupsd for tests and benchmarks: its own configuration folder,
// a Unix socket and a loopback port, FileDevice Yes, queues made with lpadmin, and a test
// backend ("paperout") that behaves like a printer which runs out of paper on request.
// SocketSink: a tiny loopback "printer" a socket:// queue sends its bytes to.
// Invariant: one server per process (libcups caches $CUPS_SERVER on first use), created on
// first use and stopped at exit; no gtest in here, so the benchmarks can use it too.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace complaint::test {

struct CommandResult {
  int status = -1;     // exit status; -1 when it did not run or was killed
  std::string output;  // stdout and stderr
};
// Runs `command` with /bin/sh; CUPS_SERVER is whatever this process has set.
CommandResult run_shell(const std::string& command);

class SocketSink {
 public:
  enum class Behaviour {
    read_all_then_close,  // a working printer: takes the whole job, then hangs up
    never_answer,         // takes the bytes but never finishes: the job stays "processing"
  };
  // Listens on 127.0.0.1 at a port the OS picks; nullptr (and `why`) when it cannot.
  static std::unique_ptr<SocketSink> start(Behaviour behaviour, std::string* why);
  ~SocketSink();

  int port() const { return m_port; }
  // The bytes of the first `count` finished connections, waiting up to `timeout` for them;
  // fewer when they did not come.
  std::vector<std::string> wait_for_jobs(std::size_t count, std::chrono::milliseconds timeout);
  int connections() const;

 private:
  SocketSink() = default;
  void serve();

  Behaviour m_behaviour = Behaviour::read_all_then_close;
  int m_listener = -1;
  int m_port = 0;
  int m_wake[2] = {-1, -1};  // a byte here stops the thread
  std::thread m_thread;
  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<std::string> m_jobs;
  std::vector<int> m_open;  // never_answer connections kept open
  int m_connections = 0;
};

class CupsServer {
 public:
  // The process's server, started on first call. nullptr when cupsd cannot run here; then
  // `why` says why (the tests skip with it).
  static CupsServer* shared(std::string* why);
  ~CupsServer();

  const std::string& folder() const { return m_folder; }
  const std::string& socket_path() const { return m_socket; }  // also $CUPS_SERVER
  int port() const { return m_port; }

  // Generic PDF driver (cups-filters), output to a file: URI. "" on success, else lpadmin's words.
  // Creates output_file empty first: see empty_pdf_output.
  std::string add_pdf_queue(const std::string& name, const std::string& output_file);
  // Makes output_file exist and be empty, writable by the scheduler. Current Debian 12 cupsd
  // (2.4.2-3+deb12u10 and later) opens a file: device with O_WRONLY|O_EXCL and neither O_CREAT
  // nor O_TRUNC: the file must exist, and a job overwrites it from the start without cutting
  // off a longer earlier job. Older cupsd creates and truncates it. Emptying the file before
  // each job gives one well-formed PDF per job on both.
  static void empty_pdf_output(const std::string& output_file);
  // A raw queue (no driver) to socket://127.0.0.1:port.
  std::string add_raw_queue(const std::string& name, int port);
  // A raw queue whose device is the "paperout" test backend: it prints into
  // device_folder(name)/printed.<job>, unless paper is out: then it reports
  // media-empty-error and stops the queue, as a CUPS backend does for a printer out of paper.
  std::string add_paper_queue(const std::string& name);
  std::string device_folder(const std::string& queue) const;
  void set_paper_out(const std::string& queue, bool out);
  // cupsenable / cupsdisable / lpstat etc. with this server.
  CommandResult command(const std::string& program_and_arguments) const;
  std::string error_log_tail(std::size_t bytes = 4000) const;

 private:
  CupsServer() = default;
  std::string start();

  std::string m_folder;
  std::string m_socket;
  int m_port = 0;
  pid_t m_pid = -1;
};

}  // namespace complaint::test
