// The callback step, the dissatisfied callback's escalation and the not-voluntary withdrawal's
// investigation (docs/DOMAIN.md §2) on SQLite and PostgreSQL: the customer's rating is its own
// event and leaves the ticket waiting for the staff callback, which is refused before its
// window with nothing changed; an escalation and an investigation are stored, survive a
// restart, and gate archiving and the leaders' list.
#include <nlohmann/json.hpp>

#include "core/tracking/public_progress.h"
#include "core/workflow/customer_rating.h"
#include "desk_store_fixture.h"
#include "tests/core/good_draft.h"

namespace complaint::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class CallbackStoreTest : public DeskStoreFixture {
 protected:
  Ticket file() { return must(staff->file(good_draft(), FilingContext{"受理员", Role::intake_clerk})); }

  static ActionRequest request(Action action, Role role) {
    ActionRequest r;
    r.action = action;
    r.role = role;
    r.actor = action == Action::customer_rating ? "customer" : to_string(role);
    return r;
  }

  Result<Ticket> act(const std::string& number, ActionRequest r) {
    r.at = clock.now();
    return staff->act(number, r);
  }

  // Filed, forwarded, contacted, recorded and replied at kNow (Monday 10:13): the callback
  // window opens on Tuesday 00:00.
  Ticket replied() {
    const Ticket filed = file();
    ActionRequest forward = request(Action::forward, Role::dispatcher);
    forward.department = "营业部";
    ActionRequest record = request(Action::record, Role::handler);
    record.verification = "核实属实";
    record.handling_opinion = "批评教育";
    ActionRequest reply = request(Action::reply, Role::handler);
    reply.handling_result = "已当面致歉";
    for (const ActionRequest& step : {forward, request(Action::contact, Role::handler), record, reply}) {
      must(act(filed.number, step));
    }
    return must(tickets->find(filed.number)).value();
  }

  Ticket stored(const std::string& number) { return must(tickets->find(number)).value(); }
};

TEST_P(CallbackStoreTest, TheCustomersRatingIsItsOwnEventAndTheCallbackKeepsItsWindow) {
  const Ticket ticket = replied();
  ASSERT_EQ(calendar->zone().format_iso8601(*ticket.deadlines.callback_not_before),
            "2026-11-24T00:00:00+08:00");

  ActionRequest rating = request(Action::customer_rating, Role::customer);
  rating.satisfaction = Satisfaction::basically_satisfied;
  rating.callback_note = "态度好多了";
  clock.advance(1h);
  const Ticket rated = must(act(ticket.number, rating));
  EXPECT_EQ(rated.status, Status::replied);
  EXPECT_EQ(rated.satisfaction, Satisfaction::none);
  const std::vector<TicketEvent> events = must(tickets->events(ticket.number));
  EXPECT_EQ(events.back().action, "customer_rating");
  EXPECT_EQ(events.back().role, "customer");
  EXPECT_EQ(json::parse(events.back().data_json),
            (json{{"satisfaction", "basically_satisfied"}, {"comment", "态度好多了"}}));
  const auto shown = current_customer_rating(events);
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->satisfaction, Satisfaction::basically_satisfied);
  EXPECT_EQ(shown->comment, "态度好多了");
  EXPECT_FALSE(shown->counted_as_callback);
  // The tracking page shows the rating back and takes no second one this round.
  const PublicProgress progress = public_progress(stored(ticket.number), events, taxonomy, clock.now());
  EXPECT_FALSE(progress.accepts_rating);
  EXPECT_EQ(progress.satisfaction, Satisfaction::basically_satisfied);

  // The staff callback on the day of the reply: refused, nothing stored.
  const Ticket before = stored(ticket.number);
  const std::int64_t event_rows = rows("events");
  ActionRequest callback = request(Action::callback, Role::dispatcher);
  callback.satisfaction = Satisfaction::satisfied;
  const auto early = act(ticket.number, callback);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().key, "error.workflow.callback_too_early");
  EXPECT_NE(early.error().message.find("2026-11-24T00:00:00+08:00"), std::string::npos);
  EXPECT_EQ(stored(ticket.number), before);
  EXPECT_EQ(rows("events"), event_rows);
  // Archiving needs the callback, not the rating.
  EXPECT_EQ(act(ticket.number, request(Action::archive, Role::supervisor)).error().key,
            "error.workflow.bad_state");

  clock.advance(24h);  // Tuesday 11:13: inside the window
  const Ticket called = must(act(ticket.number, callback));
  EXPECT_EQ(called.status, Status::called_back);
  EXPECT_EQ(called.satisfaction, Satisfaction::satisfied);
  EXPECT_EQ(must(act(ticket.number, request(Action::archive, Role::supervisor))).status, Status::archived);
}

