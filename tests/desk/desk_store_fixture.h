// DeskStoreFixture: the desk store suites run once per store behind the same interfaces —
// SQLite (SqliteDeskStore + SqliteTicketStore on one file) and PostgreSQL (PgDeskStore on a
// fresh database of the binary's one private server, postgres_server.h). Each test gets an
// empty database, the staff's FilingService over it and a FaultyDeskRepository wrapper.
// Instantiate with INSTANTIATE_TEST_SUITE_P(BothStores, Suite, kBothStores, store_name).
#pragma once

#include <memory>
#include <string>

#include "drivers/postgres/desk_stores.h"
#include "sync_test_support.h"

namespace complaint::testing {

enum class StoreKind { sqlite, postgres };

inline const auto kBothStores = ::testing::Values(StoreKind::sqlite, StoreKind::postgres);
std::string store_name(const ::testing::TestParamInfo<StoreKind>& info);

class DeskStoreFixture : public ::testing::TestWithParam<StoreKind> {
 protected:
  static constexpr Instant kNow = Instant{std::chrono::seconds{1795400000}};

  // Opens the stores; skips the test (saying why) when no PostgreSQL server could start.
  void SetUp() override;
  // Closes the stores and opens the same database again (the desk restarting).
  void reopen();
  std::int64_t rows(const std::string& table) { return must(desk->count_rows(table)); }
  // Runs `sql` straight on the database, past the stores (to corrupt a row on purpose);
  // false when the database refused it.
  bool raw_sql(const std::string& sql);
  // `sql`'s rows read straight from the database file or server (sqlite3 on the file, psql on
  // PostgreSQL), one a line, columns split by '|', as `psql -At` prints them; fails the test
  // when the database refuses the query.
  std::string raw_query(const std::string& sql);
  // SQL that puts back the kiosks table as it was before Ed25519 (key_hex, a shared key),
  // empty (SQLite desk versions 1-3; PostgreSQL before its upgrade block).
  std::string kiosks_table_before_ed25519() const;
  // SQL that takes away what SQLite desk versions 6 to 10 added (the notification outbox, the
  // staff accounts' addresses, the report digests, help requests, the search indexes), for a
  // test that sets the version back before them; empty on
  // PostgreSQL, whose schema adds them only when missing.
  std::string desk_tables_before_notices() const;
  // SQL that takes away what SQLite desk version 11 added (the search indexes, the text table
  // and its triggers) and everything after it (desk_attachments_before); empty on PostgreSQL.
  std::string desk_search_before() const;
  // SQL that takes away what SQLite desk version 12 added (the attachments table and its
  // retention trigger) and everything after it; empty on PostgreSQL.
  std::string desk_attachments_before() const;
  // SQL that takes away what SQLite desk version 13 added (the intake keys); empty on PostgreSQL.
  std::string desk_intake_keys_before() const;
  // SQL that makes the database look, to the next desk that opens it, made by an older release:
  // on PostgreSQL, the schema digests (drivers/postgres/pg_schema.h) no longer this release's,
  // so the schema is applied again; empty on SQLite, whose tests set its version back instead.
  std::string older_release() const;
  // `at`, or the opening of the ticket's callback window when that is later: a staff callback
  // waits for the first working day after the reply (docs/DOMAIN.md §2).
  Instant in_callback_window(const std::string& number, Instant at) {
    const std::optional<Ticket> ticket = must(tickets->find(number));
    const auto opens = ticket ? ticket->deadlines.callback_not_before : std::nullopt;
    return opens && *opens > at ? *opens : at;
  }
  // The SQLite path or the PostgreSQL conninfo the stores opened.
  const std::string& database() const { return m_database; }

  TempDir dir;
  FixedClock clock{kNow};
  Config config = Config::defaults();
  Taxonomy taxonomy = Taxonomy::defaults();
  std::unique_ptr<WorkCalendar> calendar;
  TicketRepository* tickets = nullptr;  // the register, as the console sees it
  DeskRepository* desk = nullptr;
  DeskStateStore* state = nullptr;               // console sessions, sign-in throttle, desk secrets
  NoticeStore* notices = nullptr;                // the notification outbox (core/notify)
  AttachmentStore* attachments = nullptr;        // tickets' attachments (core/attachments)
  std::unique_ptr<FaultyDeskRepository> faulty;  // over `desk`, for scripted failures
  std::unique_ptr<FilingService> staff;          // staff actions at the desk

 private:
  void open();
  std::string m_database;  // the SQLite path or the PostgreSQL conninfo
  std::unique_ptr<DeskStores> m_stores;
};

}  // namespace complaint::testing
