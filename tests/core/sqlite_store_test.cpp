// SqliteTicketStore against real files: field round-trip, gapless numbering, rollback of
// failed writes (with failures injected by a trigger), append-only events, revisions,
// migrations, pragmas, backup, corruption detection, queries and print jobs.
// Sections: fixture and helpers | round trip | numbering | rollback and faults |
// events and revisions | schema and connection | backup and corruption | queries | print jobs
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "core/domain/check_code.h"
#include "core/domain/ticket_number.h"
#include "core/store/sqlite_kiosk_sync_store.h"
#include "core/store/sqlite_store.h"
#include "tests/core/filled_ticket.h"

namespace complaint {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// ---- fixture and helpers ----------------------------------------------------------

// 2026-11-20 08:00 UTC = 16:00 in Shanghai, the worked example of docs/DOMAIN.md §3.
const Instant kFiled = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 20}} + 8h;

// A raw second connection: what an operator's sqlite3 shell or another process can do.
class RawDb {
 public:
  explicit RawDb(const std::string& path) { sqlite3_open(path.c_str(), &m_db); }
  ~RawDb() { sqlite3_close(m_db); }
  int exec(const std::string& sql) { return sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr); }
  std::string text(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    std::string value = "(error)";
    if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(statement, 0);
      value = text != nullptr ? reinterpret_cast<const char*>(text) : "(null)";
    }
    sqlite3_finalize(statement);
    return value;
  }

 private:
  sqlite3* m_db = nullptr;
};

Ticket every_field_ticket(const std::string& token) {
  return filled_ticket(kFiled, token);
}

Ticket minimal_ticket(const std::string& token, const std::string& kiosk = "K1") {
  Ticket t;
  t.tracking_token = token;
  t.kind = "complaint";
  t.channel = "kiosk";
  t.category = "service_quality";
  t.content = "排队时间过长";
  t.anonymous = true;
  t.site_code = "WH01";
  t.kiosk_id = kiosk;
  t.filed_at = kFiled;
  t.recorded_at = kFiled;
  t.recorded_by = "kiosk";
  return t;
}

NewTicketRequest request_for(Ticket ticket, const std::string& local_date = "20261120") {
  NewTicketRequest request;
  request.ticket = std::move(ticket);
  request.first_event.at = request.ticket.recorded_at;
  request.first_event.actor = "kiosk";
  request.first_event.role = "kiosk";
  request.first_event.action = "file";
  request.first_event.data_json = R"({"channel":"kiosk"})";
  request.local_date = local_date;
  return request;
}

void expect_same_fields(const Ticket& a, const Ticket& b) {
  EXPECT_EQ(a.tracking_token, b.tracking_token);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.channel, b.channel);
  EXPECT_EQ(a.category, b.category);
  EXPECT_EQ(a.severity, b.severity);
  EXPECT_EQ(a.content, b.content);
  EXPECT_EQ(a.desired_outcome, b.desired_outcome);
  EXPECT_EQ(a.customer_name, b.customer_name);
  EXPECT_EQ(a.phone, b.phone);
  EXPECT_EQ(a.address, b.address);
  EXPECT_EQ(a.language, b.language);
  EXPECT_EQ(a.site_code, b.site_code);
  EXPECT_EQ(a.kiosk_id, b.kiosk_id);
  EXPECT_EQ(a.filed_at, b.filed_at);
  EXPECT_EQ(a.recorded_at, b.recorded_at);
  EXPECT_EQ(a.staff_involved, b.staff_involved);
  EXPECT_EQ(a.recorded_by, b.recorded_by);
  EXPECT_EQ(a.major, b.major);
  EXPECT_EQ(a.major_notified, b.major_notified);
  EXPECT_EQ(a.major_reasons, b.major_reasons);
  EXPECT_EQ(a.repeat_of, b.repeat_of);
  EXPECT_EQ(a.group, b.group);
  EXPECT_EQ(a.anonymous, b.anonymous);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.deadlines.forward_by, b.deadlines.forward_by);
  EXPECT_EQ(a.deadlines.contact_by, b.deadlines.contact_by);
  EXPECT_EQ(a.deadlines.resolve_by, b.deadlines.resolve_by);
  EXPECT_EQ(a.deadlines.answer_by, b.deadlines.answer_by);
  EXPECT_EQ(a.deadlines.callback_by, b.deadlines.callback_by);
  EXPECT_EQ(a.deadlines.callback_not_before, b.deadlines.callback_not_before);
  EXPECT_EQ(a.department, b.department);
  EXPECT_EQ(a.verification, b.verification);
  EXPECT_EQ(a.handling_opinion, b.handling_opinion);
  EXPECT_EQ(a.handling_result, b.handling_result);
  EXPECT_EQ(a.callback_note, b.callback_note);
  EXPECT_EQ(a.satisfaction, b.satisfaction);
  EXPECT_EQ(a.handler, b.handler);
  EXPECT_EQ(a.supervisor, b.supervisor);
  EXPECT_EQ(a.first_contact_at, b.first_contact_at);
  EXPECT_EQ(a.replied_at, b.replied_at);
  EXPECT_EQ(a.withdrawn_at, b.withdrawn_at);
  EXPECT_EQ(a.withdrawn_voluntarily, b.withdrawn_voluntarily);
  EXPECT_EQ(a.resolved_on_the_spot, b.resolved_on_the_spot);
  EXPECT_EQ(a.reopen_count, b.reopen_count);
}

