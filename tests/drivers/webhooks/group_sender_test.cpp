// The group channels' senders (drivers/webhooks) against a REAL loopback sink
// (webhook_sink.py) that checks each signature the way its provider documents it and answers
// as the provider does: a signed message arrives and is accepted; a bad secret, a stale
// timestamp, a 5xx and a timeout are errors carrying what the receiver said.
#include <gtest/gtest.h>

#include <chrono>

#include "core/base/clock.h"
#include "drivers/crypto/sodium_crypto.h"
#include "drivers/webhooks/group_senders.h"
#include "webhook_sink.h"

namespace complaint {
namespace {

using test::SinkSecrets;
using test::WebhookSink;

class GroupSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    sink = WebhookSink::start(SinkSecrets{}, &why);
    if (!sink) GTEST_SKIP() << "no webhook sink: " << why;
    message.recipient = "客服主管群";
    message.subject = "【重大投诉上报】WH01-K1-20261120-0001-7";
    message.text = "工单 WH01-K1-20261120-0001-7 须先上报。\n在服务台打开：https://desk.example/t/1\n";
    message.facts = NoticeFacts{"major:WH01-K1-20261120-0001-7",
                                "major",
                                "WH01-K1-20261120-0001-7",
                                "complaint",
                                "service_quality",
                                "",
                                "2026-11-20T11:00:00+08:00",
                                "https://desk.example/t/1"};
  }

  // The channel of `kind` pointed at the sink, with the sink's secrets unless changed.
  GroupChannel channel(GroupKind kind) const {
    const SinkSecrets secrets;
    GroupChannel channel;
    channel.kind = kind;
    channel.enabled = true;
    channel.name = "客服主管群";
    switch (kind) {
      case GroupKind::wecom:
        channel.url = sink->origin() + "/cgi-bin/webhook/send";
        channel.key = secrets.wecom_key;
        break;
      case GroupKind::dingtalk:
        channel.url = sink->origin() + "/robot/send";
        channel.key = secrets.dingtalk_token;
        channel.secret = secrets.dingtalk_secret;
        break;
      case GroupKind::feishu:
        channel.url = sink->origin() + "/open-apis/bot/v2/hook";
        channel.key = secrets.feishu_hook;
        channel.secret = secrets.feishu_secret;
        break;
      case GroupKind::webhook:
        channel.url = sink->origin() + "/hook";
        channel.secret = secrets.webhook_secret;
        break;
    }
    return channel;
  }

  std::unique_ptr<NoticeSender> sender(const GroupChannel& channel, const Clock& at,
                                       std::chrono::seconds timeout = std::chrono::seconds(5)) {
    auto made = make_group_sender(channel, signer, at, GroupSenderOptions{timeout, ""});
    EXPECT_TRUE(made.ok()) << made.error().message;
    return std::move(made).value();
  }

  std::unique_ptr<WebhookSink> sink;
  SodiumSigner signer = SodiumSigner::create().value();
  SystemClock clock;
  NoticeMessage message;
};

TEST_F(GroupSenderTest, EachRobotGetsASignedMessageItAccepts) {
  for (const GroupKind kind :
       {GroupKind::wecom, GroupKind::dingtalk, GroupKind::feishu, GroupKind::webhook}) {
    SCOPED_TRACE(to_string(kind));
    auto robot = sender(channel(kind), clock);
    EXPECT_EQ(robot->channel(), to_string(kind));
    const auto answer = robot->send(message);
    ASSERT_TRUE(answer.ok()) << answer.error().message;
    const nlohmann::json got = sink->received().back();
    EXPECT_EQ(got["provider"], to_string(kind));
    EXPECT_TRUE(got["verified"].get<bool>()) << got.dump();
    const nlohmann::json body = nlohmann::json::parse(got["body"].get<std::string>());
    switch (kind) {
      case GroupKind::wecom:
        EXPECT_EQ(*answer, R"({"errcode": 0, "errmsg": "ok"})");
        EXPECT_NE(body["markdown"]["content"].get<std::string>().find(message.subject), std::string::npos);
        break;
      case GroupKind::dingtalk:
        EXPECT_NE(answer->find("\"errcode\": 0"), std::string::npos) << *answer;
        EXPECT_EQ(body["markdown"]["title"], message.subject);
        break;
      case GroupKind::feishu:
        EXPECT_NE(answer->find("\"code\": 0"), std::string::npos) << *answer;
        EXPECT_NE(body["content"]["text"].get<std::string>().find("WH01-K1-20261120-0001-7"),
                  std::string::npos);
        break;
      case GroupKind::webhook:
        EXPECT_EQ(answer->rfind("HTTP 200 ", 0), 0u) << *answer;
        EXPECT_EQ(body["event"], "major");
        EXPECT_EQ(body["key"], "major:WH01-K1-20261120-0001-7");
        EXPECT_EQ(body["ticket_number"], "WH01-K1-20261120-0001-7");
        EXPECT_EQ(body["kind"], "complaint");
        EXPECT_EQ(body["category"], "service_quality");
        EXPECT_EQ(body["deadline"], "2026-11-20T11:00:00+08:00");
        EXPECT_EQ(body["console_url"], "https://desk.example/t/1");
        EXPECT_EQ(got["headers"]["Idempotency-Key"], "major%3AWH01-K1-20261120-0001-7");
        break;
    }
  }
  EXPECT_EQ(sink->received().size(), 4u);
}

