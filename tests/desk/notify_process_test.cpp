// Notices end to end: the REAL complaint-desk with [notify] pointing at a REAL SMTP server on
// loopback (python3-aiosmtpd, smtp_sink.h) or the loopback JSON webhook receiver
// (tests/drivers/webhooks/webhook_sink.py), on a SQLite desk file and on PostgreSQL (a private
// server, postgres_server.h). A major ticket filed at the desk reaches its supervisor by
// exactly one email that names the ticket and carries no complaint text, customer name or
// phone; the desk killed and started again sends it no second time. Faults: a server that
// drops the connection mid-message gets the notice once on the retry; a desk killed between a
// send and its record sends the same Message-ID (email) or Idempotency-Key (webhook, which the
// receiver drops) again. Two desks on one PostgreSQL deliver each due reminder once. A desk
// without smtp_url says so and keeps the notice waiting. `complaintctl notify test` prints the
// provider's answer (email, the group channels), or fails with the refusal.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "console_client.h"
#include "core/calendar/work_calendar.h"
#include "core/services/filing_service.h"
#include "desk_process.h"
#include "drivers/postgres/desk_stores.h"
#include "postgres_server.h"
#include "smtp_sink.h"
#include "sync_test_support.h"
#include "tests/drivers/webhooks/webhook_sink.h"

namespace complaint::testing {
namespace {

using nlohmann::json;

constexpr const char* kContent = "柜员态度恶劣，我要找媒体曝光";  // a trigger word: major
constexpr const char* kCustomer = "赵六";
constexpr const char* kPhone = "13900131234";
constexpr const char* kSupervisor = "sup@bank.example";

// `digest_time` "" (the default here): no daily digest, which the supervisor would otherwise
// get after 08:30 on a working day.
std::string notify_config(const SmtpSink& sink, const std::string& digest_time = "") {
  return "[notify]\nsmtp_url = \"" + sink.url() +
         "\"\nsmtp_from = \"desk@bank.example\"\nsmtp_require_tls = false\npoll_seconds = 1\n"
         "console_url = \"https://desk.bank.example/console/t/{number}\"\n"
         "digest_time = \"" +
         digest_time + "\"\n";
}

// The local day (the default calendar's zone) now.
LocalDays local_today() {
  const WorkCalendar calendar = must(WorkCalendar::create(Config::defaults().calendar));
  return calendar.local_day(SystemClock().now());
}

// [notify] with the daily digest due at once: at 00:00 on a working day, the day before and
// after `today` made working days too, so it holds on any date and across a midnight.
std::string digest_now_config(const SmtpSink& sink, LocalDays today) {
  std::string days;
  for (const LocalDays day : {today - std::chrono::days{1}, today, today + std::chrono::days{1}})
    days += std::string(days.empty() ? "" : ", ") + "\"" + format_local_date(day) + "\"";
  return notify_config(sink, "00:00") + "[calendar]\nextra_workdays = [" + days + "]\n";
}

void add_user(const std::string& db, const std::string& name, const std::string& role,
              const std::string& email) {
  const CommandResult added = run_command({COMPLAINTCTL_PATH, "--db", db, "desk", "user", "add", name,
                                           "--role", role, "--email", email, "--password-stdin"},
                                          "a long enough password 2026\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
}

// Files a major ticket into the desk's database (SQLite file or PostgreSQL) as reception or a
// kiosk's sync would put it there; its number.
std::string file_major(DeskStores& stores) {
  const Config config = Config::defaults();
  const Taxonomy taxonomy = Taxonomy::defaults();
  const WorkCalendar calendar = must(WorkCalendar::create(config.calendar));
  SystemClock clock;
  FilingService filing(config, taxonomy, calendar, stores.tickets(), clock);
  TicketDraft draft;
  draft.kind = "complaint";
  draft.channel = "walk_in";
  draft.category = "service_attitude";
  draft.content = kContent;
  draft.customer_name = kCustomer;
  draft.phone = kPhone;
  const Ticket filed = must(filing.file(draft, FilingContext{"clerk", Role::intake_clerk}));
  EXPECT_TRUE(filed.major);
  return filed.number;
}

int sent_events(DeskStores& stores, const std::string& number) {
  int count = 0;
  for (const TicketEvent& event : must(stores.tickets().events(number)))
    count += event.action == "notice_sent";
  return count;
}

// The desk's database: a SQLite file in the test's folder, or a database on the private
// PostgreSQL server (tests/desk/postgres_server.h).
class NotifyProcess : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      PostgresServer& server = shared_postgres_server();
      if (!server.running()) GTEST_SKIP() << "no PostgreSQL server: " << server.why_not();
      static int databases = 0;  // one database per test on the shared server
      db = server.create_database("notify_email_" + std::to_string(++databases));
      ASSERT_FALSE(db.empty());
    } else {
      std::filesystem::create_directories(dir.file("desk"));
      db = dir.file("desk") + "/desk.db";
    }
  }

  TempDir dir;
  std::string db;
};

