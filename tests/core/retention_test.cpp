// Retention's core (docs/DOMAIN.md §11): the policy's years and expiry instants, the
// [retention] section, the one anonymisation rule, and the kiosk's run on a real kiosk file
// whose raw rows are read back with sqlite3.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/retention/retention_notice.h"
#include "core/retention/retention_run.h"
#include "core/services/filing_service.h"
#include "core/store/fake_ticket_repository.h"
#include "core/store/sqlite_kiosk_sync_store.h"
#include "core/store/sqlite_store.h"
#include "tests/core/good_draft.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

Instant utc(int y, unsigned m, unsigned d, int hour = 0) {
  return Instant{std::chrono::sys_days{std::chrono::year{y} / m / d}} + std::chrono::hours{hour};
}

std::string hash(std::string_view phone) {
  return "h(" + std::string(phone) + ")";
}

TEST(RetentionPolicy, TheLongestRuleThatAppliesWins) {
  const RetentionPolicy policy;
  Ticket ticket;
  ticket.kind = "complaint";
  EXPECT_EQ(policy.years_for(ticket), 1);
  ticket.major = true;
  EXPECT_EQ(policy.years_for(ticket), 3);
  ticket.major = false;
  ticket.kind = "report";
  EXPECT_EQ(policy.years_for(ticket), 3);
}

TEST(RetentionPolicy, ExpiresWholeCalendarYearsLaterAndNeverShort) {
  const RetentionPolicy policy;
  Ticket ticket;
  EXPECT_EQ(policy.expires_at(ticket, utc(2026, 11, 20, 9)), utc(2027, 11, 20, 9));
  // 29 February 2028 + 1 year: 1 March 2029, not 28 February.
  EXPECT_EQ(policy.expires_at(ticket, utc(2028, 2, 29, 9)), utc(2029, 3, 1, 9));
  // 365 days from 1 March 2027 would be 29 February 2028: a day short of a year.
  EXPECT_EQ(policy.expires_at(ticket, utc(2027, 3, 1)), utc(2028, 3, 1));
}

TEST(RetentionPolicy, ReadFromTheRetentionSection) {
  auto config = Config::parse(R"(
[retention]
years = 2
major_years = 5
kind_years = ["report=10", "inquiry=1"]
kiosk_keep_days = 3
)");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->retention.years, 2);
  EXPECT_EQ(config->retention.major_years, 5);
  EXPECT_EQ(config->retention.kind_years, (std::map<std::string, int>{{"report", 10}, {"inquiry", 1}}));
  EXPECT_EQ(config->retention.kiosk_keep_days, 3);
  EXPECT_TRUE(config->warnings.empty());
  for (const char* bad : {"kind_years = [\"report\"]", "kind_years = [\"report=0\"]", "kind_years = [\"=3\"]",
                          "years = 0", "kiosk_keep_days = 0"}) {
    auto refused = Config::parse(std::string("[retention]\n") + bad + "\n");
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().code, ErrorCode::config) << bad;
  }
}

Ticket personal_ticket() {
  Ticket ticket;
  ticket.number = "WH01-K1-20261120-0001-X";
  ticket.kind = "complaint";
  ticket.category = "service_attitude";
  ticket.content = "排队四十分钟";
  ticket.desired_outcome = "道歉";
  ticket.customer_name = "张三";
  ticket.phone = "13800138000";
  ticket.address = "幸福路8号";
  ticket.staff_involved = "柜员小王";
  ticket.department = "营业部";
  ticket.verification = "属实";
  ticket.handling_opinion = "批评";
  ticket.handling_result = "致歉";
  ticket.callback_note = "满意";
  ticket.satisfaction = Satisfaction::satisfied;
  ticket.handler = "李四";
  ticket.status = Status::archived;
  return ticket;
}

