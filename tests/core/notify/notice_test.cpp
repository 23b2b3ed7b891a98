// The notice rules (core/notify/notice.h), [notify]'s reader and the staff contact checks.
#include <gtest/gtest.h>

#include "core/config/config.h"
#include "core/notify/customer_notice.h"
#include "core/notify/general_notices.h"
#include "core/notify/notice.h"
#include "core/notify/notice_worker.h"
#include "core/notify/notify_config.h"

namespace complaint {
namespace {

constexpr Instant kAt = Instant{std::chrono::seconds{1795400000}};

Ticket ticket(const std::string& kind, const std::string& channel, bool major) {
  Ticket t;
  t.number = "WH01-K1-20261120-0001-7";
  t.kind = kind;
  t.channel = channel;
  t.major = major;
  return t;
}

TEST(NoticeRules, MajorReportAndMediaTicketsAreNoticedOthersNot) {
  EXPECT_EQ(notices_for_new_ticket(ticket("complaint", "walk_in", true), kAt).size(), 1u);
  EXPECT_EQ(notices_for_new_ticket(ticket("report", "walk_in", false), kAt).size(), 1u);
  EXPECT_EQ(notices_for_new_ticket(ticket("complaint", "media", false), kAt).size(), 1u);
  EXPECT_TRUE(notices_for_new_ticket(ticket("complaint", "walk_in", false), kAt).empty());
  const Notice notice = notices_for_new_ticket(ticket("report", "kiosk", false), kAt).at(0);
  EXPECT_EQ(notice.key, "major:WH01-K1-20261120-0001-7");
  EXPECT_EQ(notice.next_attempt_at, kAt);
}

TEST(NoticeRules, AForwardIsNoticedToItsDepartmentOtherActionsNot) {
  Ticket t = ticket("complaint", "walk_in", false);
  t.department = "营业部";
  TicketEvent event;
  event.action = "forward";
  event.at = kAt;
  const auto notices = notices_for_event(t, event);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].reason, "forwarded");
  EXPECT_EQ(notices[0].key, "forward:WH01-K1-20261120-0001-7:营业部:1795400000");
  event.action = "contact";
  EXPECT_TRUE(notices_for_event(t, event).empty());
}

TicketEvent event_of(const std::string& action, const std::string& data_json) {
  TicketEvent event;
  event.action = action;
  event.at = kAt;
  event.data_json = data_json;
  return event;
}

std::vector<std::string> reasons(const std::vector<Notice>& notices) {
  std::vector<std::string> out;
  for (const Notice& notice : notices) out.push_back(notice.reason);
  return out;
}

// A dissatisfied callback goes to the supervisor, and from there to the executive: each is told
// when it becomes theirs (docs/DOMAIN.md §2), by the roles [notify] names.
TEST(NoticeRules, ADissatisfiedCallbackTellsTheLeaderItIsPassedTo) {
  Ticket t = ticket("complaint", "walk_in", false);
  t.department = "营业部";
  const auto to_supervisor = notices_for_event(
      t, event_of("callback", R"({"satisfaction":"dissatisfied","escalated_to":"supervisor"})"));
  ASSERT_EQ(reasons(to_supervisor), std::vector<std::string>{k_dissatisfied_supervisor_reason});
  EXPECT_EQ(to_supervisor[0].key, "dissatisfied_supervisor:WH01-K1-20261120-0001-7:1795400000");
  const auto to_executive = notices_for_event(t, event_of("escalate", R"({"escalated_to":"executive"})"));
  EXPECT_EQ(reasons(to_executive), std::vector<std::string>{k_dissatisfied_executive_reason});
  EXPECT_TRUE(notices_for_event(t, event_of("callback", R"({"satisfaction":"satisfied"})")).empty());
  EXPECT_TRUE(
      notices_for_event(t, event_of("settle_escalation", R"({"previous_escalation":"executive"})")).empty());

  NotifyConfig config;
  const std::vector<StaffUser> users = {
      {1, "sam", Role::supervisor, "", kAt, "sam@example.cn"},
      {2, "eve", Role::executive, "", kAt, "eve@example.cn"},
      {3, "hank", Role::handler, "", kAt, "hank@example.cn", "", {"营业部"}},
  };
  const auto told = [&](const Notice& notice) {
    std::vector<std::string> out;
    for (const NoticeRecipient& r : notice_recipients(notice, users, config, {"email"}))
      out.push_back(r.address);
    return out;
  };
  EXPECT_EQ(told(to_supervisor[0]), std::vector<std::string>{"sam@example.cn"});
  EXPECT_EQ(told(to_executive[0]), std::vector<std::string>{"eve@example.cn"});
}

// A handler's extension beyond his limit waits for a leader, who is told; one within it (or
// a leader's approval) moves the promise, and an opted-in customer is told the new date.
TEST(NoticeRules, AnExtensionTellsTheLeaderWhileItWaitsAndTheCustomerOnceItHolds) {
  Ticket t = ticket("complaint", "walk_in", false);
  t.notify_customer = true;
  t.phone = "13800138000";
  t.deadlines.resolve_by = kAt + std::chrono::hours(72);
  t.extension_requested_until = kAt + std::chrono::hours(240);
  const auto waiting = notices_for_event(t, event_of("extend", R"({"pending":true})"));
  ASSERT_EQ(reasons(waiting), std::vector<std::string>{k_extension_requested_reason});
  EXPECT_EQ(waiting[0].key, "extension_requested:WH01-K1-20261120-0001-7:1796264000");

  t.extension_requested_until.reset();
  t.deadlines.resolve_by = kAt + std::chrono::hours(240);
  const auto approved = notices_for_event(t, event_of("approve_extension", R"({"approved_by":"sam"})"));
  ASSERT_EQ(reasons(approved), std::vector<std::string>{k_customer_extended_reason});
  EXPECT_EQ(approved[0].key, "customer_extended:WH01-K1-20261120-0001-7:1796264000");
  // The same promise again is the same key: the store keeps one notice.
  EXPECT_EQ(notices_for_event(t, event_of("extend", "{}"))[0].key, approved[0].key);
  EXPECT_TRUE(notices_for_event(t, event_of("deny_extension", R"({"denied_by":"sam"})")).empty());
  t.notify_customer = false;
  EXPECT_TRUE(notices_for_event(t, event_of("extend", "{}")).empty());
}

