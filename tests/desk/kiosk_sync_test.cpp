// The REAL complaint-kiosk (SDL dummy video, test-control channel) syncing to the REAL
// complaint-desk on its background thread: a ticket filed on the touchscreen reaches the
// desk without any command, and a status change made at the desk comes back into the
// kiosk's database, where the check-progress screen shows it.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "console_client.h"
#include "core/retention/anonymise.h"
#include "core/store/sqlite_desk_store.h"
#include "core/store/sqlite_kiosk_sync_store.h"
#include "core/store/sqlite_store.h"
#include "desk_process.h"
#include "fault_proxy.h"
#include "smtp_sink.h"
#include "sync_test_support.h"
#include "tests/kiosk/kiosk_process.h"

namespace complaint::testing {
namespace {

// Polls `ready` every 100 ms for up to `limit`.
template <class Ready>
bool eventually(Ready ready, std::chrono::seconds limit = std::chrono::seconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return ready();
}

std::optional<Ticket> find_in(const std::string& db, const std::string& number) {
  auto store = SqliteTicketStore::open(db);
  if (!store.ok()) return std::nullopt;
  auto found = (*store)->find(number);
  return found.ok() ? *found : std::nullopt;
}

TEST(KioskBackgroundSync, TheDesksStatusReachesTheCheckProgressScreen) {
  TempDir dir;
  DeskProcess desk(dir.file("desk"));
  ASSERT_TRUE(desk.started()) << desk.log();
  const std::string key = desk.add_kiosk("K1");
  ASSERT_EQ(key.size(), 64u);

  test::KioskOptions options;
  options.extra_config = kiosk_sync_config(desk.url(), key, "interval_seconds = 1\n");
  test::KioskProcess kiosk(options);
  ASSERT_TRUE(kiosk.running());
  test::walk_to(kiosk, "done");  // files a ticket on the touchscreen
  const std::vector<Ticket> filed = kiosk.tickets();
  ASSERT_EQ(filed.size(), 1u);
  const Ticket& ticket = filed.front();

  // No command: the kiosk's background thread sends it.
  ASSERT_TRUE(eventually([&] { return find_in(desk.db(), ticket.number).has_value(); }))
      << "the ticket never reached the desk\n"
      << desk.log();

  // A dispatcher forwards it at the desk; the next round brings the change back.
  const CommandResult forwarded =
      run_command({COMPLAINTCTL_PATH, "--db", desk.db(), "transition", ticket.number, "forward", "--role",
                   "dispatcher", "--department", "营业部"});
  ASSERT_EQ(forwarded.exit_code, 0) << forwarded.err;
  const std::string kiosk_db = kiosk.folder() + "/kiosk.db";
  ASSERT_TRUE(eventually([&] {
    const auto at_kiosk = find_in(kiosk_db, ticket.number);
    return at_kiosk && at_kiosk->status == Status::forwarded;
  })) << "the desk's status never came back to the kiosk";
  EXPECT_EQ(find_in(kiosk_db, ticket.number)->department, "营业部");

  // The customer scans the receipt at the kiosk and sees the desk's status.
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "welcome");
  kiosk.text(desk.url() + "/t/" + ticket.number + "?k=" + ticket.tracking_token);
  kiosk.key("enter");
  ASSERT_EQ(kiosk.screen(), "check_progress");
  const auto status = kiosk.widget("check.status");
  ASSERT_TRUE(status.has_value());
  EXPECT_NE(status->value("text", "").find("已转交负责部门"), std::string::npos) << status->dump();
  kiosk.screenshot("kiosk_check_after_desk_forward");
}

// The kiosk's own worker gets a refusal and moves on: a ticket forwarded on the kiosk's
// database (an admin's `complaintctl transition`, as supervisor) is refused for good, the
// next ticket filed on the touchscreen still reaches the desk, and staff mode shows why.
TEST(KioskBackgroundSync, ARefusedRowIsShownToStaffAndTheNextTicketStillArrives) {
  TempDir dir;
  DeskProcess desk(dir.file("desk"));
  ASSERT_TRUE(desk.started()) << desk.log();
  test::KioskOptions options;
  options.staff_pin = "246810";
  options.extra_config = kiosk_sync_config(desk.url(), desk.add_kiosk("K1"), "interval_seconds = 1\n");
  test::KioskProcess kiosk(options);
  ASSERT_TRUE(kiosk.running());
  test::walk_to(kiosk, "done");
  const Ticket first = kiosk.tickets().at(0);
  ASSERT_TRUE(eventually([&] { return find_in(desk.db(), first.number).has_value(); })) << desk.log();

  const std::string kiosk_db = kiosk.folder() + "/kiosk.db";
  const CommandResult forwarded = run_command(
      {COMPLAINTCTL_PATH, "--db", kiosk_db, "transition", first.number, "forward", "--department", "营业部"});
  ASSERT_EQ(forwarded.exit_code, 0) << forwarded.err;
  const auto refusals = [&] {
    auto store = SqliteKioskSyncStore::open(kiosk_db);
    auto summary = store.ok() ? (*store)->refusals() : Result<RefusalSummary>(store.error());
    return summary.ok() ? summary->count : -1;
  };
  ASSERT_TRUE(eventually([&] { return refusals() == 1; })) << "no refusal kept\n" << desk.log();
  EXPECT_EQ(find_in(desk.db(), first.number)->status, Status::filed) << "the desk took the kiosk's forward";

  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "welcome");
  test::walk_to(kiosk, "done");
  std::vector<Ticket> filed = kiosk.tickets();
  ASSERT_EQ(filed.size(), 2u);
  const Ticket& second = filed[0].number == first.number ? filed[1] : filed[0];
  EXPECT_TRUE(eventually([&] { return find_in(desk.db(), second.number).has_value(); }))
      << "the refused row blocked the queue\n"
      << desk.log();

