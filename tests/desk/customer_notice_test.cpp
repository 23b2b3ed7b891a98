// Customer notices (core/notify/customer_notice.h, docs/DOMAIN.md §4a) on both desk stores
// (desk_store_fixture.h): a customer who opted in at intake is told by email and SMS, once
// each, when the ticket is forwarded and when it is answered, in the ticket's language, with
// the tracking link and never the complaint's text; one who did not is told nothing; a group
// channel never gets a customer notice; the trail names the customer masked. Also the intake
// rules (email, opt-in) and tickets from kiosks and desks that predate the fields.
#include <nlohmann/json.hpp>
#include <set>

#include "core/domain/ticket_fields.h"
#include "core/domain/tracking_token.h"
#include "core/i18n/local_time_text.h"
#include "core/notify/customer_notice.h"
#include "core/notify/fake_notice_sender.h"
#include "core/notify/notice_worker.h"
#include "core/privacy/masking.h"
#include "core/sync/sync_wire.h"
#include "core/validation/ticket_validation.h"
#include "core/workflow/extension.h"
#include "desk_store_fixture.h"

namespace complaint::testing {
namespace {

constexpr const char* kContent = "柜员态度恶劣，让我等了两个小时";
constexpr const char* kPhone = "13900131234";
constexpr const char* kEmail = "zhao.liu@example.com";
constexpr const char* kTracking = "https://desk.example/t/{number}?k={token}";

class CustomerNoticeTest : public DeskStoreFixture {
 protected:
  void SetUp() override {
    DeskStoreFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    zh = std::make_unique<Catalog>(must(Catalog::load(assets_dir() + "/i18n", "zh-CN")));
    en = std::make_unique<Catalog>(must(Catalog::load(assets_dir() + "/i18n", "en")));
    text = std::make_unique<NoticeTextContext>(NoticeTextContext{*zh, taxonomy, calendar->zone(), "zh-CN",
                                                                 "https://desk.example/console/t/{number}"});
    text->customer_catalog = [this](const std::string& language) -> const Catalog& {
      return language == "en" ? *en : *zh;
    };
    text->tracking_url = kTracking;
    // The webhook is both a group (staff's forwards) and the SMS gateway; it is told to take
    // a customer reason as a group too, which it must never be given.
    for (GroupChannel& group : notify.groups) {
      if (group.kind != GroupKind::webhook) continue;
      group.enabled = true;
      group.name = "短信网关";
      group.reasons = {"forwarded", k_customer_forwarded_reason, k_customer_replied_reason};
    }
    notify.customer_sms_channel = "webhook";
    StaffUser handler;
    handler.name = "经办丙";
    handler.role = Role::handler;
    handler.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaA";
    handler.created_at = kNow;
    handler.email = "handler@example.com";
    handler.departments = {"营业部"};
    must(desk->add_user(handler));
  }

  Ticket file(bool opted_in, const std::string& email = kEmail, const std::string& language = "zh-CN") {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "walk_in";
    draft.category = "service_quality";
    draft.content = kContent;
    draft.customer_name = "赵六";
    draft.phone = kPhone;
    draft.customer_email = email;
    draft.notify_customer = opted_in;
    draft.language = language;
    draft.filed_at = clock.now();
    return must(staff->file(draft, FilingContext{"clerk", Role::intake_clerk}));
  }

  void act(const std::string& number, Action action, const std::string& department = "营业部") {
    ActionRequest request;
    request.action = action;
    request.role = Role::supervisor;
    request.actor = "sam";
    request.at = clock.now();
    request.department = department;
    request.handling_result = "已致歉并改进排队安排";
    request.note = "按部门职责处理";
    must(staff->act(number, request));
  }

  NoticeRound round() {
    NoticeWorker worker({*notices, *tickets, *desk, *text, clock}, notify, {&email, &webhook}, "desk-a",
                        [] { return 0.5; });
    return must(worker.run_once());
  }

  static std::vector<NoticeMessage> to_customer(const FakeNoticeSender& sender) {
    return to_customer(sender.sent());
  }
  static std::vector<NoticeMessage> to_customer(const std::vector<NoticeMessage>& sent) {
    std::vector<NoticeMessage> found;
    for (const NoticeMessage& message : sent)
      if (message.to_customer) found.push_back(message);
    return found;
  }

