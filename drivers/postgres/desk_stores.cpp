// open_desk_stores; see desk_stores.h.
#include "drivers/postgres/desk_stores.h"

#include <libpq-fe.h>

#include "core/store/sqlite_desk_state_store.h"
#include "core/store/sqlite_desk_store.h"
#include "core/store/sqlite_store.h"
#include "drivers/postgres/pg_desk_state_store.h"
#include "drivers/postgres/pg_desk_store.h"

namespace complaint {

bool is_postgres_database(const std::string& db) {
  if (db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0) return true;
  // key=value: whatever libpq itself parses as a connection string ("host=a,b port=5432,5433
  // dbname=desk target_session_attrs=read-write"), so a file name is never one by accident
  // ("desk.db" has no '=', "a=b.db" names no libpq keyword).
  if (db.find('=') == std::string::npos) return false;
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(db.c_str(), &error);
  PQconninfoFree(options);
  PQfreemem(error);
  return options != nullptr;
}

DeskStores::DeskStores() = default;
DeskStores::DeskStores(DeskStores&&) noexcept = default;
DeskStores& DeskStores::operator=(DeskStores&&) noexcept = default;
DeskStores::~DeskStores() = default;

std::optional<DatabaseState> DeskStores::database_state() const {
  if (!m_postgres) return std::nullopt;
  return m_postgres->database_state();
}

Result<void> DeskStores::ping() {
  if (!m_postgres) return Ok{};
  return m_postgres->ping();
}

Result<DeskStores> open_desk_stores(const std::string& db, const ConnectionOptions& options) {
  DeskStores stores;
  if (is_postgres_database(db)) {
    TRY_ASSIGN(stores.m_postgres, PgDeskStore::open(db, options));
    stores.m_tickets = stores.m_postgres.get();
    stores.m_desk = stores.m_postgres.get();
    stores.m_notices = stores.m_postgres.get();
    stores.m_attachments = stores.m_postgres.get();
    TRY_ASSIGN(stores.m_state, PgDeskStateStore::open(db, options));
    return stores;
  }
  // One open of the file, so one quick_check (it reads the whole file): the register's schema
  // first, then the desk's and the shared state's tables on connections of their own.
  TRY_ASSIGN(stores.m_sqlite_tickets, SqliteTicketStore::open(db));
  TRY_VOID(stores.open_sqlite(*stores.m_sqlite_tickets));
  return stores;
}

Result<DeskStores> open_desk_stores(SqliteTicketStore& opened) {
  DeskStores stores;
  TRY_VOID(stores.open_sqlite(opened));
  return stores;
}

Result<void> DeskStores::open_sqlite(SqliteTicketStore& tickets) {
  TRY_ASSIGN(m_sqlite_desk, SqliteDeskStore::open(tickets));
  m_tickets = &tickets;
  m_desk = m_sqlite_desk.get();
  m_notices = m_sqlite_desk.get();
  m_attachments = &tickets;  // on the register's connection: a row and its event commit together
  TRY_ASSIGN(m_state, SqliteDeskStateStore::open(tickets));
  return Ok{};
}

}  // namespace complaint
