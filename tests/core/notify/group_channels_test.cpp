// Group channels (core/notify/group_channels.h): [notify]'s wecom_*, dingtalk_*, feishu_*,
// webhook_* keys, the group recipients notice_recipients adds, the endpoints, and the check
// that keeps the customer out of what a group reads.
#include <gtest/gtest.h>

#include <stdexcept>

#include "core/config/config.h"
#include "core/notify/group_channels.h"
#include "core/notify/notice_worker.h"
#include "core/notify/notify_config.h"

namespace complaint {
namespace {

const GroupChannel& group(const NotifyConfig& notify, GroupKind kind) {
  for (const GroupChannel& channel : notify.groups)
    if (channel.kind == kind) return channel;
  throw std::logic_error("no such group channel");
}

TEST(GroupChannels, AreReadFromNotifyWithThePublicEndpointsByDefault) {
  NotifyConfig notify;
  for (const GroupChannel& channel : notify.groups) EXPECT_FALSE(channel.enabled) << to_string(channel.kind);
  auto config = Config::parse(R"([notify]
wecom_enabled = true
wecom_group = "客服主管群"
wecom_key = "693a91f6-7xxx"
dingtalk_enabled = true
dingtalk_key = "tok"
dingtalk_secret = "SECabc"
dingtalk_reasons = ["major", "forwarded"]
feishu_enabled = false
feishu_key = "hook-id"
webhook_enabled = true
webhook_url = "https://sms.example/notify"
webhook_secret = "s3cret"
group_timeout_seconds = 7
)",
                              notify_config_sections(notify));
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_TRUE(config->warnings.empty()) << config->warnings.front();
  const GroupChannel& wecom = group(notify, GroupKind::wecom);
  EXPECT_TRUE(wecom.enabled);
  EXPECT_EQ(wecom.name, "客服主管群");
  EXPECT_EQ(wecom.endpoint(), "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx");
  EXPECT_EQ(wecom.reasons, (std::vector<std::string>{"major"}));
  const GroupChannel& dingtalk = group(notify, GroupKind::dingtalk);
  EXPECT_EQ(dingtalk.name, "dingtalk");
  EXPECT_EQ(dingtalk.endpoint(), "https://oapi.dingtalk.com/robot/send?access_token=tok");
  EXPECT_TRUE(dingtalk.takes("forwarded"));
  EXPECT_FALSE(group(notify, GroupKind::feishu).enabled);
  EXPECT_EQ(group(notify, GroupKind::feishu).endpoint(),
            "https://open.feishu.cn/open-apis/bot/v2/hook/hook-id");
  EXPECT_EQ(group(notify, GroupKind::webhook).endpoint(), "https://sms.example/notify");
  EXPECT_EQ(notify.group_timeout_seconds, 7);
}

TEST(GroupChannels, AnEnabledChannelMissingWhatItNeedsIsAConfigError) {
  for (const char* text :
       {"[notify]\nwecom_enabled = true\n",                                 // no key
        "[notify]\nwebhook_enabled = true\nwebhook_secret = \"s\"\n",       // no url
        "[notify]\nwebhook_enabled = true\nwebhook_url = \"https://x\"\n",  // unsigned
        "[notify]\ndingtalk_url = \"ftp://x\"\n",
        "[notify]\nfeishu_enabled = true\nfeishu_key = \"k\"\nfeishu_reasons = [\"gossip\"]\n"}) {
    NotifyConfig notify;
    const auto config = Config::parse(text, notify_config_sections(notify));
    ASSERT_FALSE(config.ok()) << text;
    EXPECT_EQ(config.error().code, ErrorCode::config) << text;
  }
  // A URL pasted whole from the robot's page needs no separate key.
  NotifyConfig notify;
  ASSERT_TRUE(Config::parse("[notify]\nwecom_enabled = true\n"
                            "wecom_url = \"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc\"\n",
                            notify_config_sections(notify))
                  .ok());
  EXPECT_EQ(group(notify, GroupKind::wecom).endpoint(),
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc");
}

TEST(GroupChannels, EachGroupThatTakesTheReasonIsOneRecipientWhenItsSenderIsThere) {
  NotifyConfig notify;
  for (GroupChannel& channel : notify.groups) {
    channel.enabled = channel.kind != GroupKind::feishu;
    if (channel.kind == GroupKind::webhook) channel.reasons = {"forwarded"};
  }
  Notice major;
  major.reason = "major";
  const std::vector<std::string> channels{"email", "wecom", "dingtalk", "feishu", "webhook"};
  auto to = notice_recipients(major, {}, notify, channels);
  ASSERT_EQ(to.size(), 2u);
  EXPECT_EQ(to[0].channel, "wecom");
  EXPECT_EQ(to[0].address, "wecom");
  EXPECT_EQ(to[1].channel, "dingtalk");
  Notice forwarded;
  forwarded.reason = "forwarded";
  forwarded.department = "营业部";
  to = notice_recipients(forwarded, {}, notify, channels);
  ASSERT_EQ(to.size(), 1u);
  EXPECT_EQ(to[0].channel, "webhook");
  // No sender for the channel: not a recipient.
  EXPECT_TRUE(notice_recipients(forwarded, {}, notify, {"email", "wecom"}).empty());
}

TEST(GroupChannels, AMessageCarryingTheCustomerIsALeakAndTheMaskedFormsAreNot) {
  Ticket ticket;
  ticket.content = "柜员态度恶劣";
  ticket.customer_name = "赵六";
  ticket.phone = "13900131234";
  NoticeMessage message;
  message.subject = "工单 WH01 客户 赵* 139****1234";
  EXPECT_EQ(group_message_leaks(message, ticket), "");
  message.text = "内容：柜员态度恶劣";
  EXPECT_EQ(group_message_leaks(message, ticket), "the complaint text");
  message.text.clear();
  message.facts.department = "00131234";
  EXPECT_EQ(group_message_leaks(message, ticket), "the customer's phone");
  message.facts.department.clear();
  message.html = "<p>赵六</p>";
  EXPECT_EQ(group_message_leaks(message, ticket), "the customer's name");
  message.html.clear();
  ticket.content = "投诉";  // in every subject: too short to say anything
  message.subject = "【重大投诉上报】WH01";
  EXPECT_EQ(group_message_leaks(message, ticket), "");
}

TEST(GroupChannels, UrlEncodingLeavesOnlyUnreservedCharacters) {
  EXPECT_EQ(url_encode("a+b/c=d e~-_."), "a%2Bb%2Fc%3Dd%20e~-_.");
  EXPECT_EQ(url_encode("群"), "%E7%BE%A4");
}

}  // namespace
}  // namespace complaint
