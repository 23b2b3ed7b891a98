// Fuzzes the holiday calendar readers (parse_holiday_file: the open JSON format and .ics),
// which read what an operator imports and what a desk sends a kiosk: no input may crash
// them, and what they accept holds no day on both lists, only years in range, writes to
// canonical JSON that reads back to the same text, and makes a valid WorkCalendar.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/calendar/holiday_files.h"
#include "core/calendar/work_calendar.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace complaint;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = parse_holiday_file(text);
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.error().code == ErrorCode::invalid_input);
    FUZZ_CHECK(parsed.error().key.starts_with("error.calendar."));
    return 0;
  }
  for (const auto& [year, days] : parsed->years) {
    FUZZ_CHECK(year >= k_first_calendar_year && year <= k_last_calendar_year);
    for (const auto& entry : days.work_days) FUZZ_CHECK(days.off_days.count(entry.first) == 0);
  }
  const std::string canonical = holiday_data_json(*parsed);
  const auto again = parse_holiday_json(canonical);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(holiday_data_json(*again) == canonical);
  CalendarConfig config;
  config.published = *parsed;
  // Different years' arrangements may name one day differently (a make-up day wins), but
  // the calendar is always valid: the operator's lists are empty here.
  FUZZ_CHECK(WorkCalendar::create(config).ok());
  return 0;
}
