// The notification outbox and its delivery worker on both desk stores (desk_store_fixture.h):
// notices written with the ticket change that causes them (desk filing, a synced batch, a
// forward), once whatever is retried; the worker sending each recipient exactly once through
// failures, retries with backoff, restarts and a second desk on the same database; a notice
// that keeps failing shown with the provider's answer; no complaint text or phone in a notice.
#include <set>
#include <thread>

#include "core/config/config.h"
#include "core/desk_state/departments.h"
#include "core/notify/fake_notice_sender.h"
#include "core/notify/notice_scheduler.h"
#include "core/notify/notice_worker.h"
#include "desk_process.h"
#include "desk_store_fixture.h"

namespace complaint::testing {
namespace {

constexpr const char* kContent = "柜员态度恶劣，我要找媒体曝光";  // a trigger word: major
constexpr const char* kPhone = "13900131234";

class NoticeStoreTest : public DeskStoreFixture {
 protected:
  void SetUp() override {
    DeskStoreFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    catalog = std::make_unique<Catalog>(must(Catalog::load(assets_dir() + "/i18n", "zh-CN")));
    text = std::make_unique<NoticeTextContext>(NoticeTextContext{
        *catalog, taxonomy, calendar->zone(), "zh-CN", "https://desk.example/console/t/{number}"});
    notify.max_attempts = 3;
    notify.retry_base_seconds = 60;
    notify.retry_max_seconds = 600;
    add_user("主管甲", Role::supervisor, "sup@example.com");
    add_user("副总乙", Role::executive, "vp@example.com");
    add_user("经办丙", Role::handler, "handler@example.com", "营业部");
    add_user("经办丁", Role::handler, "other@example.com", "信贷部");
    add_user("前台戊", Role::intake_clerk, "clerk@example.com");
  }

  void add_user(const std::string& name, Role role, const std::string& email,
                const std::string& department = "") {
    StaffUser user;
    user.name = name;
    user.role = role;
    user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaA";
    user.created_at = kNow;
    user.email = email;
    if (!department.empty()) user.departments = {department};
    must(desk->add_user(user));
  }

  Ticket file(const std::string& content, const std::string& kind = "complaint") {
    TicketDraft draft;
    draft.kind = kind;
    draft.channel = "walk_in";
    draft.category = "service_quality";
    draft.content = content;
    draft.customer_name = "赵六";
    draft.phone = kPhone;
    draft.filed_at = clock.now();
    return must(staff->file(draft, FilingContext{"clerk", Role::intake_clerk}));
  }

  NoticeWorker worker(NoticeStore& store, TicketRepository& register_, DeskRepository& accounts,
                      const std::string& id = "desk-a") {
    return NoticeWorker({store, register_, accounts, *text, clock}, notify, {&sender}, id,
                        [] { return 0.5; });
  }
  NoticeWorker worker() { return worker(*notices, *tickets, *desk); }

  std::vector<TicketEvent> sent_events(const std::string& number) {
    std::vector<TicketEvent> found;
    for (const TicketEvent& event : must(tickets->events(number)))
      if (event.action == k_notice_sent_action) found.push_back(event);
    return found;
  }

  std::multiset<std::string> recipients() const {
    std::multiset<std::string> to;
    for (const NoticeMessage& message : sender.sent()) to.insert(message.recipient);
    return to;
  }

  std::unique_ptr<Catalog> catalog;
  std::unique_ptr<NoticeTextContext> text;
  NotifyConfig notify;
  FakeNoticeSender sender;
};

TEST_P(NoticeStoreTest, AMajorTicketFiledAtTheDeskHasOneNoticeAndAnOrdinaryOneNone) {
  const Ticket major = file(kContent);
  ASSERT_TRUE(major.major);
  file("等候时间太长");
  const auto stored = must(notices->ticket_notices(major.number));
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].key, "major:" + major.number);
  EXPECT_EQ(stored[0].reason, "major");
  EXPECT_EQ(stored[0].state, NoticeState::pending);
  EXPECT_EQ(rows("notices"), 1);
}

TEST_P(NoticeStoreTest, ReportsAreNoticedLikeMajorTickets) {
  const Ticket report = file("有员工收受回扣", "report");
  EXPECT_EQ(must(notices->ticket_notices(report.number)).size(), 1u);
}

