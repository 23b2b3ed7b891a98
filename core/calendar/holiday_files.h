// Readers and the writer of HolidayData files: the open JSON format used for China's
// calendar (one object per day: name, date, isOffDay) and iCalendar VEVENTs. A reader
// returns all of a file or an error (error.calendar.*), never part of it.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/calendar/holiday_data.h"

namespace complaint {

// {"year": 2026, "source": "...", "days": [{"name", "date", "isOffDay"}]}, or a document
// holding several such years as {"years": [...]} (what the desk stores and sends).
Result<HolidayData> parse_holiday_json(std::string_view text);
// VEVENTs with DTSTART (and DTEND, exclusive) as dates and a SUMMARY; a summary naming
// a working day (班, 上班, "work") marks make-up days, anything else holidays.
Result<HolidayData> parse_holiday_ics(std::string_view text);
// By content: JSON when it opens with '{', iCalendar when with BEGIN:VCALENDAR.
Result<HolidayData> parse_holiday_file(std::string_view text);
// The canonical {"years": [...]} document (sorted, stable: equal data, equal text).
std::string holiday_data_json(const HolidayData& data);
// A short fingerprint of the canonical text: the calendar's version on the sync wire.
std::string holiday_data_version(const HolidayData& data);

// Every *.json and *.ics file of a folder, years merged in file-name order.
Result<HolidayData> load_holiday_folder(const std::string& folder);

}  // namespace complaint