std::int64_t sequence_of(const std::string& number) {
  auto parts = parse_ticket_number(number);
  EXPECT_TRUE(parts.ok()) << number;
  return parts.ok() ? parts->sequence : -1;
}

struct Counts {
  std::int64_t tickets = 0, events = 0, outbox = 0, counters = 0;
  bool operator==(const Counts&) const = default;
};

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "store-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    m_dir = pattern;
    m_db = m_dir + "/kiosk.db";
    reopen();
  }
  void TearDown() override {
    m_store.reset();
    fs::remove_all(m_dir);
  }

  void reopen() {
    m_store.reset();  // close first: the last connection's close checkpoints the WAL
    auto opened = SqliteTicketStore::open(m_db);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    m_store = std::move(opened).value();
  }

  Ticket insert(Ticket ticket, const std::string& local_date = "20261120") {
    auto stored = m_store->insert_new(request_for(std::move(ticket), local_date));
    EXPECT_TRUE(stored.ok()) << stored.error().message;
    return stored.ok() ? *stored : Ticket{};
  }

  Counts counts() {
    return {*m_store->count_rows("tickets"), *m_store->count_rows("events"), *m_store->count_rows("outbox"),
            *m_store->count_rows("counters")};
  }

  std::string m_dir;
  std::string m_db;
  std::unique_ptr<SqliteTicketStore> m_store;
};

// ---- round trip -------------------------------------------------------------------

TEST_F(SqliteStoreTest, RoundTripsEveryTicketField) {
  const Ticket original = every_field_ticket("token-a");
  const Ticket stored = insert(original);
  EXPECT_GT(stored.id, 0);
  EXPECT_EQ(stored.revision, 1);
  EXPECT_EQ(stored.number.substr(0, 21), "WH01-K1-20261120-0001");
  expect_same_fields(original, stored);

  reopen();
  auto found = m_store->find(stored.number);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, stored.id);
  EXPECT_EQ((*found)->number, stored.number);
  EXPECT_EQ((*found)->revision, 1);
  expect_same_fields(original, **found);
}

TEST_F(SqliteStoreTest, RoundTripsAbsentOptionalsAsAbsent) {
  const Ticket original = minimal_ticket("token-a");
  const Ticket stored = insert(original);
  auto found = m_store->find(stored.number);
  ASSERT_TRUE(found.ok() && found->has_value());
  expect_same_fields(original, **found);
  EXPECT_FALSE((*found)->deadlines.contact_by.has_value());
  EXPECT_FALSE((*found)->withdrawn_voluntarily.has_value());
  EXPECT_TRUE((*found)->major_reasons.empty());
}

TEST_F(SqliteStoreTest, FilingStoresFirstEventAndOutboxRowsForTicketAndEvent) {
  const Ticket stored = insert(minimal_ticket("token-a"));
  auto events = m_store->events(stored.number);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].ticket_number, stored.number);
  EXPECT_EQ((*events)[0].action, "file");
  EXPECT_EQ((*events)[0].data_json, R"({"channel":"kiosk"})");
  auto outbox = m_store->outbox(0);
  ASSERT_TRUE(outbox.ok());
  ASSERT_EQ(outbox->size(), 2u);
  EXPECT_EQ((*outbox)[0].kind, "ticket");
  EXPECT_EQ((*outbox)[0].event_id, 0);
  EXPECT_EQ((*outbox)[1].kind, "event");
  EXPECT_EQ((*outbox)[1].event_id, (*events)[0].id);
  EXPECT_EQ((*outbox)[1].ticket_number, stored.number);
  EXPECT_EQ(m_store->outbox(1)->size(), 1u);
}

// The staff screen's sync queue: a COUNT of the rows the desk has not acknowledged, which
// drops as the sync store marks rows sent on its own connection.
TEST_F(SqliteStoreTest, CountUnsentCountsTheRowsTheDeskHasNotAcknowledged) {
  EXPECT_EQ(m_store->count_unsent().value(), 0);
  insert(minimal_ticket("token-a"));
  insert(minimal_ticket("token-b"));
  EXPECT_EQ(m_store->count_unsent().value(), 4);  // a ticket row and an event row per filing
  auto sync = SqliteKioskSyncStore::open(m_db);
  ASSERT_TRUE(sync.ok()) << sync.error().message;
  const auto unsent = m_store->outbox(0).value();
  ASSERT_TRUE((*sync)->mark_sent({unsent[0].id, unsent[1].id, unsent[2].id}, Instant{}).ok());
  EXPECT_EQ(m_store->count_unsent().value(), 1);
  EXPECT_EQ((*sync)->count_unsent().value(), 1) << "both connections count alike";
  EXPECT_EQ(m_store->outbox(0)->size(), 1u);
}

