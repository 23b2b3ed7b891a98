// PostgresServer: a private PostgreSQL server for one test run, from Debian's postgresql
// package: initdb into a temporary folder, postgres listening only on a Unix socket in
// that folder (no TCP port at all), stopped and deleted afterwards. PostgreSQL refuses to
// run as root, so under root the server runs as `nobody` (runuser for initdb, setpriv for
// the server, which stays our child and dies with us). create_database()
// gives each test its own empty database.
// For the failover tests, a replicated pair: replicated_primary() also listens on a free
// loopback port and commits synchronously (synchronous_standby_names = '*', so a commit
// returns only once the standby has it); start_standby() makes a streaming standby of it
// (pg_basebackup -R) on a port of its own. restart(), stop_immediately() and promote() are
// the outages the tests inflict.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace complaint::testing {

class PostgresServer {
 public:
  PostgresServer();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // A server as production runs one: fsync, full_page_writes and synchronous_commit on (the
  // tests' servers turn them off for speed); Unix socket only. For benchmarks.
  // `extra` adds -c settings (a benchmark's shared_preload_libraries=pg_stat_statements).
  static std::unique_ptr<PostgresServer> durable(const std::vector<std::string>& extra = {});
  // A primary on 127.0.0.1 (a free port) whose commits wait for a synchronous standby:
  // start_standby() before anything is written, or commits wait for ever.
  static std::unique_ptr<PostgresServer> replicated_primary();
  // A hot standby streaming from this server (pg_basebackup -R), on 127.0.0.1 too; running
  // once it streams (synchronously, when this is a replicated_primary).
  std::unique_ptr<PostgresServer> start_standby() const;

  bool running() const { return m_running; }
  const std::string& why_not() const { return m_why_not; }  // when not running
  // The loopback TCP port (0: socket only).
  int tcp_port() const { return m_tcp ? m_port : 0; }
  // A fresh database; its libpq connection string (empty on failure).
  std::string create_database(const std::string& name);
  // Runs `sql` with psql on a database create_database() made (its conninfo); true on success.
  bool run_sql(const std::string& conninfo, const std::string& sql) const;
  // `sql`'s rows as psql -At prints them (one a line, columns split by '|'); nullopt when
  // psql failed.
  std::optional<std::string> query(const std::string& conninfo, const std::string& sql) const;
  // The folder of this server's programs (pg_dump, pg_restore, psql), for a PATH.
  std::string bin_dir() const { return m_bin; }

  // A fast shutdown (sessions ended with 57P01 admin_shutdown), then the server again on the
  // same folder and port: pg_ctl restart -m fast, except that the server stays our child.
  bool restart() { return stop_fast() && start_again(); }
  bool stop_fast() { return stop("fast"); }  // pg_ctl stop -m fast
  // After stop_fast(). Like the constructors, call it from a thread that outlives the server:
  // the parent-death signal that ends the server with the test follows the forking thread.
  bool start_again();
  // pg_ctl stop -m immediate: the server dies as in a crash (no checkpoint, sessions cut).
  bool stop_immediately() { return stop("immediate"); }
  // pg_ctl promote -w: a standby becomes a primary that accepts writes.
  bool promote();

 private:
  explicit PostgresServer(bool tcp);
  bool make_folder();
  bool init_cluster();          // initdb: the superuser "desk", trusted on the socket and loopback
  bool start();                 // the postmaster as our child, with m_settings; waits until it accepts
  bool stop(const char* mode);  // pg_ctl stop -m <mode> -w, and the child reaped
  std::string tool(const std::string& name) const;  // /usr/lib/postgresql/<v>/bin/<name>
  int run_as_owner(const std::string& command) const;
  std::string m_bin;
  std::string m_dir;
  int m_port = 0;
  bool m_tcp = false;
  std::vector<std::string> m_settings;  // -c name=value, for every start
  int m_pid = -1;                       // the postmaster, our child
  bool m_running = false;
  std::string m_why_not;
};

// The one server of this test binary, started on first use, stopped at exit.
PostgresServer& shared_postgres_server();

}  // namespace complaint::testing