TEST_F(GroupSenderTest, AWrongSecretOrKeyIsAnErrorWithTheProvidersAnswer) {
  GroupChannel wecom = channel(GroupKind::wecom);
  wecom.key = "not-the-key";
  GroupChannel dingtalk = channel(GroupKind::dingtalk);
  dingtalk.secret = "SECwrong";
  GroupChannel feishu = channel(GroupKind::feishu);
  feishu.secret = "wrong";
  GroupChannel webhook = channel(GroupKind::webhook);
  webhook.secret = "wrong";
  const std::vector<std::pair<GroupChannel, std::string>> cases{{wecom, "errcode 93000: invalid webhook url"},
                                                                {dingtalk, "errcode 310000: sign not match"},
                                                                {feishu, "code 19021: sign match fail"},
                                                                {webhook, "HTTP 401"}};
  for (const auto& [bad, expected] : cases) {
    SCOPED_TRACE(to_string(bad.kind));
    const auto answer = sender(bad, clock)->send(message);
    ASSERT_FALSE(answer.ok());
    EXPECT_NE(answer.error().message.find(expected), std::string::npos) << answer.error().message;
    EXPECT_FALSE(sink->received().back()["verified"].get<bool>());
  }
}

TEST_F(GroupSenderTest, ATimestampMoreThanAnHourOffIsRefused) {
  FixedClock late(clock.now() - std::chrono::minutes(61));
  const auto dingtalk = sender(channel(GroupKind::dingtalk), late)->send(message);
  ASSERT_FALSE(dingtalk.ok());
  EXPECT_NE(dingtalk.error().message.find("errcode 310000"), std::string::npos) << dingtalk.error().message;
  const auto feishu = sender(channel(GroupKind::feishu), late)->send(message);
  ASSERT_FALSE(feishu.ok());
  EXPECT_NE(feishu.error().message.find("code 19021"), std::string::npos) << feishu.error().message;
  // 59 minutes off is still within the hour.
  FixedClock early(clock.now() - std::chrono::minutes(59));
  EXPECT_TRUE(sender(channel(GroupKind::dingtalk), early)->send(message).ok());
}

TEST_F(GroupSenderTest, A5xxAndATimeoutAreErrors) {
  for (const GroupKind kind :
       {GroupKind::wecom, GroupKind::dingtalk, GroupKind::feishu, GroupKind::webhook}) {
    SCOPED_TRACE(to_string(kind));
    sink->set_mode("http503", 1);
    const auto answer = sender(channel(kind), clock)->send(message);
    ASSERT_FALSE(answer.ok());
    EXPECT_NE(answer.error().message.find("HTTP 503"), std::string::npos) << answer.error().message;
  }
  sink->set_mode("slow", 1, 3);
  const auto started = std::chrono::steady_clock::now();
  const auto answer = sender(channel(GroupKind::dingtalk), clock, std::chrono::seconds(1))->send(message);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, ErrorCode::io) << answer.error().message;
  EXPECT_NE(answer.error().message.find("cannot reach dingtalk 客服主管群"), std::string::npos)
      << answer.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(2900));
}

TEST_F(GroupSenderTest, NothingListensIsAnError) {
  GroupChannel gone = channel(GroupKind::webhook);
  gone.url = "http://127.0.0.1:9/hook";  // discard: nothing listens there
  const auto answer = sender(gone, clock)->send(message);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, ErrorCode::io);
}

}  // namespace
}  // namespace complaint