TEST_P(NoticeStoreTest, ASyncedMajorTicketHasOneNoticeHoweverOftenTheBatchIsSent) {
  must(desk->add_kiosk(registered_kiosk("K1", FakeSigner(), kNow)));
  KioskSide kiosk(dir.file("kiosk.db"), clock);
  const Ticket filed = kiosk.file_one(kContent);
  ASSERT_TRUE(filed.major);
  kiosk.file_one("打印机坏了");
  const SyncBatch batch = kiosk.pending_batch();
  EXPECT_EQ(must(desk->store_synced(batch, kNow)).tickets_added, 2);
  EXPECT_EQ(must(desk->store_synced(batch, kNow)).duplicates, 4);  // the retry after a lost answer
  const auto stored = must(notices->ticket_notices(filed.number));
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].key, "major:" + filed.number);
  EXPECT_EQ(rows("notices"), 1);
}

TEST_P(NoticeStoreTest, AForwardNoticesTheDepartmentsHandlersOnly) {
  const Ticket ticket = file("等候时间太长");
  ActionRequest forward;
  forward.action = Action::forward;
  forward.role = Role::dispatcher;
  forward.actor = "调度员";
  forward.at = kNow;
  forward.department = "营业部";
  must(staff->act(ticket.number, forward));
  const auto stored = must(notices->ticket_notices(ticket.number));
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].reason, "forwarded");
  EXPECT_EQ(stored[0].department, "营业部");
  const NoticeRound round = must(worker().run_once());
  EXPECT_EQ(round.delivered, 1);
  EXPECT_EQ(recipients(), (std::multiset<std::string>{"handler@example.com"}));
}

TEST_P(NoticeStoreTest, TheWorkerSendsEachRecipientOnceAndRecordsEveryDeliveryOnTheTrail) {
  const Ticket major = file(kContent);
  NoticeWorker desk_worker = worker();
  const NoticeRound round = must(desk_worker.run_once());
  EXPECT_EQ(round.claimed, 1);
  EXPECT_EQ(round.sent, 2);
  EXPECT_EQ(round.delivered, 1);
  EXPECT_EQ(recipients(), (std::multiset<std::string>{"sup@example.com", "vp@example.com"}));
  const auto deliveries = must(notices->ticket_deliveries(major.number));
  ASSERT_EQ(deliveries.size(), 2u);
  EXPECT_EQ(deliveries[0].channel, "email");
  EXPECT_EQ(deliveries[0].answer.rfind("250 ", 0), 0u) << deliveries[0].answer;
  // One event a recipient, in the order the two parallel sends finished (either may be first).
  const auto events = sent_events(major.number);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].role, "system");
  EXPECT_EQ(events[1].role, "system");
  const bool sup_first = events[0].data_json.find("sup@example.com") != std::string::npos;
  EXPECT_NE(events[sup_first ? 0 : 1].data_json.find("sup@example.com"), std::string::npos);
  EXPECT_NE(events[sup_first ? 1 : 0].data_json.find("vp@example.com"), std::string::npos)
      << events[0].data_json << " / " << events[1].data_json;
  EXPECT_EQ(must(notices->ticket_notices(major.number))[0].state, NoticeState::delivered);
  // Later rounds, and a desk restarted, find nothing to send.
  EXPECT_EQ(must(desk_worker.run_once()).claimed, 0);
  reopen();
  clock.advance(std::chrono::hours(1));
  EXPECT_EQ(must(worker().run_once()).claimed, 0);
  EXPECT_EQ(sender.sent().size(), 2u);

  // No complaint text, name or phone in what left the desk; the number and the link are there.
  for (const NoticeMessage& message : sender.sent()) {
    for (const std::string* part : {&message.subject, &message.text, &message.html}) {
      EXPECT_EQ(part->find("柜员"), std::string::npos) << *part;
      EXPECT_EQ(part->find(kPhone), std::string::npos) << *part;
      EXPECT_EQ(part->find("赵六"), std::string::npos) << *part;
      EXPECT_NE(part->find(major.number), std::string::npos) << *part;
    }
    EXPECT_NE(message.text.find("https://desk.example/console/t/" + major.number), std::string::npos);
  }
}

