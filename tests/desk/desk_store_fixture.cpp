// DeskStoreFixture; see desk_store_fixture.h.
#include "desk_store_fixture.h"

#include <sqlite3.h>

#include "core/store/sqlite_search_text.h"
#include "drivers/postgres/desk_stores.h"
#include "postgres_server.h"

namespace complaint::testing {

std::string store_name(const ::testing::TestParamInfo<StoreKind>& info) {
  return info.param == StoreKind::sqlite ? "SQLite" : "PostgreSQL";
}

void DeskStoreFixture::SetUp() {
  if (GetParam() == StoreKind::sqlite) {
    m_database = dir.file("desk.db");
  } else {
    PostgresServer& server = shared_postgres_server();
    if (!server.running()) GTEST_SKIP() << "no PostgreSQL server: " << server.why_not();
    static int counter = 0;
    m_database = server.create_database("desk_store_" + std::to_string(++counter));
    ASSERT_FALSE(m_database.empty()) << "createdb failed";
    ASSERT_TRUE(is_postgres_database(m_database));
  }
  calendar = std::make_unique<WorkCalendar>(must(WorkCalendar::create(config.calendar)));
  open();
}

void DeskStoreFixture::open() {
  // The programs' own choice of engine (open_desk_stores), so the path or conninfo alone
  // decides, as it does for complaint-desk and complaintctl.
  m_stores = std::make_unique<DeskStores>(must(open_desk_stores(m_database)));
  tickets = &m_stores->tickets();
  desk = &m_stores->desk();
  state = &m_stores->state();
  notices = &m_stores->notices();
  attachments = &m_stores->attachments();
  faulty = std::make_unique<FaultyDeskRepository>(*desk);
  staff = std::make_unique<FilingService>(config, taxonomy, *calendar, *tickets, clock);
}

std::string DeskStoreFixture::older_release() const {
  if (GetParam() == StoreKind::sqlite) return "";
  return "UPDATE desk_schema_applied SET digest = 'an older release';";
}

bool DeskStoreFixture::raw_sql(const std::string& sql) {
  if (GetParam() == StoreKind::postgres) return shared_postgres_server().run_sql(m_database, sql);
  sqlite3* db = nullptr;
  const bool opened = sqlite3_open(m_database.c_str(), &db) == SQLITE_OK;
  // A connection that writes tickets defines what the text index's triggers call.
  const bool done = opened && store::register_search_text_function(db).ok() &&
                    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(db);
  return done;
}

std::string DeskStoreFixture::raw_query(const std::string& sql) {
  if (GetParam() == StoreKind::postgres) {
    const auto rows = shared_postgres_server().query(m_database, sql);
    EXPECT_TRUE(rows.has_value()) << sql;
    std::string out = rows.value_or("");
    if (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }
  sqlite3* db = nullptr;
  sqlite3_stmt* statement = nullptr;
  std::string out;
  const bool prepared =
      sqlite3_open_v2(m_database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK &&
      sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK;
  EXPECT_TRUE(prepared) << sql << ": " << sqlite3_errmsg(db);
  while (prepared && sqlite3_step(statement) == SQLITE_ROW) {
    for (int column = 0; column < sqlite3_column_count(statement); ++column) {
      if (column > 0) out += '|';
      const unsigned char* text = sqlite3_column_text(statement, column);
      if (text != nullptr) out += reinterpret_cast<const char*>(text);
    }
    out += '\n';
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  if (!out.empty()) out.pop_back();  // no newline after the last row, on either engine
  return out;
}

std::string DeskStoreFixture::kiosks_table_before_ed25519() const {
  const std::string integer = GetParam() == StoreKind::sqlite ? "INTEGER" : "BIGINT";
  return "DROP TABLE kiosks; CREATE TABLE kiosks (kiosk_id TEXT PRIMARY KEY, key_hex TEXT NOT NULL CHECK "
         "(length(key_hex) >= 32), created_at " +
         integer + " NOT NULL, last_sync_at " + integer + ");";
}

std::string DeskStoreFixture::desk_tables_before_notices() const {
  if (GetParam() != StoreKind::sqlite) return "";
  return "DROP TABLE notice_deliveries; DROP TABLE notices; ALTER TABLE staff_users DROP COLUMN email; "
         "ALTER TABLE staff_users DROP COLUMN im_user_id; DROP TRIGGER events_count_for_report; "
         "DROP TABLE report_digests; DROP TABLE help_requests;" +
         desk_search_before();
}

std::string DeskStoreFixture::desk_search_before() const {
  if (GetParam() != StoreKind::sqlite) return "";
  return "DROP TRIGGER tickets_text_insert; DROP TRIGGER tickets_text_update; DROP TRIGGER "
         "tickets_text_delete; "
         "DROP TABLE IF EXISTS ticket_text_terms; DROP TABLE ticket_text; DROP INDEX "
         "tickets_by_plain_number; "
         "DROP INDEX tickets_by_phone_suffix; DROP INDEX tickets_by_customer_name;" +
         desk_attachments_before();
}

std::string DeskStoreFixture::desk_attachments_before() const {
  if (GetParam() != StoreKind::sqlite) return "";
  return "DROP TRIGGER ticket_attachments_anonymised; DROP TABLE ticket_attachments;" +
         desk_intake_keys_before();
}

std::string DeskStoreFixture::desk_intake_keys_before() const {
  if (GetParam() != StoreKind::sqlite) return "";
  return "DROP TABLE intake_keys;";
}

void DeskStoreFixture::reopen() {
  staff.reset();
  faulty.reset();
  tickets = nullptr;
  desk = nullptr;
  notices = nullptr;
  attachments = nullptr;
  state = nullptr;
  m_stores.reset();
  open();
}

}  // namespace complaint::testing