TEST_F(SqliteStoreTest, FindOfUnknownNumberIsEmptyNotAnError) {
  auto found = m_store->find("WH01-K1-20261120-0099-X");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

// find() and events() reuse their prepared statements: each call must see the current
// rows, with nothing left over from the previous call (a half-read row, a stale binding).
TEST_F(SqliteStoreTest, RepeatedLookUpsSeeCurrentRowsAndNothingStale) {
  const Ticket a = insert(minimal_ticket("token-a"));
  const Ticket b = insert(minimal_ticket("token-b"));
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ((*m_store->find(a.number))->tracking_token, "token-a");
    EXPECT_FALSE(m_store->find("WH01-K1-20261120-0099-X")->has_value());
    EXPECT_EQ((*m_store->find(b.number))->tracking_token, "token-b");
    EXPECT_EQ(m_store->events(a.number)->size(), 1u);
    EXPECT_TRUE(m_store->events("WH01-K1-20261120-0099-X")->empty());
  }
  // A write between look-ups (the statements were reset, so no read lock blocks it).
  Ticket changed = *m_store->find(a.number).value();
  changed.status = Status::forwarded;
  TicketEvent forward;
  forward.ticket_number = a.number;
  forward.action = "forward";
  forward.from = Status::filed;
  forward.to = Status::forwarded;
  forward.data_json = "{}";
  ASSERT_TRUE(m_store->apply(changed, forward).ok());
  EXPECT_EQ((*m_store->find(a.number))->status, Status::forwarded);
  EXPECT_EQ(m_store->events(a.number)->size(), 2u);
  EXPECT_EQ((*m_store->find(b.number))->status, Status::filed);
}

// Lookups run on pooled reading connections (the desk's tracking page calls them from many
// threads): every ticket is visible to every reader the moment insert_new returns.
TEST_F(SqliteStoreTest, ReadersOnManyThreadsSeeEveryCommittedTicketAtOnce) {
  constexpr int kTickets = 60;
  constexpr int kReaders = 6;
  std::vector<std::string> numbers(kTickets);
  std::atomic<int> committed{0};
  std::atomic<int> misses{0};
  std::atomic<int> lookups{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&] {
      while (committed.load() < kTickets) {
        const int seen = committed.load();
        for (int i = 0; i < seen; ++i) {
          auto found = m_store->find(numbers[static_cast<std::size_t>(i)]);
          auto events = m_store->events(numbers[static_cast<std::size_t>(i)]);
          ++lookups;
          if (!found.ok() || !found->has_value() || !events.ok() || events->size() != 1) ++misses;
        }
      }
    });
  }
  for (int i = 0; i < kTickets; ++i) {
    numbers[static_cast<std::size_t>(i)] = insert(minimal_ticket("reader-" + std::to_string(i))).number;
    committed.store(i + 1);
  }
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(misses.load(), 0);
  EXPECT_GT(lookups.load(), 0);
}

// ---- numbering --------------------------------------------------------------------

TEST_F(SqliteStoreTest, NumbersAreGaplessPerKioskAndRestartEachDay) {
  for (int i = 1; i <= 5; ++i) {
    EXPECT_EQ(sequence_of(insert(minimal_ticket("d1-" + std::to_string(i))).number), i);
  }
  const Ticket next_day = insert(minimal_ticket("d2-1"), "20261121");
  EXPECT_EQ(next_day.number.substr(0, 21), "WH01-K1-20261121-0001");
  const Ticket other_kiosk = insert(minimal_ticket("k2-1", "K2"));
  EXPECT_EQ(other_kiosk.number.substr(0, 21), "WH01-K2-20261120-0001");
  EXPECT_EQ(sequence_of(insert(minimal_ticket("d1-6")).number), 6);
  reopen();  // the counter is durable, not process memory
  EXPECT_EQ(sequence_of(insert(minimal_ticket("d1-7")).number), 7);
  EXPECT_TRUE(parse_ticket_number(next_day.number).ok());
}

TEST_F(SqliteStoreTest, TwoConnectionsAndTwoThreadsInterleaveWithoutCollisions) {
  auto second = SqliteTicketStore::open(m_db);
  ASSERT_TRUE(second.ok());
  std::vector<std::string> numbers_a, numbers_b;
  auto file_many = [](SqliteTicketStore& store, const std::string& tag, std::vector<std::string>& out) {
    for (int i = 0; i < 40; ++i) {
      auto stored = store.insert_new(request_for(minimal_ticket(tag + std::to_string(i))));
      if (stored.ok()) out.push_back(stored->number);
    }
  };
  std::thread a([&] { file_many(*m_store, "a", numbers_a); });
  std::thread b([&] { file_many(**second, "b", numbers_b); });
  a.join();
  b.join();
  ASSERT_EQ(numbers_a.size(), 40u);
  ASSERT_EQ(numbers_b.size(), 40u);
  std::set<std::int64_t> sequences;
  for (const auto* numbers : {&numbers_a, &numbers_b}) {
    for (const std::string& number : *numbers) sequences.insert(sequence_of(number));
  }
  ASSERT_EQ(sequences.size(), 80u);
  EXPECT_EQ(*sequences.begin(), 1);
  EXPECT_EQ(*sequences.rbegin(), 80);
}

TEST_F(SqliteStoreTest, RejectsStationCodesThatCannotFormANumber) {
  Ticket ticket = minimal_ticket("token-a");
  ticket.kiosk_id = "k-1";
  auto stored = m_store->insert_new(request_for(ticket));
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.error().code, ErrorCode::invalid_input);
  EXPECT_FALSE(m_store->insert_new(request_for(minimal_ticket("token-b"), "2026-11-20")).ok());
  EXPECT_EQ(counts(), Counts{});
}

// ---- rollback and faults ----------------------------------------------------------

TEST_F(SqliteStoreTest, DuplicateTrackingTokenRollsBackEverythingAndLeavesNoGap) {
  insert(minimal_ticket("same-token"));
  const Counts before = counts();
  auto duplicate = m_store->insert_new(request_for(minimal_ticket("same-token")));
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
  EXPECT_EQ(duplicate.error().call, "sqlite3_step");
  EXPECT_EQ(duplicate.error().status, SQLITE_CONSTRAINT_UNIQUE);
  EXPECT_EQ(counts(), before);
  EXPECT_EQ(sequence_of(insert(minimal_ticket("fresh-token")).number), 2);
}