TEST_P(NoticeStoreTest, AFailedSendIsRetriedAfterABackoffAndNobodyGetsItTwice) {
  const Ticket major = file(kContent);
  // The first message goes out, the second is refused.
  sender.script().fail(NoticeSenderStep::send, 1, FailureMode::once,
                       Error::make(ErrorCode::unavailable, "451 4.3.0 try again later"));
  NoticeWorker desk_worker = worker();
  NoticeRound round = must(desk_worker.run_once());
  EXPECT_EQ(round.sent, 1);
  EXPECT_EQ(round.retrying, 1);
  Notice notice = must(notices->ticket_notices(major.number))[0];
  EXPECT_EQ(notice.state, NoticeState::pending);
  EXPECT_EQ(notice.attempts, 1);
  EXPECT_NE(notice.last_error.find("451 4.3.0 try again later"), std::string::npos) << notice.last_error;
  // backoff_delay(1, 60 s, jitter 0.5): 45 s.
  EXPECT_EQ(notice.next_attempt_at, kNow + std::chrono::seconds(45));
  EXPECT_EQ(must(notices->troubled_notices(10)).size(), 1u);
  EXPECT_EQ(must(desk_worker.run_once()).claimed, 0);  // not due yet
  clock.advance(std::chrono::seconds(45));
  round = must(desk_worker.run_once());
  EXPECT_EQ(round.sent, 1);
  EXPECT_EQ(round.delivered, 1);
  EXPECT_EQ(recipients(), (std::multiset<std::string>{"sup@example.com", "vp@example.com"}));
  EXPECT_EQ(sent_events(major.number).size(), 2u);
  EXPECT_TRUE(must(notices->troubled_notices(10)).empty());
}

TEST_P(NoticeStoreTest, ANoticeThatKeepsFailingIsFailedWithTheProvidersAnswer) {
  const Ticket major = file(kContent);
  sender.script().fail(NoticeSenderStep::send, 0, FailureMode::from_then_on,
                       Error::make(ErrorCode::unavailable, "554 5.7.1 relay access denied"));
  NoticeWorker desk_worker = worker();
  for (int round = 0; round < notify.max_attempts; ++round) {
    must(desk_worker.run_once());
    clock.advance(std::chrono::minutes(15));
  }
  const auto troubled = must(notices->troubled_notices(10));
  ASSERT_EQ(troubled.size(), 1u);
  EXPECT_EQ(troubled[0].ticket_number, major.number);
  EXPECT_EQ(troubled[0].state, NoticeState::failed);
  EXPECT_EQ(troubled[0].attempts, notify.max_attempts);
  EXPECT_NE(troubled[0].last_error.find("554 5.7.1 relay access denied"), std::string::npos);
  EXPECT_EQ(must(desk_worker.run_once()).claimed, 0);
  EXPECT_TRUE(sent_events(major.number).empty());
}

TEST_P(NoticeStoreTest, ANoticeNobodyCanReceiveIsNotDeliveredButShownWithWhy) {
  must(desk->update_user_contact("主管甲", StaffContact{}));
  must(desk->update_user_contact("副总乙", StaffContact{}));
  const Ticket major = file(kContent);
  EXPECT_EQ(must(worker().run_once()).retrying, 1);
  const Notice notice = must(notices->ticket_notices(major.number))[0];
  EXPECT_EQ(notice.state, NoticeState::pending);
  EXPECT_NE(notice.last_error.find("no recipient"), std::string::npos) << notice.last_error;
}

