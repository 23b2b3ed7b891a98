// Extensions of resolve_by (docs/DOMAIN.md §3a): the bank's 15 -> 30 -> 60 days as a policy, a
// handler's extension within the limit and beyond it (a request a supervisor approves or
// denies), a supervisor's own, the maximum, every forged input refused with nothing changed,
// the referrer's deadline, what a reply and a reopen do to a request and to the limits, the
// typed target, the [policy] keys, and a referral filed with its own deadline.
#include "core/workflow/extension.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include <nlohmann/json.hpp>

#include "core/config/config.h"
#include "core/deadlines/recompute_deadlines.h"
#include "core/domain/ticket_number.h"
#include "core/i18n/catalog.h"
#include "core/services/filing_service.h"
#include "core/store/fake_ticket_repository.h"
#include "core/tracking/public_progress.h"
#include "core/workflow/workflow.h"
#include "tests/core/good_draft.h"
#include "tests/core/workflow_fixture.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class ExtensionTest : public WorkflowFixture {
 protected:
  void SetUp() override {
    WorkflowFixture::SetUp();
    use_bank_policy();
  }

  // Filed Tuesday 2026-11-10 10:00, forwarded: resolve by Wednesday 11-25 24:00 (15 days).
  Ticket ticket() const {
    Ticket t;
    t.number = format_ticket_number({"WH01", "K1", "20261110", 7});
    t.kind = "complaint";
    t.channel = "kiosk";
    t.category = "service_attitude";
    t.content = "柜员态度冷漠";
    t.customer_name = "张三";
    t.phone = "13800138000";
    t.filed_at = at("2026-11-10T10:00:00");
    t.status = Status::in_progress;
    t.department = "营业部";
    t.deadlines.resolve_by = add_period(*m_calendar, t.filed_at, m_policy.resolve);
    return t;
  }

  ActionRequest request(Action action, Role role, std::string_view until = {}) const {
    ActionRequest r;
    r.action = action;
    r.role = role;
    r.actor = role == Role::handler ? "li" : "wang";
    r.at = at("2026-11-20T09:00:00");
    if (action == Action::extend) {
      r.reason_category = "awaiting_third_party";
      r.note = "等待保险公司出具理赔意见（李先生的保单）";
    }
    if (!until.empty()) r.resolve_by = at(until);
    return r;
  }

  Result<Transition> apply(const Ticket& t, const ActionRequest& r) const {
    return apply_action(t, r, m_policy, *m_calendar, m_taxonomy);
  }
  Transition applied(const Ticket& t, const ActionRequest& r) const {
    auto result = apply(t, r);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? *result : Transition{t, {}};
  }
};

TEST_F(ExtensionTest, TheBanksLimitsCountFromTheFirstPromise) {
  const Ticket t = ticket();
  EXPECT_EQ(iso(t.deadlines.resolve_by), "2026-11-26T00:00:00+08:00");
  const ExtensionLimits limits = extension_limits(m_policy, *m_calendar, t);
  // 30 days after filing (12-10, a Thursday) and 60 (2027-01-09, a Saturday: Monday 01-11).
  EXPECT_EQ(iso(limits.alone), "2026-12-11T00:00:00+08:00");
  EXPECT_EQ(iso(limits.max), "2027-01-12T00:00:00+08:00");
  // After an extension they still count from the promise before it.
  Ticket extended = t;
  extended.resolve_by_original = t.deadlines.resolve_by;
  extended.deadlines.resolve_by = at("2026-12-05T00:00:00");
  EXPECT_EQ(iso(extension_limits(m_policy, *m_calendar, extended).alone), "2026-12-11T00:00:00+08:00");
  m_policy.extend_alone.reset();
  m_policy.extend_max.reset();
  EXPECT_FALSE(extension_limits(m_policy, *m_calendar, t).alone);
  EXPECT_FALSE(extension_limits(m_policy, *m_calendar, t).max);
}