TEST_F(SqliteStoreTest, FailureAfterTicketAndEventRowsRollsBackEverything) {
  insert(minimal_ticket("token-1"));
  const Counts before = counts();
  // Fault injection: the outbox insert, the transaction's last write, fails.
  RawDb raw(m_db);
  ASSERT_EQ(
      raw.exec("CREATE TRIGGER inject BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END"),
      SQLITE_OK);
  auto failed = m_store->insert_new(request_for(minimal_ticket("token-2")));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::storage);
  EXPECT_NE(failed.error().message.find("disk full"), std::string::npos) << failed.error().message;
  EXPECT_EQ(counts(), before);
  EXPECT_EQ(raw.text("SELECT value FROM counters"), "1");
  ASSERT_EQ(raw.exec("DROP TRIGGER inject"), SQLITE_OK);
  EXPECT_EQ(sequence_of(insert(minimal_ticket("token-2")).number), 2);
}

TEST_F(SqliteStoreTest, InvalidEventDetailsRollBackTheTicketRow) {
  NewTicketRequest request = request_for(minimal_ticket("token-1"));
  request.first_event.data_json = "{not json";
  auto failed = m_store->insert_new(request);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::storage);
  EXPECT_EQ(counts(), Counts{});
  EXPECT_EQ(sequence_of(insert(minimal_ticket("token-1")).number), 1);
}

TEST_F(SqliteStoreTest, FailedApplyLeavesTicketRevisionAndOutboxUnchanged) {
  const Ticket stored = insert(minimal_ticket("token-1"));
  const Counts before = counts();
  RawDb raw(m_db);
  ASSERT_EQ(
      raw.exec("CREATE TRIGGER inject BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'io error'); END"),
      SQLITE_OK);
  Ticket updated = stored;
  updated.status = Status::forwarded;
  TicketEvent event{0,  "",  kFiled + 1h, "clerk", "clerk", "forward", Status::filed, Status::forwarded,
                    "", "{}"};
  ASSERT_FALSE(m_store->apply(updated, event).ok());
  EXPECT_EQ(counts(), before);
  auto found = m_store->find(stored.number);
  EXPECT_EQ((*found)->revision, 1);
  EXPECT_EQ((*found)->status, Status::filed);
}

// ---- events and revisions ---------------------------------------------------------

TEST_F(SqliteStoreTest, EventsCannotBeUpdatedOrDeleted) {
  const Ticket stored = insert(minimal_ticket("token-1"));
  RawDb raw(m_db);
  EXPECT_EQ(raw.exec("UPDATE events SET note = 'rewritten'"), SQLITE_CONSTRAINT);
  EXPECT_EQ(raw.exec("DELETE FROM events"), SQLITE_CONSTRAINT);
  auto events = m_store->events(stored.number);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].note, "");
}

TEST_F(SqliteStoreTest, ApplyBumpsRevisionAppendsEventAndRefusesStaleRevision) {
  const Ticket stored = insert(minimal_ticket("token-1"));
  Ticket forwarded = stored;
  forwarded.status = Status::forwarded;
  forwarded.department = "营业部";
  TicketEvent event{
      0, "", kFiled + 1h, "clerk", "clerk", "forward", Status::filed, Status::forwarded, "转营业部", "{}"};
  auto applied = m_store->apply(forwarded, event);
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(applied->revision, 2);
  EXPECT_EQ(applied->department, "营业部");
  const Counts after_first = counts();

  Ticket stale = stored;  // still revision 1
  stale.status = Status::withdrawn;
  auto conflict = m_store->apply(stale, event);
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().code, ErrorCode::conflict);
  EXPECT_EQ(counts(), after_first);
  auto found = m_store->find(stored.number);
  EXPECT_EQ((*found)->revision, 2);
  EXPECT_EQ((*found)->status, Status::forwarded);
  auto events = m_store->events(stored.number);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[1].action, "forward");
  EXPECT_EQ((*events)[1].ticket_number, stored.number);
  EXPECT_EQ((*events)[1].note, "转营业部");

  Ticket unknown = stored;
  unknown.number = "WH01-K1-20261120-0099-X";
  auto missing = m_store->apply(unknown, event);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_F(SqliteStoreTest, ApplyKeepsIdentityColumns) {
  const Ticket stored = insert(minimal_ticket("token-1"));
  Ticket changed = stored;
  changed.tracking_token = "someone-else";
  changed.kiosk_id = "K9";
  changed.handler = "赵六";
  TicketEvent event{0, "", kFiled, "clerk", "clerk", "note", Status::filed, Status::filed, "", ""};
  auto applied = m_store->apply(changed, event);
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(applied->tracking_token, "token-1");
  EXPECT_EQ(applied->kiosk_id, "K1");
  EXPECT_EQ(applied->handler, "赵六");
  EXPECT_EQ((*m_store->events(stored.number))[1].data_json, "{}");
}

// ---- schema and connection --------------------------------------------------------

