// The organisation's calendar on both desk stores (SQLite and PostgreSQL): an import is
// stored, seen by a second look after a reopen, laid over the config's data, and a bad
// file (a day on both lists, a year out of range, a malformed date) stores nothing.
#include <gtest/gtest.h>

#include "core/calendar/calendar_warning.h"
#include "core/calendar/holiday_files.h"
#include "core/calendar/organisation_calendar.h"
#include "desk_store_fixture.h"

namespace complaint::testing {
namespace {

constexpr const char* k_2027 = R"({"year": 2027, "source": "test notice", "days": [
  {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
  {"name": "春节", "date": "2027-02-06", "isOffDay": true},
  {"name": "春节", "date": "2027-02-07", "isOffDay": false}]})";

class DeskCalendarStoreTest : public DeskStoreFixture {
 protected:
  std::optional<StoredCalendar> stored() {
    std::optional<StoredCalendar> found;
    EXPECT_TRUE(state
                    ->transact([&](DeskStatePort& port) -> Result<void> {
                      TRY_ASSIGN(found, port.find_calendar());
                      return Ok{};
                    })
                    .ok());
    return found;
  }
};

TEST_P(DeskCalendarStoreTest, AnImportIsStoredAndLaidOverTheConfig) {
  EXPECT_FALSE(stored().has_value());
  const ImportSummary summary = must(import_calendar(*state, config.calendar, k_2027, kNow));
  EXPECT_EQ(summary.years, std::set<int>{2027});
  EXPECT_TRUE(summary.changed);
  reopen();
  const auto found = stored();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->imported_at, kNow);
  const CalendarConfig merged = must(organisation_calendar(config.calendar, *state));
  const WorkCalendar calendar = must(WorkCalendar::create(merged));
  EXPECT_TRUE(calendar.covers_year(2027));
  EXPECT_FALSE(calendar.is_working_day(LocalDays{std::chrono::year{2027} / 1 / 1}));
  EXPECT_TRUE(calendar.is_working_day(LocalDays{std::chrono::year{2027} / 2 / 7}));  // a Sunday
  // The same file again changes nothing.
  EXPECT_FALSE(must(import_calendar(*state, config.calendar, k_2027, kNow)).changed);
}

TEST_P(DeskCalendarStoreTest, BadFilesChangeNothing) {
  must(import_calendar(*state, config.calendar, k_2027, kNow));
  const auto before = stored();
  for (const auto& [text, key] : std::vector<std::pair<std::string, std::string>>{
           {R"({"year": 2028, "days": [{"date": "2028-01-01", "isOffDay": true},
                                      {"date": "2028-01-01", "isOffDay": false}]})",
            "error.calendar.conflict"},
           {R"({"year": 2328, "days": [{"date": "2328-01-01", "isOffDay": true}]})", "error.calendar.year"},
           {R"({"year": 2028, "days": [{"date": "2028-13-01", "isOffDay": true}]})", "error.calendar.format"},
           {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2028011\nEND:VEVENT\nEND:VCALENDAR\n",
            "error.calendar.format"},
       }) {
    const auto imported = import_calendar(*state, config.calendar, text, kNow + std::chrono::hours{1});
    ASSERT_FALSE(imported.ok()) << text;
    EXPECT_EQ(imported.error().key, key) << text;
    const auto after = stored();
    ASSERT_TRUE(after.has_value());
    EXPECT_EQ(after->document, before->document);
    EXPECT_EQ(after->imported_at, before->imported_at);
  }
}

INSTANTIATE_TEST_SUITE_P(BothStores, DeskCalendarStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
