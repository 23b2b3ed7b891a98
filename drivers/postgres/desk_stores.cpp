// open_desk_stores; see desk_stores.h.
#include "drivers/postgres/desk_stores.h"

#include "core/store/sqlite_desk_state_store.h"
#include "core/store/sqlite_desk_store.h"
#include "core/store/sqlite_store.h"
#include "drivers/postgres/pg_desk_state_store.h"
#include "drivers/postgres/pg_desk_store.h"

namespace complaint {

bool is_postgres_database(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0 ||
         db.find("dbname=") != std::string::npos;
}

DeskStores::DeskStores() = default;
DeskStores::DeskStores(DeskStores&&) noexcept = default;
DeskStores& DeskStores::operator=(DeskStores&&) noexcept = default;
DeskStores::~DeskStores() = default;

Result<DeskStores> open_desk_stores(const std::string& db) {
  DeskStores stores;
  if (is_postgres_database(db)) {
    TRY_ASSIGN(stores.m_postgres, PgDeskStore::open(db));
    stores.m_tickets = stores.m_postgres.get();
    stores.m_desk = stores.m_postgres.get();
    TRY_ASSIGN(stores.m_state, PgDeskStateStore::open(db));
    return stores;
  }
  // The desk tables first: their migration also creates the register's schema.
  TRY_ASSIGN(stores.m_sqlite_desk, SqliteDeskStore::open(db));
  TRY_ASSIGN(stores.m_sqlite_tickets, SqliteTicketStore::open(db));
  stores.m_tickets = stores.m_sqlite_tickets.get();
  stores.m_desk = stores.m_sqlite_desk.get();
  TRY_ASSIGN(stores.m_state, SqliteDeskStateStore::open(db));
  return stores;
}

}  // namespace complaint