TEST_P(NotifyProcess, AMajorTicketReachesTheSupervisorByOneEmailEvenAfterTheDeskIsKilled) {
  SmtpSink sink(dir.file("sink"));
  ASSERT_TRUE(sink.started()) << sink.log();
  const std::string config = notify_config(sink);
  std::string number;
  {
    DeskProcess desk(dir.file("desk"), config, db);
    ASSERT_TRUE(desk.started()) << desk.log();
    add_user(db, "主管甲", "supervisor", kSupervisor);
    add_user(db, "经办丙", "handler", "handler@bank.example");  // not told of a new major ticket
    DeskStores stores = must(open_desk_stores(db));
    number = file_major(stores);
    ASSERT_FALSE(number.empty());

    const auto messages = sink.wait_for(1, std::chrono::seconds(30));
    ASSERT_EQ(messages.size(), 1u) << desk.log();
    const json& m = messages[0].decoded;
    EXPECT_EQ(m["rcpt_tos"], json::array({kSupervisor}));
    EXPECT_EQ(m["headers"]["To"], kSupervisor);
    const std::string subject = m["subject"];
    EXPECT_NE(subject.find(number), std::string::npos) << subject;
    EXPECT_NE(subject.find("重大投诉"), std::string::npos) << subject;
    ASSERT_EQ(m["parts"].size(), 2u);
    const std::string text = m["parts"][0]["text"];
    const std::string html = m["parts"][1]["text"];
    EXPECT_NE(text.find(number), std::string::npos) << text;
    EXPECT_NE(text.find("https://desk.bank.example/console/t/" + number), std::string::npos) << text;
    EXPECT_NE(html.find(number), std::string::npos) << html;
    // No personal data, decoded or on the wire.
    for (const std::string& body : {subject, text, html, m.dump(), messages[0].raw}) {
      EXPECT_EQ(body.find(kContent), std::string::npos);
      EXPECT_EQ(body.find("媒体曝光"), std::string::npos);
      EXPECT_EQ(body.find(kCustomer), std::string::npos);
      EXPECT_EQ(body.find(kPhone), std::string::npos);
    }
    // The delivery is on the ticket's trail once it is recorded.
    for (int i = 0; i < 100 && sent_events(stores, number) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(sent_events(stores, number), 1);
    std::this_thread::sleep_for(std::chrono::seconds(3));  // three more rounds
    EXPECT_EQ(sink.messages().size(), 1u);
    EXPECT_NE(desk.log().find("notify: email through smtp://127.0.0.1:"), std::string::npos) << desk.log();

    ASSERT_EQ(::kill(desk.pid(), SIGKILL), 0);
    ASSERT_TRUE(desk.wait_for_exit(std::chrono::seconds(10)).has_value());
  }
  DeskProcess again(dir.file("desk"), config, db);
  ASSERT_TRUE(again.started()) << again.log();
  std::this_thread::sleep_for(std::chrono::seconds(4));
  EXPECT_EQ(sink.messages().size(), 1u) << again.log();
  DeskStores stores = must(open_desk_stores(db));
  EXPECT_EQ(sent_events(stores, number), 1);
  const auto notices = must(stores.notices().ticket_notices(number));
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].state, NoticeState::delivered);
  EXPECT_EQ(again.stop(), 0) << "graceful shutdown with the worker running: " << again.log();
}

// The desk's notice settings for the fault tests: rounds every second, a failed round retried
// after a second or two, and a lease short enough that a desk started after a kill takes the
// killed desk's claimed notice within seconds.
constexpr const char* kQuickRetries = "retry_base_seconds = 1\nretry_max_seconds = 2\nlease_seconds = 10\n";

std::string webhook_config(const test::WebhookSink& sink, const std::string& reasons = "[\"major\"]") {
  return "[notify]\npoll_seconds = 1\n" + std::string(kQuickRetries) +
         "webhook_enabled = true\nwebhook_group = \"短信网关\"\nwebhook_url = \"" + sink.origin() +
         "/hook\"\nwebhook_secret = \"" + test::SinkSecrets{}.webhook_secret +
         "\"\nwebhook_reasons = " + reasons + "\n";
}

void kill_desk(DeskProcess& desk) {
  ASSERT_EQ(::kill(desk.pid(), SIGKILL), 0);
  ASSERT_TRUE(desk.wait_for_exit(std::chrono::seconds(10)).has_value());
}

