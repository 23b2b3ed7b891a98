// DeskRepository::queue on SQLite and PostgreSQL (desk_store_fixture.h): the store's choice
// and order of open tickets agree with the console's own next_deadline() over the whole
// register, filters and counts hold, confidential kinds and categories are left out when
// asked, and a failure is an error.
#include <algorithm>

#include "desk/console_queue.h"
#include "desk_store_fixture.h"

namespace complaint::testing {
namespace {

class DeskQueueStoreTest : public DeskStoreFixture {
 protected:
  // Files a ticket at the desk `age` ago and takes it through `actions` (as a supervisor).
  std::string file(std::chrono::minutes age, const std::string& category, bool anonymous,
                   const std::vector<Action>& actions = {}) {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "walk_in";
    draft.category = category;
    draft.content = "queue " + std::to_string(++m_count);
    draft.anonymous = anonymous;
    if (!anonymous) {
      draft.customer_name = "王五";
      draft.phone = "1380013" + std::to_string(1000 + m_count);
    }
    draft.filed_at = kNow - age;
    const Ticket ticket = must(staff->file(draft, FilingContext{"clerk", Role::intake_clerk}));
    for (const Action action : actions) {
      ActionRequest request;
      request.action = action;
      request.role = Role::supervisor;
      request.actor = "sam";
      request.at = kNow - age + std::chrono::minutes(5);
      request.department = m_count % 2 ? "营业部" : "信贷部";
      request.handling_result = "done";
      request.satisfaction = Satisfaction::satisfied;
      request.verification = "ok";
      request.handling_opinion = "ok";
      if (action == Action::callback) request.at = in_callback_window(ticket.number, request.at);
      must(staff->act(ticket.number, request));
    }
    return ticket.number;
  }

  void fill() {
    using std::chrono::hours;
    using std::chrono::minutes;
    file(minutes(10), "service_quality", false);
    file(hours(3), "service_quality", true);  // forward_by passed
    file(hours(30), "product", false, {Action::forward});
    file(hours(100), "other", false, {Action::forward, Action::contact});
    file(hours(200), "service_quality", false, {Action::forward, Action::contact, Action::reply});
    file(hours(5), "service_attitude", false,
         {Action::forward, Action::contact, Action::reply, Action::callback});  // nothing due
    file(hours(1), "other", false,
         {Action::forward, Action::contact, Action::reply, Action::callback, Action::record,
          Action::archive});                     // closed
    file(hours(2), "financial_crime", false);    // confidential
    file(minutes(50), "rule_violation", false);  // major
  }

  std::vector<std::string> numbers(const std::vector<Ticket>& tickets) {
    std::vector<std::string> out;
    for (const Ticket& ticket : tickets) out.push_back(ticket.number);
    return out;
  }

  int m_count = 0;
};

TEST_P(DeskQueueStoreTest, TheStoresOrderIsTheConsolesOrder) {
  fill();
  DeskQueueQuery query;
  query.now = kNow;
  const DeskQueuePage page = must(desk->queue(query));
  const auto all = must(tickets->list(TicketQuery{}));
  const desk::QueueView expected =
      desk::build_queue(all, desk::QueueFilter{}, kNow, 100, [](const Ticket&) { return false; });
  EXPECT_EQ(page.total, static_cast<std::int64_t>(expected.total));
  EXPECT_EQ(page.total, 8);  // the archived one is not in the queue
  EXPECT_EQ(page.overdue, static_cast<std::int64_t>(expected.overdue));
  EXPECT_GE(page.overdue, 3);
  std::vector<Ticket> rows;
  for (const auto& row : expected.rows) rows.push_back(row.ticket);
  EXPECT_EQ(numbers(page.tickets), numbers(rows));
  EXPECT_EQ(page.departments, (std::vector<std::string>{"信贷部", "营业部"}));

  query.limit = 3;
  const DeskQueuePage first_three = must(desk->queue(query));
  ASSERT_EQ(first_three.tickets.size(), 3u);
  EXPECT_EQ(first_three.total, 8);
  const std::vector<std::string> order = numbers(rows);
  EXPECT_EQ(numbers(first_three.tickets), std::vector<std::string>(order.begin(), order.begin() + 3));
}

TEST_P(DeskQueueStoreTest, FiltersAndHiddenCategoriesNarrowRowsAndCounts) {
  fill();
  DeskQueueQuery query;
  query.now = kNow;
  query.status = Status::forwarded;
  EXPECT_EQ(must(desk->queue(query)).total, 1);
  query = DeskQueueQuery{};
  query.category = "service_quality";
  EXPECT_EQ(must(desk->queue(query)).total, 3);
  query = DeskQueueQuery{};
  query.major = true;
  const auto majors = must(desk->queue(query)).tickets;
  EXPECT_EQ(majors.size(), 2u);  // rule_violation and financial_crime
  for (const Ticket& ticket : majors) EXPECT_TRUE(ticket.major);
  query = DeskQueueQuery{};
  query.hidden_categories = {"financial_crime"};
  query.hidden_kinds = {"report"};
  const auto visible = must(desk->queue(query));
  EXPECT_EQ(visible.total, 7);
  for (const Ticket& ticket : visible.tickets) EXPECT_NE(ticket.category, "financial_crime");
  query = DeskQueueQuery{};
  query.department = "营业部";
  for (const Ticket& ticket : must(desk->queue(query)).tickets) EXPECT_EQ(ticket.department, "营业部");
  query.limit = 0;  // counts only
  const DeskQueuePage counts = must(desk->queue(query));
  EXPECT_TRUE(counts.tickets.empty());
  EXPECT_GT(counts.total, 0);
}

TEST_P(DeskQueueStoreTest, AFailingStoreIsAnErrorNotAnEmptyQueue) {
  fill();
  faulty->script().fail(DeskOperation::queue, 0, FailureMode::from_then_on,
                        Error::make(ErrorCode::storage, "disk I/O error"));
  for (int i = 0; i < 2; ++i) {
    const auto failed = faulty->queue(DeskQueueQuery{});
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, ErrorCode::storage);
  }
}

INSTANTIATE_TEST_SUITE_P(BothStores, DeskQueueStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
