// PostgresServer: a private PostgreSQL server for one test run, from Debian's postgresql
// package: initdb into a temporary folder, postgres listening only on a Unix socket in
// that folder (no TCP port at all), stopped and deleted afterwards. PostgreSQL refuses to
// run as root, so under root the server runs as `nobody` (runuser for initdb, setpriv for
// the server, which stays our child and dies with us). create_database()
// gives each test its own empty database.
#pragma once

#include <string>

namespace complaint::testing {

class PostgresServer {
 public:
  PostgresServer();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  bool running() const { return m_running; }
  const std::string& why_not() const { return m_why_not; }  // when not running
  // A fresh database; its libpq connection string (empty on failure).
  std::string create_database(const std::string& name);
  // Runs `sql` with psql on a database create_database() made (its conninfo); true on success.
  bool run_sql(const std::string& conninfo, const std::string& sql) const;

 private:
  std::string tool(const std::string& name) const;  // /usr/lib/postgresql/<v>/bin/<name>
  int run_as_owner(const std::string& command) const;
  std::string m_bin;
  std::string m_dir;
  int m_port = 0;
  int m_pid = -1;  // the postmaster, our child
  bool m_running = false;
  std::string m_why_not;
};

// The one server of this test binary, started on first use, stopped at exit.
PostgresServer& shared_postgres_server();

}  // namespace complaint::testing