TEST_P(NoticeStoreTest, AClaimedNoticeIsNotHandedToASecondDeskUntilItsLeaseRunsOut) {
  file(kContent);
  DeskStores second = must(open_desk_stores(database()));
  const auto first_claim = must(notices->claim_due(kNow, kNow + std::chrono::minutes(5), "desk-a", 10));
  ASSERT_EQ(first_claim.size(), 1u);
  EXPECT_TRUE(must(second.notices().claim_due(kNow, kNow + std::chrono::minutes(5), "desk-b", 10)).empty());
  // desk-a stopped before finishing: after the lease desk-b takes it; desk-a can no longer finish it.
  const Instant later = kNow + std::chrono::minutes(5);
  const auto taken = must(second.notices().claim_due(later, later + std::chrono::minutes(5), "desk-b", 10));
  ASSERT_EQ(taken.size(), 1u);
  NoticeOutcome outcome;
  outcome.at = later;
  const std::vector<NoticeResult> finished{NoticeResult{taken[0].id, {}, outcome}};
  EXPECT_EQ(must(notices->record_results("desk-a", finished)), std::vector<bool>{false});
  EXPECT_EQ(must(second.notices().record_results("desk-b", finished)), std::vector<bool>{true});
}

TEST_P(NoticeStoreTest, TwoDesksWorkingAtOnceSendEveryNoticeOnce) {
  constexpr int kTickets = 40;
  std::set<std::string> numbers;
  for (int i = 0; i < kTickets; ++i) numbers.insert(file(kContent + std::to_string(i)).number);
  DeskStores second = must(open_desk_stores(database()));
  FakeNoticeSender other_sender;
  notify.batch = 5;
  NoticeWorker a = worker();
  NoticeWorker b({second.notices(), second.tickets(), second.desk(), *text, clock}, notify, {&other_sender},
                 "desk-b", [] { return 0.5; });
  std::thread other([&b] {
    for (int i = 0; i < 20; ++i) must(b.run_once());
  });
  for (int i = 0; i < 20; ++i) must(a.run_once());
  other.join();
  std::multiset<std::string> all = recipients();
  for (const NoticeMessage& message : other_sender.sent()) all.insert(message.recipient);
  EXPECT_EQ(all.count("sup@example.com"), static_cast<std::size_t>(kTickets));
  EXPECT_EQ(all.count("vp@example.com"), static_cast<std::size_t>(kTickets));
  EXPECT_EQ(rows("notice_deliveries"), 2 * kTickets);
  for (const std::string& number : numbers) EXPECT_EQ(sent_events(number).size(), 2u) << number;
}

// An extension moves the deadline that acts (docs/DOMAIN.md §3a): nothing is overdue at the old
// resolve_by, the overdue notice comes at the new one.
TEST_P(NoticeStoreTest, AnExtendedDeadlineIsOverdueAtItsNewTimeNotTheOld) {
  clock.set(kNow);
  const Ticket filed = file("等候时间太长");
  ActionRequest request;
  request.actor = "主管甲";
  request.role = Role::supervisor;
  request.at = kNow + std::chrono::minutes(5);
  request.action = Action::forward;
  request.department = "营业部";
  must(staff->act(filed.number, request));
  request.action = Action::contact;
  must(staff->act(filed.number, request));
  request.action = Action::extend;
  request.extend_by = Period{2, PeriodUnit::working_days};
  request.reason_category = "complex_case";
  request.note = "需多部门会商";
  const Ticket extended = must(staff->act(filed.number, request));
  const Instant old_due = *filed.deadlines.resolve_by;
  const Instant new_due = *extended.deadlines.resolve_by;
  ASSERT_GT(new_due, old_due);
  NoticeScheduler scheduler({*desk, *notices, clock, calendar->zone()}, notify);
  clock.set(old_due + std::chrono::minutes(1));
  EXPECT_EQ(must(scheduler.run_once()).overdue, 0) << "the old promise no longer acts";
  clock.set(new_due + std::chrono::minutes(1));
  EXPECT_EQ(must(scheduler.run_once()).overdue, 1);
  EXPECT_EQ(must(scheduler.run_once()).overdue, 0);
}