  kiosk.tap("nav.next");
  test::open_pin_pad(kiosk);
  test::enter_pin(kiosk, "246810");
  ASSERT_EQ(kiosk.screen(), "staff_menu");
  const auto refused = kiosk.widget("staff.sync_refused");
  ASSERT_TRUE(refused.has_value()) << kiosk.visible_text();
  const std::string text = refused->value("text", "");
  EXPECT_NE(text.find("服务台已拒收 1 条记录"), std::string::npos) << text;
  EXPECT_NE(text.find(first.number), std::string::npos) << text;
  EXPECT_EQ(kiosk.widget("staff.queue")->value("text", ""), "待同步记录：0 条");
}

// "Call staff" end to end: the press on the touchscreen reaches the real desk without waiting
// for the interval, the kiosk then says staff are on their way, the lobby staff get one email
// through a real SMTP server, the console lists it for every role (the header counts it), and
// the first member of staff to mark it attended closes it.
TEST(KioskBackgroundSync, ACallForStaffReachesTheConsoleAndIsAttendedOnce) {
  TempDir dir;
  SmtpSink sink(dir.file("sink"));
  ASSERT_TRUE(sink.started()) << sink.log();
  DeskProcess desk(dir.file("desk"), "[notify]\nsmtp_url = \"" + sink.url() +
                                         "\"\nsmtp_from = \"desk@bank.example\"\nsmtp_require_tls = false\n"
                                         "poll_seconds = 1\ndigest_time = \"\"\n"
                                         "console_url = \"https://desk.bank.example/console/t/{number}\"\n");
  ASSERT_TRUE(desk.started()) << desk.log();
  for (const char* role : {"handler", "intake_clerk"}) {
    const auto added =
        run_command({COMPLAINTCTL_PATH, "--db", desk.db(), "desk", "user", "add", std::string("u-") + role,
                     "--role", role, "--email", std::string(role) + "@bank.example", "--password-stdin"},
                    "password-12345\n");
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }
  test::KioskOptions options;
  options.extra_config = kiosk_sync_config(desk.url(), desk.add_kiosk("K1"), "interval_seconds = 3600\n");
  test::KioskProcess kiosk(options);
  ASSERT_TRUE(kiosk.running());
  test::walk_to(kiosk, "details");
  kiosk.tap("frame.call_staff");
  ASSERT_EQ(kiosk.screen(), "call_staff");
  ASSERT_TRUE(eventually([&] { return kiosk.visible_text().find("工作人员马上就到") != std::string::npos; },
                         std::chrono::seconds(10)))
      << kiosk.visible_text() << "\n"
      << desk.log();
  kiosk.screenshot("call_staff_coming_zh");

  // The lobby staff (intake clerks by default) get one email naming the kiosk and the screen.
  const auto mails = sink.wait_for(1, std::chrono::seconds(20));
  ASSERT_EQ(mails.size(), 1u) << desk.log();
  EXPECT_EQ(mails[0].decoded["rcpt_tos"], nlohmann::json::array({"intake_clerk@bank.example"}));
  const std::string subject = mails[0].decoded["subject"];
  EXPECT_NE(subject.find("呼叫工作人员"), std::string::npos) << subject;
  EXPECT_NE(subject.find("K1"), std::string::npos) << subject;
  const std::string text = mails[0].decoded["parts"][0]["text"];
  EXPECT_NE(text.find("填写内容"), std::string::npos) << text;
  EXPECT_NE(text.find("https://desk.bank.example/console/help"), std::string::npos) << text;
  ConsoleClient first(desk.port(), "zh-CN");
  ASSERT_EQ(first.login("u-handler", "password-12345"), 303);
  auto page = first.get("/console/help");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_NE(page->body.find("K1"), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("填写内容"), std::string::npos) << "the screen, by name";
  EXPECT_NE(page->body.find("现场求助 (1)"), std::string::npos) << "the header counts it";
  const std::string csrf = ConsoleClient::field(page->body, "csrf");
  std::smatch id;
  ASSERT_TRUE(std::regex_search(page->body, id, std::regex("data-help=\"([0-9]+)\"")));

  ConsoleClient second(desk.port(), "zh-CN");
  ASSERT_EQ(second.login("u-intake_clerk", "password-12345"), 303);
  auto attended = first.post("/console/help/attend", {{"csrf", csrf}, {"id", id[1].str()}});
  ASSERT_TRUE(attended);
  EXPECT_EQ(attended->status, 303);
  auto late = second.post("/console/help/attend", {{"csrf", second.csrf()}, {"id", id[1].str()}});
  ASSERT_TRUE(late);
  EXPECT_EQ(late->status, 409);
  EXPECT_NE(late->body.find("已由其他同事处理"), std::string::npos) << late->body;
  auto forged = second.post("/console/help/attend", {{"csrf", "forged"}, {"id", id[1].str()}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  page = second.get("/console/help");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("id=\"no-help\""), std::string::npos) << page->body;
  EXPECT_EQ(sink.messages().size(), 1u) << "told once";
}

// The kiosk's hourly retention tick (BackgroundSync's watcher, core/retention/kiosk_retention.h)
// inside the real kiosk: a ticket the desk acknowledged keeps its personal data on the kiosk
// for the reprint window ([retention] kiosk_keep_days, 7, counted from its recording on the
// kiosk's clock, which the test moves) and loses it within the hour after, with no command.
TEST(KioskBackgroundSync, TheHourlyRetentionTickDropsAnAcknowledgedTicketAfterTheReprintWindow) {
  TempDir dir;
  DeskProcess desk(dir.file("desk"));
  ASSERT_TRUE(desk.started()) << desk.log();
  test::KioskOptions options;
  options.extra_config = kiosk_sync_config(desk.url(), desk.add_kiosk("K1"), "interval_seconds = 1\n");
  test::KioskProcess kiosk(options);
  ASSERT_TRUE(kiosk.running());
  test::walk_to(kiosk, "done");
  const std::vector<Ticket> filed = kiosk.tickets();
  ASSERT_EQ(filed.size(), 1u);
  const std::string kiosk_db = kiosk.folder() + "/kiosk.db";
  ASSERT_TRUE(eventually([&] {
    auto store = SqliteKioskSyncStore::open(kiosk_db);
    return store.ok() && (*store)->count_unsent().ok() && *(*store)->count_unsent() == 0;
  })) << "the desk never acknowledged the ticket\n"
      << desk.log();

  // Six days on: inside the window, so a run (an hour has passed) keeps the ticket.
  kiosk.advance(static_cast<int>(std::chrono::seconds(std::chrono::days(6)).count()));
  std::this_thread::sleep_for(std::chrono::seconds(3));  // the watcher ticks every second
  auto kept = find_in(kiosk_db, filed.front().number);
  ASSERT_TRUE(kept.has_value());
  EXPECT_FALSE(is_anonymised(*kept)) << "anonymised inside the reprint window";
  EXPECT_EQ(kept->phone, filed.front().phone);

  // Past the window (and an hour after the last run): the next tick drops it.
  kiosk.advance(static_cast<int>(std::chrono::seconds(std::chrono::days(2)).count()));
  ASSERT_TRUE(eventually([&] {
    const auto copy = find_in(kiosk_db, filed.front().number);
    return copy && is_anonymised(*copy);
  })) << "the kiosk kept the customer's data past its reprint window";
  const Ticket dropped = *find_in(kiosk_db, filed.front().number);
  EXPECT_NE(dropped.content, filed.front().content);
  if (!filed.front().phone.empty()) {
    EXPECT_NE(dropped.phone, filed.front().phone);
  }
  if (!filed.front().customer_name.empty()) {
    EXPECT_NE(dropped.customer_name, filed.front().customer_name);
  }
  // The desk keeps its copy: retention at the kiosk is only the kiosk's.
  const auto at_desk = find_in(desk.db(), filed.front().number);
  ASSERT_TRUE(at_desk.has_value());
  EXPECT_FALSE(is_anonymised(*at_desk));
}

// A ticket filed on the touchscreen is sent at once, not at the next interval: the
// customer may scan the receipt's QR code right away.
TEST(KioskBackgroundSync, ANewTicketIsSentWithoutWaitingForTheInterval) {
  TempDir dir;
  DeskProcess desk(dir.file("desk"));
  ASSERT_TRUE(desk.started()) << desk.log();
  test::KioskOptions options;
  options.extra_config = kiosk_sync_config(desk.url(), desk.add_kiosk("K1"), "interval_seconds = 3600\n");
  test::KioskProcess kiosk(options);
  ASSERT_TRUE(kiosk.running());
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the first (empty) round is done
  test::walk_to(kiosk, "done");
  const std::vector<Ticket> filed = kiosk.tickets();
  ASSERT_EQ(filed.size(), 1u);
  EXPECT_TRUE(eventually([&] { return find_in(desk.db(), filed.front().number).has_value(); },
                         std::chrono::seconds(5)))
      << "not at the desk 5 s after filing (interval 1 h)";
}

// The kiosk's own worker (backoff capped at 1 s here) through the misbehaving proxy: 1,000
// tickets filed into the running kiosk's database arrive exactly once, its outbox empties.
TEST(KioskBackgroundSync, TheWorkerDrainsAThousandTicketsThroughAMisbehavingProxy) {
  TempDir dir;
  DeskProcess desk(dir.file("desk"));
  ASSERT_TRUE(desk.started()) << desk.log();
  const std::string key = desk.add_kiosk("K1");
  FaultMix mix;
  mix.seed = 77;
  mix.max_delay = std::chrono::milliseconds(1300);
  mix.percent = {{ProxyFault::drop, 8},          {ProxyFault::delay, 8}, {ProxyFault::error_500, 8},
                 {ProxyFault::lose_response, 8}, {ProxyFault::reset, 8}, {ProxyFault::duplicate, 8}};
  FaultProxy proxy(desk.port(), mix);
  test::KioskOptions options;
  options.extra_config = kiosk_sync_config(proxy.url(), key,
                                           "interval_seconds = 1\nbackoff_max_seconds = 1\n"
                                           "timeout_seconds = 1\nbatch_size = 200\n");
  test::KioskProcess kiosk(options);
  ASSERT_TRUE(kiosk.running());
  const std::string kiosk_db = kiosk.folder() + "/kiosk.db";
  const CommandResult filed = run_command({FILING_LOOP_PATH, kiosk_db, "1000", "worker"});
  ASSERT_EQ(filed.exit_code, 0) << filed.err;

  auto sync_store = must(SqliteKioskSyncStore::open(kiosk_db));
  ASSERT_TRUE(eventually([&] { return must(sync_store->count_unsent()) == 0; }, std::chrono::seconds(90)))
      << must(sync_store->count_unsent()) << " rows still unsent after 90 s";
  auto desk_store = must(SqliteDeskStore::open(desk.db()));
  EXPECT_EQ(must(desk_store->count_rows("tickets")), 1000);
  EXPECT_EQ(must(desk_store->count_rows("events")), 1000);
  EXPECT_EQ(must(desk_store->count_rows("synced_items")), 2000);
  int faults = 0;
  for (const auto& [fault, count] : proxy.counts()) faults += fault == ProxyFault::none ? 0 : count;
  EXPECT_GT(faults, 0);
  std::cout << "[ info     ] " << proxy.requests() << " requests through the proxy, " << faults << " faulted"
            << std::endl;
}

}  // namespace
}  // namespace complaint::testing
