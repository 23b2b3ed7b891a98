// open_desk_stores: the one place that turns a desk's --db value into its stores, used by
// complaint-desk and complaintctl. "postgresql://...", "postgres://..." or a libpq
// key=value string ("dbname=desk", "host=a,b port=5432,5432 dbname=desk
// target_session_attrs=read-write") opens PgDeskStore; anything else is the desk's SQLite file
// (SqliteDeskStore and SqliteTicketStore on it). It lives beside PgDeskStore because core
// cannot link libpq, and this driver is the one library both programs link that sees both
// engines (core holds the SQLite stores).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/attachments/attachment_store.h"
#include "core/base/result.h"
#include "core/desk_state/desk_state_store.h"
#include "core/notify/notice_store.h"
#include "core/store/connection_keeper.h"
#include "core/store/ticket_repository.h"
#include "core/sync/desk_repository.h"

namespace complaint {

class PgDeskStore;
class SqliteDeskStore;
class SqliteTicketStore;

// True for the --db values that name a PostgreSQL database rather than a SQLite file.
bool is_postgres_database(const std::string& db);

// The desk's register, its sync/registry/staff tables and its shared console state, one
// engine behind all three.
class DeskStores {
 public:
  DeskStores(DeskStores&&) noexcept;
  DeskStores& operator=(DeskStores&&) noexcept;
  ~DeskStores();

  TicketRepository& tickets() const { return *m_tickets; }
  DeskRepository& desk() const { return *m_desk; }
  // The notification outbox (core/notify), on the same engine.
  NoticeStore& notices() const { return *m_notices; }
  // Tickets' attachments (core/attachments), on the same engine.
  AttachmentStore& attachments() const { return *m_attachments; }
  // Sessions, the sign-in throttle and desk secrets, shared by every desk on the database.
  DeskStateStore& state() const { return *m_state; }
  // The PostgreSQL connection's state; nullopt on SQLite (a file is never unreachable).
  std::optional<DatabaseState> database_state() const;
  // Reconnects when the PostgreSQL connection was lost and an attempt is due; Ok when the
  // database answers (always on SQLite).
  Result<void> ping();

 private:
  friend Result<DeskStores> open_desk_stores(const std::string& db, const ConnectionOptions& options);
  friend Result<DeskStores> open_desk_stores(SqliteTicketStore& opened);
  DeskStores();
  // open_desk_stores' SQLite part: the desk's and the state's stores beside `tickets`.
  Result<void> open_sqlite(SqliteTicketStore& tickets);
  std::unique_ptr<PgDeskStore> m_postgres;
  std::unique_ptr<SqliteDeskStore> m_sqlite_desk;
  std::unique_ptr<SqliteTicketStore> m_sqlite_tickets;
  TicketRepository* m_tickets = nullptr;
  DeskRepository* m_desk = nullptr;
  NoticeStore* m_notices = nullptr;
  AttachmentStore* m_attachments = nullptr;
  std::unique_ptr<DeskStateStore> m_state;
};

// Opens (creating the schema when missing) the stores `db` names; `options` tell how a
// PostgreSQL connection is kept (SQLite ignores them).
Result<DeskStores> open_desk_stores(const std::string& db, const ConnectionOptions& options = {});
// The desk's stores on a SQLite file `opened` has opened and checked already (complaintctl's
// store): no second integrity check of the file. `opened` must outlive the stores.
Result<DeskStores> open_desk_stores(SqliteTicketStore& opened);

}  // namespace complaint
