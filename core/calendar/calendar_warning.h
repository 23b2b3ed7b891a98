// missing_calendar_years: the years whose holiday arrangement the programs should have and
// do not, as of an instant. One rule for the desk's banner and log, complaintctl check and
// the kiosk's staff menu (never the customer's screen): the current year; the next year
// from 1 November (the State Council publishes it in November); and any year a deadline
// counted from now could reach (k_deadline_horizon ahead).
#pragma once

#include <chrono>
#include <set>
#include <string>

#include "core/base/clock.h"
#include "core/calendar/work_calendar.h"

namespace complaint {

// Longer than any working-day period a default policy reaches across a long holiday.
inline constexpr std::chrono::days k_deadline_horizon{45};

std::set<int> missing_calendar_years(const WorkCalendar& calendar, Instant now);

// "2027" or "2027, 2028": the years as the catalogs' {years} placeholder takes them.
std::string join_years(const std::set<int>& years);

}  // namespace complaint
