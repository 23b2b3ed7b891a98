// ConnectionKeeper: brings a server database's connection back after it is lost (PostgreSQL
// restarted, or failed over to a promoted standby), through the DatabaseLink a driver
// implements (drivers/postgres: pg::Session). The statement that finds the connection broken
// fails (the desk answers 503, the kiosk retries; sync is idempotent); the next call
// reconnects at once, and while that keeps failing, further attempts wait an exponential
// backoff with jitter (core/base/backoff.h), so a recovering server is not hammered. Calls
// between attempts fail at once with an `unavailable` error. state() tells how long the
// database has been away and when the next attempt is (for /healthz and Retry-After). Time
// comes from a Clock; FakeDatabaseLink (fake_database_link.h) is the scriptable link.
//
// Every connection names itself in each call, with its generation: a pool of connections
// to one database shares one keeper, so it has one state: one connection finding the server gone marks every
// connection suspect, the first reconnect that works brings the state back up, and each other connection then
// reconnects on its next use at once instead of waiting out a backoff of its own (with a
// keeper each, /healthz and the failover tests saw one connection up while another still
// waited).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/backoff.h"
#include "core/base/clock.h"
#include "core/base/result.h"

namespace complaint {

struct ReconnectPolicy {
  // The first attempt is at once; after n failed ones the next waits about base * 2^(n-1).
  Backoff backoff{std::chrono::seconds(1), std::chrono::seconds(30)};
  // Away this long, given_up() turns true: the program may exit for its supervisor to
  // restart it, as a last resort. 0: never.
  std::chrono::seconds give_up_after{0};
};

using DatabaseLog = std::function<void(std::string_view)>;

// What a program passes when it opens a store on a server database (complaint-desk: from
// [desk]; complaintctl and tests: the defaults).
struct ConnectionOptions {
  const Clock* clock = nullptr;  // nullptr: the system clock
  ReconnectPolicy reconnect;
  DatabaseLog log;  // connection lost, reconnect attempts, reconnected
};

// A connection a ConnectionKeeper keeps. Calls come from one thread at a time.
class DatabaseLink {
 public:
  virtual ~DatabaseLink() = default;
  // Opens a new connection (closing any old one); the error says why it could not.
  virtual Result<void> connect() = 0;
  // Closes the connection: it is broken, nothing more is sent on it.
  virtual void disconnect() = 0;
};

struct DatabaseState {
  bool up = true;
  std::optional<Instant> down_since;    // while !up: when the connection was lost
  int failed_attempts = 0;              // reconnects that failed since
  std::chrono::seconds retry_after{0};  // while !up: until the next attempt (at least 1 s)
  bool given_up = false;                // away for the policy's give_up_after
  std::string last_error;               // why it was lost, or why the last attempt failed
};

class ConnectionKeeper {
 public:
  // Which loss a link last connected after, kept by the link's owner; a new link's is
  // "never".
  using Generation = std::uint64_t;
  static constexpr Generation kNeverConnected = ~Generation{0};

  ConnectionKeeper(const Clock& clock, ReconnectPolicy policy, DatabaseLog log = {},
                   std::function<double()> jitter = {});

  // The link's first connection (a program's start): the link's error as it is.
  Result<void> open(DatabaseLink& link, Generation& generation);
  // Before a statement: Ok when connected, after reconnecting first when the connection was
  // lost and an attempt is due; otherwise an `unavailable` error saying when the next is. A
  // link connected before the last loss (another found it) reconnects at once once the
  // state is up.
  Result<void> ensure(DatabaseLink& link, Generation& generation);
  // A statement found the link's connection broken: it is closed now; ensure() reconnects.
  void lost(DatabaseLink& link, const std::string& why);

  // Safe from any thread (open, ensure and lost are called by one thread at a time per link).
  DatabaseState state() const;

 private:
  void failed_attempt(Instant now, const std::string& why);
  Error unavailable(Instant now) const;  // m_mutex held

  const Clock& m_clock;
  ReconnectPolicy m_policy;
  DatabaseLog m_log;
  std::function<double()> m_jitter;
  mutable std::mutex m_mutex;  // the fields below
  bool m_up = false;
  Instant m_down_since{};
  Instant m_next_attempt{};
  int m_failed_attempts = 0;
  std::string m_last_error;
  Generation m_generation = 0;  // counts the losses: a link connected in an older one is suspect
};

}  // namespace complaint