TEST(Anonymise, ReplacesEveryPersonalFieldAndKeepsTheRest) {
  const Ticket original = personal_ticket();
  Ticket ticket = original;
  anonymise_ticket(ticket, hash);
  EXPECT_TRUE(is_anonymised(ticket));
  for (const std::string* text : {&ticket.content, &ticket.desired_outcome, &ticket.customer_name,
                                  &ticket.address, &ticket.staff_involved, &ticket.verification,
                                  &ticket.handling_opinion, &ticket.handling_result, &ticket.callback_note}) {
    EXPECT_EQ(*text, k_tombstone);
  }
  EXPECT_EQ(ticket.phone, "hash:h(13800138000)");
  // What the statistics read stays.
  Ticket expected = ticket;
  for (std::string Ticket::*member :
       {&Ticket::content, &Ticket::desired_outcome, &Ticket::customer_name, &Ticket::address,
        &Ticket::staff_involved, &Ticket::verification, &Ticket::handling_opinion, &Ticket::handling_result,
        &Ticket::callback_note, &Ticket::phone}) {
    expected.*member = original.*member;
  }
  EXPECT_EQ(expected, original);
  // Twice is once; an anonymous ticket's empty name and phone stay empty.
  Ticket again = ticket;
  anonymise_ticket(again, hash);
  EXPECT_EQ(again, ticket);
  Ticket anonymous = original;
  anonymous.customer_name.clear();
  anonymous.phone.clear();
  anonymise_ticket(anonymous, hash);
  EXPECT_EQ(anonymous.customer_name, "");
  EXPECT_EQ(anonymous.phone, "");
}

TEST(Anonymise, EventsLoseNotesAndPersonalDataKeysOnly) {
  TicketEvent event;
  event.action = "reopen";
  event.note = "客户又来电";
  event.data_json =
      R"({"previous_callback_note":"满意","previous_satisfaction":"satisfied","reopen_count":1,)"
      R"("verification":"属实","department":"营业部","handling_result":""})";
  EXPECT_TRUE(anonymise_event(event));
  EXPECT_EQ(event.note, k_tombstone);
  const auto data = nlohmann::json::parse(event.data_json);
  EXPECT_EQ(data["previous_callback_note"], std::string(k_tombstone));
  EXPECT_EQ(data["verification"], std::string(k_tombstone));
  EXPECT_EQ(data["handling_result"], "");
  EXPECT_EQ(data["previous_satisfaction"], "satisfied");
  EXPECT_EQ(data["department"], "营业部");
  EXPECT_EQ(data["reopen_count"], 1);
  TicketEvent again = event;
  EXPECT_FALSE(anonymise_event(again));
  EXPECT_EQ(again.data_json, event.data_json);
}

// A reply's transfer form (workflow.h): what the department found and did about its people is
// case text; the handler's phone and the reported satisfaction stay (staff's, and the reports').
TEST(Anonymise, AReplysTransferFormTextsAreBlanked) {
  TicketEvent event;
  event.action = "reply";
  event.data_json =
      R"({"handling_result":"已道歉","cause_findings":"柜员张某未解释","accountability":"通报批评张某",)"
      R"("corrective_measures":"培训","customer_answer":"张先生，已致歉","reported_satisfaction":"satisfied",)"
      R"("handler_phone":"8021"})";
  EXPECT_TRUE(anonymise_event(event));
  const auto data = nlohmann::json::parse(event.data_json);
  for (const char* key :
       {"handling_result", "cause_findings", "accountability", "corrective_measures", "customer_answer"})
    EXPECT_EQ(data[key], std::string(k_tombstone)) << key;
  EXPECT_EQ(data["reported_satisfaction"], "satisfied");
  EXPECT_EQ(data["handler_phone"], "8021");
}

