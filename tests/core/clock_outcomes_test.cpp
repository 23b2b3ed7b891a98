// clock_outcomes as of an instant (docs/DOMAIN.md §9), FilingService::act_at (an action
// entered after it happened) and the verification's judgement, over the fake repository.
#include "core/deadlines/clock_outcomes.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/services/filing_service.h"
#include "core/store/fake_ticket_repository.h"
#include "tests/core/good_draft.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

// Monday 2026-11-09 10:00 in Shanghai.
const Instant kFiled = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 9}} + 2h;

struct ClockOutcomes : ::testing::Test {
  Config config = Config::defaults();
  Taxonomy taxonomy = Taxonomy::defaults();
  WorkCalendar calendar = WorkCalendar::create(config.calendar).value();
  FixedClock clock{kFiled};
  FakeTicketRepository repository;
  FilingService service{config, taxonomy, calendar, repository, clock};
  std::string number;

  void SetUp() override { number = service.file(good_draft(), {}).value().number; }

  Result<Ticket> act(Instant at, Action action, Role role, ActionRequest request = {}) {
    request.action = action;
    request.role = role;
    request.actor = "staff";
    clock.set(at + 1h);
    return service.act_at(number, request, at);
  }
  std::vector<TicketEvent> events() { return repository.events(number).value(); }
  Ticket ticket() { return repository.find(number).value().value(); }
  std::optional<DeadlineProgress> outcome(const char* clock_name, Instant as_of) {
    for (const DeadlineProgress& p : clock_outcomes(ticket(), events(), as_of)) {
      if (p.clock == clock_name) return p;
    }
    return std::nullopt;
  }

  void walk_to_reopen() {
    ActionRequest forward;
    forward.department = "营业部";
    ASSERT_TRUE(act(kFiled + 30min, Action::forward, Role::dispatcher, forward).ok());
    ASSERT_TRUE(act(kFiled + 2h, Action::contact, Role::handler).ok());
    ActionRequest reply;
    reply.handling_result = "已致歉";
    ASSERT_TRUE(act(kFiled + 26h, Action::reply, Role::handler, reply).ok());
    ActionRequest callback;
    callback.satisfaction = Satisfaction::dissatisfied;
    ASSERT_TRUE(act(kFiled + 50h, Action::callback, Role::dispatcher, callback).ok());
    ASSERT_TRUE(act(kFiled + 51h, Action::reopen, Role::dispatcher).ok());
  }
};

TEST_F(ClockOutcomes, EachClockIsDoneByTheEventThatLeavesItsStates) {
  walk_to_reopen();
  // Before the reopen: the first round, met everywhere; the callback clock exists.
  const Instant before = kFiled + 50h + 30min;
  EXPECT_EQ(status_as_of(events(), before), Status::called_back);
  EXPECT_EQ(outcome("forward_by", before)->outcome, DeadlineOutcome::met);
  EXPECT_EQ(outcome("forward_by", before)->done_at, kFiled + 30min);
  EXPECT_EQ(outcome("contact_by", before)->done_at, kFiled + 2h);
  EXPECT_EQ(outcome("resolve_by", before)->done_at, kFiled + 26h);
  ASSERT_TRUE(outcome("callback_by", before));
  EXPECT_EQ(outcome("callback_by", before)->outcome, DeadlineOutcome::met);
  // The round's deadlines come back from the reopen event, not from today's ticket.
  const nlohmann::json reopen = nlohmann::json::parse(events().back().data_json);
  EXPECT_FALSE(reopen["previous_callback_by"].get<std::string>().empty());
  EXPECT_NE(outcome("resolve_by", before)->due, *ticket().deadlines.resolve_by);

  // After it: a new round, its resolution pending, no callback clock until the next reply.
  const Instant after = kFiled + 52h;
  EXPECT_EQ(status_as_of(events(), after), Status::in_progress);
  EXPECT_EQ(outcome("resolve_by", after)->outcome, DeadlineOutcome::pending);
  EXPECT_FALSE(outcome("resolve_by", after)->done_at);
  EXPECT_FALSE(outcome("callback_by", after));
  // Before the reply no callback clock, and as of the filing only the first three run.
  EXPECT_FALSE(outcome("callback_by", kFiled + 20h));
  EXPECT_EQ(outcome("forward_by", kFiled)->outcome, DeadlineOutcome::pending);
  EXPECT_EQ(outcome("forward_by", kFiled + 2h)->outcome, DeadlineOutcome::met);
}

