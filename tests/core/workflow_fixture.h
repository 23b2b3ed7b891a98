// What the workflow's tests share: the default policy, taxonomy and calendar (Asia/Shanghai,
// no holidays) and local times written as ISO 8601 text.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/workflow/workflow.h"

namespace complaint {

class WorkflowFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto calendar = WorkCalendar::create(CalendarConfig{});
    ASSERT_TRUE(calendar.ok()) << calendar.error().message;
    m_calendar.emplace(std::move(calendar).value());
  }

  Instant at(std::string_view local) const { return *m_calendar->zone().parse_iso8601(local); }
  std::string iso(std::optional<Instant> instant) const {
    return instant ? m_calendar->zone().format_iso8601(*instant) : "(none)";
  }

  DeadlinePolicy m_policy;
  Taxonomy m_taxonomy = Taxonomy::defaults();
  std::optional<WorkCalendar> m_calendar;
};

}  // namespace complaint
