// What the workflow's tests share: the default policy, taxonomy and calendar (Asia/Shanghai,
// no holidays), local times written as ISO 8601 text, the bank's extension policy and the
// shipped catalogs.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/deadlines/ticket_deadlines.h"
#include "core/domain/ticket_number.h"
#include "core/i18n/catalog.h"
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

  // The bank: 15 days, a handler extends to 30 alone, 30 more with approval (60 in all).
  void use_bank_policy() {
    m_policy.resolve = Period{15, PeriodUnit::calendar_days};
    m_policy.extend_alone = Period{15, PeriodUnit::calendar_days};
    m_policy.extend_max = Period{45, PeriodUnit::calendar_days};
  }
  // 张三's complaint about a teller at the kiosk, filed at `filed` (local), with the deadlines the
  // policy gives it at filing.
  Ticket sample_ticket(int sequence, std::string_view filed = "2026-11-10T10:00:00") const {
    Ticket t;
    t.number = format_ticket_number({"WH01", "K1", "20261110", sequence});
    t.kind = "complaint";
    t.channel = "kiosk";
    t.category = "service_attitude";
    t.content = "柜员态度冷漠";
    t.customer_name = "张三";
    t.phone = "13800138000";
    t.filed_at = at(filed);
    t.deadlines =
        compute_filing_deadlines(m_policy, *m_calendar, deadline_input_of(t, m_taxonomy, t.filed_at));
    return t;
  }
  // The shipped catalogs, zh-CN then en.
  static std::vector<Catalog> shipped_catalogs() {
    std::vector<Catalog> catalogs;
    for (const char* language : {"zh-CN", "en"}) {
      auto catalog = Catalog::load(std::string(COMPLAINT_SOURCE_ASSETS) + "/i18n", language);
      EXPECT_TRUE(catalog.ok()) << catalog.error().message;
      if (catalog.ok()) catalogs.push_back(std::move(catalog).value());
    }
    return catalogs;
  }

  DeadlinePolicy m_policy;
  Taxonomy m_taxonomy = Taxonomy::defaults();
  std::optional<WorkCalendar> m_calendar;
};

}  // namespace complaint
