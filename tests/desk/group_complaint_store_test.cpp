// Group complaints detected at the desk (docs/DOMAIN.md §2, core/escalation/group_complaints.h)
// on SQLite and PostgreSQL: kiosks' batches and a filing at the desk count together by
// distinct customer; every member is flagged and linked with one "group" event in the batch's
// transaction; a re-sync changes nothing; a later filing joins; the leaders' notice is raised
// once; the feed carries the link back to each kiosk; the queue filters group tickets.
#include <nlohmann/json.hpp>

#include "core/escalation/group_complaints.h"
#include "desk_store_fixture.h"

namespace complaint::testing {
namespace {

using namespace std::chrono_literals;

class GroupComplaintStoreTest : public DeskStoreFixture {
 protected:
  void SetUp() override {
    DeskStoreFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    k7 = std::make_unique<KioskSide>(dir.file("k7.db"), clock, "K7");
    k8 = std::make_unique<KioskSide>(dir.file("k8.db"), clock, "K8");
  }

  // Customer `n` (phone 1390000nnnn) complains about the service quality at `kiosk`.
  static Ticket file_at(KioskSide& kiosk, int n) {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "kiosk";
    draft.category = "service_quality";
    draft.content = "窗口只开一个，排队两小时";
    draft.customer_name = "客户" + std::to_string(n);
    draft.phone = "1390000" + std::to_string(1000 + n);
    return must(kiosk.filing->file(draft, FilingContext{}));
  }

  Ticket file_at_desk(int n, const std::string& channel = "phone") {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = channel;
    draft.category = "service_quality";
    draft.content = "电话反映：窗口只开一个";
    draft.customer_name = "客户" + std::to_string(n);
    draft.phone = "1390000" + std::to_string(1000 + n);
    return must(staff->file(draft, FilingContext{"受理员", Role::intake_clerk}));
  }

  StoredBatch sync(KioskSide& kiosk) { return must(desk->store_synced(kiosk.pending_batch(), clock.now())); }

  Ticket stored(const std::string& number) { return must(tickets->find(number)).value(); }

  int group_events(const std::string& number) {
    int count = 0;
    for (const TicketEvent& event : must(tickets->events(number))) count += event.action == k_group_action;
    return count;
  }

  std::unique_ptr<KioskSide> k7;
  std::unique_ptr<KioskSide> k8;
};

TEST_P(GroupComplaintStoreTest, TwoKiosksAndTheDeskMakeOneGroupOfElevenCustomers) {
  std::vector<Ticket> filed;
  for (int n = 1; n <= 5; ++n) filed.push_back(file_at(*k7, n));
  filed.push_back(file_at(*k7, 3));  // customer 3 again: one customer still
  for (int n = 6; n <= 9; ++n) filed.push_back(file_at(*k8, n));
  clock.advance(1min);
  filed.push_back(file_at_desk(10));  // by phone, at the desk
  sync(*k7);
  sync(*k8);
  for (const Ticket& t : filed) {
    EXPECT_FALSE(stored(t.number).group) << "10 customers are no group";
    EXPECT_EQ(group_events(t.number), 0);
  }
  const std::int64_t events_before = rows("events");

  clock.advance(1min);
  filed.push_back(file_at(*k8, 11));
  const StoredBatch batch = sync(*k8);  // K8's earlier items again (held) and the eleventh
  EXPECT_EQ(batch.tickets_added, 1);
  const std::string group = filed.front().number;  // the earliest filed (ties: the smallest number)
  for (const Ticket& t : filed) {
    const Ticket now = stored(t.number);
    EXPECT_TRUE(now.group) << t.number;
    EXPECT_EQ(now.group_id, group) << t.number;
    EXPECT_EQ(group_events(t.number), 1) << t.number;
  }
  EXPECT_EQ(rows("events"), events_before + 1 + 12) << "the eleventh's file event and 12 group events";
  const std::vector<TicketEvent> trail = must(tickets->events(filed.back().number));
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[0].action, "file");
  EXPECT_EQ(trail[1].action, k_group_action);
  EXPECT_EQ(trail[1].role, "system");
  const auto data = nlohmann::json::parse(trail[1].data_json);
  EXPECT_EQ(data["group"], group);
  EXPECT_EQ(data["customers"], 11);
  EXPECT_EQ(data["formed"], true);
  const std::vector<Notice> told = must(notices->ticket_notices(group));
  ASSERT_EQ(std::count_if(told.begin(), told.end(), [](const Notice& n) { return n.reason == "group"; }), 1);

  // Idempotent: the same batch again, and a restart, change nothing.
  const std::int64_t events_after = rows("events");
  const std::int64_t notices_after = rows("notices");
  sync(*k8);
  sync(*k7);
  reopen();
  sync(*k8);
  EXPECT_EQ(rows("events"), events_after);
  EXPECT_EQ(rows("notices"), notices_after);

