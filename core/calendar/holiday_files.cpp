// Readers and the writer of HolidayData files (see holiday_files.h). Every error is
// ErrorCode::invalid_input with a catalog key (error.calendar.*) so complaintctl can say it
// in both languages; a reader either returns all of a file or nothing.
#include "core/calendar/holiday_files.h"

#include "core/base/utf8.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/config/text_file.h"

namespace complaint {

namespace {

using nlohmann::json;

Error format_error(const std::string& message) {
  return Error::invalid("calendar", "error.calendar.format", message);
}

int year_of(LocalDays day) {
  return static_cast<int>(std::chrono::year_month_day{day}.year());
}

Result<LocalDays> checked_day(std::string_view text) {
  auto day = parse_local_date(text, "calendar");
  if (!day.ok())
    return format_error("'" + std::string(text) + "' is not a date; use YYYY-MM-DD, e.g. 2027-01-01");
  const int year = year_of(*day);
  if (year < k_first_calendar_year || year > k_last_calendar_year) {
    return Error::invalid("calendar", "error.calendar.year",
                          "day " + std::string(text) + " is outside the years " +
                              std::to_string(k_first_calendar_year) + "-" +
                              std::to_string(k_last_calendar_year));
  }
  return *day;
}

// One day into its year's lists; the same day on both lists is the typo WorkCalendar refuses.
Result<void> add_day(HolidayYear& year, LocalDays day, const std::string& name, bool off) {
  auto& mine = off ? year.off_days : year.work_days;
  const auto& other = off ? year.work_days : year.off_days;
  if (other.count(day) != 0) {
    return Error::invalid(
        "calendar", "error.calendar.conflict",
        "day " + format_local_date(day) + " is listed both as a holiday and as a make-up working day");
  }
  mine[day] = name;
  return Ok{};
}

Result<void> read_json_year(const json& object, HolidayData& out) {
  if (!object.is_object() || !object.contains("days") || !object["days"].is_array()) {
    return format_error("a calendar year needs \"days\": [{\"name\", \"date\", \"isOffDay\"}, ...]");
  }
  std::optional<int> declared;
  if (object.contains("year")) {
    if (!object["year"].is_number_integer()) return format_error("\"year\" must be a whole number");
    const auto year = object["year"].get<std::int64_t>();
    if (year < k_first_calendar_year || year > k_last_calendar_year) {
      return Error::invalid("calendar", "error.calendar.year",
                            "year " + std::to_string(year) + " is outside the years " +
                                std::to_string(k_first_calendar_year) + "-" +
                                std::to_string(k_last_calendar_year));
    }
    declared = static_cast<int>(year);
  }
  std::map<int, HolidayYear> years;
  for (const json& entry : object["days"]) {
    if (!entry.is_object() || !entry.contains("date") || !entry["date"].is_string() ||
        !entry.contains("isOffDay") || !entry["isOffDay"].is_boolean()) {
      return format_error("each day needs \"date\" (YYYY-MM-DD) and \"isOffDay\" (true or false)");
    }
    const std::string name =
        entry.contains("name") && entry["name"].is_string() ? entry["name"].get<std::string>() : "";
    TRY_ASSIGN(const LocalDays day, checked_day(entry["date"].get<std::string>()));
    // A holiday may spill into the next or previous year (元旦 from 12-30); it belongs to
    // the arrangement that published it, but a day further off is a wrong file.
    const int year = declared.value_or(year_of(day));
    if (std::abs(year_of(day) - year) > 1) {
      return Error::invalid(
          "calendar", "error.calendar.year",
          "day " + format_local_date(day) + " does not belong to year " + std::to_string(year));
    }
    TRY_VOID(add_day(years[year], day, name, entry["isOffDay"].get<bool>()));
  }
  if (declared) years[*declared];  // a year with no days at all is still a published year
  std::string source;
  if (object.contains("source") && object["source"].is_string()) source = object["source"].get<std::string>();
  for (auto& [year, days] : years) {
    if (out.years.count(year) != 0) return format_error("year " + std::to_string(year) + " is given twice");
    days.source = source;
    out.years[year] = std::move(days);
  }
  return Ok{};
}

std::string ics_value(std::string_view line) {
  const auto colon = line.find(':');
  return colon == std::string_view::npos ? std::string() : std::string(line.substr(colon + 1));
}

// "20270101" (a DATE value) -> the day.
Result<LocalDays> ics_day(const std::string& text) {
  const bool digits = text.size() >= 8 && std::all_of(text.begin(), text.begin() + 8,
                                                      [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) return format_error("'" + text + "' is not an iCalendar date such as 20270101");
  return checked_day(text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2));
}

bool names_working_day(const std::string& summary) {
  std::string lower = summary;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return summary.find("班") != std::string::npos || lower.find("work") != std::string::npos;
}

struct IcsEvent {
  std::string start, end, summary;
};

Result<void> add_ics_event(const IcsEvent& event, HolidayData& out) {
  if (event.start.empty()) return format_error("a VEVENT has no DTSTART");
  TRY_ASSIGN(const LocalDays first, ics_day(event.start));
  LocalDays end = first + std::chrono::days{1};
  if (!event.end.empty()) {
    TRY_ASSIGN(end, ics_day(event.end));
  }
  if (end <= first || end - first > std::chrono::days{60}) {
    return format_error("the event '" + event.summary + "' from " + format_local_date(first) +
                        " does not end 1 to 60 days later");
  }
  const bool off = !names_working_day(event.summary);
  for (LocalDays day = first; day < end; day += std::chrono::days{1}) {
    TRY_VOID(add_day(out.years[year_of(day)], day, event.summary, off));
  }
  return Ok{};
}

}  // namespace

Result<HolidayData> parse_holiday_json(std::string_view text) {
  const json document = json::parse(text, nullptr, false);
  if (document.is_discarded()) return format_error("the file is not valid JSON");
  HolidayData data;
  if (document.is_object() && document.contains("years")) {
    if (!document["years"].is_array()) return format_error("\"years\" must be a list of years");
    for (const json& year : document["years"]) TRY_VOID(read_json_year(year, data));
  } else {
    TRY_VOID(read_json_year(document, data));
  }
  return data;
}

Result<HolidayData> parse_holiday_ics(std::string_view text) {
  // Names go into JSON (the stored calendar, the sync answer) and into error messages: a
  // byte sequence that is not UTF-8 is refused here, not thrown on later (found by the fuzzer).
  if (!utf8::is_valid(text)) return format_error("the file is not UTF-8 text");
  HolidayData data;
  std::optional<IcsEvent> event;
  bool calendar = false;
  std::size_t at = 0;
  while (at <= text.size()) {
    auto end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // Only the few properties needed are read; folded continuation lines (leading space)
    // belong to properties this reader ignores or to long summaries, which it cuts.
    if (line == "BEGIN:VCALENDAR") calendar = true;
    if (line == "BEGIN:VEVENT") {
      if (event) return format_error("a VEVENT begins inside another");
      event.emplace();
    } else if (line == "END:VEVENT") {
      if (!event) return format_error("END:VEVENT without BEGIN:VEVENT");
      TRY_VOID(add_ics_event(*event, data));
      event.reset();
    } else if (event && line.starts_with("DTSTART")) {
      event->start = ics_value(line);
    } else if (event && line.starts_with("DTEND")) {
      event->end = ics_value(line);
    } else if (event && line.starts_with("SUMMARY")) {
      event->summary = ics_value(line);
    }
  }
  if (!calendar) return format_error("the file is not iCalendar (no BEGIN:VCALENDAR)");
  if (event) return format_error("a VEVENT has no END:VEVENT");
  return data;
}

Result<HolidayData> parse_holiday_file(std::string_view text) {
  if (!utf8::is_valid(text)) return format_error("the file is not UTF-8 text");
  std::string_view body = text;
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);  // a UTF-8 byte order mark
  while (!body.empty() &&
         (body.front() == ' ' || body.front() == '\n' || body.front() == '\r' || body.front() == '\t')) {
    body.remove_prefix(1);
  }
  if (body.starts_with("{")) return parse_holiday_json(body);
  if (body.starts_with("BEGIN:VCALENDAR")) return parse_holiday_ics(body);
  return format_error("the file is neither the holiday JSON format nor iCalendar (.ics)");
}