// The consent screen's promise is generated from the policy, in both languages.
TEST(RetentionNotice, SaysWhatTheConfigurationDoes) {
  const std::string shipped = std::string(COMPLAINT_SOURCE_ASSETS) + "/i18n";
  const Catalog zh = Catalog::load(shipped, "zh-CN").value();
  const Catalog en = Catalog::load(shipped, "en").value();
  const Taxonomy taxonomy = Taxonomy::defaults();
  RetentionPolicy policy;
  const std::string zh_default = retention_notice(zh, policy, taxonomy);
  EXPECT_EQ(zh_default.rfind("办结（归档或撤诉）后保存1年；重大投诉保存3年；举报保存3年。期满后", 0), 0u)
      << zh_default;
  EXPECT_NE(zh_default.find("保留7天"), std::string::npos) << zh_default;
  const std::string en_default = retention_notice(en, policy, taxonomy);
  EXPECT_EQ(en_default.rfind("1 year after your matter is closed (archived or withdrawn); 3 years for major "
                             "complaints; 3 years for ",
                             0),
            0u)
      << en_default;
  EXPECT_NE(en_default.find("only 7 days after"), std::string::npos) << en_default;

  policy.years = 2;
  policy.major_years = 2;  // no longer than the default: not listed
  policy.kind_years = {{"report", 5}, {"inquiry", 1}};
  policy.kiosk_keep_days = 1;
  const std::string zh_custom = retention_notice(zh, policy, taxonomy);
  EXPECT_EQ(zh_custom.rfind("办结（归档或撤诉）后保存2年；举报保存5年。期满后", 0), 0u) << zh_custom;
  EXPECT_NE(zh_custom.find("保留1天"), std::string::npos) << zh_custom;
  EXPECT_EQ(zh_custom.find("重大"), std::string::npos);
  EXPECT_NE(retention_notice(en, policy, taxonomy).find("only 1 day after"), std::string::npos);
}