TEST_F(ExtensionTest, AHandlerExtendsWithinTheLimitAtOnceAndTheTrailKeepsBothDeadlines) {
  const Transition done = applied(ticket(), request(Action::extend, Role::handler, "2026-12-11T00:00:00"));
  EXPECT_EQ(iso(done.ticket.deadlines.resolve_by), "2026-12-11T00:00:00+08:00");
  EXPECT_EQ(iso(done.ticket.resolve_by_original), "2026-11-26T00:00:00+08:00");
  EXPECT_EQ(done.ticket.extension_reason, "awaiting_third_party");
  EXPECT_FALSE(done.ticket.extension_requested_until);
  EXPECT_EQ(done.event.action, "extend");
  EXPECT_EQ(done.event.note, "等待保险公司出具理赔意见（李先生的保单）");
  const json data = json::parse(done.event.data_json);
  EXPECT_EQ(data["previous_resolve_by"], "2026-11-26T00:00:00+08:00");
  EXPECT_EQ(data["resolve_by"], "2026-12-11T00:00:00+08:00");
  EXPECT_EQ(data["reason_category"], "awaiting_third_party");
  EXPECT_EQ(data["requested_by"], "li");
  EXPECT_EQ(data["within_limit"], true);
  // The text may name people: it stays in the note, which retention anonymises.
  EXPECT_EQ(done.event.data_json.find("保险公司"), std::string::npos);

  // A second extension counts from the first promise, not from the extended one.
  const auto beyond = applied(done.ticket, request(Action::extend, Role::handler, "2026-12-12T00:00:00"));
  EXPECT_EQ(iso(beyond.ticket.deadlines.resolve_by), "2026-12-11T00:00:00+08:00") << "pending, not applied";
  EXPECT_EQ(iso(beyond.ticket.extension_requested_until), "2026-12-12T00:00:00+08:00");
}

TEST_F(ExtensionTest, BeyondTheLimitAHandlerRequestsAndASupervisorApproves) {
  const Ticket t = ticket();
  const Transition asked = applied(t, request(Action::extend, Role::handler, "2026-12-31T00:00:00"));
  EXPECT_EQ(asked.ticket.deadlines.resolve_by, t.deadlines.resolve_by);
  EXPECT_EQ(iso(asked.ticket.extension_requested_until), "2026-12-31T00:00:00+08:00");
  EXPECT_EQ(asked.ticket.extension_requested_reason, "awaiting_third_party");
  EXPECT_EQ(asked.ticket.extension_requested_by, "li");
  EXPECT_TRUE(asked.ticket.extension_reason.empty());
  const json asked_data = json::parse(asked.event.data_json);
  EXPECT_EQ(asked_data["pending"], true);
  EXPECT_EQ(asked_data["requested_resolve_by"], "2026-12-31T00:00:00+08:00");

  // While it waits: no second request; a handler neither approves nor denies.
  const auto again = apply(asked.ticket, request(Action::extend, Role::handler, "2026-12-05T00:00:00"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().key, "error.workflow.extension_pending");
  for (Action action : {Action::approve_extension, Action::deny_extension}) {
    const auto forged = apply(asked.ticket, request(action, Role::handler));
    ASSERT_FALSE(forged.ok());
    EXPECT_EQ(forged.error().key, "error.workflow.role_forbidden");
  }
  const std::vector<Action> handler_may = allowed_actions(asked.ticket, Role::handler, m_taxonomy);
  EXPECT_EQ(std::count(handler_may.begin(), handler_may.end(), Action::extend), 0);

  ActionRequest approve = request(Action::approve_extension, Role::supervisor);
  approve.at = at("2026-11-21T09:00:00");
  const Transition approved = applied(asked.ticket, approve);
  EXPECT_EQ(iso(approved.ticket.deadlines.resolve_by), "2026-12-31T00:00:00+08:00");
  EXPECT_EQ(approved.ticket.extension_reason, "awaiting_third_party");
  EXPECT_EQ(iso(approved.ticket.resolve_by_original), "2026-11-26T00:00:00+08:00");
  EXPECT_FALSE(approved.ticket.extension_requested_until);
  EXPECT_TRUE(approved.ticket.extension_requested_by.empty());
  const json data = json::parse(approved.event.data_json);
  EXPECT_EQ(data["requested_by"], "li");
  EXPECT_EQ(data["approved_by"], "wang");
  EXPECT_EQ(data["previous_resolve_by"], "2026-11-26T00:00:00+08:00");
  EXPECT_EQ(data["resolve_by"], "2026-12-31T00:00:00+08:00");
  // Nothing left to settle.
  const auto twice = apply(approved.ticket, approve);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().key, "error.workflow.no_extension_request");
}

