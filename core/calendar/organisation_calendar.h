// The organisation's calendar: the published arrangements a desk counts with are its
// config's (the shipped data, [calendar] data) with the imported years stored in its
// database laid over them, year by year. The desk is the source; kiosks receive the same
// through sync (docs/DOMAIN.md §3). Imports validate everything before storing anything.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/calendar/holiday_data.h"
#include "core/calendar/work_calendar.h"
#include "core/desk_state/desk_state_store.h"

namespace complaint {

// The stored import's years, or none.
Result<HolidayData> stored_holiday_data(DeskStateStore& store);

// `config` with the stored years laid over its published ones.
Result<CalendarConfig> organisation_calendar(const CalendarConfig& config, DeskStateStore& store);

// `config` with a calendar the desk sent (as a kiosk stored it) in place of its published
// data: the desk's is the organisation's whole calendar. The operator's lists still win.
Result<CalendarConfig> with_received_calendar(const CalendarConfig& config, const StoredCalendar& received);

// The version the sync wire carries: a fingerprint of the published days in effect.
std::string calendar_version(const CalendarConfig& config);

struct ImportSummary {
  std::set<int> years;   // the years the file held
  std::string version;   // the organisation calendar's version after the import
  bool changed = false;  // false: the same days were stored already
};

// Parses `file_text` (JSON or .ics), checks that the organisation calendar with it is
// valid under `config` (no day on both lists), then stores the imported years, replacing
// a year imported before. On any error nothing is stored.
Result<ImportSummary> import_calendar(DeskStateStore& store, const CalendarConfig& config,
                                      std::string_view file_text, Instant now);

// The desk's view of the organisation's calendar while it runs: re-read from the store at
// most every `refresh` (several desks on one PostgreSQL see one desk's import), adopted
// into the desk's WorkCalendar (so its deadlines use it) and handed to sync. Once a local
// day, while a year is missing (calendar_warning.h), it logs the warning. Thread-safe.
class OrganisationCalendar {
 public:
  using Log = std::function<void(std::string_view)>;
  OrganisationCalendar(CalendarConfig config, WorkCalendar& calendar, DeskStateStore& store,
                       const Clock& clock, std::chrono::seconds refresh, Log log = {});

  // Reads the store now; on failure the calendar in use stays (and the error is returned).
  Result<void> reload();
  // The calendar in effect, its version and canonical JSON; refreshed when due.
  StoredCalendar current();
  // The years missing as of now (the console's banner for supervisors).
  std::set<int> missing_years();

 private:
  void refresh_if_due();
  void warn_daily(Instant now);

  const CalendarConfig m_config;
  WorkCalendar& m_calendar;
  DeskStateStore& m_store;
  const Clock& m_clock;
  const std::chrono::seconds m_refresh;
  Log m_log;
  std::mutex m_mutex;
  StoredCalendar m_current;
  std::optional<Instant> m_read_at;
  std::optional<LocalDays> m_warned_on;
};

}  // namespace complaint
