// monthly_trend: twelve months ending with the asked one, oldest first, each its own cohort
// (the month's filed count is the month's report's), across a year boundary; a failing store
// fails the trend.
#include "core/reports/monthly_trend.h"

#include <gtest/gtest.h>

#include "core/services/filing_service.h"
#include "core/store/fake_ticket_repository.h"
#include "tests/core/good_draft.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

Instant day(int y, unsigned m, unsigned d) {
  return Instant{std::chrono::sys_days{std::chrono::year{y} / m / d}} + 2h;
}

TEST(MonthlyTrend, TwelveMonthsEndingWithTheAskedOneEachItsOwnCohort) {
  Config config = Config::defaults();
  const Taxonomy taxonomy = Taxonomy::defaults();
  const WorkCalendar calendar = WorkCalendar::create(config.calendar).value();
  FixedClock clock{day(2025, 12, 10)};
  FakeTicketRepository repository;
  FilingService service{config, taxonomy, calendar, repository, clock};
  ASSERT_TRUE(service.file(good_draft(), {}).ok());  // December 2025
  clock.set(day(2026, 3, 2));
  for (int i = 0; i < 2; ++i) {
    TicketDraft draft = good_draft();
    draft.phone = "1390013900" + std::to_string(i);
    ASSERT_TRUE(service.file(draft, {}).ok());  // March 2026
  }
  const Instant as_of = day(2026, 11, 20);
  const auto trend = monthly_trend(repository, std::chrono::year{2026} / 11 / 30, 12, as_of, calendar.zone());
  ASSERT_TRUE(trend.ok());
  ASSERT_EQ(trend->size(), 12u);
  EXPECT_EQ(trend->front().month, "2025-12");
  EXPECT_EQ(trend->back().month, "2026-11");
  EXPECT_EQ((*trend)[0].filed, 1);
  EXPECT_EQ((*trend)[3].month, "2026-03");
  EXPECT_EQ((*trend)[3].filed, 2);
  // Never forwarded by November: every forward clock missed, the rate counts them.
  EXPECT_GE((*trend)[3].missed, 2);
  ASSERT_TRUE((*trend)[3].on_time_rate().has_value());
  EXPECT_EQ((*trend)[1].filed, 0);
  EXPECT_FALSE((*trend)[1].on_time_rate().has_value());

  // Each month is read with the report's fields (report_cohort): a failing read fails the trend.
  repository.fail(RepositoryOperation::report_cohort, 0, FailureMode::once,
                  Error::make(ErrorCode::storage, "disk full", "sqlite3_step", 13));
  EXPECT_FALSE(monthly_trend(repository, std::chrono::year{2026} / 11 / 30, 12, as_of, calendar.zone()).ok());
}

}  // namespace
}  // namespace complaint
