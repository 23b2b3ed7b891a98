// The holiday calendar: the shipped data (assets/calendar/cn) as the packages' configs load
// it, the JSON and .ics readers and their errors, the warning about a missing year, and
// the import into the organisation's calendar (fake desk state store; both real stores in
// tests/desk/desk_calendar_store_test.cpp).
#include <gtest/gtest.h>

#include "core/calendar/calendar_warning.h"
#include "core/calendar/holiday_files.h"
#include "core/calendar/organisation_calendar.h"
#include "core/config/config.h"
#include "core/deadlines/deadline_policy.h"
#include "core/desk_state/fake_desk_state_store.h"
#include "core/sync/sync_protocol.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

const std::string k_packaging = std::string(COMPLAINT_SOURCE_ASSETS) + "/../packaging";

WorkCalendar calendar_of(const Config& config) {
  auto calendar = WorkCalendar::create(config.calendar);
  EXPECT_TRUE(calendar.ok()) << calendar.error().message;
  return std::move(calendar).value();
}

Config shipped_config(const std::string& file) {
  auto config = Config::load_file(file);
  EXPECT_TRUE(config.ok()) << config.error().message;
  return std::move(config).value();
}

TEST(HolidayData, ShippedYearsNameTheirNotices) {
  const auto data = load_holiday_folder(std::string(COMPLAINT_SOURCE_ASSETS) + "/calendar/cn");
  ASSERT_TRUE(data.ok()) << data.error().message;
  ASSERT_EQ(data->years.count(2025), 1u);
  ASSERT_EQ(data->years.count(2026), 1u);
  EXPECT_NE(data->years.at(2025).source.find("国办发明电〔2024〕12号"), std::string::npos);
  EXPECT_NE(data->years.at(2026).source.find("国办发明电〔2025〕7号"), std::string::npos);
  // 2025: 春节 01-28..02-04 with Sunday 01-26 and Saturday 02-08 worked; 国庆中秋 10-01..08.
  const HolidayYear& y2025 = data->years.at(2025);
  EXPECT_EQ(y2025.off_days.size(), 1u + 8 + 3 + 5 + 3 + 8);
  EXPECT_EQ(y2025.work_days.size(), 5u);  // 01-26, 02-08, 04-27, 09-28, 10-11
  EXPECT_EQ(y2025.work_days.count(LocalDays{2025y / 1 / 26}), 1u);
  EXPECT_EQ(y2025.work_days.count(LocalDays{2025y / 10 / 11}), 1u);
  const HolidayYear& y2026 = data->years.at(2026);
  EXPECT_EQ(y2026.off_days.size(), 3u + 9 + 3 + 5 + 3 + 3 + 7);
  EXPECT_EQ(y2026.work_days.size(), 6u);
  EXPECT_EQ(y2026.off_days.count(LocalDays{2026y / 2 / 23}), 1u);
}

// The issue's acceptance case: Wednesday 2026-09-30 10:00, a general complaint (3wd), on
// each config a fresh install has: 10-01..07 off, Thu 10-08, Fri 10-09, Sat 10-10 (调休).
TEST(HolidayData, AFreshInstallPromisesTheTenthOfOctober) {
  for (const std::string& file : {k_packaging + "/desk/desk.toml", k_packaging + "/kiosk/kiosk.toml",
                                  std::string(COMPLAINT_SOURCE_ASSETS) + "/config.example.toml"}) {
    const Config config = shipped_config(file);
    const WorkCalendar calendar = calendar_of(config);
    DeadlineInput input;
    input.kind = "complaint";
    input.filed_at = *calendar.zone().parse_iso8601("2026-09-30T10:00:00");
    const Deadlines deadlines = compute_filing_deadlines(config.deadlines, calendar, input);
    ASSERT_TRUE(deadlines.resolve_by) << file;
    EXPECT_EQ(calendar.zone().format_iso8601(*deadlines.resolve_by), "2026-10-11T00:00:00+08:00") << file;
    EXPECT_EQ(format_day_time(split_local(calendar.zone(), *deadlines.resolve_by, MidnightAs::end_of_day)),
              "2026-10-10 24:00")
        << file;
  }
}

TEST(HolidayData, TheConfigsOwnDaysOverrideTheData) {
  const auto config = Config::parse("[calendar]\ndata = \"cn\"\nextra_workdays = [2026-10-07]\n");
  ASSERT_TRUE(config.ok()) << config.error().message;
  const WorkCalendar calendar = calendar_of(*config);
  EXPECT_TRUE(calendar.is_working_day(LocalDays{2026y / 10 / 7}));
  EXPECT_FALSE(calendar.is_working_day(LocalDays{2026y / 10 / 6}));
}

TEST(HolidayData, AnUnknownCalendarIsAConfigError) {
  const auto config = Config::parse("[calendar]\ndata = \"atlantis\"\n");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().field, "calendar.data");
}

