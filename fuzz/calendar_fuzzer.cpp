// Fuzzes the work calendar as a deployment configures it: the [calendar] section (time zone,
// holidays, make-up working days, business hours) and [policy] periods through Config::parse
// and WorkCalendar::create, then the deadline arithmetic over that calendar from an instant
// in the input, and the calendar zone's ISO 8601 reader (complaintctl's --overdue-at and
// friends). Deadlines must lie after the filing, and formatted instants must read back.
#include <fuzzer/FuzzedDataProvider.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/calendar/work_calendar.h"
#include "core/config/config.h"
#include "core/deadlines/deadline_policy.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace complaint;
  FuzzedDataProvider input(data, size);
  // Instants the wire accepts (sync_wire.cpp): 1970 to the end of 9999.
  const Instant filed_at{std::chrono::seconds{input.ConsumeIntegralInRange<std::int64_t>(0, 253402300799)}};
  const std::string iso_text = input.ConsumeRandomLengthString(40);
  const auto config = Config::parse("[calendar]\n" + input.ConsumeRemainingBytesAsString());
  if (!config.ok()) return 0;
  const auto calendar = WorkCalendar::create(config->calendar);
  if (!calendar.ok()) return 0;

  for (const LocalDays day : config->calendar.holidays) {
    FUZZ_CHECK(!calendar->is_working_day(day));
    const LocalDays next = calendar->next_working_day(day);
    FUZZ_CHECK(next > day && calendar->is_working_day(next));
  }
  for (const bool anonymous : {false, true}) {
    const DeadlineInput filing{.filed_at = filed_at,
                               .kind = "inquiry",
                               .complex = !anonymous,
                               .major = false,
                               .severity = anonymous ? Severity::light : Severity::general,
                               .anonymous = anonymous};
    const Deadlines deadlines = compute_filing_deadlines(config->deadlines, *calendar, filing);
    FUZZ_CHECK(deadlines.forward_by && *deadlines.forward_by > filed_at);
    FUZZ_CHECK(deadlines.resolve_by && *deadlines.resolve_by > filed_at);
    FUZZ_CHECK(deadlines.answer_by && *deadlines.answer_by > filed_at);
    FUZZ_CHECK(anonymous != deadlines.contact_by.has_value());
  }
  Deadlines callback;
  compute_callback_deadlines(config->deadlines, *calendar, filed_at, callback);
  FUZZ_CHECK(callback.callback_by && *callback.callback_by > filed_at);

  const TimeZone& zone = calendar->zone();
  // What the zone writes it reads back while the local year has the four digits the reader
  // takes; an earlier year is written with a sign, a later one with a fifth digit, never cut.
  const auto reads_back = [&zone](Instant at) {
    const std::string text = zone.format_iso8601(at);
    if (text.find('-', 1) != 4) return text[0] == '-' || text.find('-') == 5;
    const auto again = zone.parse_iso8601(text);
    return again.ok() && *again == at;
  };
  FUZZ_CHECK(reads_back(filed_at));
  if (const auto parsed = zone.parse_iso8601(iso_text); parsed.ok()) FUZZ_CHECK(reads_back(*parsed));
  return 0;
}