TEST_F(SqliteStoreTest, ConnectionIsWalWithFullSyncForeignKeysAndBusyTimeout) {
  auto settings = m_store->connection_settings();
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->journal_mode, "wal");
  EXPECT_EQ(settings->synchronous, 2);
  EXPECT_TRUE(settings->foreign_keys);
  EXPECT_EQ(settings->busy_timeout_ms, 5000);
  RawDb raw(m_db);  // WAL is a property of the file, seen by every connection
  EXPECT_EQ(raw.text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(m_store->schema_version(), SqliteTicketStore::latest_schema_version());
  EXPECT_EQ(raw.text("PRAGMA user_version"), std::to_string(SqliteTicketStore::latest_schema_version()));
}

TEST_F(SqliteStoreTest, MigratesAnOlderSchemaForwardKeepingItsTickets) {
  m_store.reset();
  fs::remove(m_db);
  auto old = SqliteTicketStore::open(m_db, StoreOptions{1});
  ASSERT_TRUE(old.ok()) << old.error().message;
  EXPECT_EQ((*old)->schema_version(), 1);
  EXPECT_FALSE((*old)->count_rows("print_jobs").ok());  // version 1 has no print_jobs
  old->reset();
  // Today's code writes today's columns, so the version-1 database with a ticket in it is
  // made by taking a current one back: the later steps' tables and columns dropped.
  reopen();
  auto stored = m_store->insert_new(request_for(minimal_ticket("token-1")));
  ASSERT_TRUE(stored.ok());
  m_store.reset();
  {
    RawDb raw(m_db);
    ASSERT_EQ(raw.exec("DROP TABLE print_jobs"), 0);
    ASSERT_EQ(raw.exec("DROP INDEX tickets_investigation_open"), 0);
    ASSERT_EQ(raw.exec("DROP INDEX tickets_by_group; DROP INDEX tickets_group_candidates"), 0);
    ASSERT_EQ(raw.exec("DROP INDEX tickets_by_check_code"), 0);
    for (const char* column :
         {"substantiated", "responsible_department", "responsible_person", "legal_hold", "customer_email",
          "notify_customer", "extension_reason", "resolve_by_original", "extension_requested_until",
          "extension_requested_reason", "extension_requested_by", "referrer_deadline", "escalation",
          "investigation", "group_id", "topic", "check_code"}) {
      ASSERT_EQ(raw.exec(std::string("ALTER TABLE tickets DROP COLUMN ") + column), 0) << column;
    }
    ASSERT_EQ(raw.exec("PRAGMA user_version = 1"), 0);
  }

  reopen();
  EXPECT_EQ(m_store->schema_version(), SqliteTicketStore::latest_schema_version());
  ASSERT_TRUE(m_store->find(stored->number)->has_value());
  // Version 5's columns: no email, not opted in to customer notices.
  EXPECT_EQ((*m_store->find(stored->number))->customer_email, "");
  EXPECT_FALSE((*m_store->find(stored->number))->notify_customer);
  // Version 6's: never extended, nothing requested, no referrer's deadline.
  EXPECT_EQ((*m_store->find(stored->number))->extension_reason, "");
  EXPECT_FALSE((*m_store->find(stored->number))->resolve_by_original);
  EXPECT_FALSE((*m_store->find(stored->number))->extension_requested_until);
  EXPECT_FALSE((*m_store->find(stored->number))->referrer_deadline);
  EXPECT_TRUE(m_store->add_print_job(stored->number, "receipt", kFiled).ok());
  EXPECT_TRUE(m_store->integrity_check().ok());
}

// Version 7 (docs/DOMAIN.md §2): a withdrawal recorded as not voluntary before it has its
// investigation open, so it shows on the leaders' list; a voluntary one and others have none.
TEST_F(SqliteStoreTest, MigratesVersion6OpeningTheInvestigationOfInvoluntaryWithdrawals) {
  std::vector<std::string> numbers;
  for (const auto& [token, voluntary] :
       {std::pair{"token-1", false}, {"token-2", true}, {"token-3", false}}) {
    auto stored = m_store->insert_new(request_for(minimal_ticket(token)));
    ASSERT_TRUE(stored.ok()) << stored.error().message;
    numbers.push_back(stored->number);
    if (std::string(token) == "token-3") continue;  // still open
    Ticket withdrawn = *stored;
    withdrawn.status = Status::withdrawn;
    withdrawn.withdrawn_at = kFiled;
    withdrawn.withdrawn_voluntarily = voluntary;
    TicketEvent event{0,  "",  kFiled, "clerk", "clerk", "withdraw", Status::filed, Status::withdrawn,
                      "", "{}"};
    ASSERT_TRUE(m_store->apply(withdrawn, event).ok());
  }
  m_store.reset();
  {
    RawDb raw(m_db);
    ASSERT_EQ(raw.exec("DROP INDEX tickets_investigation_open"), 0);
    ASSERT_EQ(raw.exec("DROP INDEX tickets_by_group; DROP INDEX tickets_group_candidates"), 0);
    ASSERT_EQ(raw.exec("DROP INDEX tickets_by_check_code"), 0);
    for (const char* column : {"escalation", "investigation", "group_id", "topic", "check_code"}) {
      ASSERT_EQ(raw.exec(std::string("ALTER TABLE tickets DROP COLUMN ") + column), 0) << column;
    }
    ASSERT_EQ(raw.exec("PRAGMA user_version = 6"), 0);
  }
  reopen();
  EXPECT_EQ(m_store->schema_version(), SqliteTicketStore::latest_schema_version());
  EXPECT_EQ((*m_store->find(numbers[0]))->investigation, Investigation::open);
  EXPECT_EQ((*m_store->find(numbers[1]))->investigation, Investigation::none);
  EXPECT_EQ((*m_store->find(numbers[2]))->investigation, Investigation::none);
  EXPECT_EQ((*m_store->find(numbers[0]))->escalation, Escalation::none);
  TicketQuery open;
  open.investigation = Investigation::open;
  const auto listed = m_store->list(open);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().number, numbers[0]);
  EXPECT_TRUE(m_store->integrity_check().ok());
}