TEST_P(CallbackStoreTest, ADissatisfiedCallbackIsEscalatedAndArchivedOnlyOnceSettled) {
  const Ticket ticket = replied();
  clock.advance(24h);
  ActionRequest callback = request(Action::callback, Role::dispatcher);
  callback.satisfaction = Satisfaction::dissatisfied;
  EXPECT_EQ(must(act(ticket.number, callback)).escalation, Escalation::supervisor);
  reopen();  // the desk restarting: the escalation is stored
  EXPECT_EQ(stored(ticket.number).escalation, Escalation::supervisor);
  const Ticket before = stored(ticket.number);
  const auto refused = act(ticket.number, request(Action::archive, Role::supervisor));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().key, "error.workflow.dissatisfied_unsettled");
  EXPECT_EQ(stored(ticket.number), before);

  ActionRequest escalate = request(Action::escalate, Role::supervisor);
  escalate.note = "客户要求副总经理出面";
  EXPECT_EQ(must(act(ticket.number, escalate)).escalation, Escalation::executive);
  ActionRequest settle = request(Action::settle_escalation, Role::supervisor);
  settle.note = "结论";
  EXPECT_EQ(act(ticket.number, settle).error().key, "error.workflow.executive_only");
  settle.role = Role::executive;
  settle.actor = "zhao";
  settle.note = "已约见客户，客户接受补偿方案";
  EXPECT_EQ(must(act(ticket.number, settle)).escalation, Escalation::settled);
  EXPECT_EQ(json::parse(must(tickets->events(ticket.number)).back().data_json)["finding"],
            "已约见客户，客户接受补偿方案");
  EXPECT_EQ(must(act(ticket.number, request(Action::archive, Role::supervisor))).status, Status::archived);
}

TEST_P(CallbackStoreTest, UnderTheReopenPolicyADissatisfiedCallbackReopensInOneEvent) {
  config.deadlines.dissatisfied_callback = DissatisfiedCallback::reopen;
  const Ticket ticket = replied();
  clock.advance(24h);
  ActionRequest callback = request(Action::callback, Role::dispatcher);
  callback.satisfaction = Satisfaction::dissatisfied;
  const std::int64_t event_rows = rows("events");
  const Ticket reopened = must(act(ticket.number, callback));
  EXPECT_EQ(reopened.status, Status::in_progress);
  EXPECT_EQ(reopened.reopen_count, 1);
  EXPECT_EQ(rows("events"), event_rows + 1);
  const TicketEvent event = must(tickets->events(ticket.number)).back();
  EXPECT_EQ(event.action, "callback");
  EXPECT_TRUE(starts_new_round(event));
}

TEST_P(CallbackStoreTest, ANotVoluntaryWithdrawalIsListedUntilALeaderClosesTheInvestigation) {
  const Ticket pressured = file();
  const Ticket willing = file();
  ActionRequest withdraw = request(Action::withdraw, Role::handler);
  withdraw.voluntary = false;
  withdraw.note = "客户称经办人多次打电话劝其撤诉";
  EXPECT_EQ(must(act(pressured.number, withdraw)).investigation, Investigation::open);
  withdraw.voluntary = true;
  EXPECT_EQ(must(act(willing.number, withdraw)).investigation, Investigation::none);

  TicketQuery open;
  open.status = Status::withdrawn;
  open.investigation = Investigation::open;
  std::vector<Ticket> listed = must(tickets->list(open));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed.front().number, pressured.number);

  // Not a dispatcher's to close; nor without a finding.
  ActionRequest close = request(Action::close_investigation, Role::dispatcher);
  close.note = "x";
  EXPECT_EQ(act(pressured.number, close).error().key, "error.workflow.role_forbidden");
  close.role = Role::supervisor;
  close.actor = "wang";
  close.note.clear();
  EXPECT_EQ(act(pressured.number, close).error().field, "finding");
  EXPECT_EQ(must(tickets->list(open)).size(), 1u);

  close.note = "经核实经办人确有劝说，已批评教育并重新受理";
  EXPECT_EQ(must(act(pressured.number, close)).investigation, Investigation::closed);
  reopen();
  EXPECT_TRUE(must(tickets->list(open)).empty());
  EXPECT_EQ(stored(pressured.number).investigation, Investigation::closed);
  const TicketEvent event = must(tickets->events(pressured.number)).back();
  EXPECT_EQ(event.action, "close_investigation");
  EXPECT_EQ(event.actor, "wang");
  EXPECT_EQ(event.role, "supervisor");
  EXPECT_EQ(json::parse(event.data_json)["finding"], close.note);
  EXPECT_EQ(act(pressured.number, close).error().key, "error.workflow.no_investigation");
}

INSTANTIATE_TEST_SUITE_P(BothStores, CallbackStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