// The deadlines that act (notice_scheduler.h): a reminder before forward_by to the dispatchers,
// an overdue notice when it passes (recorded on the ticket), an escalation to the executives a
// day later; each once, however many rounds and desks look.
TEST_P(NoticeStoreTest, ADeadlineRemindsThenIsMissedThenEscalatesEachOnce) {
  add_user("调度己", Role::dispatcher, "dispatch@example.com");
  clock.set(kNow);
  const Ticket ticket = file("等候时间太长");
  ASSERT_TRUE(ticket.deadlines.forward_by);
  const Instant due = *ticket.deadlines.forward_by;
  DeskStores second = must(open_desk_stores(database()));
  NoticeScheduler a({*desk, *notices, clock, calendar->zone()}, notify);
  NoticeScheduler b({second.desk(), second.notices(), clock, calendar->zone()}, notify);
  const auto reasons = [&] {
    std::multiset<std::string> found;
    for (const Notice& notice : must(notices->ticket_notices(ticket.number))) found.insert(notice.reason);
    return found;
  };
  const auto missed_events = [&] {
    int count = 0;
    for (const TicketEvent& event : must(tickets->events(ticket.number)))
      count += event.action == k_deadline_missed_action ? 1 : 0;
    return count;
  };

  clock.set(due - std::chrono::minutes(20));  // before the 15-minute lead
  EXPECT_EQ(must(a.run_once()).reminders, 0);
  EXPECT_TRUE(reasons().empty());

  clock.set(due - std::chrono::minutes(10));
  EXPECT_EQ(must(a.run_once()).reminders, 1);
  EXPECT_EQ(must(b.run_once()).reminders, 0) << "the other desk finds it there";
  EXPECT_EQ(must(a.run_once()).reminders, 0);
  const NoticeRound reminded = must(worker().run_once());
  EXPECT_EQ(reminded.delivered, 1);
  EXPECT_EQ(recipients(), (std::multiset<std::string>{"dispatch@example.com"}));
  ASSERT_FALSE(sender.sent().empty());
  const NoticeMessage reminder = sender.sent().back();
  EXPECT_NE(reminder.subject.find("到期提醒"), std::string::npos) << reminder.subject;
  EXPECT_NE(reminder.subject.find(ticket.number), std::string::npos);
  EXPECT_EQ(reminder.text.find("等候时间太长"), std::string::npos) << "no complaint text";
  EXPECT_EQ(reminder.text.find(kPhone), std::string::npos) << "no phone";

  clock.set(due + std::chrono::minutes(1));
  const ScheduleRound overdue = must(b.run_once());
  EXPECT_EQ(overdue.overdue, 1);
  EXPECT_EQ(overdue.escalated, 0);
  EXPECT_EQ(must(a.run_once()).overdue, 0);
  EXPECT_EQ(missed_events(), 1);
  must(worker().run_once());
  EXPECT_EQ(recipients().count("sup@example.com"), 1u);
  EXPECT_EQ(recipients().count("vp@example.com"), 0u);
  EXPECT_NE(sender.sent().back().subject.find("已超时"), std::string::npos) << sender.sent().back().subject;

  // A day later: forward_by escalates; contact_by (24 h from filing) has passed as well.
  clock.set(due + std::chrono::hours(25));
  const ScheduleRound escalated = must(a.run_once());
  EXPECT_EQ(escalated.escalated, 1);
  EXPECT_EQ(escalated.overdue, 1);
  EXPECT_EQ(must(b.run_once()).escalated, 0);
  must(worker().run_once());
  EXPECT_EQ(recipients().count("vp@example.com"), 1u);
  EXPECT_EQ(reasons(), (std::multiset<std::string>{"reminder", "overdue", "overdue", "overdue_escalated"}));
  EXPECT_EQ(missed_events(), 2);
  for (int round = 0; round < 3; ++round) {
    const ScheduleRound again = must((round % 2 ? b : a).run_once());
    EXPECT_EQ(again.reminders + again.overdue + again.escalated, 0);
  }
  EXPECT_EQ(missed_events(), 2);
}