// Version 8 (docs/DOMAIN.md §2, group complaints): a file from version 7 keeps its tickets, in
// no group, and its group flags as they were; the link is stored and found by group.
TEST_F(SqliteStoreTest, MigratesVersion7ToGroupLinksKeepingTheFlags) {
  Ticket flagged = minimal_ticket("token-1");
  flagged.group = true;  // an old kiosk's own count
  auto stored = m_store->insert_new(request_for(flagged));
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  m_store.reset();
  {
    RawDb raw(m_db);
    ASSERT_EQ(raw.exec("DROP INDEX tickets_by_group; DROP INDEX tickets_group_candidates"), 0);
    ASSERT_EQ(raw.exec("DROP INDEX tickets_by_check_code"), 0);
    ASSERT_EQ(raw.exec("ALTER TABLE tickets DROP COLUMN group_id"), 0);
    ASSERT_EQ(raw.exec("ALTER TABLE tickets DROP COLUMN topic"), 0);
    ASSERT_EQ(raw.exec("ALTER TABLE tickets DROP COLUMN check_code"), 0);
    ASSERT_EQ(raw.exec("PRAGMA user_version = 7"), 0);
  }
  reopen();
  EXPECT_EQ(m_store->schema_version(), SqliteTicketStore::latest_schema_version());
  Ticket found = m_store->find(stored->number)->value();
  EXPECT_TRUE(found.group);
  EXPECT_EQ(found.group_id, "");
  found.group_id = found.number;
  TicketEvent event{0, "", kFiled, "desk", "system", "group", Status::filed, Status::filed, "", "{}"};
  ASSERT_TRUE(m_store->apply(found, event).ok());
  TicketQuery members;
  members.group_id = found.number;
  const auto listed = m_store->list(members);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().group_id, found.number);
  EXPECT_TRUE(m_store->integrity_check().ok());
}

// Version 9 (customer topics): a file from version 8 keeps its tickets, with no topic; a
// topic is stored and read back, and a reclassification at the desk keeps it.
TEST_F(SqliteStoreTest, MigratesVersion8ToCustomerTopics) {
  auto stored = m_store->insert_new(request_for(minimal_ticket("token-1")));
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  m_store.reset();
  {
    RawDb raw(m_db);
    ASSERT_EQ(raw.exec("DROP INDEX tickets_by_check_code"), 0);
    ASSERT_EQ(raw.exec("ALTER TABLE tickets DROP COLUMN check_code"), 0);
    ASSERT_EQ(raw.exec("ALTER TABLE tickets DROP COLUMN topic"), 0);
    ASSERT_EQ(raw.exec("PRAGMA user_version = 8"), 0);
  }
  reopen();
  EXPECT_EQ(m_store->schema_version(), 10);
  EXPECT_EQ(SqliteTicketStore::latest_schema_version(), 10);
  Ticket old = m_store->find(stored->number)->value();
  EXPECT_EQ(old.topic, "");

  Ticket with_topic = minimal_ticket("token-2");
  with_topic.topic = "card_retained";
  auto filed = m_store->insert_new(request_for(with_topic));
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  Ticket found = m_store->find(filed->number)->value();
  EXPECT_EQ(found.topic, "card_retained");
  const std::string category = found.category == "work_error" ? "service_channel" : "work_error";
  found.category = category;
  TicketEvent event{0, "", kFiled, "clerk", "clerk", "reclassify", Status::filed, Status::filed, "", "{}"};
  ASSERT_TRUE(m_store->apply(found, event).ok());
  const Ticket reclassified = m_store->find(filed->number)->value();
  EXPECT_EQ(reclassified.category, category);
  EXPECT_EQ(reclassified.topic, "card_retained") << "staff reclassify the category, not the customer's words";
  EXPECT_TRUE(m_store->integrity_check().ok());
}

// Version 10 (check codes, core/domain/check_code.h): a file from version 9 keeps its tickets,
// with no code (none could be derived safely); tickets filed after get one from their
// station's own counter, found by the code, and two sites' codes never clash in the index.
TEST_F(SqliteStoreTest, MigratesVersion9ToCheckCodes) {
  auto old = m_store->insert_new(request_for(minimal_ticket("token-1")));
  ASSERT_TRUE(old.ok()) << old.error().message;
  m_store.reset();
  {
    RawDb raw(m_db);
    ASSERT_EQ(raw.exec("DROP INDEX tickets_by_check_code"), 0);
    ASSERT_EQ(raw.exec("ALTER TABLE tickets DROP COLUMN check_code"), 0);
    ASSERT_EQ(raw.exec("PRAGMA user_version = 9"), 0);
  }
  reopen();
  EXPECT_EQ(m_store->schema_version(), 10);
  EXPECT_EQ(m_store->find(old->number)->value().check_code, "");

  NewTicketRequest coded = request_for(minimal_ticket("token-2"));
  coded.check_code_station = 3;
  auto first = m_store->insert_new(coded);
  ASSERT_TRUE(first.ok()) << first.error().message;
  coded.ticket.tracking_token = "token-3";
  auto second = m_store->insert_new(coded);
  ASSERT_TRUE(second.ok()) << second.error().message;
  // The first coded ticket of station 3's day, then the second, whatever the number's counter.
  EXPECT_EQ(first->check_code, make_check_code(first->site_code, 3, "20261120", 1));
  EXPECT_EQ(second->check_code, make_check_code(second->site_code, 3, "20261120", 2));
  EXPECT_EQ(m_store->find(first->number)->value().check_code, first->check_code);
  TicketQuery by_code;
  by_code.check_code = second->check_code;
  const auto found = m_store->list(by_code);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().number, second->number);
  by_code.check_code = "";
  EXPECT_TRUE(m_store->list(by_code)->empty());  // codeless tickets are found by no code
  EXPECT_TRUE(m_store->integrity_check().ok());
}

