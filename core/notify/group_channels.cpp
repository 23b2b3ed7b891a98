// Group channels' configuration and the group privacy check; see group_channels.h.
#include "core/notify/group_channels.h"

#include <algorithm>
#include <array>

#include "core/base/utf8.h"
#include "core/notify/general_notices.h"
#include "core/notify/notice.h"

namespace complaint {
namespace {

constexpr std::array<GroupKind, 4> kKinds{GroupKind::wecom, GroupKind::dingtalk, GroupKind::feishu,
                                          GroupKind::webhook};

// The reasons a notice can have (core/notify/notice.cpp); a group may take any of them.
constexpr std::array<std::string_view, 8> kReasons{
    "major",         "forwarded", k_reminder_reason, k_overdue_reason, k_escalated_reason, k_help_reason,
    k_digest_reason, "group"};

std::string default_url(GroupKind kind) {
  switch (kind) {
    case GroupKind::wecom:
      return "https://qyapi.weixin.qq.com/cgi-bin/webhook/send";
    case GroupKind::dingtalk:
      return "https://oapi.dingtalk.com/robot/send";
    case GroupKind::feishu:
      return "https://open.feishu.cn/open-apis/bot/v2/hook";
    case GroupKind::webhook:
      return "";
  }
  return "";
}

bool http_url(std::string_view url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

Result<void> read_one(SectionReader& section, GroupChannel& channel) {
  const std::string prefix = std::string(to_string(channel.kind)) + "_";
  const auto key = [&](const char* name) { return prefix + name; };
  TRY_VOID(section.boolean(key("enabled"), channel.enabled));
  TRY_VOID(section.text(key("group"), channel.name));
  const bool own_url = section.has(key("url"));
  TRY_VOID(section.text(key("url"), channel.url));
  TRY_VOID(section.text(key("key"), channel.key));
  TRY_VOID(section.text(key("secret"), channel.secret));
  if (section.has(key("reasons"))) {
    std::vector<std::string> reasons;
    TRY_VOID(section.text_list(key("reasons"), reasons));
    for (const std::string& reason : reasons) {
      if (std::find(kReasons.begin(), kReasons.end(), reason) == kReasons.end())
        return section.invalid(
            key("reasons"),
            "'" + reason +
                "' is not a notice reason (major, forwarded, reminder, overdue, overdue_escalated)");
    }
    channel.reasons = std::move(reasons);
  }
  if (channel.name.empty()) channel.name = to_string(channel.kind);
  if (!channel.url.empty() && !http_url(channel.url))
    return section.invalid(key("url"), "must start with http:// or https://");
  if (!channel.enabled) return Ok{};
  if (channel.kind == GroupKind::webhook) {
    if (channel.url.empty())
      return section.invalid_at(key("url"), key("enabled"), "the webhook needs its url");
    if (channel.secret.empty())
      return section.invalid_at(key("secret"), key("enabled"),
                                "the webhook is always signed: it needs a secret");
  } else if (channel.key.empty() && !own_url) {
    return section.invalid_at(key("key"), key("enabled"), "the robot needs its key (or a url holding it)");
  }
  return Ok{};
}

bool contains(const NoticeMessage& message, std::string_view needle) {
  if (needle.empty()) return false;
  const NoticeFacts& f = message.facts;
  for (const std::string* part : {&message.subject, &message.text, &message.html, &f.key, &f.ticket_number,
                                  &f.kind, &f.category, &f.department, &f.deadline, &f.console_url}) {
    if (part->find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

const char* to_string(GroupKind kind) {
  switch (kind) {
    case GroupKind::wecom:
      return "wecom";
    case GroupKind::dingtalk:
      return "dingtalk";
    case GroupKind::feishu:
      return "feishu";
    case GroupKind::webhook:
      return "webhook";
  }
  return "webhook";
}

bool is_group_channel(std::string_view channel) {
  return std::any_of(kKinds.begin(), kKinds.end(),
                     [&](GroupKind kind) { return channel == to_string(kind); });
}

bool GroupChannel::takes(std::string_view reason) const {
  return std::find(reasons.begin(), reasons.end(), reason) != reasons.end();
}

std::string GroupChannel::endpoint() const {
  if (key.empty()) return url;
  const char joint = url.find('?') == std::string::npos ? '?' : '&';
  switch (kind) {
    case GroupKind::wecom:
      return url + joint + "key=" + url_encode(key);
    case GroupKind::dingtalk:
      return url + joint + "access_token=" + url_encode(key);
    case GroupKind::feishu:
      return (!url.empty() && url.back() == '/' ? url : url + "/") + url_encode(key);
    case GroupKind::webhook:
      return url;
  }
  return url;
}

std::vector<GroupChannel> default_group_channels() {
  std::vector<GroupChannel> channels;
  for (const GroupKind kind : kKinds) {
    GroupChannel channel;
    channel.kind = kind;
    channel.name = to_string(kind);
    channel.url = default_url(kind);
    channels.push_back(std::move(channel));
  }
  return channels;
}

Result<void> read_group_channels(SectionReader& section, std::vector<GroupChannel>& channels) {
  for (GroupChannel& channel : channels) TRY_VOID(read_one(section, channel));
  return Ok{};
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
        c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    }
  }
  return out;
}

std::string group_message_leaks(const NoticeMessage& message, const Ticket& ticket) {
  // A complaint of a word or two ("投诉") is in every template and says nothing; from four
  // characters on, its whole text in a message is a leak (a refusal the console shows, never
  // a silent send).
  const auto content_length = utf8::code_points(ticket.content);
  if (content_length && *content_length >= 4 && contains(message, ticket.content))
    return "the complaint text";
  if (contains(message, ticket.desired_outcome)) return "the customer's desired outcome";
  if (contains(message, ticket.phone)) return "the customer's phone";
  // Eight digits of the phone in a row are more than its masked form (138****8000) shows.
  if (ticket.phone.size() >= 8 && contains(message, ticket.phone.substr(ticket.phone.size() - 8)))
    return "the customer's phone";
  // A one-character name is also the masked name's first character (张*).
  if (ticket.customer_name.size() > 3 && contains(message, ticket.customer_name))
    return "the customer's name";
  return "";
}

}  // namespace complaint
