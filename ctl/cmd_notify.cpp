// complaintctl notify test --channel email --to ADDRESS [--lang zh-CN|en]: sends the test
// notice (notify.test.*) through the channel [notify] in --config sets up, and prints the
// provider's answer in both languages (--json: {"channel","to","answer"}). A refusal, a
// timeout or an unreachable server is exit 1 with the provider's message; no database is
// opened (main.cpp).
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/i18n/catalog.h"
#include "core/notify/notice_text.h"
#include "core/notify/notice_worker.h"
#include "ctl/commands.h"
#include "drivers/notify/smtp_sender.h"

namespace complaint::ctl {
namespace {

constexpr const char* kUsage =
    "usage: complaintctl notify test --channel email --to ADDRESS [--lang zh-CN|en]";

// The error's catalog text in both languages after the usual JSON line.
int report_notify_error(const Error& error) {
  const int code = report_error(error);
  if (!error.key.empty()) std::cerr << both_languages(error.key, {{"field", error.field}});
  return code;
}

Result<std::unique_ptr<NoticeSender>> sender_for(const CtlContext& context, const std::string& channel) {
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
  return Error::invalid(channel, "notify.error.channel", "unknown or unconfigured channel '" + channel + "'");
}

int notify_test(CtlContext& context, Args args) {
  auto channel = take_option(args, "--channel");
  auto to = take_option(args, "--to");
  auto language = take_option(args, "--lang");
  if (!channel.ok()) return report_error(channel.error());
  if (!to.ok()) return report_error(to.error());
  if (!language.ok()) return report_error(language.error());
  if (!args.empty() || !channel->has_value() || !to->has_value()) return report_error(usage_error(kUsage));
  const std::string lang = language->value_or(context.notify_config().language);
  if (lang != "zh-CN" && lang != "en") return report_error(usage_error("--lang must be zh-CN or en"));
  if (**channel == "email") {
    StaffContact contact;
    contact.email = **to;
    if (auto checked = check_staff_contact(contact); !checked.ok() || contact.email.empty())
      return report_notify_error(
          Error::invalid(**to, "notify.error.recipient", "'" + **to + "' is not an email address"));
  }
  auto sender = sender_for(context, **channel);
  if (!sender.ok()) return report_notify_error(sender.error());
  auto catalog = Catalog::load(assets_dir() + "/i18n", lang);
  if (!catalog.ok()) return report_error(catalog.error());
  NoticeMessage message = test_notice_message(*catalog);
  message.recipient = **to;
  const auto answer = (*sender)->send(message);
  if (!answer.ok()) {
    const int code = report_error(answer.error());
    std::cerr << both_languages("notify.test.failed",
                                {{"channel", **channel}, {"to", **to}, {"error", answer.error().message}});
    return code;
  }
  if (context.options().json) {
    std::cout << nlohmann::json{{"channel", **channel}, {"to", **to}, {"answer", *answer}}.dump()
              << std::endl;
  } else {
    std::cout << both_languages("notify.test.sent",
                                {{"channel", **channel}, {"to", **to}, {"answer", *answer}});
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
