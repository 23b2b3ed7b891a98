// [notify]: who is told what, and how (core/notify). complaint-desk reads it with its own
// sections; complaintctl's `notify test` too. Defaults follow the procedures: a major,
// report or media ticket goes to the supervisors and the executives (the deputy general
// manager's role), a forwarded ticket to its department's handlers.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config_file.h"
#include "core/notify/group_channels.h"
#include "core/workflow/workflow.h"

namespace complaint {

struct NotifyConfig {
  std::string language = "zh-CN";  // the notices' catalog language
  // The console's page of a ticket, "{number}" replaced; empty: no link in the notices.
  std::string console_url;
  std::vector<Role> major_roles{Role::supervisor, Role::executive};
  std::vector<Role> forwarded_roles{Role::handler};  // of the ticket's department
  // The delivery worker: a round every poll_seconds; a failed round is retried after a
  // backoff with jitter from retry_base_seconds up to retry_max_seconds; after max_attempts
  // failed rounds the notice is failed (the console lists it with the provider's answer).
  int poll_seconds = 5;
  int retry_base_seconds = 30;
  int retry_max_seconds = 3600;
  int max_attempts = 10;
  int lease_seconds = 300;  // a worker's claim on a notice; another desk takes it after this
  int batch = 50;           // notices claimed per round
  int send_parallel = 4;    // messages in flight at once in a round
  // The scheduler (notice_scheduler.h): reminders before a pending deadline, overdue notices
  // when one passes, escalated after a while. A lead of 0 (or an hour of -1) sends no reminder.
  int forward_reminder_minutes = 15;   // before forward_by
  int contact_reminder_minutes = 120;  // before contact_by
  int resolve_reminder_hour = 9;       // local hour on the day of resolve_by / answer_by
  int callback_reminder_minutes = 0;   // before callback_by
  std::vector<Role> forward_reminder_roles{Role::dispatcher};        // forward_by: those who forward
  std::vector<Role> reminder_roles{Role::handler};                   // the other clocks: the department's
  std::vector<Role> overdue_roles{Role::handler, Role::supervisor};  // handlers: the department's
  int escalate_after_hours = 24;  // still not done this long after the deadline: the executives
  std::vector<Role> escalate_roles{Role::executive};
  // A dissatisfied callback is the supervisor's, then the executive's (docs/DOMAIN.md §2);
  // a handler's extension beyond his limit waits for a leader.
  std::vector<Role> dissatisfied_supervisor_roles{Role::supervisor};
  std::vector<Role> dissatisfied_executive_roles{Role::executive};
  std::vector<Role> extension_roles{Role::supervisor};
  // Notices about no one ticket (general_notices.h): a kiosk's help request to the lobby staff
  // at once; the daily digest at digest_time (local "HH:MM"; empty: none) on working days.
  std::vector<Role> help_roles{Role::intake_clerk};
  std::vector<Role> digest_roles{Role::supervisor};
  std::optional<std::chrono::minutes> digest_time = std::chrono::minutes{8 * 60 + 30};  // after midnight
  int schedule_seconds = 60;        // complaint-desk runs a scheduler round this often
  int schedule_scan_limit = 20000;  // open tickets looked at per round, earliest deadline first
  // Group channels (group_channels.h): wecom_*, dingtalk_*, feishu_*, webhook_* keys; one
  // HTTP timeout for them all, and an extra CA bundle for a private receiver.
  std::vector<GroupChannel> groups = default_group_channels();
  int group_timeout_seconds = 10;
  // Customer notices (customer_notice.h; customers who opted in at intake): by email to the
  // ticket's customer_email when customer_email is on and email is configured, and by SMS to
  // the ticket's phone through the channel customer_sms_channel names: "webhook", the JSON
  // webhook of an SMS gateway (docs/WEBHOOKS.md); empty: no SMS. Never to a group.
  bool customer_email = true;
  std::string customer_sms_channel;
  std::string group_ca_file;
  // Email (SMTP through libcurl, drivers/notify). Empty smtp_url: no email is sent.
  std::string smtp_url;  // "smtp://mail.example:587" (STARTTLS) or "smtps://mail.example:465"
  std::string smtp_user;
  std::string smtp_password;
  std::string smtp_from;         // "desk@example.com"
  bool smtp_require_tls = true;  // smtp://: STARTTLS must succeed, else nothing is sent
  std::string smtp_ca_file;      // extra CA bundle for a private mail server
  int smtp_timeout_seconds = 30;
};

// The reader of [notify], writing into `notify` (which must outlive the parse).
std::vector<ConfigSection> notify_config_sections(NotifyConfig& notify);

}  // namespace complaint