TEST_F(ExtensionTest, ASupervisorDeniesWithAReasonAndTheDeadlineStays) {
  const Ticket t = ticket();
  const Transition asked = applied(t, request(Action::extend, Role::dispatcher, "2026-12-31T00:00:00"));
  ASSERT_TRUE(asked.ticket.extension_requested_until);
  const auto silent = apply(asked.ticket, request(Action::deny_extension, Role::supervisor));
  ASSERT_FALSE(silent.ok());
  EXPECT_EQ(silent.error().key, "error.workflow.reason_text_missing");
  ActionRequest deny = request(Action::deny_extension, Role::executive);
  deny.note = "理赔意见可先行答复";
  const Transition denied = applied(asked.ticket, deny);
  EXPECT_EQ(denied.ticket.deadlines.resolve_by, t.deadlines.resolve_by);
  EXPECT_FALSE(denied.ticket.extension_requested_until);
  EXPECT_FALSE(denied.ticket.resolve_by_original);
  EXPECT_TRUE(denied.ticket.extension_reason.empty());
  EXPECT_EQ(json::parse(denied.event.data_json)["denied_by"], "wang");
}

TEST_F(ExtensionTest, ASupervisorsOwnExtensionAppliesAtOnceUpToTheMaximumNeverBeyond) {
  const Transition done = applied(ticket(), request(Action::extend, Role::supervisor, "2027-01-12T00:00:00"));
  EXPECT_EQ(iso(done.ticket.deadlines.resolve_by), "2027-01-12T00:00:00+08:00");
  EXPECT_EQ(json::parse(done.event.data_json)["approved_by"], "wang");
  const auto beyond = apply(ticket(), request(Action::extend, Role::executive, "2027-01-12T00:00:01"));
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.error().key, "error.extension.beyond_max");
  EXPECT_EQ(beyond.error().code, ErrorCode::invalid_input);
}

TEST_F(ExtensionTest, ForgedInputIsRefusedWithAKeyAndNothingChanges) {
  const Ticket t = ticket();
  struct Case {
    const char* what;
    std::function<void(ActionRequest&)> forge;
    const char* key;
  };
  const std::vector<Case> cases = {
      {"past", [&](ActionRequest& r) { r.resolve_by = at("2026-11-19T00:00:00"); },
       "error.extension.in_past"},
      {"not later", [&](ActionRequest& r) { r.resolve_by = at("2026-11-25T12:00:00"); },
       "error.extension.not_later"},
      {"beyond max", [&](ActionRequest& r) { r.resolve_by = at("2027-02-01T00:00:00"); },
       "error.extension.beyond_max"},
      {"unknown reason", [](ActionRequest& r) { r.reason_category = "bribe"; },
       "error.extension.reason_unknown"},
      {"no category", [](ActionRequest& r) { r.reason_category.clear(); },
       "error.workflow.reason_category_missing"},
      {"no text", [](ActionRequest& r) { r.note.clear(); }, "error.workflow.reason_text_missing"},
      {"no target", [](ActionRequest& r) { r.resolve_by.reset(); }, "error.workflow.resolve_by_missing"},
      {"both",
       [](ActionRequest& r) {
         r.extend_by = Period{2, PeriodUnit::working_days};
       },
       "error.extension.target_both"},
  };
  for (const Case& c : cases) {
    for (Role role : {Role::handler, Role::supervisor}) {
      ActionRequest r = request(Action::extend, role, "2026-12-05T00:00:00");
      c.forge(r);
      const auto result = apply(t, r);
      ASSERT_FALSE(result.ok()) << c.what;
      EXPECT_EQ(result.error().key, c.key) << c.what;
    }
  }
  // Not by a clerk, not once replied, not without a resolve clock (an inquiry's answer_by).
  const auto clerk = apply(t, request(Action::extend, Role::intake_clerk, "2026-12-05T00:00:00"));
  ASSERT_FALSE(clerk.ok());
  EXPECT_EQ(clerk.error().key, "error.workflow.role_forbidden");
  Ticket replied = t;
  replied.status = Status::replied;
  EXPECT_EQ(apply(replied, request(Action::extend, Role::supervisor, "2026-12-05T00:00:00")).error().key,
            "error.workflow.bad_state");
  Ticket inquiry = t;
  inquiry.deadlines.resolve_by.reset();
  EXPECT_EQ(apply(inquiry, request(Action::extend, Role::supervisor, "2026-12-05T00:00:00")).error().key,
            "error.workflow.no_resolve_by");
}

