// Group channels through the delivery worker on both desk stores (desk_store_fixture.h): a
// major ticket's notice reaches a DingTalk robot and a JSON webhook, REAL loopback sinks
// (tests/drivers/webhooks/webhook_sink.py) that check the signatures as the providers do;
// each delivery is recorded once with the provider's answer; a 5xx is retried after the
// backoff and nothing arrives twice; no complaint text, name or phone reaches a group.
#include "core/config/config.h"
#include "core/notify/notice_worker.h"
#include "desk_store_fixture.h"
#include "drivers/crypto/sodium_crypto.h"
#include "drivers/webhooks/group_senders.h"
#include "tests/drivers/webhooks/webhook_sink.h"

namespace complaint::testing {
namespace {

constexpr const char* kContent = "柜员态度恶劣，我要找媒体曝光";  // a trigger word: major
constexpr const char* kPhone = "13900131234";

class GroupNoticeTest : public DeskStoreFixture {
 protected:
  void SetUp() override {
    DeskStoreFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::string why;
    sink = test::WebhookSink::start(test::SinkSecrets{}, &why);
    if (!sink) GTEST_SKIP() << "no webhook sink: " << why;
    catalog = std::make_unique<Catalog>(must(Catalog::load(assets_dir() + "/i18n", "zh-CN")));
    text = std::make_unique<NoticeTextContext>(NoticeTextContext{
        *catalog, taxonomy, calendar->zone(), "zh-CN", "https://desk.example/console/t/{number}"});
    notify.retry_base_seconds = 60;
    notify.retry_max_seconds = 600;
    const test::SinkSecrets secrets;
    for (GroupChannel& group : notify.groups) {
      if (group.kind == GroupKind::dingtalk) {
        group.enabled = true;
        group.name = "客服主管群";
        group.url = sink->origin() + "/robot/send";
        group.key = secrets.dingtalk_token;
        group.secret = secrets.dingtalk_secret;
      } else if (group.kind == GroupKind::webhook) {
        group.enabled = true;
        group.name = "短信网关";
        group.url = sink->origin() + "/hook";
        group.secret = secrets.webhook_secret;
        group.reasons = {"major", "forwarded"};
      }
    }
    // The robots check timestamps against the wall clock: the senders sign with it.
    owned = must(make_group_senders(notify, signer, wall_clock));
    for (const auto& sender : owned) senders.push_back(sender.get());
  }

  Ticket file_major() {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "walk_in";
    draft.category = "service_quality";
    draft.content = kContent;
    draft.customer_name = "赵六";
    draft.phone = kPhone;
    draft.filed_at = clock.now();
    return must(staff->file(draft, FilingContext{"clerk", Role::intake_clerk}));
  }

  NoticeWorker worker() {
    return NoticeWorker({*notices, *tickets, *desk, *text, clock}, notify, senders, "desk-a",
                        [] { return 0.5; });
  }

  // The requests the sink checked and accepted, by provider.
  int accepted(const std::string& provider) const {
    int count = 0;
    for (const auto& got : sink->received())
      if (got["provider"] == provider && got["verified"].get<bool>()) ++count;
    return count;
  }