// The kiosk's run on its own SQLite file.
class KioskRetention : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "retention-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    m_dir = pattern;
    m_store = SqliteTicketStore::open(m_dir + "/kiosk.db").value();
    m_sync = SqliteKioskSyncStore::open(m_dir + "/kiosk.db").value();
  }
  void TearDown() override {
    m_service.reset();
    m_sync.reset();
    m_store.reset();
    fs::remove_all(m_dir);
  }
  Ticket file() {
    if (!m_service) m_service = std::make_unique<FilingService>(config, taxonomy, calendar, *m_store, clock);
    TicketDraft draft = good_draft();
    draft.address = "幸福路8号";
    draft.desired_outcome = "要求道歉";
    auto filed = m_service->file(draft, {});
    EXPECT_TRUE(filed.ok()) << filed.error().message;
    return *filed;
  }
  // The desk acknowledged every outbox row of `number`.
  void acknowledge(const std::string& number) {
    std::vector<std::int64_t> ids;
    const std::vector<OutboxEntry> unsent = m_store->outbox(0).value();
    for (const OutboxEntry& entry : unsent) {
      if (entry.ticket_number == number) ids.push_back(entry.id);
    }
    ASSERT_TRUE(m_sync->mark_sent(ids, clock.now()).ok());
  }
  std::string raw(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_stmt* statement = nullptr;
    std::string out;
    EXPECT_EQ(sqlite3_open_v2((m_dir + "/kiosk.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    while (statement != nullptr && sqlite3_step(statement) == SQLITE_ROW) {
      for (int column = 0; column < sqlite3_column_count(statement); ++column) {
        const unsigned char* text = sqlite3_column_text(statement, column);
        out += (column ? "|" : "") + std::string(text ? reinterpret_cast<const char*>(text) : "");
      }
      out += "\n";
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return out;
  }

  Config config = Config::defaults();
  Taxonomy taxonomy = Taxonomy::defaults();
  WorkCalendar calendar = WorkCalendar::create(config.calendar).value();
  FixedClock clock{utc(2026, 11, 20, 2)};
  std::string m_dir;
  std::unique_ptr<SqliteTicketStore> m_store;
  std::unique_ptr<SqliteKioskSyncStore> m_sync;
  std::unique_ptr<FilingService> m_service;
};

TEST_F(KioskRetention, AnAcknowledgedTicketIsAnonymisedOnceTheReprintWindowPassed) {
  const Ticket synced = file();
  const Ticket waiting = file();  // the desk never acknowledged it
  acknowledge(synced.number);
  const RetentionPolicy policy;
  const Instant filed = clock.now();

  // Within the window: kept for reprints.
  EXPECT_TRUE(run_kiosk_retention(*m_store, policy, filed + 6 * 24h, hash).value().due.empty());
  const RetentionReport done = run_kiosk_retention(*m_store, policy, filed + 7 * 24h + 1h, hash).value();
  EXPECT_EQ(done.due, std::vector<std::string>{synced.number});
  EXPECT_EQ(done.not_due, 1);

  EXPECT_EQ(
      raw("SELECT customer_name, phone, address, content, desired_outcome FROM tickets WHERE number = '" +
          synced.number + "'"),
      "[anonymised]|hash:h(13800138000)|[anonymised]|[anonymised]|[anonymised]\n");
  EXPECT_EQ(raw("SELECT kind, channel, category, status FROM tickets WHERE number = '" + synced.number + "'"),
            "complaint|kiosk|service_attitude|filed\n");
  EXPECT_EQ(raw("SELECT customer_name FROM tickets WHERE number = '" + waiting.number + "'"), "张三\n");
  // The purge is in the local trail, and no new outbox row tells the desk about it.
  EXPECT_EQ(raw("SELECT action FROM events WHERE ticket_number = '" + synced.number + "' ORDER BY id"),
            "file\nanonymise\n");
  EXPECT_EQ(m_store->count_unsent().value(), 2);  // the waiting ticket's two rows only

  // Idempotent.
  const std::string before = raw("SELECT * FROM tickets") + raw("SELECT * FROM events");
  EXPECT_TRUE(run_kiosk_retention(*m_store, policy, filed + 30 * 24h, hash).value().due.empty());
  EXPECT_EQ(raw("SELECT * FROM tickets") + raw("SELECT * FROM events"), before);
}

// Files `count` tickets archived at `closed`, each with a personal note on its closing event.
void file_archived(FakeTicketRepository& repository, int count, Instant closed) {
  for (int i = 0; i < count; ++i) {
    NewTicketRequest request;
    request.ticket = personal_ticket();
    request.ticket.site_code = "WH01";
    request.ticket.kiosk_id = "K1";
    request.ticket.tracking_token = "TOKEN" + std::to_string(i);
    request.first_event.at = closed;
    request.first_event.action = "archive";
    request.first_event.actor = "主管";
    request.first_event.note = "归档备注";
    request.first_event.from = Status::called_back;
    request.first_event.to = Status::archived;
    request.local_date = "20261120";
    ASSERT_TRUE(repository.insert_new(request).ok());
  }
}

// The fault sibling: the store fails in the middle of a desk run. The run stops with the
// error; the page that failed is untouched (its tickets, event rewrites and purge events are
// one transaction), the pages before it are complete, and the next run finishes.
TEST(DeskRetentionFaults, AStoreFailureStopsTheRunAndTheNextRunFinishes) {
  FakeTicketRepository repository;
  const Instant closed = utc(2026, 11, 20, 2);
  file_archived(repository, 501, closed);  // two pages: 500 and 1
  const Error disk_full = Error::make(ErrorCode::storage, "disk full", "sqlite3_step", 13);
  repository.fail(RepositoryOperation::anonymise_batch, 1, FailureMode::once, disk_full);
  const RetentionPolicy policy;
  const Instant later = closed + 400 * 24h;
  auto failed = run_desk_retention(repository, policy, later, hash, RetentionMode::apply);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "disk full");
  const auto tickets = repository.tickets();
  EXPECT_TRUE(is_anonymised(tickets[499]));
  EXPECT_FALSE(is_anonymised(tickets[500]));
  EXPECT_EQ(tickets[500].customer_name, "张三");
  EXPECT_EQ(repository.all_events()[500].note, "归档备注");

  auto finished = run_desk_retention(repository, policy, later, hash, RetentionMode::apply);
  ASSERT_TRUE(finished.ok()) << finished.error().message;
  EXPECT_EQ(finished->due, std::vector<std::string>{tickets[500].number});
  EXPECT_EQ(finished->examined, 1);  // the anonymised 500 are not read again
  for (const Ticket& ticket : repository.tickets()) EXPECT_TRUE(is_anonymised(ticket));
  for (const TicketEvent& event : repository.all_events()) {
    EXPECT_TRUE(event.note.empty() || event.note == k_tombstone) << event.note;
  }
  EXPECT_EQ(repository.all_outbox().size(), 2u * 501);  // filing's two rows each; the purge adds none
}

// The index merge (TicketRepository::purge_replaced_text) ends every desk run that may
// write: once, not per page (it rewrites the whole index), and never on a dry run. A run with
// nothing due merges too, so a merge that failed (the run said so) is done by the next run.
TEST(DeskRetentionFaults, EveryApplyingRunEndsWithOneIndexMergeAndAFailedOneIsRedone) {
  FakeTicketRepository repository;
  const Instant closed = utc(2026, 11, 20, 2);
  file_archived(repository, 501, closed);  // two pages
  const RetentionPolicy policy;
  const Instant later = closed + 400 * 24h;
  ASSERT_TRUE(run_desk_retention(repository, policy, later, hash, RetentionMode::dry_run).ok());
  EXPECT_EQ(repository.calls(RepositoryOperation::purge_replaced_text), 0);

  const Error locked = Error::make(ErrorCode::storage, "database is locked", "sqlite3_step", 5);
  repository.fail(RepositoryOperation::purge_replaced_text, 0, FailureMode::once, locked);
  auto failed = run_desk_retention(repository, policy, later, hash, RetentionMode::apply);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "database is locked");
  for (const Ticket& ticket : repository.tickets()) EXPECT_TRUE(is_anonymised(ticket));
  EXPECT_EQ(repository.calls(RepositoryOperation::purge_replaced_text), 1);

  auto next = run_desk_retention(repository, policy, later, hash, RetentionMode::apply);
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_TRUE(next->due.empty());
  EXPECT_EQ(repository.calls(RepositoryOperation::purge_replaced_text), 2);
}