TEST_F(ExtensionTest, APeriodCountsFromTheDeadlinesOwnDay) {
  ActionRequest r = request(Action::extend, Role::handler);
  r.extend_by = Period{15, PeriodUnit::calendar_days};
  const Transition days = applied(ticket(), r);
  EXPECT_EQ(iso(days.ticket.deadlines.resolve_by), "2026-12-11T00:00:00+08:00");  // 11-25 + 15 = 12-10 24:00
  EXPECT_EQ(json::parse(days.event.data_json)["extend_by"], "15d");
  r.extend_by = Period{48, PeriodUnit::hours};
  EXPECT_EQ(iso(applied(ticket(), r).ticket.deadlines.resolve_by), "2026-11-28T00:00:00+08:00");
  r.extend_by = Period{3, PeriodUnit::working_days};  // Thu 26, Fri 27, Mon 30
  EXPECT_EQ(iso(applied(ticket(), r).ticket.deadlines.resolve_by), "2026-12-01T00:00:00+08:00");
}

TEST_F(ExtensionTest, WithoutAnAloneLimitEveryHandlersExtensionNeedsApproval) {
  m_policy.extend_alone.reset();
  const Transition asked = applied(ticket(), request(Action::extend, Role::handler, "2026-11-27T00:00:00"));
  EXPECT_TRUE(asked.ticket.extension_requested_until);
  EXPECT_EQ(asked.ticket.deadlines.resolve_by, ticket().deadlines.resolve_by);
}

TEST_F(ExtensionTest, OnlyALeaderMovesPastTheReferrersDeadline) {
  Ticket t = ticket();
  t.channel = "referral_upper";
  t.referrer_deadline = at("2026-12-01T00:00:00");
  const Transition asked = applied(t, request(Action::extend, Role::handler, "2026-12-05T00:00:00"));
  EXPECT_TRUE(asked.ticket.extension_requested_until) << "within the alone limit, past the referrer's";
  const Transition within = applied(t, request(Action::extend, Role::handler, "2026-12-01T00:00:00"));
  EXPECT_EQ(iso(within.ticket.deadlines.resolve_by), "2026-12-01T00:00:00+08:00");
  const Transition leader = applied(t, request(Action::extend, Role::supervisor, "2026-12-05T00:00:00"));
  EXPECT_EQ(iso(leader.ticket.deadlines.resolve_by), "2026-12-05T00:00:00+08:00");
}