  std::unique_ptr<test::WebhookSink> sink;
  std::unique_ptr<Catalog> catalog;
  std::unique_ptr<NoticeTextContext> text;
  NotifyConfig notify;
  SodiumSigner signer = SodiumSigner::create().value();
  SystemClock wall_clock;
  std::vector<std::unique_ptr<NoticeSender>> owned;
  std::vector<NoticeSender*> senders;
};

TEST_P(GroupNoticeTest, AMajorNoticeReachesEachGroupOnceSignedAndIsRecorded) {
  const Ticket major = file_major();
  ASSERT_TRUE(major.major);
  ASSERT_EQ(senders.size(), 2u);
  const NoticeRound round = must(worker().run_once());
  EXPECT_EQ(round.claimed, 1);
  EXPECT_EQ(round.sent, 2);
  EXPECT_EQ(round.delivered, 1);
  EXPECT_EQ(accepted("dingtalk"), 1);
  EXPECT_EQ(accepted("webhook"), 1);

  const auto deliveries = must(notices->ticket_deliveries(major.number));
  ASSERT_EQ(deliveries.size(), 2u);
  EXPECT_EQ(deliveries[0].channel, "dingtalk");
  EXPECT_EQ(deliveries[0].recipient, "客服主管群");
  EXPECT_NE(deliveries[0].answer.find("\"errcode\": 0"), std::string::npos) << deliveries[0].answer;
  EXPECT_EQ(deliveries[1].channel, "webhook");
  EXPECT_EQ(deliveries[1].recipient, "短信网关");
  EXPECT_EQ(deliveries[1].answer.rfind("HTTP 200", 0), 0u) << deliveries[1].answer;
  int audited = 0;
  for (const TicketEvent& event : must(tickets->events(major.number)))
    if (event.action == k_notice_sent_action) ++audited;
  EXPECT_EQ(audited, 2);
  EXPECT_EQ(must(notices->ticket_notices(major.number))[0].state, NoticeState::delivered);

  // Later rounds and a restarted desk send nothing more.
  EXPECT_EQ(must(worker().run_once()).claimed, 0);
  reopen();
  clock.advance(std::chrono::hours(1));
  EXPECT_EQ(must(worker().run_once()).claimed, 0);
  ASSERT_EQ(sink->received().size(), 2u);

  // The groups got the number and the link, never the complaint, the name or the phone.
  for (const auto& got : sink->received()) {
    const std::string body = got["body"].get<std::string>();
    const std::string path = got["path"].get<std::string>();
    EXPECT_NE(body.find(major.number), std::string::npos) << body;
    EXPECT_NE(body.find("https://desk.example/console/t/" + major.number), std::string::npos) << body;
    for (const std::string& secret : {std::string(kContent), std::string("柜员"), std::string(kPhone),
                                      std::string("赵六"), std::string("0131234")}) {
      EXPECT_EQ(body.find(secret), std::string::npos) << secret << " in " << body;
      EXPECT_EQ(path.find(secret), std::string::npos) << secret << " in " << path;
    }
  }
}

TEST_P(GroupNoticeTest, AGroupThatAnswered5xxIsRetriedAfterTheBackoffAndGetsItOnce) {
  const Ticket major = file_major();
  notify.send_parallel = 1;      // one message at a time, in order:
  sink->set_mode("http503", 1);  // the first request (DingTalk's) fails, the webhook's goes through
  NoticeRound round = must(worker().run_once());
  EXPECT_EQ(round.sent, 1);
  EXPECT_EQ(round.retrying, 1);
  Notice notice = must(notices->ticket_notices(major.number))[0];
  EXPECT_EQ(notice.state, NoticeState::pending);
  EXPECT_NE(notice.last_error.find("dingtalk 客服主管群: HTTP 503"), std::string::npos) << notice.last_error;
  EXPECT_EQ(notice.next_attempt_at, kNow + std::chrono::seconds(45));  // backoff_delay(1, 60 s, 0.5)
  EXPECT_EQ(must(worker().run_once()).claimed, 0);                     // not due yet
  clock.advance(std::chrono::seconds(45));
  round = must(worker().run_once());
  EXPECT_EQ(round.sent, 1);
  EXPECT_EQ(round.delivered, 1);
  EXPECT_EQ(accepted("dingtalk"), 1);
  EXPECT_EQ(accepted("webhook"), 1);
  EXPECT_EQ(sink->received().size(), 3u);  // the 503, then one each
  EXPECT_EQ(must(notices->ticket_deliveries(major.number)).size(), 2u);
  EXPECT_TRUE(must(notices->troubled_notices(10)).empty());
}

TEST_P(GroupNoticeTest, AForwardGoesOnlyToTheGroupsThatTakeForwards) {
  TicketDraft draft;
  draft.kind = "complaint";
  draft.channel = "walk_in";
  draft.category = "service_quality";
  draft.content = "等候时间太长";
  draft.phone = kPhone;
  draft.filed_at = clock.now();
  const Ticket ticket = must(staff->file(draft, FilingContext{"clerk", Role::intake_clerk}));
  ActionRequest forward;
  forward.action = Action::forward;
  forward.role = Role::dispatcher;
  forward.actor = "调度员";
  forward.at = kNow;
  forward.department = "营业部";
  must(staff->act(ticket.number, forward));
  EXPECT_EQ(must(worker().run_once()).delivered, 1)
      << must(notices->ticket_notices(ticket.number)).at(0).last_error << sink->received().dump();
  EXPECT_EQ(accepted("dingtalk"), 0);
  ASSERT_EQ(accepted("webhook"), 1);
  const auto body = nlohmann::json::parse(sink->received()[0]["body"].get<std::string>());
  EXPECT_EQ(body["event"], "forwarded");
  EXPECT_EQ(body["department"], "营业部");
  EXPECT_EQ(body["ticket_number"], ticket.number);
}

TEST_P(GroupNoticeTest, AMessageThatWouldShowAGroupTheComplaintIsRefusedNotSent) {
  // A complaint whose whole text is the category's label: the message would carry it.
  TicketDraft draft;
  draft.kind = "report";  // a report (举报) is noticed like a major ticket
  draft.channel = "walk_in";
  draft.category = "service_quality";
  draft.content = "服务质量";
  draft.phone = kPhone;
  draft.filed_at = clock.now();
  const Ticket report = must(staff->file(draft, FilingContext{"clerk", Role::intake_clerk}));
  const NoticeRound round = must(worker().run_once());
  EXPECT_EQ(round.sent, 0);
  EXPECT_EQ(round.retrying, 1);
  EXPECT_TRUE(sink->received().empty()) << sink->received().dump();
  const Notice notice = must(notices->ticket_notices(report.number)).at(0);
  EXPECT_NE(notice.last_error.find(
                "dingtalk 客服主管群: refused: the message would show the group the complaint text"),
            std::string::npos)
      << notice.last_error;
  EXPECT_TRUE(must(notices->ticket_deliveries(report.number)).empty());
}

INSTANTIATE_TEST_SUITE_P(BothStores, GroupNoticeTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