// The single notice of `number` once it is delivered (waits up to 30 s).
Notice delivered_notice(DeskStores& stores, const std::string& number) {
  std::vector<Notice> notices;
  for (int i = 0; i < 300; ++i) {
    notices = must(stores.notices().ticket_notices(number));
    if (notices.size() == 1 && notices[0].state == NoticeState::delivered) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(notices.size(), 1u);
  return notices.empty() ? Notice{} : notices[0];
}

// The server closes the connection in the middle of the transaction (its DATA has arrived, no
// reply): the desk counts a failed round, retries after the backoff, and the supervisor gets
// the one message the server accepted.
TEST_P(NotifyProcess, AServerThatDropsTheConnectionMidMessageGetsTheNoticeOnceOnTheRetry) {
  SmtpSink sink(dir.file("sink"), SmtpSinkOptions{"", "", "", "", false, 1, 0});
  ASSERT_TRUE(sink.started()) << sink.log();
  DeskProcess desk(dir.file("desk"), notify_config(sink) + kQuickRetries, db);
  ASSERT_TRUE(desk.started()) << desk.log();
  add_user(db, "主管甲", "supervisor", kSupervisor);
  DeskStores stores = must(open_desk_stores(db));
  const std::string number = file_major(stores);
  ASSERT_FALSE(number.empty());
  const auto messages = sink.wait_for(1, std::chrono::seconds(30));
  ASSERT_EQ(messages.size(), 1u) << desk.log();
  EXPECT_EQ(sink.resets(), 1);
  const Notice notice = delivered_notice(stores, number);
  EXPECT_EQ(notice.state, NoticeState::delivered);
  EXPECT_EQ(notice.attempts, 1);  // the round the server dropped
  EXPECT_EQ(sent_events(stores, number), 1);
  std::this_thread::sleep_for(std::chrono::seconds(3));  // more rounds: nothing more
  EXPECT_EQ(sink.messages().size(), 1u);
  EXPECT_NE(desk.log().find("1 to retry"), std::string::npos) << desk.log();
  EXPECT_EQ(desk.stop(), 0) << desk.log();
}

// Killed between the send and its record (the server has the message, its answer is late, the
// desk dies waiting): the desk started again sends that message again, for SMTP has no way to
// ask what a server accepted, with the same Message-ID, so the recipient's mail program can
// tell it is the same message. Recorded once.
TEST_P(NotifyProcess, ADeskKilledBetweenSendAndRecordSendsTheSameMessageIdAgain) {
  SmtpSink sink(dir.file("sink"), SmtpSinkOptions{"", "", "", "", false, 0, 8});
  ASSERT_TRUE(sink.started()) << sink.log();
  const std::string config = notify_config(sink) + kQuickRetries;
  std::string number;
  {
    DeskProcess desk(dir.file("desk"), config, db);
    ASSERT_TRUE(desk.started()) << desk.log();
    add_user(db, "主管甲", "supervisor", kSupervisor);
    DeskStores stores = must(open_desk_stores(db));
    number = file_major(stores);
    ASSERT_FALSE(number.empty());
    ASSERT_EQ(sink.wait_for(1, std::chrono::seconds(30)).size(), 1u) << desk.log();
    kill_desk(desk);  // the sink holds its answer for 8 s: the desk has not recorded the send
    EXPECT_EQ(sent_events(stores, number), 0);
    EXPECT_TRUE(must(stores.notices().ticket_deliveries(number)).empty());
  }
  DeskProcess again(dir.file("desk"), config, db);
  ASSERT_TRUE(again.started()) << again.log();
  const auto messages = sink.wait_for(2, std::chrono::seconds(40));
  ASSERT_EQ(messages.size(), 2u) << again.log();
  const std::string first_id = messages[0].decoded["headers"]["Message-ID"];
  EXPECT_FALSE(first_id.empty());
  EXPECT_EQ(messages[1].decoded["headers"]["Message-ID"], first_id);
  EXPECT_EQ(messages[1].decoded["rcpt_tos"], json::array({kSupervisor}));
  DeskStores stores = must(open_desk_stores(db));
  EXPECT_EQ(delivered_notice(stores, number).state, NoticeState::delivered);
  EXPECT_EQ(sent_events(stores, number), 1);
  EXPECT_EQ(must(stores.notices().ticket_deliveries(number)).size(), 1u);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(sink.messages().size(), 2u);
  EXPECT_EQ(again.stop(), 0) << again.log();
}

// The same kill with the JSON webhook: the repeat carries the same Idempotency-Key and the
// receiver (as docs/WEBHOOKS.md asks of every receiver) drops it, so the notice is accepted
// exactly once.
TEST_P(NotifyProcess, AWebhookReceiverGetsANoticeExactlyOnceThoughTheDeskWasKilledBetweenSendAndRecord) {
  std::string why;
  const auto sink = test::WebhookSink::start(test::SinkSecrets{}, &why);
  ASSERT_TRUE(sink) << why;
  sink->set_mode("slow", 1, 8);
  const std::string config = webhook_config(*sink);
  std::string number;
  {
    DeskProcess desk(dir.file("desk"), config, db);
    ASSERT_TRUE(desk.started()) << desk.log();
    DeskStores stores = must(open_desk_stores(db));
    number = file_major(stores);
    ASSERT_FALSE(number.empty());
    for (int i = 0; i < 300 && sink->received().empty(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_EQ(sink->received().size(), 1u) << desk.log();
    kill_desk(desk);
    EXPECT_EQ(sent_events(stores, number), 0);
  }
  DeskProcess again(dir.file("desk"), config, db);
  ASSERT_TRUE(again.started()) << again.log();
  DeskStores stores = must(open_desk_stores(db));
  EXPECT_EQ(delivered_notice(stores, number).state, NoticeState::delivered) << again.log();
  json received = sink->received();
  for (int i = 0; i < 100 && !(received.size() == 2 && received[0]["verified"] == true); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    received = sink->received();
  }
  ASSERT_EQ(received.size(), 2u) << received.dump();
  int accepted_new = 0;
  for (const json& got : received) {
    EXPECT_TRUE(got["verified"].get<bool>()) << got.dump();
    EXPECT_EQ(got["headers"]["Idempotency-Key"], "major%3A" + number) << got.dump();
    accepted_new += got["answer"]["duplicate"] == false ? 1 : 0;
  }
  EXPECT_EQ(accepted_new, 1) << received.dump();
  EXPECT_EQ(sent_events(stores, number), 1);
  EXPECT_EQ(again.stop(), 0) << again.log();
}

// The supervisors' daily digest from the real desk's scheduler: with digest_time 00:00 on a
// working day (the test makes yesterday, today and tomorrow working days, so it holds on any
// date) the supervisor gets one, and a desk killed and started again sends none again.
TEST_P(NotifyProcess, TheDailyDigestReachesTheSupervisorOnceAcrossARestart) {
  SmtpSink sink(dir.file("sink"));
  ASSERT_TRUE(sink.started()) << sink.log();
  const LocalDays today = local_today();
  const std::string config = digest_now_config(sink, today);
  add_user(db, "主管甲", "supervisor", kSupervisor);
  add_user(db, "经办丙", "handler", "handler@bank.example");  // not a digest's reader
  {
    DeskProcess desk(dir.file("desk"), config, db);
    ASSERT_TRUE(desk.started()) << desk.log();
    const auto messages = sink.wait_for(1, std::chrono::seconds(30));
    ASSERT_EQ(messages.size(), 1u) << desk.log();
    EXPECT_EQ(messages[0].decoded["rcpt_tos"], json::array({kSupervisor}));
    const std::string subject = messages[0].decoded["subject"];
    EXPECT_NE(subject.find("每日简报"), std::string::npos) << subject;
    EXPECT_NE(subject.find(format_local_date(today)), std::string::npos) << subject;
    EXPECT_NE(desk.log().find("1 daily digests added"), std::string::npos) << desk.log();
    ASSERT_EQ(::kill(desk.pid(), SIGKILL), 0);
    ASSERT_TRUE(desk.wait_for_exit(std::chrono::seconds(10)).has_value());
  }
  DeskProcess again(dir.file("desk"), config, db);
  ASSERT_TRUE(again.started()) << again.log();
  std::this_thread::sleep_for(std::chrono::seconds(4));
  EXPECT_EQ(sink.messages().size(), 1u) << again.log();
}

// A notice about no ticket that cannot be delivered (the digest, and no supervisor has an
// address) is not lost from sight: the supervisors' console page lists it with why; other
// roles may not open that page.
TEST_P(NotifyProcess, ANoticeThatCannotBeDeliveredIsOnTheSupervisorsConsolePage) {
  SmtpSink sink(dir.file("sink"));
  ASSERT_TRUE(sink.started()) << sink.log();
  const LocalDays today = local_today();
  const std::string config = digest_now_config(sink, today);
  for (const char* role : {"supervisor", "handler"}) {
    const CommandResult added = run_command({COMPLAINTCTL_PATH, "--db", db, "desk", "user", "add",
                                             std::string("u-") + role, "--role", role, "--password-stdin"},
                                            "a long enough password 2026\n");
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }
  DeskProcess desk(dir.file("desk"), config, db);
  ASSERT_TRUE(desk.started()) << desk.log();
  ConsoleClient supervisor(desk.port(), "zh-CN");
  ASSERT_EQ(supervisor.login("u-supervisor", "a long enough password 2026"), 303);
  std::string body;
  for (int i = 0; i < 100; ++i) {
    auto page = supervisor.get("/console/notices");
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << page->body;
    body = page->body;
    if (body.find("notice-problems") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(body.find("每日简报"), std::string::npos) << body;
  EXPECT_NE(body.find(format_local_date(today)), std::string::npos) << body;
  EXPECT_NE(body.find("no recipient"), std::string::npos) << "the reason it is not delivered: " << body;
  EXPECT_NE(body.find("id=\"nav-notices\""), std::string::npos) << body;
  EXPECT_TRUE(sink.messages().empty());
  ConsoleClient handler(desk.port(), "zh-CN");
  ASSERT_EQ(handler.login("u-handler", "a long enough password 2026"), 303);
  auto refused = handler.get("/console/notices");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(refused->body.find("notice-problems"), std::string::npos);
}

// Customer notices (docs/DOMAIN.md §4a) from the real desk: a customer who opted in at intake
// gets one email (the real SMTP server) and one SMS (through the JSON webhook, the SMS
// gateway) when the ticket is forwarded and again when it is answered, with the tracking
// link and never the complaint's text; a customer who did not opt in gets nothing.
TEST_P(NotifyProcess, AnOptedInCustomerGetsOneEmailAndOneSmsPerStepAndOthersNothing) {
  SmtpSink smtp(dir.file("sink"));
  ASSERT_TRUE(smtp.started()) << smtp.log();
  std::string why;
  const auto gateway = test::WebhookSink::start(test::SinkSecrets{}, &why);
  ASSERT_TRUE(gateway) << why;
  // One [notify]: the email settings, then the webhook (the SMS gateway).
  const std::string config = notify_config(smtp) + std::string(kQuickRetries) +
                             "webhook_enabled = true\nwebhook_url = \"" + gateway->origin() +
                             "/hook\"\nwebhook_secret = \"" + test::SinkSecrets{}.webhook_secret + "\"\n" +
                             "customer_sms_channel = \"webhook\"\n"
                             "[tracking]\nurl = \"https://desk.bank.example/t/{number}?k={token}\"\n";
  DeskProcess desk(dir.file("desk"), config, db);
  ASSERT_TRUE(desk.started()) << desk.log();
  DeskStores stores = must(open_desk_stores(db));
  const Config defaults = Config::defaults();
  const Taxonomy taxonomy = Taxonomy::defaults();
  const WorkCalendar calendar = must(WorkCalendar::create(defaults.calendar));
  SystemClock clock;
  FilingService filing(defaults, taxonomy, calendar, stores.tickets(), clock);
  const auto file_and_answer = [&](const std::string& phone, const std::string& email, bool opted_in) {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "kiosk";
    draft.category = "service_attitude";
    draft.content = "柜员态度恶劣，让我等了两个小时";
    draft.customer_name = kCustomer;
    draft.phone = phone;
    draft.customer_email = email;
    draft.notify_customer = opted_in;
    const Ticket filed = must(filing.file(draft, FilingContext{"clerk", Role::intake_clerk}));
    for (const Action action : {Action::forward, Action::contact, Action::reply}) {
      ActionRequest request;
      request.action = action;
      request.role = Role::supervisor;
      request.actor = "sam";
      request.at = clock.now();
      request.department = "营业部";
      request.handling_result = "已致歉";
      must(filing.act(filed.number, request));
    }
    return filed;
  };
  const Ticket opted = file_and_answer(kPhone, "zhao.liu@example.com", true);
  const Ticket other = file_and_answer("13800138000", "other@example.com", false);

  const auto mails = smtp.wait_for(2, std::chrono::seconds(30));
  ASSERT_EQ(mails.size(), 2u) << desk.log();
  json received = gateway->received();
  for (int i = 0; i < 300 && received.size() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    received = gateway->received();
  }
  std::this_thread::sleep_for(std::chrono::seconds(3));  // three more rounds: nothing more
  EXPECT_EQ(smtp.messages().size(), 2u);
  received = gateway->received();
  ASSERT_EQ(received.size(), 2u) << received.dump();

  const std::string link = "https://desk.bank.example/t/" + opted.number + "?k=" + opted.tracking_token;
  std::set<std::string> subjects;
  for (const SinkMessage& mail : mails) {
    const json& m = mail.decoded;
    EXPECT_EQ(m["rcpt_tos"], json::array({"zhao.liu@example.com"}));
    const std::string subject = m["subject"];
    subjects.insert(subject);
    EXPECT_NE(subject.find(opted.number), std::string::npos) << subject;
    const std::string text = m["parts"][0]["text"];
    EXPECT_NE(text.find(link), std::string::npos) << text;
    for (const std::string& body : {m.dump(), mail.raw}) {
      EXPECT_EQ(body.find("柜员"), std::string::npos);
      EXPECT_EQ(body.find(kPhone), std::string::npos);
      EXPECT_EQ(body.find(other.number), std::string::npos);
      EXPECT_EQ(body.find("other@example.com"), std::string::npos);
    }
  }
  EXPECT_EQ(subjects.size(), 2u) << "one forwarded, one answered";
  std::set<std::string> events;
  for (const json& got : received) {
    EXPECT_TRUE(got["verified"].get<bool>()) << got.dump();
    const json body = json::parse(got["body"].get<std::string>());
    EXPECT_EQ(body["to"], kPhone) << body.dump();
    EXPECT_EQ(body["ticket_number"], opted.number);
    events.insert(body["event"].get<std::string>());
    EXPECT_NE(body["text"].get<std::string>().find(link), std::string::npos) << body.dump();
    EXPECT_EQ(got["body"].get<std::string>().find("柜员"), std::string::npos);
    EXPECT_EQ(got["body"].get<std::string>().find("13800138000"), std::string::npos);
  }
  EXPECT_EQ(events, (std::set<std::string>{"customer_forwarded", "customer_replied"}));
  // The trail records four deliveries, the customer masked.
  int customer_events = 0;
  for (const TicketEvent& event : must(stores.tickets().events(opted.number))) {
    if (event.action != "notice_sent" || event.data_json.find("customer_") == std::string::npos) continue;
    ++customer_events;
    EXPECT_EQ(event.data_json.find(kPhone), std::string::npos) << event.data_json;
    EXPECT_EQ(event.data_json.find("zhao.liu@"), std::string::npos) << event.data_json;
  }
  EXPECT_EQ(customer_events, 4);
  EXPECT_EQ(desk.stop(), 0) << desk.log();
}

INSTANTIATE_TEST_SUITE_P(Engines, NotifyProcess, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// Files `count` ordinary (not major) tickets, one customer each, into the desk's database;
// their numbers. forward = "1h": each forward_by is an hour away, so with a forward reminder
// lead of 90 minutes each is due its reminder at once.
std::set<std::string> file_ordinary(const std::string& db, int count, int first_customer = 0) {
  DeskStores stores = must(open_desk_stores(db));
  const Config config = Config::defaults();
  const Taxonomy taxonomy = Taxonomy::defaults();
  const WorkCalendar calendar = must(WorkCalendar::create(config.calendar));
  SystemClock clock;
  FilingService filing(config, taxonomy, calendar, stores.tickets(), clock);
  std::set<std::string> numbers;
  for (int i = 0; i < count; ++i) {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "walk_in";
    draft.category = "service_quality";
    draft.content = "等候时间太长";
    draft.customer_name = kCustomer;
    draft.phone = "139" + std::to_string(20000000 + first_customer + i);
    const Ticket filed = must(filing.file(draft, FilingContext{"clerk", Role::intake_clerk}));
    EXPECT_FALSE(filed.major);
    numbers.insert(filed.number);
  }
  return numbers;
}

// The scheduler runs at start and then every schedule_seconds, not on every delivery poll: a
// reminder due for a ticket filed after the start waits for the next scheduler round.
TEST(NotifyDesk, TheSchedulerRunsEveryScheduleSecondsNotOnEveryPoll) {
  TempDir dir;
  std::string why;
  const auto sink = test::WebhookSink::start(test::SinkSecrets{}, &why);
  ASSERT_TRUE(sink) << why;
  const std::string reminders = webhook_config(*sink, "[\"reminder\"]") + "forward_reminder_minutes = 90\n";
  std::filesystem::create_directories(dir.file("desk"));
  const std::string db = dir.file("desk") + "/desk.db";
  {
    DeskProcess desk(dir.file("desk"), reminders + "schedule_seconds = 3600\n", db);
    ASSERT_TRUE(desk.started()) << desk.log();
    file_ordinary(db, 1);
    std::this_thread::sleep_for(std::chrono::seconds(4));  // four delivery polls, no scheduler round
    EXPECT_TRUE(sink->received().empty()) << sink->received().dump();
    EXPECT_EQ(desk.stop(), 0) << desk.log();
  }
  DeskProcess desk(dir.file("desk"), reminders + "schedule_seconds = 3\n", db);
  ASSERT_TRUE(desk.started()) << desk.log();
  const auto wait_for = [&](std::size_t count) {
    json received = sink->received();
    for (int i = 0; i < 150 && received.size() < count; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      received = sink->received();
    }
    return received.size();
  };
  EXPECT_EQ(wait_for(1), 1u) << desk.log();  // the round at start found the first ticket
  file_ordinary(db, 1, 1);                   // a second one: the next round, 3 s after the first
  EXPECT_EQ(wait_for(2), 2u) << desk.log();
  EXPECT_EQ(desk.stop(), 0) << desk.log();
}

// Two REAL desks on one PostgreSQL database, each running its scheduler and its worker (batches
// of 5, 4 sends in flight): the forward reminders due for 30 open tickets reach the JSON
// webhook exactly once each, and each is one notice with one delivery on its ticket.
TEST(NotifyTwoDesks, DueRemindersReachTheReceiverExactlyOnceFromTwoDesksOnOnePostgres) {
  PostgresServer& server = shared_postgres_server();
  if (!server.running()) GTEST_SKIP() << "no PostgreSQL server: " << server.why_not();
  const std::string db = server.create_database("notify_two_desks");
  ASSERT_FALSE(db.empty());
  TempDir dir;
  std::string why;
  const auto sink = test::WebhookSink::start(test::SinkSecrets{}, &why);
  ASSERT_TRUE(sink) << why;
  constexpr int kTickets = 30;
  // Filed before the desks start: desk b opens the database while desk a already sends (its
  // schema step once deadlocked a's writes under load: drivers/postgres/pg_schema.h).
  const std::set<std::string> numbers = file_ordinary(db, kTickets);
  ASSERT_EQ(numbers.size(), static_cast<std::size_t>(kTickets));
  std::string config = webhook_config(*sink, "[\"reminder\"]") +
                       "forward_reminder_minutes = 90\nbatch = 5\nsend_parallel = 4\n";
  // A lease longer than any batch's delivery on a loaded machine: this test is about two desks
  // never working one notice at once while its lease holds. With the other tests' 10 s lease,
  // a batch slowed past it was taken over by the other desk and sent again (the receiver
  // answered "duplicate": the key did its work; 2026-12-06, under load). A lease running out
  // is the kill tests' subject.
  const std::string short_lease = "lease_seconds = 10\n";
  ASSERT_NE(config.find(short_lease), std::string::npos);
  config.replace(config.find(short_lease), short_lease.size(), "lease_seconds = 300\n");
  DeskProcess a(dir.file("desk-a"), config, db);
  ASSERT_TRUE(a.started()) << a.log();
  DeskProcess b(dir.file("desk-b"), config, db);
  ASSERT_TRUE(b.started()) << b.log();

  DeskStores stores = must(open_desk_stores(db));
  const auto delivered = [&] {
    int count = 0;
    for (const std::string& number : numbers) {
      for (const Notice& notice : must(stores.notices().ticket_notices(number)))
        count += notice.state == NoticeState::delivered ? 1 : 0;
    }
    return count;
  };
  for (int i = 0; i < 600 && delivered() < kTickets; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_EQ(delivered(), kTickets) << a.log() << b.log();
  std::this_thread::sleep_for(std::chrono::seconds(3));  // more rounds on both desks: nothing more

  const json received = sink->received();
  std::multiset<std::string> keys;
  for (const json& got : received) {
    EXPECT_TRUE(got["verified"].get<bool>()) << got.dump();
    EXPECT_EQ(got["answer"]["duplicate"], false) << got.dump();
    keys.insert(json::parse(got["body"].get<std::string>())["key"].get<std::string>());
  }
  EXPECT_EQ(received.size(), static_cast<std::size_t>(kTickets)) << "desk a:\n"
                                                                 << a.log() << "desk b:\n"
                                                                 << b.log();
  for (const std::string& number : numbers) {
    // Thirty customers about one category are also a group complaint (one "group" notice on
    // the group's first ticket, for leaders, whom this webhook does not take): reminders only.
    std::vector<Notice> notices;
    for (const Notice& notice : must(stores.notices().ticket_notices(number)))
      if (notice.reason == "reminder") notices.push_back(notice);
    ASSERT_EQ(notices.size(), 1u) << number;
    EXPECT_EQ(keys.count(notices[0].key), 1u) << notices[0].key;
    EXPECT_EQ(must(stores.notices().ticket_deliveries(number)).size(), 1u) << number;
    EXPECT_EQ(sent_events(stores, number), 1) << number;
  }
  EXPECT_EQ(a.stop(), 0) << a.log();
  EXPECT_EQ(b.stop(), 0) << b.log();
}

TEST(NotifyDesk, WithoutSmtpUrlTheDeskSaysSoOnceAndTheNoticeWaits) {
  TempDir dir;
  DeskProcess desk(dir.file("desk"));
  ASSERT_TRUE(desk.started()) << desk.log();
  add_user(desk.db(), "主管甲", "supervisor", kSupervisor);
  DeskStores stores = must(open_desk_stores(desk.db()));
  const std::string number = file_major(stores);
  ASSERT_FALSE(number.empty());
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const std::string log = desk.log();
  const std::string line = "email is not configured";
  ASSERT_NE(log.find(line), std::string::npos) << log;
  EXPECT_EQ(log.find(line, log.find(line) + 1), std::string::npos) << "said more than once: " << log;
  const auto notices = must(stores.notices().ticket_notices(number));
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].state, NoticeState::pending);
  EXPECT_EQ(notices[0].attempts, 0);
  EXPECT_EQ(desk.stop(), 0);
}

TEST(NotifyCtl, ATestNoticeByEmailPrintsTheServersAnswer) {
  TempDir dir;
  SmtpSink sink(dir.file("sink"));
  ASSERT_TRUE(sink.started()) << sink.log();
  const std::string config = dir.file("desk.toml");
  std::ofstream(config) << notify_config(sink);
  const CommandResult sent = run_command({COMPLAINTCTL_PATH, "--config", config, "notify", "test",
                                          "--channel", "email", "--to", "it@bank.example"});
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_NE(sent.out.find("250 2.0.0 Ok: queued as sink-0001"), std::string::npos) << sent.out;
  EXPECT_NE(sent.out.find("测试通知已通过 email 发送至 it@bank.example"), std::string::npos) << sent.out;
  EXPECT_NE(sent.out.find("Test notice sent by email to it@bank.example"), std::string::npos) << sent.out;
  const auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].decoded["subject"], "【测试】投诉服务台通知测试");
  EXPECT_EQ(messages[0].decoded["rcpt_tos"], json::array({"it@bank.example"}));

  const CommandResult english =
      run_command({COMPLAINTCTL_PATH, "--config", config, "--json", "notify", "test", "--channel", "email",
                   "--to", "it@bank.example", "--lang", "en"});
  ASSERT_EQ(english.exit_code, 0) << english.err;
  EXPECT_EQ(json::parse(english.out)["answer"], "250 2.0.0 Ok: queued as sink-0002");
  EXPECT_EQ(sink.wait_for(2, std::chrono::seconds(5)).at(1).decoded["subject"],
            "[Test] Complaint desk notice");

  // A bad address, an unknown channel, no [notify] smtp_url: refused, nothing sent.
  EXPECT_EQ(run_command({COMPLAINTCTL_PATH, "--config", config, "notify", "test", "--channel", "email",
                         "--to", "not an address"})
                .exit_code,
            2);
  EXPECT_NE(run_command({COMPLAINTCTL_PATH, "--config", config, "notify", "test", "--channel", "pager",
                         "--to", "it@bank.example"})
                .exit_code,
            0);
  const CommandResult unconfigured =
      run_command({COMPLAINTCTL_PATH, "notify", "test", "--channel", "email", "--to", "it@bank.example"});
  EXPECT_NE(unconfigured.exit_code, 0);
  EXPECT_NE(unconfigured.err.find("Email is not configured"), std::string::npos) << unconfigured.err;
  EXPECT_EQ(sink.messages().size(), 2u);
}

// The group channels: the test notice reaches the loopback robots (which check the signatures
// as the providers do) and complaintctl prints each provider's answer; a channel not enabled,
// or a recipient other than the channel's group, is refused with nothing sent.
TEST(NotifyCtl, ATestNoticeToAGroupChannelPrintsTheProvidersAnswer) {
  TempDir dir;
  std::string why;
  const auto sink = test::WebhookSink::start(test::SinkSecrets{}, &why);
  ASSERT_TRUE(sink) << why;
  const test::SinkSecrets secrets;
  const std::string config = dir.file("desk.toml");
  std::ofstream(config) << webhook_config(*sink)
                        << "dingtalk_enabled = true\ndingtalk_group = \"客服主管群\"\n"
                        << "dingtalk_url = \"" << sink->origin() << "/robot/send\"\ndingtalk_key = \""
                        << secrets.dingtalk_token << "\"\ndingtalk_secret = \"" << secrets.dingtalk_secret
                        << "\"\n";
  const CommandResult webhook =
      run_command({COMPLAINTCTL_PATH, "--config", config, "notify", "test", "--channel", "webhook"});
  ASSERT_EQ(webhook.exit_code, 0) << webhook.err;
  EXPECT_NE(webhook.out.find("Test notice sent by webhook to 短信网关"), std::string::npos) << webhook.out;
  EXPECT_NE(webhook.out.find("HTTP 200 {\"received\": true, \"duplicate\": false}"), std::string::npos)
      << webhook.out;

  const CommandResult ding = run_command({COMPLAINTCTL_PATH, "--config", config, "--json", "notify", "test",
                                          "--channel", "dingtalk", "--to", "客服主管群", "--lang", "en"});
  ASSERT_EQ(ding.exit_code, 0) << ding.err;
  const json answer = json::parse(ding.out);
  EXPECT_EQ(answer["channel"], "dingtalk");
  EXPECT_EQ(answer["to"], "客服主管群");
  EXPECT_EQ(json::parse(answer["answer"].get<std::string>())["errcode"], 0) << ding.out;

  const json received = sink->received();
  ASSERT_EQ(received.size(), 2u) << received.dump();
  EXPECT_EQ(received[0]["provider"], "webhook");
  EXPECT_EQ(received[1]["provider"], "dingtalk");
  for (const json& got : received) EXPECT_TRUE(got["verified"].get<bool>()) << got.dump();
  EXPECT_EQ(json::parse(received[0]["body"].get<std::string>())["event"], "test");
  EXPECT_NE(received[1]["body"].get<std::string>().find("[Test] Complaint desk notice"), std::string::npos);

  // Feishu is not enabled; the webhook's recipient is its group.
  EXPECT_NE(
      run_command({COMPLAINTCTL_PATH, "--config", config, "notify", "test", "--channel", "feishu"}).exit_code,
      0);
  const CommandResult elsewhere = run_command(
      {COMPLAINTCTL_PATH, "--config", config, "notify", "test", "--channel", "webhook", "--to", "财务群"});
  EXPECT_NE(elsewhere.exit_code, 0);
  EXPECT_NE(elsewhere.err.find("短信网关"), std::string::npos) << elsewhere.err;
  // The robot refuses (HTTP 503): exit 1 with its answer.
  sink->set_mode("http503", 1);
  const CommandResult refused =
      run_command({COMPLAINTCTL_PATH, "--config", config, "notify", "test", "--channel", "webhook"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.err.find("HTTP 503"), std::string::npos) << refused.err;
  EXPECT_EQ(sink->received().size(), 3u);
}

TEST(NotifyCtl, ARefusingServerIsExitOneWithItsReply) {
  TempDir dir;
  SmtpSink sink(dir.file("sink"),
                SmtpSinkOptions{"", "", "", "550 5.7.1 Relaying denied by the test sink", false, 0, 0});
  ASSERT_TRUE(sink.started()) << sink.log();
  const std::string config = dir.file("desk.toml");
  std::ofstream(config) << notify_config(sink);
  const CommandResult refused = run_command({COMPLAINTCTL_PATH, "--config", config, "notify", "test",
                                             "--channel", "email", "--to", "it@bank.example"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.err.find("550 5.7.1 Relaying denied by the test sink"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("测试通知未能通过 email 发送至 it@bank.example"), std::string::npos)
      << refused.err;
}

}  // namespace
}  // namespace complaint::testing