TEST_F(ExtensionTest, ACalendarRecountKeepsTheReferrersEarlierDeadline) {
  Ticket t = ticket();
  t.channel = "referral_upper";
  t.referrer_deadline = at("2026-11-20T00:00:00");
  t.deadlines.resolve_by = t.referrer_deadline;
  const auto changes = later_deadlines(t, m_policy, m_taxonomy, *m_calendar, std::nullopt);
  for (const DeadlineChange& change : changes) EXPECT_NE(change.clock, "resolve_by");
  t.referrer_deadline.reset();  // without it the policy's 15 days are later: the recount moves it
  const auto moved = later_deadlines(t, m_policy, m_taxonomy, *m_calendar, std::nullopt);
  EXPECT_TRUE(std::any_of(moved.begin(), moved.end(),
                          [](const DeadlineChange& change) { return change.clock == "resolve_by"; }));
}

TEST_F(ExtensionTest, AReplyDropsAPendingRequestAndAReopenStartsTheLimitsAgain) {
  const Transition asked = applied(ticket(), request(Action::extend, Role::handler, "2026-12-31T00:00:00"));
  ActionRequest reply = request(Action::reply, Role::handler);
  reply.handling_result = "已答复";
  const Transition replied = applied(asked.ticket, reply);
  EXPECT_FALSE(replied.ticket.extension_requested_until);
  EXPECT_EQ(json::parse(replied.event.data_json)["dropped_extension_request"], "2026-12-31T00:00:00+08:00");

  Ticket extended =
      applied(ticket(), request(Action::extend, Role::supervisor, "2026-12-20T00:00:00")).ticket;
  extended.status = Status::replied;
  ActionRequest reopen = request(Action::reopen, Role::dispatcher);
  reopen.at = at("2026-12-01T09:00:00");
  const Transition reopened = applied(extended, reopen);
  EXPECT_FALSE(reopened.ticket.resolve_by_original);
  EXPECT_TRUE(reopened.ticket.extension_reason.empty());
  EXPECT_EQ(json::parse(reopened.event.data_json)["previous_resolve_by_original"],
            "2026-11-26T00:00:00+08:00");
}

TEST_F(ExtensionTest, ThePublicProgressCarriesTheNewPromiseAndTheCategoryOnly) {
  const Ticket t = ticket();
  EXPECT_TRUE(public_progress(t, {}, m_taxonomy, at("2026-11-20T09:00:00")).extension_reason.empty());
  const Transition done = applied(t, request(Action::extend, Role::supervisor, "2026-12-05T00:00:00"));
  const PublicProgress progress =
      public_progress(done.ticket, {done.event}, m_taxonomy, at("2026-11-20T09:30:00"));
  EXPECT_EQ(progress.extension_reason, "awaiting_third_party");
  EXPECT_EQ(iso(progress.extended_to), "2026-12-05T00:00:00+08:00");
  // A request not yet approved promises nothing new.
  const Transition asked = applied(t, request(Action::extend, Role::handler, "2026-12-31T00:00:00"));
  EXPECT_FALSE(
      public_progress(asked.ticket, {asked.event}, m_taxonomy, at("2026-11-20T09:30:00")).extended_to);
}

TEST_F(ExtensionTest, TheTypedTargetIsADateATimeOrAPeriod) {
  const auto date = parse_extension_target("2026-12-20", *m_calendar);
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(iso(date->until), "2026-12-21T00:00:00+08:00");  // the end of that day
  const auto time = parse_extension_target("2026-12-20T17:30:00+08:00", *m_calendar);
  ASSERT_TRUE(time.ok());
  EXPECT_EQ(iso(time->until), "2026-12-20T17:30:00+08:00");
  const auto period = parse_extension_target("5wd", *m_calendar);
  ASSERT_TRUE(period.ok());
  ASSERT_TRUE(period->by);
  EXPECT_EQ(format_period(*period->by), "5wd");
  for (const char* bad : {"", "soon", "0d", "-3d", "2026-13-40", "15 d", "2026-12-20T25:00"}) {
    const auto refused = parse_extension_target(bad, *m_calendar);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().key, "error.extension.target_invalid") << bad;
  }
  EXPECT_TRUE(is_extension_reason("needs_investigation"));
  EXPECT_FALSE(is_extension_reason("needs investigation"));
  EXPECT_EQ(extension_reasons().size(), 5u);
}

