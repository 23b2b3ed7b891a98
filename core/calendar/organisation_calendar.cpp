// The organisation's calendar (see organisation_calendar.h).
#include "core/calendar/organisation_calendar.h"

#include "core/calendar/calendar_warning.h"
#include "core/calendar/holiday_files.h"

namespace complaint {

Result<HolidayData> stored_holiday_data(DeskStateStore& store) {
  std::optional<StoredCalendar> found;
  TRY_VOID(store.transact([&](DeskStatePort& port) -> Result<void> {
    TRY_ASSIGN(found, port.find_calendar());
    return Ok{};
  }));
  if (!found) return HolidayData{};
  return parse_holiday_json(found->document);
}

Result<CalendarConfig> organisation_calendar(const CalendarConfig& config, DeskStateStore& store) {
  TRY_ASSIGN(const HolidayData stored, stored_holiday_data(store));
  CalendarConfig merged = config;
  merged.published.merge_over(stored);
  return merged;
}

Result<CalendarConfig> with_received_calendar(const CalendarConfig& config, const StoredCalendar& received) {
  TRY_ASSIGN(HolidayData data, parse_holiday_json(received.document));
  CalendarConfig organisation = config;
  organisation.published = std::move(data);
  return organisation;
}

std::string calendar_version(const CalendarConfig& config) {
  return holiday_data_version(config.published);
}

Result<ImportSummary> import_calendar(DeskStateStore& store, const CalendarConfig& config,
                                      std::string_view file_text, Instant now) {
  TRY_ASSIGN(const HolidayData imported, parse_holiday_file(file_text));
  if (imported.empty()) {
    return Error::invalid("calendar", "error.calendar.format", "the file holds no holidays or working days");
  }
  ImportSummary summary;
  for (const auto& entry : imported.years) summary.years.insert(entry.first);
  // Read, check and write in one transaction: two desks importing at once leave one
  // complete calendar, never a mix.
  TRY_VOID(store.transact([&](DeskStatePort& port) -> Result<void> {
    TRY_ASSIGN(const std::optional<StoredCalendar> before, port.find_calendar());
    HolidayData stored;
    if (before) {
      TRY_ASSIGN(stored, parse_holiday_json(before->document));
    }
    stored.merge_over(imported);
    CalendarConfig merged = config;
    merged.published.merge_over(stored);
    TRY_VOID(WorkCalendar::create(merged));  // the operator's lists with the new days
    summary.version = calendar_version(merged);
    const std::string document = holiday_data_json(stored);
    summary.changed = !before || before->document != document;
    if (!summary.changed) return Ok{};
    return port.save_calendar(StoredCalendar{holiday_data_version(stored), document, now});
  }));
  return summary;
}

OrganisationCalendar::OrganisationCalendar(CalendarConfig config, WorkCalendar& calendar,
                                           DeskStateStore& store, const Clock& clock,
                                           std::chrono::seconds refresh, Log log)
    : m_config(std::move(config)),
      m_calendar(calendar),
      m_store(store),
      m_clock(clock),
      m_refresh(refresh),
      m_log(std::move(log)) {
  m_current =
      StoredCalendar{calendar_version(m_config), holiday_data_json(m_config.published), m_clock.now()};
}

Result<void> OrganisationCalendar::reload() {
  const Instant now = m_clock.now();
  // Read outside the lock: a slow database must not hold up sync answers for the old one.
  TRY_ASSIGN(const CalendarConfig merged, organisation_calendar(m_config, m_store));
  TRY_ASSIGN(const WorkCalendar calendar, WorkCalendar::create(merged));
  std::lock_guard lock(m_mutex);
  m_read_at = now;
  const std::string version = calendar_version(merged);
  if (version != m_current.version) {
    m_calendar.adopt_days(calendar);
    m_current = StoredCalendar{version, holiday_data_json(merged.published), now};
    if (m_log) m_log("calendar: version " + version + " in use");
  }
  return Ok{};
}

void OrganisationCalendar::refresh_if_due() {
  const Instant now = m_clock.now();
  warn_daily(now);
  {
    std::lock_guard lock(m_mutex);
    if (m_read_at && now - *m_read_at < m_refresh) return;
    m_read_at = now;  // one reader per period, even while this read fails
  }
  auto reloaded = reload();
  if (!reloaded.ok() && m_log)
    m_log("calendar: cannot re-read the stored calendar: " + reloaded.error().message);
}

void OrganisationCalendar::warn_daily(Instant now) {
  const std::set<int> missing = missing_calendar_years(m_calendar, now);
  const LocalDays today = m_calendar.local_day(now);
  {
    std::lock_guard lock(m_mutex);
    if (missing.empty() || m_warned_on == today) return;
    m_warned_on = today;
  }
  if (m_log) {
    m_log("calendar: WARNING no holiday arrangement for " + join_years(missing) +
          ": working-day deadlines may be wrong; import it with complaintctl calendar import");
  }
}

StoredCalendar OrganisationCalendar::current() {
  refresh_if_due();
  std::lock_guard lock(m_mutex);
  return m_current;
}

std::set<int> OrganisationCalendar::missing_years() {
  refresh_if_due();
  return missing_calendar_years(m_calendar, m_clock.now());
}

}  // namespace complaint
