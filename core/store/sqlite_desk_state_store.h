// SqliteDeskStateStore: DeskStateStore on the desk's SQLite file (its own extension schema
// "desk_state": staff_sessions, sign_in_attempts, desk_secrets), beside SqliteDeskStore.
#pragma once

#include <memory>
#include <string>

#include "core/desk_state/desk_state_store.h"

namespace complaint {

class SqliteTicketStore;
namespace store {
class SqliteConnection;
}

class SqliteDeskStateStore final : public DeskStateStore {
 public:
  // `path`: the desk's file (SqliteTicketStore::open has made its base schema).
  static Result<std::unique_ptr<SqliteDeskStateStore>> open(const std::string& path);
  // The same on the file `base` has opened and checked (no second quick_check).
  static Result<std::unique_ptr<SqliteDeskStateStore>> open(const SqliteTicketStore& base);
  ~SqliteDeskStateStore() override;

  Result<void> transact(const std::function<Result<void>(DeskStatePort&)>& work) override;

 private:
  explicit SqliteDeskStateStore(std::unique_ptr<store::SqliteConnection> connection);
  std::unique_ptr<store::SqliteConnection> m_connection;
};

}  // namespace complaint