// Every category has its staff label and its plain words for the public page; every refusal
// the actions raise has its text, in both languages.
TEST(ExtensionCatalog, EveryReasonAndRefusalHasItsTextInBothLanguages) {
  std::vector<std::string> keys = {"action.extend",
                                   "action.approve_extension",
                                   "action.deny_extension",
                                   "track.extended",
                                   "error.extension.in_past",
                                   "error.extension.not_later",
                                   "error.extension.beyond_max",
                                   "error.extension.target_both",
                                   "error.extension.target_invalid",
                                   "error.extension.reason_unknown",
                                   "error.workflow.reason_category_missing",
                                   "error.workflow.reason_text_missing",
                                   "error.workflow.resolve_by_missing",
                                   "error.workflow.no_resolve_by",
                                   "error.workflow.extension_pending",
                                   "error.workflow.no_extension_request",
                                   "error.referrer_deadline.not_referral",
                                   "error.referrer_deadline.before_filing",
                                   "error.referrer_deadline.too_far",
                                   "error.config.extension_units",
                                   "error.config.extension_order"};
  for (const std::string& reason : extension_reasons()) {
    keys.push_back("extension.reason." + reason);
    keys.push_back("track.extension_reason." + reason);
  }
  for (const char* language : {"zh-CN", "en"}) {
    const auto catalog = Catalog::load(std::string(COMPLAINT_SOURCE_ASSETS) + "/i18n", language);
    ASSERT_TRUE(catalog.ok());
    for (const std::string& key : keys) EXPECT_TRUE(catalog->has(key)) << language << " lacks " << key;
  }
}

TEST(ExtensionPolicy, TheKeysAreReadAndCheckedWithClearErrors) {
  auto bank = Config::parse("[policy]\nresolve = \"15d\"\nextend_alone = \"15d\"\nextend_max = \"45d\"\n");
  ASSERT_TRUE(bank.ok()) << bank.error().message;
  EXPECT_EQ(format_period(*bank->deadlines.extend_alone), "15d");
  EXPECT_EQ(format_period(*bank->deadlines.extend_max), "45d");
  auto none = Config::parse("[policy]\nextend_alone = \"none\"\nextend_max = \"none\"\n");
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_FALSE(none->deadlines.extend_alone);
  EXPECT_FALSE(none->deadlines.extend_max);
  const auto defaults = Config::defaults().deadlines;
  EXPECT_EQ(format_period(*defaults.extend_alone), "4wd");
  EXPECT_EQ(format_period(*defaults.extend_max), "7wd");

  const auto units = Config::parse("[policy]\nextend_alone = \"15d\"\nextend_max = \"30wd\"\n");
  ASSERT_FALSE(units.ok());
  EXPECT_NE(units.error().message.find("same unit"), std::string::npos) << units.error().message;
  const auto order = Config::parse("[policy]\nextend_alone = \"30d\"\nextend_max = \"15d\"\n");
  ASSERT_FALSE(order.ok());
  EXPECT_NE(order.error().message.find("exceeds policy.extend_max"), std::string::npos)
      << order.error().message;
  EXPECT_FALSE(Config::parse("[policy]\nextend_max = \"soon\"\n").ok());
  EXPECT_FALSE(Config::parse("[policy]\nextend_max = 30\n").ok());
}

// A referral filed with the referrer's own deadline: the earlier of the two is the promise.
struct ReferralFiling : ::testing::Test {
  Config config = Config::defaults();
  Taxonomy taxonomy = Taxonomy::defaults();
  WorkCalendar calendar = WorkCalendar::create(config.calendar).value();
  // Friday 2026-11-20 10:00 in Shanghai: 3wd resolve by Wednesday 11-25 24:00.
  FixedClock clock{Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 20}} + 2h};
  FakeTicketRepository repository;
  FilingService service{config, taxonomy, calendar, repository, clock};

  TicketDraft referral(std::string_view deadline) const {
    TicketDraft draft = good_draft();
    draft.channel = "referral_upper";
    draft.referrer_deadline = *calendar.zone().parse_iso8601(deadline);
    return draft;
  }
  std::string iso(std::optional<Instant> at) const {
    return at ? calendar.zone().format_iso8601(*at) : "(none)";
  }
};