  // The link travels back to each kiosk in the feed, with the event.
  const ChangeFeed feed = must(desk->changes_for_kiosk("K7", 0, 500));
  ASSERT_EQ(feed.updates.size(), 6u);
  for (const StatusUpdate& update : feed.updates) {
    EXPECT_EQ(update.ticket.group_id, group);
    EXPECT_TRUE(update.ticket.group);
    ASSERT_EQ(update.events.size(), 1u);
    EXPECT_EQ(update.events[0].event.action, k_group_action);
  }

  // The queue's filter and the group's member list.
  DeskQueueQuery only_group;
  only_group.group = true;
  only_group.now = clock.now();
  EXPECT_EQ(must(desk->queue(only_group)).total, 12);
  only_group.group = false;
  EXPECT_EQ(must(desk->queue(only_group)).total, 0);
  TicketQuery members;
  members.group_id = group;
  EXPECT_EQ(must(tickets->list(members)).size(), 12u);
}

TEST_P(GroupComplaintStoreTest, ALaterFilingAtTheDeskJoinsTheGroupAndAnotherCategoryDoesNot) {
  for (int n = 1; n <= 11; ++n) file_at(*k7, n);
  sync(*k7);
  const std::string group = must(tickets->list(TicketQuery{})).front().group_id;
  ASSERT_FALSE(group.empty());

  clock.advance(1h);
  const Ticket joined = file_at_desk(12, "letter");
  EXPECT_TRUE(joined.group) << "the returned ticket is the linked one";
  EXPECT_EQ(joined.group_id, group);
  EXPECT_EQ(group_events(joined.number), 1);
  EXPECT_EQ(rows("notices"), 1) << "joining raises no second notice";

  TicketDraft other;
  other.kind = "complaint";
  other.channel = "walk_in";
  other.category = "service_attitude";
  other.content = "柜员态度差";
  other.customer_name = "客户13";
  other.phone = "13900001013";
  const Ticket apart = must(staff->file(other, FilingContext{"受理员", Role::intake_clerk}));
  EXPECT_FALSE(apart.group);
  EXPECT_TRUE(apart.group_id.empty());
}

TEST_P(GroupComplaintStoreTest, TicketsOutsideTheWindowOrClosedDoNotCount) {
  for (int n = 1; n <= 10; ++n) file_at(*k7, n);
  sync(*k7);
  // Eight days later the ten are out of the 7-day window: the eleventh customer is alone.
  clock.advance(std::chrono::days(8));
  const Ticket late = file_at_desk(11);
  EXPECT_FALSE(late.group);
  EXPECT_EQ(rows("notices"), 0);
}

TEST_P(GroupComplaintStoreTest, AKiosksOwnGroupFlagIsNotTheDesks) {
  const Ticket flagged = file_at(*k7, 1);
  // A kiosk from before flagged its own file's count; the desk decides for itself.
  SyncBatch batch = k7->pending_batch();
  ASSERT_EQ(batch.tickets.size(), 1u);
  batch.tickets[0].group = true;
  must(desk->store_synced(batch, clock.now()));
  EXPECT_FALSE(stored(flagged.number).group);
}

// A database from before group links (SQLite ticket schema 7, PostgreSQL without the column)
// is upgraded when the desk opens it: its tickets in no group, and the rule works at once.
TEST_P(GroupComplaintStoreTest, ADatabaseFromBeforeGroupLinksIsUpgradedOnOpening) {
  for (int n = 1; n <= 10; ++n) file_at(*k7, n);
  sync(*k7);
  // Schema 9's topics and 10's check codes go too: SQLite steps through them again.
  ASSERT_TRUE(
      raw_sql(std::string("DROP INDEX tickets_by_group; DROP INDEX tickets_group_candidates; "
                          "ALTER TABLE tickets DROP COLUMN group_id; ALTER TABLE tickets DROP COLUMN topic; "
                          "DROP INDEX tickets_by_check_code; ALTER TABLE tickets DROP COLUMN check_code;") +
              (GetParam() == StoreKind::sqlite ? " PRAGMA user_version = 7;" : older_release())));
  reopen();
  EXPECT_EQ(must(tickets->list(TicketQuery{})).size(), 10u);
  const Ticket eleventh = file_at_desk(11);
  EXPECT_TRUE(eleventh.group);
  TicketQuery members;
  members.group_id = eleventh.group_id;
  EXPECT_EQ(must(tickets->list(members)).size(), 11u);
}

INSTANTIATE_TEST_SUITE_P(BothStores, GroupComplaintStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
