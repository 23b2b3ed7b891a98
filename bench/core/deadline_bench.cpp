// Benchmarks of the deadline engine (target: compute_filing_deadlines <= 5 us): a general and
// a complex complaint, and a working-day period that crosses China's National Day holidays.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>

#include "core/deadlines/deadline_policy.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

WorkCalendar china_2026_calendar() {
  CalendarConfig config;
  for (unsigned day = 1; day <= 7; ++day)
    config.holidays.insert(LocalDays{2026y / 10 / std::chrono::day{day}});
  config.holidays.insert(LocalDays{2027y / 1 / 1});
  config.extra_workdays.insert(LocalDays{2026y / 9 / 27});
  config.extra_workdays.insert(LocalDays{2026y / 10 / 10});
  auto calendar = WorkCalendar::create(config);
  if (!calendar.ok()) {
    std::cerr << "deadline_bench: " << calendar.error().message << "\n";
    std::abort();
  }
  return std::move(calendar).value();
}

const WorkCalendar& calendar() {
  static const WorkCalendar instance = china_2026_calendar();
  return instance;
}

Instant shanghai_utc(LocalDays day, std::chrono::seconds local_time) {
  return Instant{day.time_since_epoch()} + local_time - 8h;
}

void run_filing(benchmark::State& state, bool complex) {
  const DeadlinePolicy policy;
  DeadlineInput input;
  input.kind = "complaint";
  input.complex = complex;
  input.filed_at = shanghai_utc(LocalDays{2026y / 11 / 20}, 16h);  // the worked example
  for (auto _ : state) {
    Deadlines deadlines = compute_filing_deadlines(policy, calendar(), input);
    benchmark::DoNotOptimize(deadlines);
    input.filed_at += 37min;  // walk through the week so the day arithmetic varies
    if (input.filed_at > shanghai_utc(LocalDays{2026y / 12 / 31}, 0s)) {
      input.filed_at = shanghai_utc(LocalDays{2026y / 11 / 20}, 16h);
    }
  }
}

// The anchor: one UTC -> local conversion in the site's zone through the tz database, the
// smallest step the engine repeats; the filing benchmarks are reported as a ratio to it.
void BM_AnchorOneLocalTimeConversion(benchmark::State& state) {
  Instant at = shanghai_utc(LocalDays{2026y / 11 / 20}, 16h);
  for (auto _ : state) {
    LocalSeconds local = calendar().zone().to_local(at);
    benchmark::DoNotOptimize(local);
    at += 37min;
  }
}
BENCHMARK(BM_AnchorOneLocalTimeConversion);

void BM_DeadlineFilingGeneral(benchmark::State& state) {
  run_filing(state, false);
}
void BM_DeadlineFilingComplex(benchmark::State& state) {
  run_filing(state, true);
}

void BM_DeadlineAddWorkingDaysAcrossHolidayWeek(benchmark::State& state) {
  const Period period{3, PeriodUnit::working_days};
  const Instant filed = shanghai_utc(LocalDays{2026y / 9 / 30}, 10h);  // eve of National Day
  for (auto _ : state) {
    Instant due = add_period(calendar(), filed, period);
    benchmark::DoNotOptimize(due);
  }
}

BENCHMARK(BM_DeadlineFilingGeneral);
BENCHMARK(BM_DeadlineFilingComplex);
BENCHMARK(BM_DeadlineAddWorkingDaysAcrossHolidayWeek);

}  // namespace
}  // namespace complaint
