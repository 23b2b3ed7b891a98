// WorkCalendar: working days are Mon-Fri minus holidays plus make-up days (调休); a make-up
// day always wins, and a day on both lists is rejected at create() as a config error.
#include "core/calendar/work_calendar.h"

#include <algorithm>

namespace complaint {

namespace {

using std::chrono::minutes;

constexpr minutes k_minutes_per_day{24 * 60};

Result<void> validate_business_hours(const BusinessHours& hours) {
  // close == 24:00 is allowed (a site open until midnight); it then equals the no-hours rule.
  if (hours.open < minutes{0} || hours.close > k_minutes_per_day || hours.open >= hours.close) {
    return Error::invalid("calendar.business_hours", "error.business_hours.invalid",
                          "business hours must satisfy 00:00 <= open < close <= 24:00 (open " +
                              std::to_string(hours.open.count()) + " min, close " +
                              std::to_string(hours.close.count()) + " min)");
  }
  return Ok{};
}

// A day that is both a holiday and a make-up working day is a typo in the yearly lists;
// silently picking one would move deadlines without anyone noticing.
Result<void> validate_day_lists(const CalendarConfig& config) {
  for (const LocalDays day : config.extra_workdays) {
    if (config.holidays.count(day) != 0) {
      return Error::invalid(
          "calendar.extra_workdays", "error.calendar.conflict",
          "day " + format_local_date(day) + " is listed both as a holiday and as a make-up working day");
    }
  }
  return Ok{};
}

}  // namespace

Result<WorkCalendar> WorkCalendar::create(const CalendarConfig& config) {
  TRY_ASSIGN(TimeZone zone, TimeZone::load(config.timezone));
  if (config.business_hours) TRY_VOID(validate_business_hours(*config.business_hours));
  TRY_VOID(validate_day_lists(config));
  return WorkCalendar(std::move(zone), config);
}

WorkCalendar::WorkCalendar(TimeZone zone, const CalendarConfig& config)
    : m_zone(std::move(zone)), m_business_hours(config.business_hours), m_shared(std::make_shared<Shared>()) {
  auto days = std::make_shared<Days>();
  days->holidays = config.holidays;
  days->extra_workdays = config.extra_workdays;
  // A year the operator filled in by hand counts as known, as the published years do.
  for (const auto* list : {&config.holidays, &config.extra_workdays}) {
    for (const LocalDays day : *list) {
      days->covered_years.insert(static_cast<int>(std::chrono::year_month_day{day}.year()));
    }
  }
  // The operator's word on a day wins (a regional day off, a local exception).
  const auto operator_named = [&](LocalDays day) {
    return config.holidays.count(day) != 0 || config.extra_workdays.count(day) != 0;
  };
  for (const auto& [year, published] : config.published.years) {
    days->covered_years.insert(year);
    for (const auto& entry : published.off_days) {
      if (!operator_named(entry.first)) days->holidays.insert(entry.first);
    }
    for (const auto& entry : published.work_days) {
      if (!operator_named(entry.first)) days->extra_workdays.insert(entry.first);
    }
  }
  m_shared->days = std::move(days);
}

std::shared_ptr<const WorkCalendar::Days> WorkCalendar::current_days() const {
  std::lock_guard lock(m_shared->mutex);
  return m_shared->days;
}

void WorkCalendar::adopt_days(const WorkCalendar& newer) {
  std::shared_ptr<const Days> days = newer.current_days();
  std::lock_guard lock(m_shared->mutex);
  m_shared->days = std::move(days);
}

bool WorkCalendar::covers_year(int year) const {
  return current_days()->covered_years.count(year) != 0;
}

std::set<int> WorkCalendar::covered_years() const {
  return current_days()->covered_years;
}

bool WorkCalendar::is_working_day(const Days& days, LocalDays day) {
  // The emptiness checks keep the common "no lists configured" case free of tree walks.
  if (!days.extra_workdays.empty() && days.extra_workdays.count(day) != 0) return true;
  if (!days.holidays.empty() && days.holidays.count(day) != 0) return false;
  const std::chrono::weekday weekday{day};
  return weekday != std::chrono::Saturday && weekday != std::chrono::Sunday;
}

bool WorkCalendar::is_working_day(LocalDays day) const {
  return is_working_day(*current_days(), day);
}

LocalDays WorkCalendar::local_day(Instant at) const {
  return std::chrono::floor<std::chrono::days>(m_zone.to_local(at));
}

LocalDays WorkCalendar::next_working_day(LocalDays day) const {
  // One snapshot for the whole walk. Terminates: the lists are finite, so past the last
  // listed day every Monday works.
  const std::shared_ptr<const Days> snapshot = current_days();
  do {
    day += std::chrono::days{1};
  } while (!is_working_day(*snapshot, day));
  return day;
}

Instant WorkCalendar::end_of_day(LocalDays day) const {
  // 24:00 is the next day's local midnight, not day + 24 h: across a DST switch the day is
  // 23 or 25 hours long, and in zones that switch at midnight the midnight may not exist
  // (to_instant then gives the instant the gap ends, which is when the next day begins).
  if (!m_business_hours) return m_zone.to_instant(LocalSeconds{day + std::chrono::days{1}});
  return m_zone.to_instant(LocalSeconds{day} + m_business_hours->close);
}

}  // namespace complaint
