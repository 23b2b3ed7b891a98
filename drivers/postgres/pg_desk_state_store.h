// PgDeskStateStore: DeskStateStore on PostgreSQL, on a connection of its own to the desk's
// database (staff_sessions, sign_in_attempts, desk_secrets), so every desk on the database
// shares sessions, the sign-in throttle and form secrets. libpq stays in the .cpp files.
#pragma once

#include <memory>
#include <string>

#include "core/desk_state/desk_state_store.h"
#include "core/store/connection_keeper.h"

namespace complaint {

namespace pg {
class Session;
}

class PgDeskStateStore final : public DeskStateStore {
 public:
  // Creates the tables when missing. The connection reconnects as PgDeskStore's does.
  static Result<std::unique_ptr<PgDeskStateStore>> open(const std::string& conninfo,
                                                        const ConnectionOptions& options);
  ~PgDeskStateStore() override;

  Result<void> transact(const std::function<Result<void>(DeskStatePort&)>& work) override;

 private:
  explicit PgDeskStateStore(std::unique_ptr<pg::Session> session);
  std::unique_ptr<pg::Session> m_session;
};

}  // namespace complaint