TEST(HolidayData, IcsEventsBecomeHolidaysAndMakeUpDays) {
  const auto data = parse_holiday_file(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270206\r\n"
      "DTEND;VALUE=DATE:20270209\r\nSUMMARY:春节\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n"
      "DTSTART;VALUE=DATE:20270214\r\nSUMMARY:春节 补班\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  ASSERT_TRUE(data.ok()) << data.error().message;
  const HolidayYear& year = data->years.at(2027);
  EXPECT_EQ(year.off_days.size(), 3u);  // DTEND is exclusive
  EXPECT_EQ(year.off_days.count(LocalDays{2027y / 2 / 8}), 1u);
  EXPECT_EQ(year.work_days.count(LocalDays{2027y / 2 / 14}), 1u);
}

TEST(HolidayData, TheJsonWrittenReadsBackTheSame) {
  const auto data = load_holiday_folder(std::string(COMPLAINT_SOURCE_ASSETS) + "/calendar/cn");
  ASSERT_TRUE(data.ok());
  const std::string text = holiday_data_json(*data);
  const auto again = parse_holiday_json(text);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(holiday_data_json(*again), text);
  EXPECT_EQ(holiday_data_version(*again), holiday_data_version(*data));
}

TEST(HolidayData, BadFilesNameTheirFault) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"days": [{"date": "2027-01-01", "isOffDay": true}, {"date": "2027-01-01", "isOffDay": false}]})",
       "error.calendar.conflict"},
      {R"({"year": 1999, "days": []})", "error.calendar.year"},
      {R"({"year": 2027, "days": [{"date": "2029-01-01", "isOffDay": true}]})", "error.calendar.year"},
      {R"({"year": 2027, "days": [{"date": "2027-02-30", "isOffDay": true}]})", "error.calendar.format"},
      {R"({"year": 2027, "days": [{"date": "2027-01-01"}]})", "error.calendar.format"},
      {"{", "error.calendar.format"},
      {"hello", "error.calendar.format"},
      // A name that is not UTF-8 (the fuzzer's find: it threw when written as JSON).
      {"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:\xE5\x85\r\n"
       "END:VEVENT\r\nEND:VCALENDAR\r\n",
       "error.calendar.format"},
  };
  for (const auto& [text, key] : cases) {
    const auto data = parse_holiday_file(text);
    ASSERT_FALSE(data.ok()) << text;
    EXPECT_EQ(data.error().key, key) << text;
    EXPECT_EQ(data.error().code, ErrorCode::invalid_input) << text;
  }
}

TEST(CalendarWarning, NextYearFromTheFirstOfNovember) {
  const WorkCalendar calendar = calendar_of(*Config::parse("[calendar]\ndata = \"cn\"\n"));
  const auto at = [&](const char* local) { return *calendar.zone().parse_iso8601(local); };
  EXPECT_TRUE(missing_calendar_years(calendar, at("2026-10-15T09:00:00")).empty());
  EXPECT_EQ(missing_calendar_years(calendar, at("2026-11-01T00:00:00")), std::set<int>{2027});
  EXPECT_EQ(missing_calendar_years(calendar, at("2026-12-15T09:00:00")), std::set<int>{2027});
  EXPECT_EQ(missing_calendar_years(calendar, at("2027-01-04T09:00:00")), std::set<int>{2027});
  // No calendar at all: this year is missing too.
  const WorkCalendar bare = calendar_of(Config::defaults());
  EXPECT_EQ(missing_calendar_years(bare, at("2026-06-01T09:00:00")), std::set<int>{2026});
}

TEST(OrganisationCalendar, AFailedSaveLeavesTheOldCalendar) {
  FakeDeskStateStore store;
  const CalendarConfig base = Config::parse("[calendar]\ndata = \"cn\"\n")->calendar;
  const std::string version = calendar_version(base);
  store.script().fail(DeskStateStep::save_calendar, 0, FailureMode::from_then_on,
                      Error::make(ErrorCode::storage, "disk full"));
  const auto imported = import_calendar(
      store, base, R"({"year": 2027, "days": [{"date": "2027-01-01", "isOffDay": true}]})", Instant{});
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(calendar_version(*organisation_calendar(base, store)), version);
}

// The wire (docs/SYNC.md §4): the calendar travels as the canonical JSON, is validated on
// reading like an import, and is optional both ways.
TEST(CalendarOnTheWire, AnswersCarryItAndBadOnesAreRefused) {
  SyncAnswer answer;
  answer.calendar_version = "v2";
  answer.calendar =
      R"({"years":[{"year":2027,"source":"x","days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}]})";
  const auto read = answer_from_json(answer_to_json(answer));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->calendar_version, "v2");
  ASSERT_TRUE(read->calendar.has_value());
  EXPECT_EQ(*read->calendar, holiday_data_json(*parse_holiday_json(*answer.calendar)));  // canonical
  const auto without = answer_from_json(answer_to_json(SyncAnswer{}));
  ASSERT_TRUE(without.ok());
  EXPECT_FALSE(without->calendar.has_value());
  EXPECT_TRUE(without->calendar_version.empty());
  const auto bad = answer_from_json(
      R"({"acknowledged":[],"updates":[],"cursor":0,"more":false,"calendar":{"years":[{"year":2027,"days":[{"date":"2027-02-30","isOffDay":true}]}]}})");
  EXPECT_FALSE(bad.ok());
  SyncBatch batch;
  batch.kiosk_id = "K1";
  EXPECT_EQ(batch_to_json(batch).find("calendar_version"), std::string::npos);
  batch.calendar_version = "v1";
  const auto batch_read = batch_from_json(batch_to_json(batch));
  ASSERT_TRUE(batch_read.ok()) << batch_read.error().message;
  EXPECT_EQ(batch_read->calendar_version, "v1");
}

}  // namespace
}  // namespace complaint
