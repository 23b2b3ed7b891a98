// monthly_report's period helpers, and load_cohort's and load_report_cohort's fault siblings: a
// store call that fails (listing the tickets, reading the cohort's events, or the slim cohort)
// fails the report with the store's error instead of reporting a partial month.
#include "core/reports/monthly_report.h"

#include <gtest/gtest.h>

#include "core/services/filing_service.h"
#include "core/store/fake_ticket_repository.h"
#include "tests/core/good_draft.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

const Instant kFiled = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 9}} + 2h;
const Error kDiskFull = Error::make(ErrorCode::storage, "disk full", "sqlite3_step", 13);

TEST(ReportPeriod, MonthsAndRangesAreLocalDaysBothIncluded) {
  const TimeZone zone = TimeZone::load("Asia/Shanghai").value();
  const ReportPeriod february = month_period("2028-02").value();
  EXPECT_EQ(format_date(february.from), "2028-02-01");
  EXPECT_EQ(format_date(february.to), "2028-02-29");
  EXPECT_EQ(zone.format_iso8601(period_begin(february, zone)), "2028-02-01T00:00:00+08:00");
  EXPECT_EQ(zone.format_iso8601(period_end(february, zone)), "2028-03-01T00:00:00+08:00");
  EXPECT_EQ(format_date(month_of(zone, kFiled).to), "2026-11-30");
  const ReportPeriod quarter = range_period("2026-10-01", "2026-12-31").value();
  EXPECT_EQ(zone.format_iso8601(period_end(quarter, zone)), "2027-01-01T00:00:00+08:00");
  EXPECT_EQ(month_period("2026-1").error().field, "month");
  EXPECT_EQ(month_period("2026-00").error().field, "month");
  EXPECT_EQ(range_period("2026-12-02", "2026-12-01").error().key, "error.report.range");
}

enum class FailingCall { list, events, report_cohort };

class LoadCohortFault : public ::testing::TestWithParam<FailingCall> {};

TEST_P(LoadCohortFault, AFailingStoreCallFailsTheReport) {
  Config config = Config::defaults();
  const Taxonomy taxonomy = Taxonomy::defaults();
  const WorkCalendar calendar = WorkCalendar::create(config.calendar).value();
  FixedClock clock{kFiled};
  FakeTicketRepository repository;
  FilingService service{config, taxonomy, calendar, repository, clock};
  ASSERT_TRUE(service.file(good_draft(), {}).ok());
  const ReportPeriod month = month_period("2026-11").value();
  const bool slim = GetParam() == FailingCall::report_cohort;
  const auto load = [&] {
    return slim ? load_report_cohort(repository, month, calendar.zone())
                : load_cohort(repository, month, calendar.zone());
  };
  ASSERT_EQ(load().value().size(), 1u);

  repository.fail(GetParam() == FailingCall::list     ? RepositoryOperation::list
                  : GetParam() == FailingCall::events ? RepositoryOperation::events_filed
                                                      : RepositoryOperation::report_cohort,
                  0, FailureMode::once, kDiskFull);
  const auto failed = load();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::storage);
  EXPECT_EQ(failed.error().status, 13);
  EXPECT_EQ(load().value().size(), 1u);  // once: then fine
}

// Events come from the store in one read for the whole cohort; each ticket gets its own, in
// the order they were stored, whatever order the tickets were acted on.
TEST(LoadCohort, EachTicketGetsItsOwnEventsInStoredOrder) {
  Config config = Config::defaults();
  const Taxonomy taxonomy = Taxonomy::defaults();
  const WorkCalendar calendar = WorkCalendar::create(config.calendar).value();
  FixedClock clock{kFiled};
  FakeTicketRepository repository;
  FilingService service{config, taxonomy, calendar, repository, clock};
  const Ticket first = service.file(good_draft(), {}).value();
  TicketDraft other = good_draft();
  other.phone = "13900139000";
  const Ticket second = service.file(other, {}).value();
  ActionRequest forward;
  forward.action = Action::forward;
  forward.role = Role::dispatcher;
  forward.actor = "dispatcher";
  forward.department = "营业部";
  clock.set(kFiled + 10min);
  ASSERT_TRUE(service.act(second.number, forward).ok());
  ActionRequest withdraw;
  withdraw.action = Action::withdraw;
  withdraw.role = Role::dispatcher;
  withdraw.actor = "dispatcher";
  withdraw.voluntary = true;
  clock.set(kFiled + 20min);
  ASSERT_TRUE(service.act(first.number, withdraw).ok());
  clock.set(kFiled + 30min);
  ASSERT_TRUE(service.act(second.number, withdraw).ok());

  const auto cohort = load_cohort(repository, month_period("2026-11").value(), calendar.zone()).value();
  ASSERT_EQ(cohort.size(), 2u);
  for (const TicketHistory& history : cohort) {
    std::vector<std::string> actions;
    for (const TicketEvent& event : history.events) {
      EXPECT_EQ(event.ticket_number, history.ticket.number);
      actions.push_back(event.action);
    }
    if (history.ticket.number == first.number) {
      EXPECT_EQ(actions, (std::vector<std::string>{"file", "withdraw"}));
    } else {
      EXPECT_EQ(actions, (std::vector<std::string>{"file", "forward", "withdraw"}));
    }
  }
  EXPECT_EQ(repository.calls(RepositoryOperation::events), 0);
  EXPECT_EQ(repository.calls(RepositoryOperation::events_filed), 1);

  // The slim cohort: the same tickets and events in the same order, with the report's fields
  // only (report_fields_of): the filing's data is not carried, the withdrawal's is.
  const auto slim = load_report_cohort(repository, month_period("2026-11").value(), calendar.zone()).value();
  ASSERT_EQ(slim.size(), cohort.size());
  for (std::size_t i = 0; i < slim.size(); ++i) {
    EXPECT_EQ(slim[i].ticket.number, cohort[i].ticket.number);
    EXPECT_EQ(slim[i].ticket.deadlines.resolve_by, cohort[i].ticket.deadlines.resolve_by);
    EXPECT_TRUE(slim[i].ticket.content.empty());
    ASSERT_EQ(slim[i].events.size(), cohort[i].events.size());
    for (std::size_t j = 0; j < slim[i].events.size(); ++j) {
      const TicketEvent& e = slim[i].events[j];
      EXPECT_EQ(e.action, cohort[i].events[j].action);
      EXPECT_EQ(e.at, cohort[i].events[j].at);
      EXPECT_EQ(e.to, cohort[i].events[j].to);
      EXPECT_EQ(e.data_json, e.action == "file" ? "{}" : cohort[i].events[j].data_json);
    }
  }
  EXPECT_EQ(repository.calls(RepositoryOperation::report_cohort), 1);
}

INSTANTIATE_TEST_SUITE_P(EveryStoreCall, LoadCohortFault,
                         ::testing::Values(FailingCall::list, FailingCall::events,
                                           FailingCall::report_cohort),
                         [](const auto& info) {
                           return info.param == FailingCall::list     ? "list"
                                  : info.param == FailingCall::events ? "events"
                                                                      : "report_cohort";
                         });

}  // namespace
}  // namespace complaint
