// Correcting intake (docs/DOMAIN.md §4c): reclassify (category incl. 非公司责任, kind, severity),
// declare_major and clear_major through apply_action, with the deadlines recomputed by the
// policy from the filing (or the reopening) and the event explaining old -> new values.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/domain/ticket_number.h"
#include "core/notify/notice.h"
#include "core/workflow/workflow.h"
#include "tests/core/workflow_fixture.h"

namespace complaint {
namespace {

using nlohmann::json;

class IntakeCorrectionTest : public WorkflowFixture {
 protected:
  // A general complaint filed Friday 2026-11-20 16:00, forwarded, with its filing deadlines.
  Ticket forwarded(std::string category = "service_attitude") const {
    Ticket t;
    t.number = format_ticket_number({"WH01", "K1", "20261120", 7});
    t.kind = "complaint";
    t.channel = "kiosk";
    t.category = std::move(category);
    t.content = "柜员态度冷漠";
    t.customer_name = "张三";
    t.phone = "13800138000";
    t.filed_at = at("2026-11-20T16:00:00");
    t.status = Status::forwarded;
    t.department = "营业部";
    t.deadlines.forward_by = at("2026-11-20T17:00:00");
    t.deadlines.contact_by = at("2026-11-21T16:00:00");
    t.deadlines.resolve_by = at("2026-11-26T00:00:00");
    return t;
  }

  static ActionRequest request(Action action, Role role, std::string reason = "核实后更正") {
    ActionRequest r;
    r.action = action;
    r.role = role;
    r.actor = std::string("staff-") + to_string(role);
    r.note = std::move(reason);
    return r;
  }

  Result<Transition> apply(const Ticket& ticket, ActionRequest r) const {
    if (r.at == Instant{}) r.at = at("2026-11-21T10:00:00");
    return apply_action(ticket, r, m_policy, *m_calendar, m_taxonomy);
  }

  Ticket step(const Ticket& ticket, const ActionRequest& r) {
    auto result = apply(ticket, r);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    if (!result.ok()) return ticket;
    m_event = result->event;
    return result->ticket;
  }
  json data() const { return json::parse(m_event.data_json); }

  static void expect_error(const Result<Transition>& result, ErrorCode code, const char* key) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, code) << result.error().message;
    EXPECT_EQ(result.error().key, key) << result.error().message;
  }

  TicketEvent m_event;
};

TEST_F(IntakeCorrectionTest, NotOurResponsibilityIsReachedAndTakesItsLightSeverityAndLimit) {
  m_policy.resolve_light = *parse_period("3h", "test");
  auto r = request(Action::reclassify, Role::dispatcher, "系统故障系第三方通信中断");
  r.category = "not_our_responsibility";
  const Ticket t = step(forwarded(), r);
  EXPECT_EQ(t.category, "not_our_responsibility");
  EXPECT_EQ(t.severity, Severity::light) << "the staff-only category's default";
  EXPECT_EQ(iso(t.deadlines.resolve_by), "2026-11-20T19:00:00+08:00") << "light: 3 h from the filing";
  EXPECT_EQ(iso(t.deadlines.forward_by), "2026-11-20T17:00:00+08:00") << "not a class clock";
  EXPECT_EQ(t.status, Status::forwarded);
  EXPECT_EQ(m_event.action, "reclassify");
  EXPECT_EQ(m_event.note, "系统故障系第三方通信中断");
  const json d = data();
  EXPECT_EQ(d["reason"], "系统故障系第三方通信中断");
  EXPECT_EQ(d["changes"]["category"]["from"], "service_attitude");
  EXPECT_EQ(d["changes"]["category"]["to"], "not_our_responsibility");
  EXPECT_EQ(d["changes"]["severity"]["from"], "general");
  EXPECT_EQ(d["changes"]["severity"]["to"], "light");
  EXPECT_FALSE(d["changes"].contains("kind"));
  EXPECT_EQ(d["deadlines"]["resolve_by"]["from"], "2026-11-26T00:00:00+08:00");
  EXPECT_EQ(d["deadlines"]["resolve_by"]["to"], "2026-11-20T19:00:00+08:00");
  EXPECT_EQ(d["resolve_period"], "3h");
}