// Once a ticket is forwarded, its reminders and overdue notices reach that department's
// handlers (and the supervisors for overdue), never another department's.
TEST_P(NoticeStoreTest, AForwardedTicketsDeadlinesTellItsDepartmentsHandlers) {
  clock.set(kNow);
  const Ticket ticket = file("等候时间太长");
  ActionRequest forward;
  forward.action = Action::forward;
  forward.role = Role::dispatcher;
  forward.actor = "调度员";
  forward.department = "营业部";
  must(staff->act(ticket.number, forward));
  must(worker().run_once());  // the forward's own notice
  ASSERT_EQ(recipients(), (std::multiset<std::string>{"handler@example.com"}));
  const Instant contact_by = must(tickets->find(ticket.number)).value().deadlines.contact_by.value();
  NoticeScheduler scheduler({*desk, *notices, clock, calendar->zone()}, notify);
  clock.set(contact_by - std::chrono::minutes(90));
  EXPECT_EQ(must(scheduler.run_once()).reminders, 1);
  must(worker().run_once());
  EXPECT_EQ(recipients(), (std::multiset<std::string>{"handler@example.com", "handler@example.com"}));
  clock.set(contact_by + std::chrono::minutes(1));
  EXPECT_EQ(must(scheduler.run_once()).overdue, 1);
  must(worker().run_once());
  EXPECT_EQ(recipients().count("handler@example.com"), 3u);
  EXPECT_EQ(recipients().count("sup@example.com"), 1u);
  EXPECT_EQ(recipients().count("other@example.com"), 0u);
}

TEST_P(NoticeStoreTest, StaffAccountsKeepTheirAddresses) {
  const StaffUser found = must(desk->find_user("经办丙")).value();
  EXPECT_EQ(found.email, "handler@example.com");
  EXPECT_EQ(found.departments, std::vector<std::string>{"营业部"});
  EXPECT_TRUE(must(desk->update_user_contact("经办丙", StaffContact{"new@example.com", "zhangsan"})));
  EXPECT_FALSE(must(desk->update_user_contact("nobody", StaffContact{})));
  reopen();
  const StaffUser changed = must(desk->find_user("经办丙")).value();
  EXPECT_EQ(changed.email, "new@example.com");
  EXPECT_EQ(changed.im_user_id, "zhangsan");
  EXPECT_EQ(changed.departments, std::vector<std::string>{"营业部"});  // the contact leaves them alone
  EXPECT_EQ(must(desk->users()).size(), 5u);
}