TEST_F(SqliteStoreTest, OpensAnEmptyFileAsANewDatabase) {
  m_store.reset();
  fs::remove(m_db);
  std::ofstream(m_db).close();
  reopen();
  EXPECT_EQ(m_store->schema_version(), SqliteTicketStore::latest_schema_version());
  EXPECT_EQ(*m_store->count_tickets(), 0);
}

TEST_F(SqliteStoreTest, RefusesADatabaseFromANewerProgram) {
  m_store.reset();
  const int future = SqliteTicketStore::latest_schema_version() + 1;
  RawDb(m_db).exec("PRAGMA user_version = " + std::to_string(future));
  auto opened = SqliteTicketStore::open(m_db);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::storage);
  EXPECT_NE(opened.error().message.find("refusing"), std::string::npos) << opened.error().message;
  EXPECT_EQ(RawDb(m_db).text("PRAGMA user_version"), std::to_string(future));
}

TEST_F(SqliteStoreTest, FailingMigrationStepLeavesTheOldVersionIntact) {
  m_store.reset();
  fs::remove(m_db);
  ASSERT_TRUE(SqliteTicketStore::open(m_db, StoreOptions{1}).ok());
  // Fault injection: a stray table makes step 2 (CREATE TABLE print_jobs) fail midway.
  RawDb(m_db).exec("CREATE TABLE print_jobs (x)");
  auto opened = SqliteTicketStore::open(m_db);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::storage);
  EXPECT_NE(opened.error().message.find("schema version 2"), std::string::npos) << opened.error().message;
  EXPECT_EQ(RawDb(m_db).text("PRAGMA user_version"), "1");
  EXPECT_EQ(RawDb(m_db).text("SELECT count(*) FROM sqlite_schema WHERE name = 'print_jobs_by_ticket'"), "0");
}

TEST_F(SqliteStoreTest, CountRowsAcceptsOnlyKnownTables) {
  EXPECT_TRUE(m_store->count_rows("print_jobs").ok());
  auto injected = m_store->count_rows("tickets; DROP TABLE tickets");
  ASSERT_FALSE(injected.ok());
  EXPECT_EQ(injected.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(m_store->count_rows("tickets").ok());
}

// ---- backup and corruption --------------------------------------------------------

TEST_F(SqliteStoreTest, BackupIsAnOpenableCopyWithTheSameTickets) {
  for (int i = 0; i < 3; ++i) insert(every_field_ticket("token-" + std::to_string(i)));
  const std::string copy = m_dir + "/backup.db";
  ASSERT_TRUE(m_store->backup_to(copy).ok());
  auto opened = SqliteTicketStore::open(copy);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_TRUE((*opened)->integrity_check().ok());
  auto originals = m_store->list({});
  auto copies = (*opened)->list({});
  ASSERT_EQ(copies->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*copies)[i].number, (*originals)[i].number);
    expect_same_fields((*originals)[i], (*copies)[i]);
  }
  auto again = m_store->backup_to(copy);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST_F(SqliteStoreTest, HealthyDatabasePassesIntegrityCheck) {
  insert(every_field_ticket("token-1"));
  EXPECT_TRUE(m_store->integrity_check().ok());
}

TEST_F(SqliteStoreTest, DetectsDeliberateCorruption) {
  for (int i = 0; i < 80; ++i) {
    Ticket ticket = every_field_ticket("token-" + std::to_string(i));
    ticket.content = std::string(900, 'x') + std::to_string(i);
    insert(ticket);
  }
  m_store.reset();
  ASSERT_FALSE(fs::exists(m_db + "-wal")) << "the WAL must be checkpointed into the file first";
  const auto size = fs::file_size(m_db);
  constexpr std::uintmax_t kPage = 4096;
  ASSERT_GT(size, 20 * kPage);
  {
    std::fstream file(m_db, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(size / 2 / kPage * kPage));
    const std::string garbage(3 * kPage, '\x5a');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto opened = SqliteTicketStore::open(m_db);
  if (opened.ok()) {
    auto checked = (*opened)->integrity_check();
    ASSERT_FALSE(checked.ok()) << "corruption went unnoticed";
    EXPECT_EQ(checked.error().code, ErrorCode::storage);
  } else {
    EXPECT_EQ(opened.error().code, ErrorCode::storage);
    EXPECT_FALSE(opened.error().call.empty());
  }
}

// ---- queries ----------------------------------------------------------------------

TEST_F(SqliteStoreTest, ListFiltersByStatusCategoryFilingRangeAndLimitInFilingOrder) {
  for (int i = 0; i < 4; ++i) {
    Ticket ticket = minimal_ticket("token-" + std::to_string(i));
    ticket.filed_at = kFiled + std::chrono::hours(3 - i);  // inserted newest first
    ticket.category = i % 2 == 0 ? "service_quality" : "work_error";
    insert(ticket);
  }
  auto all = m_store->list({});
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].filed_at, kFiled);
  EXPECT_EQ((*all)[3].filed_at, kFiled + 3h);

  TicketQuery query;
  query.category = "work_error";
  EXPECT_EQ(m_store->list(query)->size(), 2u);
  query = {};
  query.filed_from = kFiled + 1h;
  query.filed_to = kFiled + 3h;
  EXPECT_EQ(m_store->list(query)->size(), 2u);
  query = {};
  query.limit = 3;
  EXPECT_EQ(m_store->list(query)->size(), 3u);
  query = {};
  query.status = Status::archived;
  EXPECT_TRUE(m_store->list(query)->empty());
  query = {};
  query.month = "2026-11";
  EXPECT_EQ(m_store->list(query).error().code, ErrorCode::invalid_input);
}