std::string holiday_data_json(const HolidayData& data) {
  json years = json::array();
  for (const auto& [year, days] : data.years) {
    json list = json::array();
    std::map<LocalDays, std::pair<std::string, bool>> all;
    for (const auto& [day, name] : days.off_days) all[day] = {name, true};
    for (const auto& [day, name] : days.work_days) all[day] = {name, false};
    for (const auto& [day, entry] : all) {
      list.push_back({{"name", entry.first}, {"date", format_local_date(day)}, {"isOffDay", entry.second}});
    }
    years.push_back({{"year", year}, {"source", days.source}, {"days", std::move(list)}});
  }
  return json{{"years", std::move(years)}}.dump();
}

std::string holiday_data_version(const HolidayData& data) {
  // FNV-1a 64: a fingerprint to notice a change, not a defence against anyone.
  std::uint64_t hash = 14695981039346656037ull;
  for (const unsigned char c : holiday_data_json(data)) {
    hash = (hash ^ c) * 1099511628211ull;
  }
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) out[static_cast<std::size_t>(i)] = k_hex[hash & 15];
  return out;
}

Result<HolidayData> load_holiday_folder(const std::string& folder) {
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const auto extension = entry.path().extension();
    if (entry.is_regular_file() && (extension == ".json" || extension == ".ics"))
      files.push_back(entry.path());
  }
  if (error) {
    return Error{ErrorCode::config, "calendar data folder " + folder + ": " + error.message(),
                 "calendar.data",   "error.calendar.format",
                 "opendir",         error.value()};
  }
  std::sort(files.begin(), files.end());
  HolidayData data;
  for (const auto& file : files) {
    TRY_ASSIGN(const std::string text, read_text_file(file.string(), "calendar file"));
    auto year = parse_holiday_file(text);
    if (!year.ok()) {
      Error failed = year.error();
      failed.code = ErrorCode::config;
      failed.message = file.string() + ": " + failed.message;
      return failed;
    }
    data.merge_over(*year);
  }
  return data;
}

}  // namespace complaint
