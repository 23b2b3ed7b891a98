// core/deadlines' pending-deadline rule: which clock runs in which state (spelled out here
// by hand from docs/DOMAIN.md §3, not read back from the table), the order, overdue at the
// instant, the generated SQL's shape, and the fake store's overdue filter over the whole
// state x clock grid (the stores' SQL is held to the same grid in tests/desk).
#include <gtest/gtest.h>

#include <set>

#include "core/deadlines/pending_deadlines.h"
#include "core/deadlines/pending_deadlines_sql.h"
#include "core/store/fake_ticket_repository.h"
#include "deadline_grid.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

const Instant kNow = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 20}} + 8h;

// Every clock set, each at its own time: forward first, callback last.
Ticket every_clock(Status status) {
  Ticket t;
  t.status = status;
  t.deadlines = {kNow + 1h, kNow + 2h, kNow + 3h, kNow + 4h, kNow + 5h, kNow + 6h};
  return t;
}

std::vector<std::string> names(const std::vector<PendingDeadline>& pending) {
  std::vector<std::string> out;
  for (const PendingDeadline& deadline : pending) out.push_back(deadline.name);
  return out;
}

using Names = std::vector<std::string>;

TEST(PendingDeadlines, EachClockRunsWhileItsStepIsAhead) {
  EXPECT_EQ(names(pending_deadlines(every_clock(Status::filed))),
            (Names{"forward_by", "contact_by", "resolve_by", "answer_by"}));
  EXPECT_EQ(names(pending_deadlines(every_clock(Status::forwarded))),
            (Names{"contact_by", "resolve_by", "answer_by"}));
  // The contact action is what moves a ticket to in_progress: nothing left to contact.
  EXPECT_EQ(names(pending_deadlines(every_clock(Status::in_progress))), (Names{"resolve_by", "answer_by"}));
  EXPECT_EQ(names(pending_deadlines(every_clock(Status::replied))), (Names{"callback_by"}));
  for (const Status done : {Status::called_back, Status::archived, Status::withdrawn}) {
    EXPECT_TRUE(pending_deadlines(every_clock(done)).empty()) << to_string(done);
  }
}

TEST(PendingDeadlines, AFirstContactEndsTheContactClock) {
  Ticket t = every_clock(Status::forwarded);
  t.first_contact_at = kNow - 1h;
  EXPECT_EQ(names(pending_deadlines(t)), (Names{"resolve_by", "answer_by"}));
  t.status = Status::filed;
  EXPECT_EQ(names(pending_deadlines(t)), (Names{"forward_by", "resolve_by", "answer_by"}));
}

TEST(PendingDeadlines, UnsetClocksDoNotCountAndTheEarliestComesFirst) {
  Ticket t;
  t.status = Status::forwarded;
  EXPECT_TRUE(pending_deadlines(t).empty());
  EXPECT_FALSE(next_deadline(t));
  EXPECT_FALSE(is_overdue(t, kNow + 1000h));
  t.deadlines.resolve_by = kNow + 3h;
  t.deadlines.answer_by = kNow + 1h;
  t.deadlines.contact_by = kNow + 3h;  // a tie keeps the table's order: contact before resolve
  EXPECT_EQ(pending_deadlines(t),
            (std::vector<PendingDeadline>{
                {"answer_by", kNow + 1h}, {"contact_by", kNow + 3h}, {"resolve_by", kNow + 3h}}));
  EXPECT_EQ(next_deadline(t), (PendingDeadline{"answer_by", kNow + 1h}));
}

TEST(PendingDeadlines, OverdueIsAPendingClockStrictlyBeforeNow) {
  Ticket t;
  t.status = Status::in_progress;
  t.deadlines.contact_by = kNow - 5h;  // not pending in progress
  t.deadlines.resolve_by = kNow;
  EXPECT_FALSE(is_overdue(t, kNow));
  EXPECT_TRUE(is_overdue(t, kNow + 1s));
  t.status = Status::forwarded;
  EXPECT_TRUE(is_overdue(t, kNow));
  t.status = Status::called_back;
  EXPECT_FALSE(is_overdue(t, kNow + 1000h));
}

TEST(PendingDeadlinesSql, BothDialectsNameEveryClockWithItsStates) {
  const std::string overdue = overdue_sql(":at");
  EXPECT_NE(
      overdue.find("(status IN ('filed', 'forwarded') AND first_contact_at IS NULL AND contact_by < :at)"),
      std::string::npos)
      << overdue;
  EXPECT_NE(overdue.find("(status IN ('replied') AND callback_by < :at)"), std::string::npos) << overdue;
  const std::string sqlite = next_deadline_sql(SqlDialect::sqlite);
  EXPECT_EQ(sqlite.rfind("min(coalesce(CASE WHEN status IN ('filed') THEN forward_by END, ", 0), 0u)
      << sqlite;
  const std::string postgres = next_deadline_sql(SqlDialect::postgres);
  EXPECT_EQ(postgres.rfind("LEAST(CASE WHEN status IN ('filed') THEN forward_by END, ", 0), 0u) << postgres;
  for (const char* clock : {"forward_by", "contact_by", "resolve_by", "answer_by", "callback_by"}) {
    EXPECT_NE(sqlite.find(std::string("THEN ") + clock + " END"), std::string::npos) << clock;
    EXPECT_NE(postgres.find(std::string("THEN ") + clock + " END"), std::string::npos) << clock;
    EXPECT_NE(overdue.find(std::string(clock) + " < :at"), std::string::npos) << clock;
  }
}

TEST(PendingDeadlines, TheFakeStoresOverdueFilterIsTheRuleOverTheWholeGrid) {
  FakeTicketRepository fake;
  std::vector<Ticket> stored;
  for (const NewTicketRequest& request : deadline_grid(kNow)) {
    auto ticket = fake.insert_new(request);
    ASSERT_TRUE(ticket.ok()) << ticket.error().message;
    stored.push_back(*ticket);
  }
  TicketQuery query;
  query.overdue_at = kNow;
  auto listed = fake.list(query);
  ASSERT_TRUE(listed.ok());
  std::set<std::string> overdue;
  for (const Ticket& t : *listed) overdue.insert(t.number);
  std::size_t expected = 0;
  for (const Ticket& t : stored) {
    expected += is_overdue(t, kNow) ? 1 : 0;
    EXPECT_EQ(overdue.count(t.number) == 1, is_overdue(t, kNow)) << describe_clocks(t, kNow);
  }
  EXPECT_EQ(overdue.size(), expected);
  EXPECT_GT(expected, 0u);
  EXPECT_LT(expected, stored.size());
}

}  // namespace
}  // namespace complaint