TEST_F(ClockOutcomes, UndoneClocksAreOverdueWhileOpenAndNotCountedWhenClosedInTime) {
  EXPECT_EQ(outcome("forward_by", kFiled + 3h)->outcome, DeadlineOutcome::overdue);
  ActionRequest withdraw;
  withdraw.voluntary = true;
  ASSERT_TRUE(act(kFiled + 3h, Action::withdraw, Role::dispatcher, withdraw).ok());
  const Instant later = kFiled + 400h;
  EXPECT_EQ(outcome("forward_by", later)->outcome, DeadlineOutcome::missed);      // passed before
  EXPECT_EQ(outcome("contact_by", later)->outcome, DeadlineOutcome::not_needed);  // due after it
  EXPECT_EQ(outcome("resolve_by", later)->outcome, DeadlineOutcome::not_needed);
}

TEST_F(ClockOutcomes, AnActionEnteredLaterKeepsBothTimesAndIsRefusedInTheFutureOrBeforeTheTrail) {
  ActionRequest forward;
  forward.department = "营业部";
  clock.set(kFiled + 2h);
  ActionRequest ahead = forward;
  ahead.action = Action::forward;
  ahead.role = Role::dispatcher;
  ahead.actor = "staff";
  const auto future = service.act_at(number, ahead, kFiled + 3h);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().key, "error.at.future");
  EXPECT_EQ(future.error().field, "at");
  const auto early = act(kFiled - 1min, Action::forward, Role::dispatcher, forward);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().key, "error.at.before_previous");
  EXPECT_EQ(events().size(), 1u);
  EXPECT_EQ(ticket().status, Status::filed);

  ASSERT_TRUE(act(kFiled + 10min, Action::forward, Role::dispatcher, forward).ok());
  const TicketEvent event = events().back();
  EXPECT_EQ(event.at, kFiled + 10min);
  EXPECT_EQ(nlohmann::json::parse(event.data_json)["recorded_at"], "2026-11-09T11:10:00+08:00");
  ASSERT_TRUE(act(kFiled + 20min, Action::contact, Role::handler).ok());
  EXPECT_EQ(ticket().first_contact_at, kFiled + 20min);
}

// A caller that does not say when an action happened (request.at left unset) gets the
// service's clock, never the epoch: the step's event and the clock it stops are dated now.
TEST_F(ClockOutcomes, AnActionWithoutItsTimeHappenedNowByTheServicesClock) {
  clock.set(kFiled + 40min);
  ActionRequest forward;
  forward.action = Action::forward;
  forward.role = Role::dispatcher;
  forward.actor = "staff";
  forward.department = "营业部";
  ASSERT_TRUE(service.act(number, forward).ok());
  EXPECT_EQ(events().back().at, kFiled + 40min);
  EXPECT_EQ(outcome("forward_by", kFiled + 2h)->done_at, kFiled + 40min);
  EXPECT_EQ(outcome("forward_by", kFiled + 2h)->outcome, DeadlineOutcome::met);
}

TEST_F(ClockOutcomes, TheJudgementIsRecordedWithItsEventAndAChangeKeepsThePreviousValues) {
  ActionRequest forward;
  forward.department = "营业部";
  ASSERT_TRUE(act(kFiled + 10min, Action::forward, Role::dispatcher, forward).ok());
  ASSERT_TRUE(act(kFiled + 20min, Action::contact, Role::handler).ok());
  ActionRequest judged;
  judged.substantiated = Substantiated::partly;
  judged.responsible_department = "营业部";
  ASSERT_TRUE(act(kFiled + 30min, Action::record, Role::handler, judged).ok());
  EXPECT_EQ(ticket().substantiated, Substantiated::partly);
  EXPECT_EQ(ticket().responsible_department, "营业部");
  ActionRequest changed;
  changed.substantiated = Substantiated::substantiated;
  changed.responsible_person = "王五";
  ASSERT_TRUE(act(kFiled + 40min, Action::record, Role::handler, changed).ok());
  const nlohmann::json data = nlohmann::json::parse(events().back().data_json);
  EXPECT_EQ(data["substantiated"], "substantiated");
  EXPECT_EQ(data["previous_substantiated"], "partly");
  EXPECT_EQ(data["responsible_person"], "王五");
  EXPECT_EQ(ticket().responsible_department, "营业部");
  EXPECT_EQ(ticket().responsible_person, "王五");
}

}  // namespace
}  // namespace complaint
