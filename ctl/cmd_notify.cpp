// complaintctl notify test --channel CHANNEL [--to RECIPIENT] [--lang zh-CN|en]: sends the
// test notice (notify.test.*) through the channel [notify] in --config sets up, and prints the
// provider's answer in both languages (--json: {"channel","to","answer"}). CHANNEL is email
// (--to: the address) or an enabled group channel, wecom, dingtalk, feishu or webhook (the
// recipient is its group: --to may be left out, or must name the group). A refusal, a timeout
// or an unreachable server is exit 1 with the provider's message; no database is opened
// (main.cpp).
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/i18n/catalog.h"
#include "core/notify/notice_text.h"
#include "core/notify/notice_worker.h"
#include "ctl/commands.h"
#include "drivers/crypto/sodium_crypto.h"
#include "drivers/notify/smtp_sender.h"
#include "drivers/webhooks/group_senders.h"

namespace complaint::ctl {
namespace {

constexpr const char* kUsage =
    "usage: complaintctl notify test --channel email|wecom|dingtalk|feishu|webhook [--to RECIPIENT] "
    "[--lang zh-CN|en]";

// The error's catalog text in both languages after the usual JSON line.
int report_notify_error(const Error& error) {
  const int code = report_error(error);
  if (!error.key.empty()) std::cerr << both_languages(error.key, {{"field", error.field}});
  return code;
}

// The enabled group channel named `channel`, if it is one.
std::optional<GroupChannel> group_channel(const NotifyConfig& notify, const std::string& channel) {
  for (const GroupChannel& group : notify.groups) {
    if (group.enabled && channel == to_string(group.kind)) return group;
  }
  return std::nullopt;
}

Result<std::unique_ptr<NoticeSender>> sender_for(const CtlContext& context, const std::string& channel,
                                                 const RequestSigner& signer) {
  const NotifyConfig& notify = context.notify_config();
  if (channel == "email") {
    if (notify.smtp_url.empty()) {
      Error error = Error::make(ErrorCode::config, "email is not configured: [notify] smtp_url in --config");
      error.field = "notify.smtp_url";
      error.key = "notify.error.email_off";
      return error;
    }
    return make_smtp_sender(smtp_options(notify), context.clock());
  }
  if (const auto group = group_channel(notify, channel)) {
    const GroupSenderOptions options{std::chrono::seconds(notify.group_timeout_seconds),
                                     notify.group_ca_file};
    return make_group_sender(*group, signer, context.clock(), options);
  }
  return Error::invalid(channel, "notify.error.channel", "unknown or unconfigured channel '" + channel + "'");
}

int notify_test(CtlContext& context, Args args) {
  auto channel = take_option(args, "--channel");
  auto to = take_option(args, "--to");
  auto language = take_option(args, "--lang");
  if (!channel.ok()) return report_error(channel.error());
  if (!to.ok()) return report_error(to.error());
  if (!language.ok()) return report_error(language.error());
  if (!args.empty() || !channel->has_value()) return report_error(usage_error(kUsage));
  const std::string lang = language->value_or(context.notify_config().language);
  if (lang != "zh-CN" && lang != "en") return report_error(usage_error("--lang must be zh-CN or en"));
  std::string recipient = to->value_or("");
  if (**channel == "email") {
    if (!to->has_value()) return report_error(usage_error(kUsage));
    StaffContact contact;
    contact.email = recipient;
    if (auto checked = check_staff_contact(contact); !checked.ok() || contact.email.empty())
      return report_notify_error(
          Error::invalid(recipient, "notify.error.recipient", "'" + recipient + "' is not an email address"));
  } else if (const auto group = group_channel(context.notify_config(), **channel)) {
    // A group channel has one recipient, its group.
    if (!to->has_value()) recipient = group->name;
    if (recipient != group->name)
      return report_notify_error(Error::invalid(
          group->name, "notify.error.group_recipient",
          "the " + **channel + " channel sends to its group '" + group->name + "', not '" + recipient + "'"));
  }
  auto signer = SodiumSigner::create();
  if (!signer.ok()) return report_error(signer.error());
  auto sender = sender_for(context, **channel, *signer);
  if (!sender.ok()) return report_notify_error(sender.error());
  auto catalog = Catalog::load(assets_dir() + "/i18n", lang);
  if (!catalog.ok()) return report_error(catalog.error());
  NoticeMessage message = test_notice_message(*catalog);
  message.recipient = recipient;
  // The JSON webhook's receiver sees an event "test" with a key of its own.
  message.facts.reason = "test";
  message.facts.key = "test:" + std::to_string(context.clock().now().time_since_epoch().count());
  const auto answer = (*sender)->send(message);
  if (!answer.ok()) {
    const int code = report_error(answer.error());
    std::cerr << both_languages(
        "notify.test.failed", {{"channel", **channel}, {"to", recipient}, {"error", answer.error().message}});
    return code;
  }
  if (context.options().json) {
    std::cout << nlohmann::json{{"channel", **channel}, {"to", recipient}, {"answer", *answer}}.dump()
              << std::endl;
  } else {
    std::cout << both_languages("notify.test.sent",
                                {{"channel", **channel}, {"to", recipient}, {"answer", *answer}});
  }
  return kExitOk;
}

}  // namespace

int cmd_notify(CtlContext& context, Args args) {
  if (args.empty() || args[0] != "test") return report_error(usage_error(kUsage));
  args.erase(args.begin());
  return notify_test(context, std::move(args));
}

}  // namespace complaint::ctl