TEST_F(SqliteStoreTest, OverdueCountsOnlyDeadlinesStillPending) {
  auto with = [&](const std::string& token, Status status, auto adjust) {
    Ticket ticket = minimal_ticket(token);
    ticket.status = status;
    adjust(ticket);
    return insert(ticket).number;
  };
  const Instant at = kFiled + 10h;
  const auto late_forward = with("a", Status::filed, [](Ticket& t) { t.deadlines.forward_by = kFiled + 1h; });
  with("b", Status::forwarded, [](Ticket& t) { t.deadlines.forward_by = kFiled + 1h; });  // forwarded: met
  const auto late_contact =
      with("c", Status::forwarded, [](Ticket& t) { t.deadlines.contact_by = kFiled + 2h; });
  with("d", Status::forwarded, [](Ticket& t) {
    t.deadlines.contact_by = kFiled + 2h;
    t.first_contact_at = kFiled + 1h;
  });
  const auto late_resolve =
      with("e", Status::in_progress, [](Ticket& t) { t.deadlines.resolve_by = kFiled; });
  const auto late_answer = with("f", Status::filed, [](Ticket& t) { t.deadlines.answer_by = kFiled + 9h; });
  with("g", Status::replied, [](Ticket& t) { t.deadlines.resolve_by = kFiled; });  // replied: met
  const auto late_callback = with("h", Status::replied, [](Ticket& t) { t.deadlines.callback_by = kFiled; });
  with("i", Status::withdrawn, [](Ticket& t) { t.deadlines.forward_by = kFiled; });
  with("j", Status::filed, [](Ticket& t) { t.deadlines.forward_by = kFiled + 11h; });  // not yet due
  TicketQuery query;
  query.overdue_at = at;
  auto overdue = m_store->list(query);
  ASSERT_TRUE(overdue.ok()) << overdue.error().message;
  std::set<std::string> numbers;
  for (const Ticket& t : *overdue) numbers.insert(t.number);
  EXPECT_EQ(numbers,
            (std::set<std::string>{late_forward, late_contact, late_resolve, late_answer, late_callback}));
}

TEST_F(SqliteStoreTest, TheRepeatLookupFindsTheLatestTicketOfAPhoneInACategory) {
  Ticket first = every_field_ticket("token-1");
  first.status = Status::filed;
  const Ticket earlier = insert(first);
  Ticket second = first;
  second.tracking_token = "token-2";
  second.filed_at = kFiled + 1h;
  const Ticket later = insert(second);
  Ticket closed = first;
  closed.tracking_token = "token-3";
  closed.status = Status::archived;
  insert(closed);

  auto latest = m_store->latest_by_phone_category("13800138000", "rule_violation", kFiled - 24h);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(*latest, later.number);
  EXPECT_FALSE(m_store->latest_by_phone_category("13800138000", "rule_violation", kFiled + 2h)->has_value());
  EXPECT_FALSE(m_store->latest_by_phone_category("13900000000", "rule_violation", kFiled - 24h)->has_value());
  EXPECT_EQ(*m_store->count_tickets(), 3);
  EXPECT_NE(earlier.number, later.number);
}

// ---- print jobs -------------------------------------------------------------------

TEST_F(SqliteStoreTest, PrintJobsAreRecordedAndUpdated) {
  const Ticket stored = insert(minimal_ticket("token-1"));
  auto id = m_store->add_print_job(stored.number, "receipt-1", kFiled);
  ASSERT_TRUE(id.ok()) << id.error().message;
  ASSERT_TRUE(m_store->update_print_job(*id, "completed", "", kFiled + 5s).ok());
  auto jobs = m_store->print_jobs(stored.number);
  ASSERT_EQ(jobs->size(), 1u);
  EXPECT_EQ((*jobs)[0].state, "completed");
  EXPECT_EQ((*jobs)[0].printer, "receipt-1");
  EXPECT_EQ((*jobs)[0].created_at, kFiled);
  EXPECT_EQ((*jobs)[0].updated_at, kFiled + 5s);

  EXPECT_EQ(m_store->update_print_job(*id, "printed?", "", kFiled).error().code, ErrorCode::invalid_input);
  EXPECT_EQ(m_store->update_print_job(*id + 100, "failed", "", kFiled).error().code, ErrorCode::not_found);
  EXPECT_EQ(m_store->add_print_job("WH01-K1-20261120-0099-X", "p", kFiled).error().code,
            ErrorCode::not_found);
}

}  // namespace
}  // namespace complaint