// A ticket staff changed between the run's read and its write (a stale revision) is left for
// the next run and counted, while the rest of its page is stored.
TEST(DeskRetentionFaults, ATicketChangedMeanwhileIsSkippedAndTheRestOfItsPageStored) {
  FakeTicketRepository repository;
  const Instant closed = utc(2026, 11, 20, 2);
  file_archived(repository, 3, closed);
  Ticket changed = repository.tickets()[1];
  std::vector<Anonymisation> batch;
  for (const Ticket& ticket : repository.tickets()) {
    Ticket copy = ticket;
    anonymise_ticket(copy, hash);
    batch.push_back(Anonymisation{copy, {}, anonymisation_event(copy, closed, "retention", "{}")});
  }
  changed.handling_result = "补充说明";
  TicketEvent note{0,      changed.number,   closed,           "主管", "supervisor",
                   "note", Status::archived, Status::archived, "",     "{}"};
  ASSERT_TRUE(repository.apply(changed, note).ok());
  const auto stored = repository.anonymise_batch(batch);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(*stored, (std::vector<bool>{true, false, true}));
  EXPECT_FALSE(is_anonymised(repository.tickets()[1]));
  EXPECT_EQ(repository.tickets()[1].handling_result, "补充说明");
}

}  // namespace
}  // namespace complaint
