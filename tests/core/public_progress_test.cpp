// public_progress(): the customer's view of a ticket — steps, deadline outcomes, masking.
#include "core/tracking/public_progress.h"

#include <gtest/gtest.h>

namespace complaint {
namespace {

constexpr std::int64_t kHour = 3600;

const Taxonomy& taxonomy() {
  static const Taxonomy defaults = Taxonomy::defaults();
  return defaults;
}

Instant at_hours(double hours) {
  return Instant{std::chrono::seconds{1795680000 + static_cast<std::int64_t>(hours * kHour)}};
}

Ticket filed_ticket() {
  Ticket ticket;
  ticket.number = "WH01-K1-20261120-0001-5";
  ticket.tracking_token = "ABCDEFGHIJKLMNOPQRSTUVWX";
  ticket.kind = "complaint";
  ticket.category = "service_attitude";
  ticket.content = "柜员态度冷漠";
  ticket.customer_name = "张三";
  ticket.phone = "13800138000";
  ticket.handler = "李经办";
  ticket.filed_at = at_hours(0);
  ticket.deadlines.forward_by = at_hours(1);
  ticket.deadlines.contact_by = at_hours(24);
  ticket.deadlines.resolve_by = at_hours(120);
  return ticket;
}

TicketEvent event(Status from, Status to, double hours, const char* action) {
  TicketEvent e;
  e.from = from;
  e.to = to;
  e.at = at_hours(hours);
  e.action = action;
  return e;
}

const DeadlineProgress& clock(const PublicProgress& progress, const std::string& name) {
  for (const DeadlineProgress& deadline : progress.deadlines) {
    if (deadline.clock == name) return deadline;
  }
  ADD_FAILURE() << "no deadline " << name;
  static const DeadlineProgress none;
  return none;
}

TEST(PublicProgress, AFreshTicketIsAtTheFirstStepWithItsPromisesPending) {
  const Ticket ticket = filed_ticket();
  const PublicProgress progress =
      public_progress(ticket, {event(Status::filed, Status::filed, 0, "file")}, taxonomy(), at_hours(0.5));
  ASSERT_EQ(progress.steps.size(), 6u);
  EXPECT_EQ(progress.steps[0].state, StepState::current);
  EXPECT_EQ(progress.steps[0].at, ticket.filed_at);
  for (std::size_t i = 1; i < progress.steps.size(); ++i) {
    EXPECT_EQ(progress.steps[i].state, StepState::pending) << i;
    EXPECT_FALSE(progress.steps[i].at) << i;
  }
  ASSERT_EQ(progress.deadlines.size(), 3u);
  EXPECT_EQ(clock(progress, "forward_by").outcome, DeadlineOutcome::pending);
  EXPECT_EQ(progress.masked_name, "张*");
  EXPECT_EQ(progress.masked_phone, "138****8000");
  EXPECT_FALSE(progress.accepts_rating);
}

TEST(PublicProgress, LatePromisesAreOverdueThenMissedOnceDone) {
  Ticket ticket = filed_ticket();
  const std::vector<TicketEvent> filed{event(Status::filed, Status::filed, 0, "file")};
  EXPECT_EQ(clock(public_progress(ticket, filed, taxonomy(), at_hours(2)), "forward_by").outcome,
            DeadlineOutcome::overdue);

  ticket.status = Status::forwarded;
  std::vector<TicketEvent> events = filed;
  events.push_back(event(Status::filed, Status::forwarded, 3, "forward"));
  const PublicProgress late = public_progress(ticket, events, taxonomy(), at_hours(4));
  EXPECT_EQ(clock(late, "forward_by").outcome, DeadlineOutcome::missed);
  EXPECT_EQ(clock(late, "forward_by").done_at, at_hours(3));
  EXPECT_EQ(late.steps[1].state, StepState::current);
  EXPECT_EQ(late.steps[0].state, StepState::done);
}

TEST(PublicProgress, AReplyOnTimeMeetsTheResolvePromiseAndOpensTheRating) {
  Ticket ticket = filed_ticket();
  ticket.status = Status::replied;
  ticket.department = "营业部";
  ticket.first_contact_at = at_hours(5);
  ticket.replied_at = at_hours(50);
  const std::vector<TicketEvent> events{
      event(Status::filed, Status::filed, 0, "file"),
      event(Status::filed, Status::forwarded, 0.5, "forward"),
      event(Status::forwarded, Status::in_progress, 5, "contact"),
      event(Status::in_progress, Status::in_progress, 20, "record"),
      event(Status::in_progress, Status::replied, 50, "reply"),
  };
  const PublicProgress progress = public_progress(ticket, events, taxonomy(), at_hours(51));
  EXPECT_EQ(progress.steps[3].state, StepState::current);
  EXPECT_EQ(progress.steps[3].at, at_hours(50));
  EXPECT_EQ(progress.steps[2].at, at_hours(5));
  for (const char* name : {"forward_by", "contact_by", "resolve_by"}) {
    EXPECT_EQ(clock(progress, name).outcome, DeadlineOutcome::met) << name;
  }
  EXPECT_EQ(progress.department, "营业部");
  EXPECT_TRUE(progress.accepts_rating);
}

// The reply's answer for the customer shows; once retention has made it the tombstone it is
// no answer at all (the tracking page then has no answer block).
TEST(PublicProgress, TheAnswerShowsUntilRetentionAnonymisesIt) {
  Ticket ticket = filed_ticket();
  ticket.status = Status::replied;
  TicketEvent reply = event(Status::in_progress, Status::replied, 50, "reply");
  reply.data_json = R"({"customer_answer":"已向您当面致歉"})";
  std::vector<TicketEvent> events{event(Status::filed, Status::filed, 0, "file"), reply};
  EXPECT_EQ(public_progress(ticket, events, taxonomy(), at_hours(51)).answer, "已向您当面致歉");
  events[1].data_json = R"({"customer_answer":"[anonymised]"})";
  EXPECT_EQ(public_progress(ticket, events, taxonomy(), at_hours(51)).answer, "");
}

TEST(PublicProgress, AReopenClearsTheLaterStepsAndTheNewReplyCounts) {
  Ticket ticket = filed_ticket();
  ticket.status = Status::in_progress;
  const std::vector<TicketEvent> events{
      event(Status::filed, Status::filed, 0, "file"),
      event(Status::filed, Status::forwarded, 0.5, "forward"),
      event(Status::forwarded, Status::in_progress, 5, "contact"),
      event(Status::in_progress, Status::replied, 50, "reply"),
      event(Status::replied, Status::in_progress, 60, "reopen"),
  };
  const PublicProgress progress = public_progress(ticket, events, taxonomy(), at_hours(61));
  EXPECT_EQ(progress.steps[2].state, StepState::current);
  EXPECT_EQ(progress.steps[2].at, at_hours(60));
  EXPECT_EQ(progress.steps[3].state, StepState::pending);
  EXPECT_FALSE(progress.steps[3].at);
  EXPECT_EQ(clock(progress, "resolve_by").outcome, DeadlineOutcome::pending);
  EXPECT_EQ(clock(progress, "contact_by").outcome, DeadlineOutcome::met);
}

TEST(PublicProgress, ResolvedOnTheSpotSkipsTheMiddleAndNeedsNoFurtherPromise) {
  Ticket ticket = filed_ticket();
  ticket.status = Status::archived;
  const std::vector<TicketEvent> events{event(Status::filed, Status::filed, 0, "file"),
                                        event(Status::filed, Status::archived, 0.2, "resolve_on_spot")};
  const PublicProgress progress = public_progress(ticket, events, taxonomy(), at_hours(30));
  EXPECT_EQ(progress.steps[0].state, StepState::done);
  for (std::size_t i = 1; i < 5; ++i) EXPECT_EQ(progress.steps[i].state, StepState::skipped) << i;
  EXPECT_EQ(progress.steps[5].state, StepState::done);
  EXPECT_EQ(clock(progress, "forward_by").outcome, DeadlineOutcome::not_needed);
  EXPECT_EQ(clock(progress, "resolve_by").outcome, DeadlineOutcome::not_needed);
}

TEST(PublicProgress, AWithdrawalStopsTheTimelineWhereItWas) {
  Ticket ticket = filed_ticket();
  ticket.status = Status::withdrawn;
  ticket.withdrawn_at = at_hours(30);
  const std::vector<TicketEvent> events{event(Status::filed, Status::filed, 0, "file"),
                                        event(Status::filed, Status::forwarded, 2, "forward"),
                                        event(Status::forwarded, Status::withdrawn, 30, "withdraw")};
  const PublicProgress progress = public_progress(ticket, events, taxonomy(), at_hours(31));
  EXPECT_EQ(progress.steps[1].state, StepState::done);
  EXPECT_EQ(progress.steps[2].state, StepState::skipped);
  EXPECT_EQ(progress.withdrawn_at, at_hours(30));
  EXPECT_EQ(clock(progress, "forward_by").outcome, DeadlineOutcome::missed);
  EXPECT_EQ(clock(progress, "contact_by").outcome, DeadlineOutcome::missed);  // closed after it passed
  EXPECT_EQ(clock(progress, "resolve_by").outcome, DeadlineOutcome::not_needed);
  EXPECT_FALSE(progress.accepts_rating);
}

TEST(PublicProgress, AnAnonymousTicketShowsNoContact) {
  Ticket ticket = filed_ticket();
  ticket.anonymous = true;
  ticket.customer_name.clear();
  ticket.phone.clear();
  const PublicProgress progress = public_progress(ticket, {}, taxonomy(), at_hours(1));
  EXPECT_TRUE(progress.anonymous);
  EXPECT_TRUE(progress.masked_name.empty());
  EXPECT_TRUE(progress.masked_phone.empty());
}

}  // namespace
}  // namespace complaint