TEST_F(IntakeCorrectionTest, SeverityAndKindChangeTheirClocks) {
  m_policy.resolve_light = *parse_period("3h", "test");
  auto r = request(Action::reclassify, Role::handler);
  r.severity = Severity::light;
  Ticket t = step(forwarded(), r);
  EXPECT_EQ(t.severity, Severity::light);
  EXPECT_EQ(t.category, "service_attitude");
  EXPECT_EQ(iso(t.deadlines.resolve_by), "2026-11-20T19:00:00+08:00");
  // To an inquiry: the answer clock appears; back to a complaint: it goes.
  r = request(Action::reclassify, Role::handler);
  r.kind = "inquiry";
  t = step(t, r);
  EXPECT_EQ(iso(t.deadlines.answer_by), "2026-11-21T16:00:00+08:00");
  EXPECT_EQ(data()["deadlines"]["answer_by"]["from"], nullptr);
  r.kind = "complaint";
  t = step(t, r);
  EXPECT_FALSE(t.deadlines.answer_by);
  EXPECT_EQ(data()["changes"]["kind"]["to"], "complaint");
}

TEST_F(IntakeCorrectionTest, ForgedOrEmptyInputIsRefusedWithNoChange) {
  const Ticket t = forwarded();
  auto r = request(Action::reclassify, Role::dispatcher, "");
  r.category = "product";
  auto result = apply(t, r);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(result.error().field, "reason");
  EXPECT_EQ(result.error().key, "error.workflow.reason_missing");
  r.note = "原因";
  r.category = "no_such_category";
  expect_error(apply(t, r), ErrorCode::invalid_input, "error.workflow.unknown_category");
  r.category.clear();
  r.kind = "rumour";
  expect_error(apply(t, r), ErrorCode::invalid_input, "error.workflow.unknown_kind");
  r.kind.clear();
  expect_error(apply(t, r), ErrorCode::invalid_input, "error.workflow.reclassify_empty");
  r.category = t.category;
  r.severity = Severity::general;
  expect_error(apply(t, r), ErrorCode::invalid_input, "error.workflow.reclassify_same");
  // Not after the reply, and not by a clerk.
  Ticket replied = t;
  replied.status = Status::replied;
  r.category = "product";
  expect_error(apply(replied, r), ErrorCode::forbidden, "error.workflow.bad_state");
  r.role = Role::intake_clerk;
  expect_error(apply(t, r), ErrorCode::forbidden, "error.workflow.role_forbidden");
}

TEST_F(IntakeCorrectionTest, AMajorCategoryMakesItMajorAndTheOldCategoryReasonGoes) {
  auto r = request(Action::reclassify, Role::handler, "实为违规办理");
  r.category = "rule_violation";
  Ticket t = step(forwarded(), r);
  EXPECT_TRUE(t.major);
  EXPECT_EQ(t.severity, Severity::major);
  EXPECT_EQ(t.major_reasons, std::vector<std::string>{"category:rule_violation"});
  EXPECT_EQ(iso(t.deadlines.resolve_by), "2026-11-22T16:00:00+08:00") << "major wins by default";
  EXPECT_EQ(data()["changes"]["major"]["to"], true);
  // The leaders are told as for a ticket filed major.
  const auto notices = notices_for_event(t, m_event);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices.front().key, "major:" + t.number);
  // A handler cannot lower it by moving it to another category.
  r.category = "work_error";
  expect_error(apply(t, r), ErrorCode::forbidden, "error.workflow.lower_major_leaders_only");
  // A supervisor can: the category's reason goes with the category, so it is general again.
  r.role = Role::supervisor;
  t = step(t, r);
  EXPECT_FALSE(t.major);
  EXPECT_TRUE(t.major_reasons.empty());
  EXPECT_EQ(t.severity, Severity::general);
  EXPECT_EQ(iso(t.deadlines.resolve_by), "2026-11-26T00:00:00+08:00");
}

TEST_F(IntakeCorrectionTest, TheCooperativesPrecedenceGivesRuleViolationItsWorkingDays) {
  m_policy.resolve_complex = *parse_period("10wd", "test");
  m_policy.resolve_precedence = ResolvePrecedence::complex;
  auto r = request(Action::reclassify, Role::dispatcher);
  r.category = "rule_violation";
  const Ticket t = step(forwarded(), r);
  EXPECT_TRUE(t.major);
  EXPECT_EQ(iso(t.deadlines.resolve_by), "2026-12-05T00:00:00+08:00");
  EXPECT_EQ(data()["resolve_period"], "10wd");
}