  std::vector<TicketEvent> sent_events(const std::string& number) {
    std::vector<TicketEvent> found;
    for (const TicketEvent& event : must(tickets->events(number)))
      if (event.action == k_notice_sent_action) found.push_back(event);
    return found;
  }

  std::unique_ptr<Catalog> zh, en;
  std::unique_ptr<NoticeTextContext> text;
  NotifyConfig notify;
  FakeNoticeSender email{"email"};
  FakeNoticeSender webhook{"webhook"};
};

TEST_P(CustomerNoticeTest, AnOptedInCustomerIsToldOfTheForwardAndTheAnswerOnceEachByEmailAndSms) {
  const Ticket ticket = file(true);
  EXPECT_TRUE(must(tickets->find(ticket.number))->notify_customer);
  EXPECT_EQ(must(tickets->find(ticket.number))->customer_email, kEmail);
  act(ticket.number, Action::forward);
  std::set<std::string> keys;
  for (const Notice& notice : must(notices->ticket_notices(ticket.number))) keys.insert(notice.key);
  EXPECT_EQ(keys, (std::set<std::string>{"forward:" + ticket.number +
                                             ":营业部:" + std::to_string(kNow.time_since_epoch().count()),
                                         "customer_forwarded:" + ticket.number}));
  round();
  auto mails = to_customer(email);
  auto sms = to_customer(webhook);
  ASSERT_EQ(mails.size(), 1u);
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_EQ(mails[0].recipient, kEmail);
  EXPECT_EQ(sms[0].recipient, kPhone);
  // The group got the staff's forward, never the customer's notice.
  for (const NoticeMessage& message : webhook.sent()) {
    if (message.to_customer) continue;
    EXPECT_EQ(message.recipient, "短信网关");
    EXPECT_EQ(message.facts.reason, "forwarded");
  }
  const std::string link = tracking_url(kTracking, ticket.number, ticket.tracking_token);
  for (const NoticeMessage& message : {mails[0], sms[0]}) {
    EXPECT_EQ(message.facts.reason, k_customer_forwarded_reason);
    EXPECT_NE(message.subject.find(ticket.number), std::string::npos) << message.subject;
    EXPECT_NE(message.text.find("已转交"), std::string::npos) << message.text;
    EXPECT_NE(message.text.find(link), std::string::npos) << message.text;
    EXPECT_EQ(message.text.find("console"), std::string::npos) << "no staff link: " << message.text;
    for (const std::string* part : {&message.subject, &message.text, &message.html}) {
      EXPECT_EQ(part->find("柜员"), std::string::npos) << *part;
      EXPECT_EQ(part->find("两个小时"), std::string::npos) << *part;
      EXPECT_EQ(part->find(kPhone), std::string::npos) << *part;
      EXPECT_EQ(part->find(kEmail), std::string::npos) << *part;
    }
  }
  // The trail names the customer masked only.
  std::set<std::string> shown;
  for (const TicketEvent& event : sent_events(ticket.number)) {
    EXPECT_EQ(event.data_json.find(kPhone), std::string::npos) << event.data_json;
    EXPECT_EQ(event.data_json.find(kEmail), std::string::npos) << event.data_json;
    if (event.data_json.find("customer_forwarded") != std::string::npos) shown.insert(event.data_json);
  }
  ASSERT_EQ(shown.size(), 2u);
  const std::string all = *shown.begin() + *shown.rbegin();
  EXPECT_NE(all.find(mask_phone(kPhone)), std::string::npos) << all;
  EXPECT_NE(all.find(mask_email(kEmail)), std::string::npos) << all;
  for (const NoticeDelivery& delivery : must(notices->ticket_deliveries(ticket.number))) {
    EXPECT_NE(delivery.recipient, kPhone);
    EXPECT_NE(delivery.recipient, kEmail);
  }

  // Nothing more on later rounds, after a restart, or for a reassignment.
  round();
  reopen();
  clock.advance(std::chrono::hours(1));
  act(ticket.number, Action::reassign, "信贷部");
  round();
  EXPECT_EQ(to_customer(email).size(), 1u);
  EXPECT_EQ(to_customer(webhook).size(), 1u);

  // The answer: once more each.
  act(ticket.number, Action::contact, "信贷部");
  act(ticket.number, Action::reply, "信贷部");
  round();
  round();
  mails = to_customer(email);
  sms = to_customer(webhook);
  ASSERT_EQ(mails.size(), 2u);
  ASSERT_EQ(sms.size(), 2u);
  EXPECT_EQ(mails[1].facts.reason, k_customer_replied_reason);
  EXPECT_EQ(sms[1].facts.key, "customer_replied:" + ticket.number + ":0");
  EXPECT_NE(mails[1].text.find("已有处理答复"), std::string::npos) << mails[1].text;
  EXPECT_EQ(mails[1].text.find("已致歉"), std::string::npos) << "no handling result: " << mails[1].text;
}

TEST_P(CustomerNoticeTest, ACustomerWhoDidNotOptInIsToldNothing) {
  const Ticket ticket = file(false);
  act(ticket.number, Action::forward);
  act(ticket.number, Action::contact);
  act(ticket.number, Action::reply);
  round();
  for (const Notice& notice : must(notices->ticket_notices(ticket.number)))
    EXPECT_FALSE(is_customer_reason(notice.reason)) << notice.key;
  EXPECT_TRUE(to_customer(email).empty());
  EXPECT_TRUE(to_customer(webhook).empty());
  EXPECT_EQ(email.sent().size(), 1u);  // the handler's forward
}

TEST_P(CustomerNoticeTest, TheMessageIsInTheTicketsLanguageAndReachesOnlyWhatTheCustomerGave) {
  const Ticket ticket = file(true, "", "en");  // a phone, no email
  act(ticket.number, Action::forward);
  round();
  EXPECT_TRUE(to_customer(email).empty());
  const auto sms = to_customer(webhook);
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_EQ(sms[0].recipient, kPhone);
  EXPECT_NE(sms[0].subject.find("was forwarded"), std::string::npos) << sms[0].subject;
  EXPECT_NE(sms[0].text.find("Track its progress"), std::string::npos) << sms[0].text;
  EXPECT_EQ(must(notices->ticket_notices(ticket.number)).back().state, NoticeState::delivered);
}

TEST_P(CustomerNoticeTest, WithNoChannelForTheCustomerTheNoticeSaysWhyAndSendsNothing) {
  notify.customer_sms_channel.clear();
  notify.customer_email = false;
  const Ticket ticket = file(true);
  act(ticket.number, Action::forward);
  round();
  EXPECT_TRUE(to_customer(email).empty());
  EXPECT_TRUE(to_customer(webhook).empty());
  for (const Notice& notice : must(notices->ticket_notices(ticket.number))) {
    if (!is_customer_reason(notice.reason)) continue;
    EXPECT_EQ(notice.state, NoticeState::pending);
    EXPECT_NE(notice.last_error.find("customer_sms_channel"), std::string::npos) << notice.last_error;
  }
}

// An extension: the supervisor is told while a handler's request waits; once approved, the
// customer is told the new date and the reason's category (never the reason's text), once.
TEST_P(CustomerNoticeTest, AnExtensionReachesTheSupervisorWhileItWaitsAndTheCustomerOnceItHolds) {
  StaffUser supervisor;
  supervisor.name = "王主管";
  supervisor.role = Role::supervisor;
  supervisor.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaA";
  supervisor.created_at = kNow;
  supervisor.email = "supervisor@example.com";
  must(desk->add_user(supervisor));
  const Ticket ticket = file(true);
  act(ticket.number, Action::forward);
  round();
  const auto since = [](const FakeNoticeSender& sender, std::size_t from) {
    const std::vector<NoticeMessage> all = sender.sent();
    return std::vector<NoticeMessage>(all.begin() + static_cast<std::ptrdiff_t>(from), all.end());
  };
  const std::size_t mails_before = email.sent().size();
  const std::size_t sms_before = webhook.sent().size();

  ActionRequest request;
  request.action = Action::extend;
  request.role = Role::handler;
  request.actor = "经办丙";
  request.at = clock.now();
  request.reason_category = "needs_investigation";
  request.note = "需调取监控录像，经办人李四休假";
  request.extend_by = must(parse_extension_target("7wd", *calendar)).by;
  const Ticket asked = must(staff->act(ticket.number, request));
  ASSERT_TRUE(asked.extension_requested_until) << "7 working days is beyond a handler's limit";
  round();
  const std::vector<NoticeMessage> asked_mails = since(email, mails_before);
  ASSERT_EQ(asked_mails.size(), 1u) << "the supervisor only; a request is no promise to the customer";
  EXPECT_EQ(asked_mails[0].recipient, "supervisor@example.com");
  EXPECT_EQ(asked_mails[0].facts.reason, k_extension_requested_reason);
  EXPECT_NE(asked_mails[0].subject.find("延期待审批"), std::string::npos) << asked_mails[0].subject;
  const std::size_t mails_asked = email.sent().size();

  ActionRequest approve;
  approve.action = Action::approve_extension;
  approve.role = Role::supervisor;
  approve.actor = "王主管";
  approve.at = clock.now();
  const Ticket approved = must(staff->act(ticket.number, approve));
  round();
  round();  // a second round sends nothing again
  const auto mails = since(email, mails_asked);
  const auto sms = to_customer(since(webhook, sms_before));
  ASSERT_EQ(mails.size(), 1u);
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_TRUE(mails[0].to_customer);
  const std::string promised = format_local_with_weekday(
      *zh, calendar->zone(), *approved.deadlines.resolve_by, MidnightAs::end_of_day);
  for (const NoticeMessage& message : {mails[0], sms[0]}) {
    EXPECT_EQ(message.facts.reason, k_customer_extended_reason);
    EXPECT_NE(message.text.find(promised), std::string::npos) << message.text;
    EXPECT_NE(message.text.find("需要进一步调查核实"), std::string::npos) << message.text;
    EXPECT_EQ(message.text.find("监控"), std::string::npos) << "the reason's text: " << message.text;
    EXPECT_EQ(message.text.find("李四"), std::string::npos) << message.text;
  }
}

INSTANTIATE_TEST_SUITE_P(BothStores, CustomerNoticeTest, kBothStores, store_name);

TEST(CustomerIntake, TheEmailIsCheckedAndTheOptInNeedsANamedCustomer) {
  const Taxonomy taxonomy = Taxonomy::defaults();
  TicketDraft draft;
  draft.kind = "complaint";
  draft.channel = "kiosk";
  draft.category = "service_quality";
  draft.content = "排队太久";
  draft.customer_name = "赵";
  draft.phone = kPhone;
  draft.customer_email = "  zhao@example.com ";
  draft.notify_customer = true;
  EXPECT_EQ(must(validate_draft(draft, taxonomy)).customer_email, "zhao@example.com");
  for (const char* wrong : {"zhao", "zhao@", "@example.com", "zhao@example", "zhao liu@example.com",
                            "a@b@example.com", "<zhao@example.com>", "zhao@example.com\r\nBcc: x@y.z"}) {
    draft.customer_email = wrong;
    const auto refused = validate_draft(draft, taxonomy);
    ASSERT_FALSE(refused.ok()) << wrong;
    EXPECT_EQ(refused.error().key, "error.email.invalid") << wrong;
  }
  draft.customer_email.clear();
  draft.anonymous = true;
  draft.customer_name.clear();
  draft.phone.clear();
  EXPECT_EQ(validate_draft(draft, taxonomy).error().key, "error.anonymous.contact_given");
  draft.notify_customer = false;
  draft.customer_email = "zhao@example.com";
  EXPECT_EQ(validate_draft(draft, taxonomy).error().key, "error.anonymous.contact_given");
  EXPECT_EQ(mask_email("zhao.liu@example.com"), "z***@example.com");
  EXPECT_EQ(mask_email("张@example.com"), "张***@example.com");
}

TEST(CustomerIntake, ATicketFromAKioskOrDeskBeforeTheFieldsKeepsTheirDefaults) {
  Ticket ticket;
  ticket.number = "WH01-K1-20261120-0001-7";
  ticket.customer_email = "zhao@example.com";
  ticket.notify_customer = true;
  nlohmann::json wire = sync_wire::ticket_to_wire(ticket);
  EXPECT_EQ(wire["customer_email"], "zhao@example.com");
  EXPECT_EQ(wire["notify_customer"], true);
  EXPECT_TRUE(must(sync_wire::ticket_from_wire(wire, "ticket")).notify_customer);
  wire.erase("customer_email");
  wire.erase("notify_customer");
  const Ticket old = must(sync_wire::ticket_from_wire(wire, "ticket"));
  EXPECT_EQ(old.customer_email, "");
  EXPECT_FALSE(old.notify_customer);
  // Another field missing is still an error.
  wire.erase("phone");
  EXPECT_FALSE(sync_wire::ticket_from_wire(wire, "ticket").ok());
}

}  // namespace
}  // namespace complaint::testing
