// [notify]'s reader; see notify_config.h.
#include "core/notify/notify_config.h"

#include <algorithm>

namespace complaint {
namespace {

Result<void> roles(SectionReader& section, std::string_view key, std::vector<Role>& out) {
  if (!section.has(key)) return Ok{};
  std::vector<std::string> names;
  TRY_VOID(section.text_list(key, names));
  std::vector<Role> parsed;
  for (const std::string& name : names) {
    const auto role = role_from_string(name);
    if (!role || *role == Role::customer || *role == Role::kiosk)
      return section.invalid(key, "'" + name + "' is not a staff role");
    parsed.push_back(*role);
  }
  out = std::move(parsed);
  return Ok{};
}

// "HH:MM" (local), or "" for none.
Result<void> time_of_day(SectionReader& section, std::string_view key,
                         std::optional<std::chrono::minutes>& out) {
  if (!section.has(key)) return Ok{};
  std::string text;
  TRY_VOID(section.text(key, text));
  if (text.empty()) {
    out.reset();
    return Ok{};
  }
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9' ? text[i] - '0' : -1; };
  if (text.size() != 5 || text[2] != ':' || digit(0) < 0 || digit(1) < 0 || digit(3) < 0 || digit(4) < 0)
    return section.invalid(key, "must be a local time \"HH:MM\", or \"\" for none");
  const int hour = digit(0) * 10 + digit(1);
  const int minute = digit(3) * 10 + digit(4);
  if (hour > 23 || minute > 59)
    return section.invalid(key, "must be a local time \"HH:MM\", or \"\" for none");
  out = std::chrono::minutes{hour * 60 + minute};
  return Ok{};
}

}  // namespace

std::vector<ConfigSection> notify_config_sections(NotifyConfig& notify) {
  return {{"notify", [&notify](SectionReader& section) -> Result<void> {
             TRY_VOID(section.text("language", notify.language));
             if (notify.language != "zh-CN" && notify.language != "en")
               return section.invalid("language", "must be \"zh-CN\" or \"en\"");
             TRY_VOID(section.text("console_url", notify.console_url));
             TRY_VOID(roles(section, "major_roles", notify.major_roles));
             TRY_VOID(roles(section, "forwarded_roles", notify.forwarded_roles));
             TRY_VOID(section.integer("poll_seconds", notify.poll_seconds, 1, 3600));
             TRY_VOID(section.integer("retry_base_seconds", notify.retry_base_seconds, 1, 86400));
             TRY_VOID(section.integer("retry_max_seconds", notify.retry_max_seconds, 1, 7 * 86400));
             TRY_VOID(section.integer("max_attempts", notify.max_attempts, 1, 1000));
             TRY_VOID(section.integer("lease_seconds", notify.lease_seconds, 10, 86400));
             TRY_VOID(section.integer("batch", notify.batch, 1, 10000));
             TRY_VOID(section.integer("send_parallel", notify.send_parallel, 1, 64));
             TRY_VOID(section.integer("forward_reminder_minutes", notify.forward_reminder_minutes, 0, 1440));
             TRY_VOID(section.integer("contact_reminder_minutes", notify.contact_reminder_minutes, 0, 1440));
             TRY_VOID(section.integer("resolve_reminder_hour", notify.resolve_reminder_hour, -1, 23));
             TRY_VOID(
                 section.integer("callback_reminder_minutes", notify.callback_reminder_minutes, 0, 10080));
             TRY_VOID(roles(section, "forward_reminder_roles", notify.forward_reminder_roles));
             TRY_VOID(roles(section, "reminder_roles", notify.reminder_roles));
             TRY_VOID(roles(section, "overdue_roles", notify.overdue_roles));
             TRY_VOID(section.integer("escalate_after_hours", notify.escalate_after_hours, 1, 720));
             TRY_VOID(roles(section, "escalate_roles", notify.escalate_roles));
             TRY_VOID(roles(section, "dissatisfied_supervisor_roles", notify.dissatisfied_supervisor_roles));
             TRY_VOID(roles(section, "dissatisfied_executive_roles", notify.dissatisfied_executive_roles));
             TRY_VOID(roles(section, "extension_roles", notify.extension_roles));
             TRY_VOID(roles(section, "help_roles", notify.help_roles));
             TRY_VOID(roles(section, "digest_roles", notify.digest_roles));
             TRY_VOID(time_of_day(section, "digest_time", notify.digest_time));
             TRY_VOID(section.integer("schedule_seconds", notify.schedule_seconds, 1, 86400));
             TRY_VOID(section.integer("schedule_scan_limit", notify.schedule_scan_limit, 1, 1000000));
             TRY_VOID(read_group_channels(section, notify.groups));
             TRY_VOID(section.integer("group_timeout_seconds", notify.group_timeout_seconds, 1, 600));
             TRY_VOID(section.boolean("customer_email", notify.customer_email));
             TRY_VOID(section.text("customer_sms_channel", notify.customer_sms_channel));
             if (!notify.customer_sms_channel.empty()) {
               if (notify.customer_sms_channel != "webhook")
                 return section.invalid("customer_sms_channel",
                                        "must be \"webhook\" (the SMS gateway's JSON webhook) or empty");
               const auto webhook = std::find_if(notify.groups.begin(), notify.groups.end(),
                                                 [](const auto& g) { return g.kind == GroupKind::webhook; });
               if (webhook == notify.groups.end() || !webhook->enabled)
                 return section.invalid_at("webhook_enabled", "customer_sms_channel",
                                           "customer SMS go through the JSON webhook: enable it");
             }
             TRY_VOID(section.path("group_ca_file", notify.group_ca_file));
             TRY_VOID(section.text("smtp_url", notify.smtp_url));
             if (!notify.smtp_url.empty() && notify.smtp_url.rfind("smtp://", 0) != 0 &&
                 notify.smtp_url.rfind("smtps://", 0) != 0)
               return section.invalid("smtp_url", "must start with smtp:// or smtps://");
             TRY_VOID(section.text("smtp_user", notify.smtp_user));
             TRY_VOID(section.text("smtp_password", notify.smtp_password));
             TRY_VOID(section.text("smtp_from", notify.smtp_from));
             if (!notify.smtp_url.empty() && notify.smtp_from.empty())
               return section.invalid_at("smtp_from", "smtp_url", "smtp_url needs smtp_from");
             TRY_VOID(section.boolean("smtp_require_tls", notify.smtp_require_tls));
             TRY_VOID(section.path("smtp_ca_file", notify.smtp_ca_file));
             TRY_VOID(section.integer("smtp_timeout_seconds", notify.smtp_timeout_seconds, 1, 600));
             return Ok{};
           }}};
}

}  // namespace complaint