TEST_F(ReferralFiling, TheEarlierDeadlineIsThePromiseAndTheReferrersIsKept) {
  auto sooner = service.file(referral("2026-11-24T00:00:00+08:00"), {});
  ASSERT_TRUE(sooner.ok()) << sooner.error().message;
  EXPECT_EQ(iso(sooner->deadlines.resolve_by), "2026-11-24T00:00:00+08:00");
  EXPECT_EQ(iso(sooner->referrer_deadline), "2026-11-24T00:00:00+08:00");
  const auto events = repository.all_events();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(json::parse(events.back().data_json)["referrer_deadline"], "2026-11-24T00:00:00+08:00");

  auto later = service.file(referral("2026-12-31T00:00:00+08:00"), {});
  ASSERT_TRUE(later.ok()) << later.error().message;
  EXPECT_EQ(iso(later->deadlines.resolve_by), "2026-11-26T00:00:00+08:00");
  EXPECT_EQ(iso(later->referrer_deadline), "2026-12-31T00:00:00+08:00");
}

TEST_F(ReferralFiling, ARefusedDeadlineStoresNothing) {
  TicketDraft kiosk = referral("2026-11-24T00:00:00+08:00");
  kiosk.channel = "kiosk";
  EXPECT_EQ(service.file(kiosk, {}).error().key, "error.referrer_deadline.not_referral");
  EXPECT_EQ(service.file(referral("2026-11-19T00:00:00+08:00"), {}).error().key,
            "error.referrer_deadline.before_filing");
  EXPECT_EQ(service.file(referral("2028-01-01T00:00:00+08:00"), {}).error().key,
            "error.referrer_deadline.too_far");
  EXPECT_TRUE(repository.tickets().empty());
}

// Reclassifying recounts resolve_by from the filing (intake_correction.cpp), but an extension
// in force stands when it is later, and a referrer's deadline still binds when it is earlier.
TEST_F(ExtensionTest, AReclassificationKeepsAnExtensionInForceAndTheReferrersDeadline) {
  ActionRequest lighter;
  lighter.action = Action::reclassify;
  lighter.role = Role::supervisor;
  lighter.actor = "主管";
  lighter.at = at("2026-11-12T10:00:00");
  lighter.severity = Severity::light;
  lighter.note = "情节轻微";

  Ticket extended = ticket();
  extended.resolve_by_original = extended.deadlines.resolve_by;
  extended.deadlines.resolve_by = at("2026-12-05T00:00:00");
  extended.extension_reason = "complex_case";
  auto kept = apply_action(extended, lighter, m_policy, *m_calendar, m_taxonomy);
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  EXPECT_EQ(iso(kept->ticket.deadlines.resolve_by), "2026-12-05T00:00:00+08:00");
  EXPECT_EQ(iso(kept->ticket.resolve_by_original), "2026-11-26T00:00:00+08:00");
  EXPECT_EQ(kept->ticket.extension_reason, "complex_case");
  EXPECT_TRUE(json::parse(kept->event.data_json).value("extension_kept", false));

  Ticket referred = ticket();
  referred.referrer_deadline = at("2026-11-20T00:00:00");
  referred.deadlines.resolve_by = referred.referrer_deadline;
  auto bound = apply_action(referred, lighter, m_policy, *m_calendar, m_taxonomy);
  ASSERT_TRUE(bound.ok()) << bound.error().message;
  EXPECT_EQ(iso(bound->ticket.deadlines.resolve_by), "2026-11-20T00:00:00+08:00");
}

}  // namespace
}  // namespace complaint