TEST_F(IntakeCorrectionTest, DeclareAndClearMajorWithAReason) {
  auto declare = request(Action::declare_major, Role::handler, "客户为本地知名人士，存在声誉风险");
  Ticket t = step(forwarded(), declare);
  EXPECT_TRUE(t.major);
  EXPECT_FALSE(t.major_notified) << "handling waits for the report to the leaders";
  EXPECT_EQ(t.severity, Severity::major);
  EXPECT_EQ(t.major_reasons, std::vector<std::string>{"declared"});
  EXPECT_EQ(iso(t.deadlines.resolve_by), "2026-11-22T16:00:00+08:00");
  EXPECT_EQ(data()["changes"]["severity"]["to"], "major");
  EXPECT_EQ(notices_for_event(t, m_event).size(), 1u);
  expect_error(apply(t, declare), ErrorCode::forbidden, "error.workflow.already_major");
  const auto allowed = allowed_actions(t, Role::handler, m_taxonomy);
  EXPECT_EQ(std::count(allowed.begin(), allowed.end(), Action::declare_major), 0);
  EXPECT_EQ(std::count(allowed.begin(), allowed.end(), Action::reclassify), 1);
  // Clearing: leaders only, and with a reason.
  auto clear = request(Action::clear_major, Role::dispatcher, "经核实无声誉风险");
  expect_error(apply(t, clear), ErrorCode::forbidden, "error.workflow.role_forbidden");
  clear.role = Role::supervisor;
  clear.note.clear();
  ASSERT_FALSE(apply(t, clear).ok());
  clear.note = "经核实无声誉风险";
  t = step(t, clear);
  EXPECT_FALSE(t.major);
  EXPECT_TRUE(t.major_reasons.empty());
  EXPECT_EQ(t.severity, Severity::general);
  EXPECT_EQ(iso(t.deadlines.resolve_by), "2026-11-26T00:00:00+08:00");
  EXPECT_EQ(data()["changes"]["major_reasons"]["from"], json::array({"declared"}));
  expect_error(apply(t, clear), ErrorCode::forbidden, "error.workflow.not_major");
}

TEST_F(IntakeCorrectionTest, TaxonomyReasonsCannotBeClearedByHandButWordsCan) {
  Ticket t = forwarded("rule_violation");
  t.major = true;
  t.severity = Severity::major;
  t.major_reasons = {"category:rule_violation", "word:赔偿"};
  auto clear = request(Action::clear_major, Role::supervisor);
  expect_error(apply(t, clear), ErrorCode::forbidden, "error.workflow.major_by_taxonomy");
  auto lower = request(Action::reclassify, Role::supervisor);
  lower.severity = Severity::general;
  expect_error(apply(t, lower), ErrorCode::forbidden, "error.workflow.major_by_taxonomy");
  // A word found in "不需要赔偿" before negations were understood: cleared by a leader.
  t = forwarded();
  t.major = true;
  t.severity = Severity::major;
  t.major_reasons = {"word:赔偿"};
  t = step(t, clear);
  EXPECT_FALSE(t.major);
  // A media ticket stays major whatever its category.
  t = forwarded();
  t.channel = "media";
  t.major = true;
  t.major_reasons = {"channel:media"};
  expect_error(apply(t, clear), ErrorCode::forbidden, "error.workflow.major_by_taxonomy");
}

TEST_F(IntakeCorrectionTest, HandlersCannotMoveATicketOutOfTheirSight) {
  auto r = request(Action::reclassify, Role::handler);
  r.category = "financial_crime";
  expect_error(apply(forwarded(), r), ErrorCode::forbidden, "error.workflow.reclassify_confidential");
  r.category.clear();
  r.kind = "report";
  expect_error(apply(forwarded(), r), ErrorCode::forbidden, "error.workflow.reclassify_confidential");
  r.role = Role::supervisor;
  const Ticket t = step(forwarded(), r);
  EXPECT_EQ(t.kind, "report");
  EXPECT_EQ(notices_for_event(t, m_event).size(), 1u) << "a report is reported to the leaders";
}

TEST_F(IntakeCorrectionTest, AReopenedTicketCountsItsResolvePeriodFromTheReopening) {
  Ticket t = forwarded();
  t.status = Status::in_progress;
  t.reopen_count = 1;
  t.deadlines.resolve_by = at("2026-12-01T00:00:00");  // 3wd from Wed 11-25 10:00
  auto r = request(Action::declare_major, Role::supervisor);
  // Without the trail's reopening, resolve_by stays and the event says so.
  Ticket kept = step(t, r);
  EXPECT_EQ(iso(kept.deadlines.resolve_by), "2026-12-01T00:00:00+08:00");
  EXPECT_EQ(data()["resolve_by_kept"], true);
  r.reopened_at = at("2026-11-25T10:00:00");
  const Ticket counted = step(t, r);
  EXPECT_EQ(iso(counted.deadlines.resolve_by), "2026-11-27T10:00:00+08:00");
}

}  // namespace
}  // namespace complaint
