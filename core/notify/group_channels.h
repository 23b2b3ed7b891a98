// Group channels: office IM group robots (WeCom, DingTalk, Feishu/Lark) and the generic JSON
// webhook (docs/WEBHOOKS.md), configured in [notify] with one prefix each (wecom_*,
// dingtalk_*, feishu_*, webhook_*). A group channel is one recipient per notice, the
// group's name; it takes the notice reasons its `*_reasons` names. What a group reads is
// seen by everyone in it: group_message_leaks refuses a message that carries the
// complaint's text, the customer's name or phone. The senders are in drivers/webhooks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/config/config_file.h"
#include "core/domain/ticket.h"
#include "core/notify/notice_sender.h"

namespace complaint {

enum class GroupKind { wecom, dingtalk, feishu, webhook };
// The channel's name in deliveries and the audit trail: "wecom", "dingtalk", "feishu", "webhook".
const char* to_string(GroupKind kind);
// True for the names above.
bool is_group_channel(std::string_view channel);

struct GroupChannel {
  GroupKind kind = GroupKind::wecom;
  bool enabled = false;
  std::string name;  // the group's name: the recipient in deliveries ("客服主管群")
  // The provider's endpoint; defaults to the public one, tests point it at loopback.
  // wecom: ".../cgi-bin/webhook/send" (+ ?key=KEY); dingtalk: ".../robot/send"
  // (+ ?access_token=KEY); feishu: ".../open-apis/bot/v2/hook" (+ /KEY); webhook: the
  // receiver's full URL. A URL that already holds its key may be given with no key.
  std::string url;
  std::string key;     // the robot's key, access token or hook id (a secret too)
  std::string secret;  // dingtalk/feishu: the signing secret ("SEC..."); webhook: the HMAC key
  std::vector<std::string> reasons{"major"};  // the notice reasons it takes

  bool takes(std::string_view reason) const;
  // The URL to POST to, key included (dingtalk: before its timestamp and sign are added).
  std::string endpoint() const;
};

// The four channels with their public endpoints, none enabled.
std::vector<GroupChannel> default_group_channels();

// Reads the keys of every group channel from [notify] into `channels` (as
// default_group_channels made them): PREFIX_enabled, PREFIX_group, PREFIX_url, PREFIX_key,
// PREFIX_secret, PREFIX_reasons. An enabled channel needs a key or a URL of its own; the
// JSON webhook needs its url and secret; a group's name defaults to the channel's.
Result<void> read_group_channels(SectionReader& section, std::vector<GroupChannel>& channels);

// Percent-encoding of everything but RFC 3986's unreserved characters (a query value).
std::string url_encode(std::string_view text);

// What of the customer's would reach a group in `message` (any of its texts or facts): ""
// when nothing, else what ("the complaint text", "the customer's phone", "the customer's
// name"). Masked forms (core/privacy/masking.h) are not a leak, nor a complaint text of fewer
// than four characters (a word any template may hold).
std::string group_message_leaks(const NoticeMessage& message, const Ticket& ticket);

}  // namespace complaint
