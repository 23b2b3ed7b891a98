// Customer topics (core/domain/taxonomy.h) on SQLite and PostgreSQL: a kiosk's ticket with its
// topic arrives at the desk with it; a reclassification by staff changes the category and keeps
// the customer's words, and the feed brings both back to the kiosk; a sync item with a topic
// that is not an id is refused; filing refuses a topic of another kind or category; a database
// from before topics (SQLite ticket schema 8, PostgreSQL without the column) is upgraded on
// opening.
#include "desk_store_fixture.h"

namespace complaint::testing {
namespace {

class TopicStoreTest : public DeskStoreFixture {
 protected:
  void SetUp() override {
    DeskStoreFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    kiosk = std::make_unique<KioskSide>(dir.file("kiosk.db"), clock);
  }

  // A customer at the kiosk whose card the ATM kept (topic card_retained, service_channel).
  Ticket file_card_retained() {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "kiosk";
    draft.category = "service_channel";
    draft.topic = "card_retained";
    draft.content = "取款机吞了我的卡";
    draft.anonymous = true;
    return must(kiosk->filing->file(draft, FilingContext{}));
  }

  Ticket stored(const std::string& number) { return must(tickets->find(number)).value(); }

  std::unique_ptr<KioskSide> kiosk;
};

TEST_P(TopicStoreTest, SyncCarriesTheTopicAndReclassifyingKeepsIt) {
  const Ticket filed = file_card_retained();
  EXPECT_EQ(filed.topic, "card_retained");
  must(desk->store_synced(kiosk->pending_batch(), kNow));
  EXPECT_EQ(stored(filed.number).topic, "card_retained");
  EXPECT_EQ(stored(filed.number).category, "service_channel");

  ActionRequest request;
  request.action = Action::reclassify;
  request.role = Role::dispatcher;
  request.actor = "调度员";
  request.at = kNow + std::chrono::minutes(5);
  request.note = "ATM 软件故障吞卡";
  request.category = "system_failure";
  must(staff->act(filed.number, request));
  reopen();
  const Ticket after = stored(filed.number);
  EXPECT_EQ(after.category, "system_failure");
  EXPECT_EQ(after.topic, "card_retained") << "staff change the category, not what the customer chose";

  const ChangeFeed feed = must(desk->changes_for_kiosk("K1", 0, 10));
  ASSERT_EQ(feed.updates.size(), 1u);
  EXPECT_EQ(feed.updates[0].ticket.topic, "card_retained");
  must(kiosk->sync->apply_remote(feed.updates, feed.cursor));
  const Ticket at_kiosk = must(kiosk->store->find(filed.number)).value();
  EXPECT_EQ(at_kiosk.category, "system_failure");
  EXPECT_EQ(at_kiosk.topic, "card_retained");
}

TEST_P(TopicStoreTest, ASyncedTopicThatIsNoIdIsRefused) {
  file_card_retained();
  SyncBatch batch = kiosk->pending_batch();
  ASSERT_EQ(batch.tickets.size(), 1u);
  batch.tickets[0].topic = "卡被吞'; DROP TABLE tickets; --";
  const StoredBatch result = must(desk->store_synced(batch, kNow));
  ASSERT_FALSE(result.refused.empty()) << "the item is refused alone, with why";
  EXPECT_EQ(result.refused[0].reason.field, "topic") << result.refused[0].reason.message;
  EXPECT_EQ(result.refused[0].reason.key, "desk.refused.identifier");
  EXPECT_EQ(rows("tickets"), 0);
}

TEST_P(TopicStoreTest, FilingRefusesATopicOfAnotherKindOrCategory) {
  TicketDraft draft;
  draft.kind = "suggestion";
  draft.channel = "walk_in";
  draft.category = "service_channel";
  draft.topic = "card_retained";  // a complaint's topic
  draft.content = "建议增加取款机";
  draft.anonymous = true;
  const auto other_kind = staff->file(draft, FilingContext{"clerk", Role::intake_clerk});
  ASSERT_FALSE(other_kind.ok());
  EXPECT_EQ(other_kind.error().key, "error.topic.unknown");
  draft.kind = "complaint";
  draft.category = "work_error";  // card_retained files under service_channel
  const auto other_category = staff->file(draft, FilingContext{"clerk", Role::intake_clerk});
  ASSERT_FALSE(other_category.ok());
  EXPECT_EQ(other_category.error().key, "error.topic.category");
  EXPECT_EQ(rows("tickets"), 0);
  draft.category = "service_channel";
  EXPECT_EQ(must(staff->file(draft, FilingContext{"clerk", Role::intake_clerk})).topic, "card_retained");
}

TEST_P(TopicStoreTest, ADatabaseFromBeforeTopicsIsUpgradedOnOpening) {
  const Ticket before = file_card_retained();
  must(desk->store_synced(kiosk->pending_batch(), kNow));
  ASSERT_TRUE(raw_sql(std::string("ALTER TABLE tickets DROP COLUMN topic; DROP INDEX tickets_by_check_code; "
                                  "ALTER TABLE tickets DROP COLUMN check_code;") +
                      (GetParam() == StoreKind::sqlite ? " PRAGMA user_version = 8;" : older_release())));
  reopen();
  EXPECT_EQ(stored(before.number).topic, "") << "a ticket from before topics has none";
  EXPECT_EQ(stored(before.number).category, "service_channel");
  KioskSide second(dir.file("second.db"), clock, "K2");
  TicketDraft draft;
  draft.kind = "inquiry";
  draft.channel = "kiosk";
  draft.category = "product";
  draft.topic = "ask_fees";
  draft.content = "转账手续费是多少";
  draft.anonymous = true;
  const Ticket asked = must(second.filing->file(draft, FilingContext{}));
  must(desk->store_synced(second.pending_batch(), kNow));
  EXPECT_EQ(stored(asked.number).topic, "ask_fees");
}

INSTANTIATE_TEST_SUITE_P(BothStores, TopicStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