TEST(NotifyConfig, RolesAndSmtpAreReadAndCheckedWithTheirDefaults) {
  NotifyConfig notify;
  EXPECT_EQ(notify.major_roles, (std::vector<Role>{Role::supervisor, Role::executive}));
  auto config = Config::parse(R"([notify]
major_roles = ["supervisor"]
smtp_url = "smtp://mail.example:587"
smtp_from = "desk@example.com"
max_attempts = 4
)",
                              notify_config_sections(notify));
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(notify.major_roles, (std::vector<Role>{Role::supervisor}));
  EXPECT_EQ(notify.max_attempts, 4);
  NotifyConfig bad;
  EXPECT_FALSE(Config::parse("[notify]\nmajor_roles = [\"kiosk\"]\n", notify_config_sections(bad)).ok());
  EXPECT_FALSE(
      Config::parse("[notify]\nsmtp_url = \"http://x\"\nsmtp_from = \"a@b\"\n", notify_config_sections(bad))
          .ok());
  EXPECT_FALSE(Config::parse("[notify]\nsmtp_url = \"smtp://x\"\n", notify_config_sections(bad)).ok())
      << "smtp_url without smtp_from";
}

TEST(NotifyConfig, TheDigestTimeIsALocalTimeOrNothing) {
  NotifyConfig notify;
  EXPECT_EQ(notify.digest_time, std::chrono::minutes(8 * 60 + 30));
  EXPECT_EQ(notify.help_roles, (std::vector<Role>{Role::intake_clerk}));
  ASSERT_TRUE(
      Config::parse("[notify]\ndigest_time = \"07:45\"\nhelp_roles = [\"intake_clerk\", \"supervisor\"]\n",
                    notify_config_sections(notify))
          .ok());
  EXPECT_EQ(notify.digest_time, std::chrono::minutes(7 * 60 + 45));
  EXPECT_EQ(notify.help_roles, (std::vector<Role>{Role::intake_clerk, Role::supervisor}));
  ASSERT_TRUE(Config::parse("[notify]\ndigest_time = \"\"\n", notify_config_sections(notify)).ok());
  EXPECT_FALSE(notify.digest_time.has_value());
  for (const char* bad : {"24:00", "8:30", "08:60", "0830", "morning"}) {
    NotifyConfig refused;
    const auto parsed = Config::parse("[notify]\ndigest_time = \"" + std::string(bad) + "\"\n",
                                      notify_config_sections(refused));
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_NE(parsed.error().message.find("digest_time"), std::string::npos) << parsed.error().message;
  }
}

// Help and digest notices carry what they say, so a retry says the same; they name no ticket.
TEST(GeneralNotices, AHelpRequestAndADigestCarryTheirFacts) {
  const Notice help =
      help_notice("WH01-K2", HelpRequest{41, "contact", "en", kAt}, kAt + std::chrono::seconds(3));
  EXPECT_EQ(help.key, "help:WH01-K2:41");
  EXPECT_TRUE(help.ticket_number.empty());
  EXPECT_EQ(help.next_attempt_at, kAt + std::chrono::seconds(3));
  const auto facts = help_notice_facts(help);
  ASSERT_TRUE(facts);
  EXPECT_EQ(facts->kiosk_id, "WH01-K2");
  EXPECT_EQ(facts->screen, "contact");
  EXPECT_EQ(facts->language, "en");
  EXPECT_EQ(facts->requested_at, kAt);
  EXPECT_FALSE(digest_notice_facts(help)) << "a help notice is no digest";

  const DailyDigest digest{"2026-11-23", 4, 3, 2, 1};
  const Notice made = digest_notice(digest, kAt);
  EXPECT_EQ(made.key, "digest:2026-11-23");
  EXPECT_EQ(digest_notice_facts(made), digest);
  Notice broken = made;
  broken.data_json = "{\"date\":\"2026-11-23\"}";
  EXPECT_FALSE(digest_notice_facts(broken)) << "missing counts";
}

TEST(StaffContact, AnAddressThatCouldInjectAHeaderIsRefused) {
  EXPECT_TRUE(check_staff_contact(StaffContact{"a.b@example.com", "zhangsan"}).ok());
  EXPECT_TRUE(check_staff_contact(StaffContact{}).ok());
  for (const char* email :
       {"a@example.com\r\nBcc: x@example.com", "no-at-sign", "a@b@c", "<a@b.c>", "a @b.c", "@b.c"}) {
    const auto checked = check_staff_contact(StaffContact{email, ""});
    ASSERT_FALSE(checked.ok()) << email;
    EXPECT_EQ(checked.error().field, "email");
  }
  EXPECT_FALSE(check_staff_contact(StaffContact{"", "a\nb"}).ok());
}

}  // namespace
}  // namespace complaint