// complaintctl desk user add/set/list keep where notices reach an account, on either engine;
// an address that could inject an SMTP header is refused with exit 2 and changes nothing.
TEST_P(NoticeStoreTest, ComplaintctlSetsAndListsTheAccountsAddresses) {
  const auto ctl = [this](std::vector<std::string> args, const std::string& input = {}) {
    std::vector<std::string> argv{COMPLAINTCTL_PATH, "--db", database(), "desk", "user"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, input);
  };
  DepartmentList departments(*state);
  must(departments.save(Department{"营业部", "营业部", "Business office"}));
  const CommandResult added =
      ctl({"add", "王五", "--role", "handler", "--email", "wang@example.com", "--departments", "营业部"},
          "long-enough-password\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const CommandResult set = ctl({"set", "王五", "--im", "wangwu"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  const CommandResult bad = ctl({"set", "王五", "--email", "x@example.com\r\nBcc: evil@example.com"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_EQ(ctl({"set", "nobody", "--email", "a@example.com"}).exit_code, 1);  // not found
  const StaffUser user = must(desk->find_user("王五")).value();
  EXPECT_EQ(user.email, "wang@example.com");
  EXPECT_EQ(user.im_user_id, "wangwu");
  EXPECT_EQ(user.departments, std::vector<std::string>{"营业部"});
  const CommandResult listed =
      run_command({COMPLAINTCTL_PATH, "--json", "--db", database(), "desk", "user", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("\"im_user_id\":\"wangwu\""), std::string::npos) << listed.out;
  EXPECT_EQ(listed.out.find("password"), std::string::npos) << "no hash is listed";
}

// "Call staff" (docs/DOMAIN.md §4b): the lobby staff are told at once, by a notice about no
// ticket made with the synced request; a retried batch makes none again, and its delivery is
// kept without an event on any ticket's trail.
TEST_P(NoticeStoreTest, AHelpRequestTellsTheLobbyStaffOnceAndTouchesNoTicket) {
  must(desk->add_kiosk(registered_kiosk("K1", FakeSigner(), kNow)));
  SyncBatch batch;
  batch.kiosk_id = "K1";
  batch.help_requests = {{7, "details", "zh-CN", kNow - std::chrono::minutes(1)}};
  must(desk->store_synced(batch, kNow));
  must(desk->store_synced(batch, kNow + std::chrono::seconds(5)));  // the answer was lost
  EXPECT_EQ(rows("notices"), 1);
  const std::int64_t events = rows("events");

  const NoticeRound round = must(worker().run_once());
  EXPECT_EQ(round.delivered, 1);
  EXPECT_EQ(recipients(), (std::multiset<std::string>{"clerk@example.com"}));
  const NoticeMessage message = sender.sent().front();
  EXPECT_NE(message.subject.find("呼叫工作人员"), std::string::npos) << message.subject;
  EXPECT_NE(message.subject.find("K1"), std::string::npos) << message.subject;
  EXPECT_NE(message.text.find("填写内容"), std::string::npos) << "the screen, by name: " << message.text;
  EXPECT_NE(message.text.find("https://desk.example/console/help"), std::string::npos) << message.text;
  EXPECT_EQ(message.facts.reason, "help");
  EXPECT_TRUE(message.facts.ticket_number.empty());
  EXPECT_EQ(rows("notice_deliveries"), 1);
  EXPECT_EQ(rows("events"), events) << "no ticket's trail records it";
  EXPECT_EQ(must(worker().run_once()).claimed, 0);
  reopen();
  must(desk->store_synced(batch, kNow + std::chrono::minutes(5)));
  EXPECT_EQ(must(worker().run_once()).claimed, 0);
  EXPECT_EQ(sender.sent().size(), 1u);
}

// The supervisors' daily digest: from [notify] digest_time on a working day, once whoever
// looks first, counted over the open tickets; none at the weekend.
TEST_P(NoticeStoreTest, TheDailyDigestGoesOutOnceOnAWorkingDayAndNotAtTheWeekend) {
  using std::chrono::minutes;
  const auto at = [](std::int64_t seconds) { return Instant{std::chrono::seconds{seconds}}; };
  // Thursday 2026-11-19 10:00 (Asia/Shanghai): long overdue by Monday, and not new.
  clock.set(at(1795053600));
  const Ticket old = file("等候时间太长");
  // Saturday 10:00: answered and called back, the customer dissatisfied.
  clock.set(at(1795226400));
  const Ticket weekend = file("柜台只开一个窗口");
  for (const Action action : {Action::forward, Action::contact, Action::reply, Action::callback}) {
    ActionRequest request;
    request.action = action;
    request.role = Role::supervisor;
    request.actor = "主管甲";
    request.at = clock.now() + minutes(5);
    request.department = "营业部";
    request.handling_result = "已调整";
    request.satisfaction = Satisfaction::dissatisfied;
    if (action == Action::callback) request.at = in_callback_window(weekend.number, request.at);
    must(staff->act(weekend.number, request));
  }
  // Monday 08:00: its forwarding is due at 09:00.
  clock.set(at(1795392000));
  const Ticket monday = file("自助机吞卡");
  ASSERT_FALSE(old.major || weekend.major || monday.major);

  NoticeScheduler::Parts parts{*desk, *notices, clock, calendar->zone(), calendar.get()};
  NoticeScheduler a(parts, notify);
  DeskStores second = must(open_desk_stores(database()));
  NoticeScheduler b({second.desk(), second.notices(), clock, calendar->zone(), calendar.get()}, notify);
  clock.set(at(1795393740));  // 08:29
  EXPECT_EQ(must(a.run_once()).digests, 0);
  clock.set(at(1795393860));  // 08:31
  EXPECT_EQ(must(a.run_once()).digests, 1);
  EXPECT_EQ(must(b.run_once()).digests, 0) << "the other desk finds it there";
  EXPECT_EQ(must(a.run_once()).digests, 0);
  const NoticeRound round = must(worker().run_once());
  const auto digests = [&] {
    std::vector<NoticeMessage> found;
    for (const NoticeMessage& message : sender.sent())
      if (message.facts.reason == "digest") found.push_back(message);
    return found;
  };
  ASSERT_EQ(digests().size(), 1u) << round.delivered;
  const NoticeMessage digest = digests().front();
  EXPECT_EQ(digest.recipient, "sup@example.com");
  EXPECT_NE(digest.subject.find("每日简报"), std::string::npos) << digest.subject;
  EXPECT_NE(digest.subject.find("2026-11-23"), std::string::npos) << digest.subject;
  EXPECT_NE(digest.text.find("新受理且未结 2 件"), std::string::npos) << digest.text;
  EXPECT_NE(digest.text.find("今日到期 1 件"), std::string::npos) << digest.text;
  EXPECT_NE(digest.text.find("已逾期 1 件"), std::string::npos) << digest.text;
  EXPECT_NE(digest.text.find("客户不满意待处理 1 件"), std::string::npos) << digest.text;
  EXPECT_NE(digest.text.find("https://desk.example/console"), std::string::npos) << digest.text;
  for (const std::string& part : {digest.subject, digest.text, digest.html}) {
    EXPECT_EQ(part.find("等候时间"), std::string::npos) << "no complaint text";
    EXPECT_EQ(part.find(kPhone), std::string::npos) << "no phone";
  }

  clock.set(at(1795482000));  // Tuesday 09:00: the next day's
  EXPECT_EQ(must(b.run_once()).digests, 1);
  clock.set(at(1795827600));  // Saturday 2026-11-28 09:00
  EXPECT_EQ(must(a.run_once()).digests, 0);
  NotifyConfig off = notify;
  off.digest_time.reset();
  clock.set(at(1795482000) + std::chrono::hours(24));  // Wednesday, with the digest turned off
  EXPECT_EQ(must(NoticeScheduler(parts, off).run_once()).digests, 0);
}

// Desk schema 10 (SQLite: a rebuilt table; PostgreSQL: DROP NOT NULL) keeps every notice and
// delivery a desk made before it.
TEST_P(NoticeStoreTest, NoticesMadeBeforeNoticesWithoutATicketAreKept) {
  const Ticket major = file(kContent);
  must(worker().run_once());
  ASSERT_EQ(rows("notice_deliveries"), 2);
  if (GetParam() == StoreKind::sqlite) {
    ASSERT_TRUE(raw_sql(
        "BEGIN; PRAGMA defer_foreign_keys = ON;"
        "CREATE TABLE notices_v9 (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, ticket_number TEXT NOT "
        "NULL REFERENCES tickets(number), reason TEXT NOT NULL, department TEXT NOT NULL DEFAULT '', "
        "created_at INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL "
        "DEFAULT 0, next_attempt_at INTEGER NOT NULL, claimed_by TEXT NOT NULL DEFAULT '', claimed_until "
        "INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '', finished_at INTEGER);"
        "INSERT INTO notices_v9 SELECT id, key, ticket_number, reason, department, created_at, state, "
        "attempts, next_attempt_at, claimed_by, claimed_until, last_error, finished_at FROM notices;"
        "DROP TABLE notices; ALTER TABLE notices_v9 RENAME TO notices;" +
        desk_search_before() +  // version 11, after this one
        "UPDATE schema_extensions SET version = 9 WHERE name = 'desk'; COMMIT;"));
  } else {
    ASSERT_TRUE(
        raw_sql("ALTER TABLE notices DROP COLUMN data_json; ALTER TABLE notices ALTER COLUMN ticket_number "
                "SET NOT NULL;" +
                older_release()));
  }
  reopen();
  if (GetParam() == StoreKind::sqlite) {
    EXPECT_EQ(raw_query("SELECT version FROM schema_extensions WHERE name = 'desk'"),
              std::to_string(SqliteDeskStore::latest_desk_schema_version()));
    EXPECT_EQ(raw_query("SELECT count(*) FROM pragma_foreign_key_check"), "0");
  }
  const auto kept = must(notices->ticket_notices(major.number));
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].state, NoticeState::delivered);
  EXPECT_EQ(kept[0].data_json, "{}");
  EXPECT_EQ(must(notices->ticket_deliveries(major.number)).size(), 2u);
  must(desk->add_kiosk(registered_kiosk("K1", FakeSigner(), kNow)));
  SyncBatch batch;
  batch.kiosk_id = "K1";
  batch.help_requests = {{1, "welcome", "en", kNow}};
  must(desk->store_synced(batch, kNow));
  EXPECT_EQ(rows("notices"), 2) << "a notice without a ticket is stored";
}

INSTANTIATE_TEST_SUITE_P(BothStores, NoticeStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
