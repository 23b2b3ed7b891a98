// Extensions of resolve_by and a referral's own deadline on both stores (desk_store_fixture.h):
// a handler's extension within the policy's limit, a request beyond it in the queue, a forged
// approval refused with nothing stored, the supervisor's approval, the maximum, the fields
// after a restart of the store, and the extension reaching the kiosk through the feed.
#include "core/workflow/extension.h"
#include "desk_store_fixture.h"

namespace complaint::testing {
namespace {

class ExtensionStoreTest : public DeskStoreFixture {
 protected:
  void SetUp() override {
    DeskStoreFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    kiosk = std::make_unique<KioskSide>(dir.file("kiosk.db"), clock);
  }

  ActionRequest extend(Role role, std::string_view until, const std::string& actor) const {
    ActionRequest request;
    request.action = Action::extend;
    request.role = role;
    request.actor = actor;
    request.at = kNow + std::chrono::minutes(10);
    request.reason_category = "needs_investigation";
    request.note = "需调取监控录像";
    const ExtensionTarget target = must(parse_extension_target(until, *calendar));
    request.resolve_by = target.until;
    request.extend_by = target.by;
    return request;
  }
  ActionRequest settle(Action action, Role role) const {
    ActionRequest request;
    request.action = action;
    request.role = role;
    request.actor = "王主管";
    request.at = kNow + std::chrono::minutes(20);
    return request;
  }
  std::size_t event_count(const std::string& number) { return must(tickets->events(number)).size(); }

  std::unique_ptr<KioskSide> kiosk;
};

TEST_P(ExtensionStoreTest, AnExtensionIsRequestedApprovedStoredAndReachesTheKiosk) {
  const Ticket filed = kiosk->file_one("柜台排队过久");
  must(desk->store_synced(kiosk->pending_batch(), kNow));
  ActionRequest forward;
  forward.action = Action::forward;
  forward.role = Role::dispatcher;
  forward.actor = "调度员";
  forward.at = kNow + std::chrono::minutes(1);
  forward.department = "营业部";
  const Ticket forwarded = must(staff->act(filed.number, forward));
  const Instant promised = *forwarded.deadlines.resolve_by;
  const ExtensionLimits limits = extension_limits(config.deadlines, *calendar, forwarded);

  // 2 working days: within the default 4wd a handler may take alone.
  const Ticket once = must(staff->act(filed.number, extend(Role::handler, "2wd", "李经办")));
  EXPECT_GT(*once.deadlines.resolve_by, promised);
  EXPECT_EQ(once.resolve_by_original, promised);
  EXPECT_EQ(once.extension_reason, "needs_investigation");

  // 5 more: 7wd in all, beyond the handler's limit: a request, the deadline unchanged.
  const Ticket asked = must(staff->act(filed.number, extend(Role::handler, "5wd", "李经办")));
  EXPECT_EQ(asked.deadlines.resolve_by, once.deadlines.resolve_by);
  ASSERT_TRUE(asked.extension_requested_until);
  EXPECT_GT(*asked.extension_requested_until, *limits.alone);
  EXPECT_EQ(asked.extension_requested_by, "李经办");
  reopen();
  DeskQueueQuery query;
  query.now = kNow;
  const DeskQueuePage queue = must(desk->queue(query));
  ASSERT_EQ(queue.tickets.size(), 1u);
  EXPECT_EQ(queue.tickets[0].extension_requested_until, asked.extension_requested_until)
      << "the supervisor's queue shows the request";

  // A handler's forged approval and an extension past the maximum: refused, nothing stored.
  const std::size_t before = event_count(filed.number);
  EXPECT_EQ(staff->act(filed.number, settle(Action::approve_extension, Role::handler)).error().key,
            "error.workflow.role_forbidden");
  EXPECT_EQ(event_count(filed.number), before);
  EXPECT_EQ(must(tickets->find(filed.number))->deadlines.resolve_by, once.deadlines.resolve_by);

  const Ticket approved = must(staff->act(filed.number, settle(Action::approve_extension, Role::supervisor)));
  EXPECT_EQ(approved.deadlines.resolve_by, asked.extension_requested_until);
  EXPECT_FALSE(approved.extension_requested_until);
  EXPECT_EQ(approved.resolve_by_original, promised);
  const auto past_max = staff->act(filed.number, extend(Role::supervisor, "1wd", "王主管"));
  ASSERT_FALSE(past_max.ok());
  EXPECT_EQ(past_max.error().key, "error.extension.beyond_max");

  reopen();
  const Ticket stored = *must(tickets->find(filed.number));
  EXPECT_EQ(stored.deadlines.resolve_by, approved.deadlines.resolve_by);
  EXPECT_EQ(stored.resolve_by_original, promised);
  EXPECT_EQ(stored.extension_reason, "needs_investigation");
  EXPECT_FALSE(stored.extension_requested_until);
  EXPECT_TRUE(stored.extension_requested_by.empty());
  const auto events = must(tickets->events(filed.number));
  ASSERT_EQ(events.size(), before + 1);
  EXPECT_EQ(events.back().action, "approve_extension");
  EXPECT_NE(events.back().data_json.find("\"requested_by\":\"李经办\""), std::string::npos)
      << events.back().data_json;
  EXPECT_NE(events.back().data_json.find("\"approved_by\":\"王主管\""), std::string::npos)
      << events.back().data_json;
  EXPECT_EQ(events[events.size() - 2].note, "需调取监控录像");

  // The kiosk takes the new promise like any desk change.
  const ChangeFeed feed = must(desk->changes_for_kiosk("K1", 0, 10));
  ASSERT_EQ(feed.updates.size(), 1u);
  must(kiosk->sync->apply_remote(feed.updates, feed.cursor));
  const Ticket on_kiosk = *must(kiosk->store->find(filed.number));
  EXPECT_EQ(on_kiosk.deadlines.resolve_by, approved.deadlines.resolve_by);
  EXPECT_EQ(on_kiosk.extension_reason, "needs_investigation");
  EXPECT_EQ(on_kiosk.resolve_by_original, promised);
}

TEST_P(ExtensionStoreTest, AReferralKeepsItsReferrersDeadline) {
  TicketDraft draft;
  draft.kind = "complaint";
  draft.channel = "referral_upper";
  draft.category = "service_quality";
  draft.content = "上级转办：营业厅服务问题";
  draft.customer_name = "赵六";
  draft.phone = "13900131001";
  draft.referrer_deadline = kNow + std::chrono::hours(30);
  const Ticket filed = must(staff->file(draft, FilingContext{"clerk", Role::intake_clerk}));
  EXPECT_EQ(filed.referrer_deadline, draft.referrer_deadline);
  EXPECT_EQ(filed.deadlines.resolve_by, draft.referrer_deadline) << "earlier than 3 working days";
  reopen();
  const Ticket stored = *must(tickets->find(filed.number));
  EXPECT_EQ(stored.referrer_deadline, draft.referrer_deadline);
  EXPECT_EQ(stored.deadlines.resolve_by, draft.referrer_deadline);

  draft.channel = "walk_in";
  const auto refused = staff->file(draft, FilingContext{"clerk", Role::intake_clerk});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().key, "error.referrer_deadline.not_referral");
  EXPECT_EQ(rows("tickets"), 1);
}

INSTANTIATE_TEST_SUITE_P(BothStores, ExtensionStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
