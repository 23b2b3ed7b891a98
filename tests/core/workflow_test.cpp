// The workflow of docs/DOMAIN.md §2: the happy path, each action's inputs and guards (roles, major
// notification, confidentiality, anonymous tickets, record completeness), and the property that
// allowed_actions is exactly what apply_action accepts, by brute force.
// Sections: fixture; happy path and events; refusals and missing inputs; per action (record,
// reply, callback); guards (major, confidential, record form, anonymous); resolve on the spot,
// withdraw, reopen, mark_repeat; names; the exhaustive allowed_actions property.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/domain/ticket_number.h"
#include "core/workflow/workflow.h"
#include "tests/core/workflow_fixture.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr std::array k_all_statuses{Status::filed,    Status::forwarded,   Status::in_progress,
                                    Status::replied,  Status::called_back, Status::archived,
                                    Status::withdrawn};
constexpr std::array k_all_roles{Role::customer, Role::kiosk,      Role::intake_clerk, Role::dispatcher,
                                 Role::handler,  Role::supervisor, Role::executive};
constexpr std::array k_all_actions{Action::forward,
                                   Action::notify_major,
                                   Action::contact,
                                   Action::record,
                                   Action::reply,
                                   Action::callback,
                                   Action::archive,
                                   Action::resolve_on_spot,
                                   Action::withdraw,
                                   Action::reopen,
                                   Action::mark_repeat,
                                   Action::reassign,
                                   Action::customer_rating,
                                   Action::escalate,
                                   Action::settle_escalation,
                                   Action::close_investigation,
                                   Action::reclassify,
                                   Action::declare_major,
                                   Action::clear_major,
                                   Action::extend,
                                   Action::approve_extension,
                                   Action::deny_extension};

std::string number(int sequence) {
  return format_ticket_number({"WH01", "K1", "20261120", sequence});
}

class WorkflowTest : public WorkflowFixture {
 protected:
  Ticket new_ticket() const {
    Ticket t;
    t.number = number(7);
    t.kind = "complaint";
    t.channel = "kiosk";
    t.category = "service_attitude";
    t.content = "柜员态度冷漠";
    t.customer_name = "张三";
    t.phone = "13800138000";
    t.filed_at = at("2026-11-20T16:00:00");
    t.revision = 4;
    return t;
  }

  static ActionRequest request(Action action, Role role) {
    ActionRequest r;
    r.action = action;
    r.role = role;
    r.actor = std::string("staff-") + to_string(role);
    return r;
  }

  Result<Transition> apply(const Ticket& ticket, const ActionRequest& r) const {
    return apply_action(ticket, r, m_policy, *m_calendar, m_taxonomy);
  }

  // Applies and asserts success; returns the updated ticket and keeps the event.
  Ticket step(const Ticket& ticket, ActionRequest r) {
    if (r.at == Instant{}) r.at = at("2026-11-21T10:00:00");
    auto result = apply(ticket, r);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    if (!result.ok()) return ticket;
    m_last_event = result->event;
    return result->ticket;
  }

  static void expect_refused(const Result<Transition>& result, const char* key) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::forbidden);
    EXPECT_EQ(result.error().key, key) << result.error().message;
  }
  static void expect_invalid(const Result<Transition>& result, const char* field) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(result.error().field, field) << result.error().message;
  }

  // A ticket in `status` with the fields earlier steps would have set.
  Ticket ticket_in(Status status) const {
    Ticket t = new_ticket();
    t.status = status;
    if (status != Status::filed) t.department = "营业部";
    if (status == Status::replied || status == Status::called_back) {
      t.verification = "核实属实";
      t.handling_opinion = "批评教育";
      t.handling_result = "已道歉";
      t.handler = "li";
      t.replied_at = at("2026-11-23T10:00:00");
    }
    if (status == Status::called_back) t.satisfaction = Satisfaction::satisfied;
    return t;
  }

  TicketEvent m_last_event;
};

TEST_F(WorkflowTest, HappyPathFromFilingToArchive) {
  Ticket t = new_ticket();
  auto forward = request(Action::forward, Role::intake_clerk);
  forward.department = "营业部";
  t = step(t, forward);
  EXPECT_EQ(t.status, Status::forwarded);
  EXPECT_EQ(t.department, "营业部");
  EXPECT_EQ(m_last_event.action, "forward");
  EXPECT_EQ(m_last_event.role, "intake_clerk");
  EXPECT_EQ(m_last_event.from, Status::filed);
  EXPECT_EQ(m_last_event.to, Status::forwarded);
  EXPECT_EQ(json::parse(m_last_event.data_json)["department"], "营业部");

  auto contact = request(Action::contact, Role::handler);
  contact.at = at("2026-11-21T09:30:00");
  t = step(t, contact);
  EXPECT_EQ(t.status, Status::in_progress);
  EXPECT_EQ(iso(t.first_contact_at), "2026-11-21T09:30:00+08:00");
  EXPECT_EQ(t.handler, "staff-handler");
  // A second contact (progress told to the customer) keeps the first contact time.
  contact.at = at("2026-11-22T09:30:00");
  t = step(t, contact);
  EXPECT_EQ(t.status, Status::in_progress);
  EXPECT_EQ(iso(t.first_contact_at), "2026-11-21T09:30:00+08:00");

  auto record = request(Action::record, Role::handler);
  record.verification = "核实属实";
  record.handling_opinion = "批评教育";
  t = step(t, record);
  EXPECT_EQ(t.status, Status::in_progress);
  EXPECT_EQ(m_last_event.from, m_last_event.to);

  auto reply = request(Action::reply, Role::handler);
  reply.handling_result = "已向客户道歉";
  reply.at = at("2026-11-23T10:00:00");  // Monday
  t = step(t, reply);
  EXPECT_EQ(t.status, Status::replied);
  EXPECT_EQ(t.handling_result, "已向客户道歉");
  EXPECT_EQ(iso(t.replied_at), "2026-11-23T10:00:00+08:00");
  Deadlines expected;
  compute_callback_deadlines(m_policy, *m_calendar, reply.at, expected);
  EXPECT_EQ(t.deadlines.callback_by, expected.callback_by);
  EXPECT_EQ(t.deadlines.callback_not_before, expected.callback_not_before);
  EXPECT_TRUE(t.deadlines.callback_by.has_value());

  auto callback = request(Action::callback, Role::dispatcher);
  callback.satisfaction = Satisfaction::basically_satisfied;
  callback.callback_note = "客户表示接受";
  callback.at = at("2026-11-24T09:00:00");  // the first working day after the reply
  t = step(t, callback);
  EXPECT_EQ(t.status, Status::called_back);
  EXPECT_EQ(t.satisfaction, Satisfaction::basically_satisfied);
  EXPECT_EQ(t.callback_note, "客户表示接受");

  t = step(t, request(Action::archive, Role::supervisor));
  EXPECT_EQ(t.status, Status::archived);
  EXPECT_EQ(t.supervisor, "staff-supervisor");
  EXPECT_EQ(t.revision, 4);  // the store bumps it, not the workflow
  EXPECT_TRUE(allowed_actions(t, Role::supervisor, m_taxonomy).empty());
}

TEST_F(WorkflowTest, EveryActionProducesOneEventWithItsInputs) {
  auto r = request(Action::withdraw, Role::dispatcher);
  r.voluntary = true;
  r.note = "客户来电撤诉";
  r.at = at("2026-11-21T11:00:00");
  auto result = apply(ticket_in(Status::forwarded), r);
  ASSERT_TRUE(result.ok());
  const TicketEvent& event = result->event;
  EXPECT_EQ(event.ticket_number, number(7));
  EXPECT_EQ(event.at, r.at);
  EXPECT_EQ(event.actor, "staff-dispatcher");
  EXPECT_EQ(event.role, "dispatcher");
  EXPECT_EQ(event.action, "withdraw");
  EXPECT_EQ(event.from, Status::forwarded);
  EXPECT_EQ(event.to, Status::withdrawn);
  EXPECT_EQ(event.note, "客户来电撤诉");
  EXPECT_EQ(json::parse(event.data_json), (json{{"voluntary", true}}));
}

TEST_F(WorkflowTest, RefusalsNameTheActionRoleAndState) {
  auto result = apply(new_ticket(), request(Action::forward, Role::handler));
  expect_refused(result, "error.workflow.role_forbidden");
  EXPECT_NE(result.error().message.find("forward"), std::string::npos);
  EXPECT_NE(result.error().message.find("handler"), std::string::npos);
  EXPECT_NE(result.error().message.find("filed"), std::string::npos);

  auto reply = request(Action::reply, Role::handler);
  reply.handling_result = "x";
  expect_refused(apply(new_ticket(), reply), "error.workflow.bad_state");
  expect_refused(apply(ticket_in(Status::archived), request(Action::reopen, Role::supervisor)),
                 "error.workflow.bad_state");
}

TEST_F(WorkflowTest, TheAnswerForTheCustomersPageHoldsNoNumberAndIsKeptInTheReply) {
  auto reply = request(Action::reply, Role::handler);
  reply.handling_result = "已致歉";
  for (const char* refused : {"请拨打13800138000联系我们", "您的账号6222021234"}) {
    reply.customer_answer = refused;
    const auto result = apply(ticket_in(Status::in_progress), reply);
    expect_invalid(result, "customer_answer");
    EXPECT_EQ(result.error().key, "error.workflow.customer_answer_number") << refused;
  }
  reply.customer_answer = std::string(kCustomerAnswerMaxChars + 1, 'x');
  EXPECT_EQ(apply(ticket_in(Status::in_progress), reply).error().key, "error.workflow.customer_answer_long");
  reply.customer_answer = "已于12月3日向您致歉，退还手续费15元。";  // short runs of digits are dates and sums
  const auto kept = apply(ticket_in(Status::in_progress), reply);
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  EXPECT_EQ(nlohmann::json::parse(kept->event.data_json)["customer_answer"], reply.customer_answer);
}

TEST_F(WorkflowTest, MissingInputsAreInvalidAndNameTheField) {
  expect_invalid(apply(new_ticket(), request(Action::forward, Role::dispatcher)), "department");
  expect_invalid(apply(ticket_in(Status::in_progress), request(Action::record, Role::handler)),
                 "verification");
  expect_invalid(apply(ticket_in(Status::in_progress), request(Action::reply, Role::handler)),
                 "handling_result");
  expect_invalid(apply(ticket_in(Status::replied), request(Action::callback, Role::dispatcher)),
                 "satisfaction");
  auto none = request(Action::callback, Role::dispatcher);
  none.satisfaction = Satisfaction::none;
  expect_invalid(apply(ticket_in(Status::replied), none), "satisfaction");
  expect_invalid(apply(ticket_in(Status::filed), request(Action::withdraw, Role::dispatcher)), "voluntary");
  expect_invalid(apply(ticket_in(Status::filed), request(Action::mark_repeat, Role::dispatcher)),
                 "repeat_of");

  auto anonymous_actor = request(Action::forward, Role::dispatcher);
  anonymous_actor.department = "营业部";
  anonymous_actor.actor.clear();
  expect_invalid(apply(new_ticket(), anonymous_actor), "actor");
}

TEST_F(WorkflowTest, RecordSetsOnlyTheGivenFieldsAndWorksUntilArchive) {
  Ticket t = ticket_in(Status::in_progress);
  t.handling_opinion = "原意见";
  auto record = request(Action::record, Role::handler);
  record.verification = "核实";
  t = step(t, record);
  EXPECT_EQ(t.verification, "核实");
  EXPECT_EQ(t.handling_opinion, "原意见");
  EXPECT_EQ(json::parse(m_last_event.data_json), (json{{"verification", "核实"}}));
  // A form found incomplete after the callback is completed in place, not reopened.
  Ticket called_back = ticket_in(Status::called_back);
  called_back.handling_opinion.clear();
  record.handling_opinion = "补充意见";
  called_back = step(called_back, record);
  EXPECT_EQ(called_back.status, Status::called_back);
  expect_refused(apply(ticket_in(Status::forwarded), record), "error.workflow.bad_state");
}

TEST_F(WorkflowTest, ReplyAcceptsAnEarlierHandlingResult) {
  Ticket t = ticket_in(Status::in_progress);
  t.handling_result = "已退款";
  t = step(t, request(Action::reply, Role::dispatcher));
  EXPECT_EQ(t.status, Status::replied);
  EXPECT_EQ(t.handling_result, "已退款");
  EXPECT_EQ(t.handler, "staff-dispatcher");  // nobody had claimed it: the one who replied
}

// The customer's rating on the tracking page is its own event: it records the satisfaction and
// the comment and leaves the ticket waiting for the staff callback (the procedures' phone call).
TEST_F(WorkflowTest, CustomerRatingIsItsOwnEventAndDoesNotReplaceTheCallback) {
  auto rating = request(Action::customer_rating, Role::customer);
  rating.actor = "customer";
  expect_invalid(apply(ticket_in(Status::replied), rating), "satisfaction");
  rating.satisfaction = Satisfaction::dissatisfied;
  rating.callback_note = "还没解决";
  Ticket t = step(ticket_in(Status::replied), rating);
  EXPECT_EQ(t.status, Status::replied);
  EXPECT_EQ(t.satisfaction, Satisfaction::none) << "the record form's satisfaction is the callback's";
  EXPECT_TRUE(t.callback_note.empty());
  EXPECT_EQ(t.escalation, Escalation::none);
  EXPECT_EQ(m_last_event.role, "customer");
  EXPECT_EQ(m_last_event.action, "customer_rating");
  EXPECT_EQ(m_last_event.from, Status::replied);
  EXPECT_EQ(m_last_event.to, Status::replied);
  EXPECT_EQ(json::parse(m_last_event.data_json),
            (json{{"satisfaction", "dissatisfied"}, {"comment", "还没解决"}}));
  EXPECT_FALSE(counts_as_callback(m_last_event));
  // The customer may no longer take the callback itself; staff still can.
  auto callback = request(Action::callback, Role::customer);
  callback.satisfaction = Satisfaction::satisfied;
  expect_refused(apply(ticket_in(Status::replied), callback), "error.workflow.role_forbidden");
  EXPECT_EQ(allowed_actions(ticket_in(Status::replied), Role::customer, m_taxonomy),
            std::vector{Action::customer_rating});
  EXPECT_NE(std::find(allowed_actions(t, Role::dispatcher, m_taxonomy).begin(),
                      allowed_actions(t, Role::dispatcher, m_taxonomy).end(), Action::callback),
            allowed_actions(t, Role::dispatcher, m_taxonomy).end());
  for (Status status : k_all_statuses) {
    if (status != Status::replied) {
      EXPECT_TRUE(allowed_actions(ticket_in(status), Role::customer, m_taxonomy).empty())
          << to_string(status);
    }
    EXPECT_TRUE(allowed_actions(ticket_in(status), Role::kiosk, m_taxonomy).empty()) << to_string(status);
  }
  // Archiving still needs the callback.
  expect_refused(apply(t, request(Action::archive, Role::dispatcher)), "error.workflow.bad_state");
}

TEST_F(WorkflowTest, CustomerRatingStandsForTheCallbackWhenThePolicySaysSo) {
  m_policy.customer_rating_suffices = true;
  auto rating = request(Action::customer_rating, Role::customer);
  rating.actor = "customer";
  rating.satisfaction = Satisfaction::satisfied;
  rating.callback_note = "谢谢";
  Ticket t = ticket_in(Status::replied);
  compute_callback_deadlines(m_policy, *m_calendar, *t.replied_at, t.deadlines);
  rating.at = at("2026-11-23T11:00:00");  // before the staff's window: the customer's own time
  t = step(t, rating);
  EXPECT_EQ(t.status, Status::called_back);
  EXPECT_EQ(t.satisfaction, Satisfaction::satisfied);
  EXPECT_EQ(t.callback_note, "谢谢");
  EXPECT_TRUE(counts_as_callback(m_last_event));
  EXPECT_EQ(json::parse(m_last_event.data_json)["counts_as_callback"], true);
  t = step(t, request(Action::archive, Role::dispatcher));
  EXPECT_EQ(t.status, Status::archived);
}

// The procedures call back 1-3 working days after the reply: earlier is refused, naming the day.
TEST_F(WorkflowTest, StaffCallbackBeforeTheWindowIsRefused) {
  Ticket t = ticket_in(Status::replied);
  compute_callback_deadlines(m_policy, *m_calendar, *t.replied_at, t.deadlines);  // Monday 10:00
  ASSERT_EQ(iso(t.deadlines.callback_not_before), "2026-11-24T00:00:00+08:00");
  auto callback = request(Action::callback, Role::dispatcher);
  callback.satisfaction = Satisfaction::satisfied;
  callback.at = at("2026-11-23T17:00:00");
  auto early = apply(t, callback);
  expect_refused(early, "error.workflow.callback_too_early");
  EXPECT_NE(early.error().message.find("2026-11-24T00:00:00+08:00"), std::string::npos)
      << early.error().message;
  callback.at = at("2026-11-24T00:00:00");  // the window's first instant
  t = step(t, callback);
  EXPECT_EQ(t.status, Status::called_back);
}

TEST_F(WorkflowTest, DissatisfiedCallbackEscalatesAndIsNeverArchivedUnsettled) {
  auto callback = request(Action::callback, Role::dispatcher);
  callback.satisfaction = Satisfaction::dissatisfied;
  callback.at = at("2026-11-24T10:00:00");
  Ticket t = step(ticket_in(Status::replied), callback);
  EXPECT_EQ(t.status, Status::called_back);
  EXPECT_EQ(t.escalation, Escalation::supervisor);
  EXPECT_EQ(json::parse(m_last_event.data_json)["escalated_to"], "supervisor");
  expect_refused(apply(t, request(Action::archive, Role::supervisor)),
                 "error.workflow.dissatisfied_unsettled");

  // The supervisor passes it on with a reason; then only the executive settles it.
  expect_invalid(apply(t, request(Action::escalate, Role::supervisor)), "note");
  expect_refused(apply(t, request(Action::escalate, Role::dispatcher)), "error.workflow.role_forbidden");
  auto escalate = request(Action::escalate, Role::supervisor);
  escalate.note = "客户要求领导出面";
  t = step(t, escalate);
  EXPECT_EQ(t.escalation, Escalation::executive);
  expect_refused(apply(t, escalate), "error.workflow.not_escalated");
  auto settle = request(Action::settle_escalation, Role::supervisor);
  settle.note = "已由副总经理约见客户";
  expect_refused(apply(t, settle), "error.workflow.executive_only");
  settle.role = Role::executive;
  settle.note.clear();
  expect_invalid(apply(t, settle), "finding");
  settle.note = "已约见客户，补偿方案客户接受";
  t = step(t, settle);
  EXPECT_EQ(t.escalation, Escalation::settled);
  EXPECT_EQ(json::parse(m_last_event.data_json),
            (json{{"previous_escalation", "executive"}, {"finding", "已约见客户，补偿方案客户接受"}}));
  expect_refused(apply(t, settle), "error.workflow.not_escalated");
  t = step(t, request(Action::archive, Role::dispatcher));
  EXPECT_EQ(t.status, Status::archived);
}

TEST_F(WorkflowTest, ReopenClearsTheEscalationWithTheRound) {
  Ticket t = ticket_in(Status::called_back);
  t.satisfaction = Satisfaction::dissatisfied;
  t.escalation = Escalation::supervisor;
  t = step(t, request(Action::reopen, Role::dispatcher));
  EXPECT_EQ(t.escalation, Escalation::none);
  EXPECT_EQ(json::parse(m_last_event.data_json)["previous_escalation"], "supervisor");
  EXPECT_TRUE(starts_new_round(m_last_event));
}

TEST_F(WorkflowTest, DissatisfiedCallbackReopensWhenThePolicySaysSo) {
  m_policy.dissatisfied_callback = DissatisfiedCallback::reopen;
  Ticket t = ticket_in(Status::replied);
  compute_callback_deadlines(m_policy, *m_calendar, *t.replied_at, t.deadlines);
  auto callback = request(Action::callback, Role::intake_clerk);
  callback.satisfaction = Satisfaction::dissatisfied;
  callback.callback_note = "仍未解决";
  callback.at = at("2026-11-24T10:00:00");
  t = step(t, callback);
  EXPECT_EQ(t.status, Status::in_progress);
  EXPECT_EQ(t.reopen_count, 1);
  EXPECT_EQ(t.satisfaction, Satisfaction::none);
  EXPECT_EQ(t.escalation, Escalation::none);
  EXPECT_FALSE(t.deadlines.callback_by);
  EXPECT_EQ(m_last_event.action, "callback");
  EXPECT_EQ(m_last_event.to, Status::in_progress);
  EXPECT_TRUE(starts_new_round(m_last_event));
  EXPECT_TRUE(counts_as_callback(m_last_event));
  const json data = json::parse(m_last_event.data_json);
  EXPECT_EQ(data["satisfaction"], "dissatisfied");
  EXPECT_EQ(data["reopened"], true);
  EXPECT_EQ(data["previous_callback_note"], "仍未解决");
  EXPECT_FALSE(data["previous_callback_by"].get<std::string>().empty());
}

TEST_F(WorkflowTest, LegacyDissatisfiedTicketIsSettledOrReopenedBeforeArchive) {
  Ticket t = ticket_in(Status::called_back);
  t.satisfaction = Satisfaction::dissatisfied;  // called back before escalation existed
  expect_refused(apply(t, request(Action::archive, Role::dispatcher)),
                 "error.workflow.dissatisfied_unsettled");
  auto settle = request(Action::settle_escalation, Role::supervisor);
  settle.note = "客户诉求超出合理范围，已解释";
  t = step(t, settle);
  EXPECT_EQ(t.escalation, Escalation::settled);
  EXPECT_EQ(step(t, request(Action::archive, Role::dispatcher)).status, Status::archived);
  expect_refused(apply(ticket_in(Status::called_back), settle), "error.workflow.not_escalated");
}

TEST_F(WorkflowTest, MajorTicketIsNotifiedBeforeHandlingAndRoutedByLeaders) {
  Ticket t = new_ticket();
  t.major = true;
  t.major_reasons = {"channel:media"};
  auto forward = request(Action::forward, Role::intake_clerk);
  forward.department = "营业部";
  expect_refused(apply(t, forward), "error.workflow.major_supervisor_only");
  forward = request(Action::forward, Role::supervisor);
  forward.department = "营业部";
  t = step(t, forward);
  EXPECT_EQ(t.supervisor, "staff-supervisor");

  expect_refused(apply(t, request(Action::contact, Role::handler)), "error.workflow.not_notified");
  expect_refused(apply(t, request(Action::notify_major, Role::dispatcher)), "error.workflow.role_forbidden");
  t = step(t, request(Action::notify_major, Role::executive));
  EXPECT_TRUE(t.major_notified);
  EXPECT_EQ(t.status, Status::forwarded);
  const json data = json::parse(m_last_event.data_json);
  EXPECT_EQ(data["report_confirmed"], true);
  EXPECT_FALSE(data.contains("notified")) << "nobody is named as notified when nothing was sent";
  EXPECT_EQ(data["major_reasons"], (json{"channel:media"}));
  t = step(t, request(Action::contact, Role::handler));
  EXPECT_EQ(t.status, Status::in_progress);

  expect_refused(apply(new_ticket(), request(Action::notify_major, Role::supervisor)),
                 "error.workflow.not_major");
}

TEST_F(WorkflowTest, ConfidentialTicketsAreForLeadersOnly) {
  for (const auto& [kind, category] :
       {std::pair{"report", "service_attitude"}, {"complaint", "financial_crime"}}) {
    Ticket t = ticket_in(Status::replied);
    t.kind = kind;
    t.category = category;
    EXPECT_TRUE(is_confidential(t, Taxonomy::defaults()));
    auto callback = request(Action::callback, Role::dispatcher);
    callback.satisfaction = Satisfaction::satisfied;
    expect_refused(apply(t, callback), "error.workflow.confidential");
    auto rating = request(Action::customer_rating, Role::customer);
    rating.satisfaction = Satisfaction::satisfied;
    expect_refused(apply(t, rating), "error.workflow.confidential");
    callback.role = Role::supervisor;
    EXPECT_TRUE(apply(t, callback).ok());
  }
  EXPECT_FALSE(is_confidential(new_ticket(), Taxonomy::defaults()));
}

TEST_F(WorkflowTest, ArchiveRefusesAnIncompleteRecordListingWhatIsMissing) {
  Ticket t = ticket_in(Status::called_back);
  t.verification.clear();
  t.handler.clear();
  auto result = apply(t, request(Action::archive, Role::dispatcher));
  expect_refused(result, "error.workflow.record_incomplete");
  EXPECT_NE(result.error().message.find("verification, handler"), std::string::npos)
      << result.error().message;

  EXPECT_EQ(missing_record_fields(ticket_in(Status::called_back)), std::vector<std::string>{});
  Ticket empty;
  EXPECT_EQ(missing_record_fields(empty),
            (std::vector<std::string>{"number", "filed_at", "content", "name", "phone", "verification",
                                      "handling_opinion", "handling_result", "satisfaction", "handler"}));
  empty.anonymous = true;
  empty.major = true;
  EXPECT_EQ(missing_record_fields(empty),
            (std::vector<std::string>{"number", "filed_at", "content", "verification", "handling_opinion",
                                      "handling_result", "handler", "supervisor"}));
}

TEST_F(WorkflowTest, AnonymousTicketNeedsNoContactOrCallback) {
  Ticket t = ticket_in(Status::forwarded);
  t.anonymous = true;
  t.customer_name.clear();
  t.phone.clear();
  t = step(t, request(Action::contact, Role::handler));
  EXPECT_EQ(t.status, Status::in_progress);
  EXPECT_FALSE(t.first_contact_at);  // nobody could be contacted
  auto reply = request(Action::reply, Role::handler);
  reply.verification = "核实";
  reply.handling_opinion = "整改";
  reply.handling_result = "已整改";
  t = step(t, reply);
  EXPECT_EQ(t.status, Status::replied);
  EXPECT_FALSE(t.deadlines.callback_by);
  t = step(t, request(Action::archive, Role::dispatcher));
  EXPECT_EQ(t.status, Status::archived);
  EXPECT_EQ(json::parse(m_last_event.data_json)["without_callback"], "anonymous");

  // A named customer must be called back first.
  expect_refused(apply(ticket_in(Status::replied), request(Action::archive, Role::dispatcher)),
                 "error.workflow.bad_state");
}

// Resolved on the spot means archived at once: the customer's satisfaction and everything the
// archive requires, or nothing changes.
TEST_F(WorkflowTest, ResolveOnTheSpotNeedsSatisfactionAndACompleteRecord) {
  auto r = request(Action::resolve_on_spot, Role::intake_clerk);
  expect_invalid(apply(new_ticket(), r), "note");
  r.note = "客户当场表示满意";
  expect_invalid(apply(new_ticket(), r), "handling_result");
  r.handling_result = "当场解释清楚";
  expect_invalid(apply(new_ticket(), r), "satisfaction");
  r.satisfaction = Satisfaction::dissatisfied;
  auto unhappy = apply(new_ticket(), r);
  expect_invalid(unhappy, "satisfaction");
  EXPECT_EQ(unhappy.error().key, "error.workflow.spot_dissatisfied");
  r.satisfaction = Satisfaction::satisfied;
  auto incomplete = apply(new_ticket(), r);
  expect_invalid(incomplete, "verification");
  EXPECT_EQ(incomplete.error().key, "error.workflow.record_incomplete");
  EXPECT_NE(incomplete.error().message.find("verification, handling_opinion"), std::string::npos)
      << incomplete.error().message;
  r.verification = "客户误解了收费标准";
  r.handling_opinion = "当场解释";
  Ticket t = step(new_ticket(), r);
  EXPECT_EQ(t.status, Status::archived);
  EXPECT_TRUE(t.resolved_on_the_spot);
  EXPECT_EQ(t.satisfaction, Satisfaction::satisfied);
  EXPECT_EQ(t.handler, "staff-intake_clerk");
  EXPECT_TRUE(missing_record_fields(t).empty());
  expect_refused(apply(ticket_in(Status::forwarded), r), "error.workflow.bad_state");

  // A major one (leaders only) is complete with the leader as 主管领导.
  Ticket major = new_ticket();
  major.major = true;
  r.role = Role::supervisor;
  r.actor = "wang";
  t = step(major, r);
  EXPECT_EQ(t.status, Status::archived);
  EXPECT_EQ(t.supervisor, "wang");
  // An anonymous customer gives no satisfaction.
  Ticket anonymous = new_ticket();
  anonymous.anonymous = true;
  anonymous.customer_name.clear();
  anonymous.phone.clear();
  r.role = Role::dispatcher;
  r.satisfaction.reset();
  EXPECT_EQ(step(anonymous, r).status, Status::archived);
}

TEST_F(WorkflowTest, WithdrawalRecordsVoluntarinessAndFlagsPressure) {
  for (Status status :
       {Status::filed, Status::forwarded, Status::in_progress, Status::replied, Status::called_back}) {
    auto r = request(Action::withdraw, Role::handler);
    r.voluntary = false;
    r.at = at("2026-11-24T15:00:00");
    Ticket t = step(ticket_in(status), r);
    EXPECT_EQ(t.status, Status::withdrawn);
    EXPECT_EQ(iso(t.withdrawn_at), "2026-11-24T15:00:00+08:00");
    EXPECT_EQ(t.withdrawn_voluntarily, false);
    EXPECT_EQ(t.investigation, Investigation::open);
    EXPECT_EQ(json::parse(m_last_event.data_json), (json{{"voluntary", false}, {"investigate", true}}));
  }
  auto voluntary = request(Action::withdraw, Role::handler);
  voluntary.voluntary = true;
  EXPECT_EQ(step(ticket_in(Status::filed), voluntary).investigation, Investigation::none);
  auto r = request(Action::withdraw, Role::supervisor);
  r.voluntary = true;
  expect_refused(apply(ticket_in(Status::archived), r), "error.workflow.bad_state");
  expect_refused(apply(ticket_in(Status::withdrawn), r), "error.workflow.bad_state");
}

TEST_F(WorkflowTest, LeadersCloseAnInvestigationWithAFinding) {
  Ticket t = ticket_in(Status::withdrawn);
  t.withdrawn_voluntarily = false;
  t.investigation = Investigation::open;
  auto close = request(Action::close_investigation, Role::supervisor);
  expect_invalid(apply(t, close), "finding");
  close.note = "经核实，经办人曾劝说客户撤诉，已批评教育";
  for (Role role : {Role::dispatcher, Role::handler, Role::intake_clerk}) {
    close.role = role;
    expect_refused(apply(t, close), "error.workflow.role_forbidden");
  }
  close.role = Role::executive;
  t = step(t, close);
  EXPECT_EQ(t.investigation, Investigation::closed);
  EXPECT_EQ(t.status, Status::withdrawn);
  EXPECT_EQ(m_last_event.note, close.note);
  EXPECT_EQ(json::parse(m_last_event.data_json)["finding"], close.note);
  expect_refused(apply(t, close), "error.workflow.no_investigation");
  expect_refused(apply(ticket_in(Status::withdrawn), close), "error.workflow.no_investigation");
}

TEST_F(WorkflowTest, ReopenStartsANewRoundWithANewResolveDeadline) {
  Ticket t = ticket_in(Status::called_back);
  t.satisfaction = Satisfaction::dissatisfied;
  t.callback_note = "不满意";
  compute_callback_deadlines(m_policy, *m_calendar, *t.replied_at, t.deadlines);
  auto r = request(Action::reopen, Role::dispatcher);
  r.at = at("2026-11-20T16:00:00");  // Friday: 3 working days end Wednesday 24:00
  t = step(t, r);
  EXPECT_EQ(t.status, Status::in_progress);
  EXPECT_EQ(t.reopen_count, 1);
  EXPECT_EQ(t.satisfaction, Satisfaction::none);
  EXPECT_TRUE(t.callback_note.empty());
  EXPECT_FALSE(t.replied_at);
  EXPECT_FALSE(t.deadlines.callback_by);
  EXPECT_EQ(iso(t.deadlines.resolve_by), "2026-11-26T00:00:00+08:00");
  const json data = json::parse(m_last_event.data_json);
  EXPECT_EQ(data["previous_satisfaction"], "dissatisfied");
  EXPECT_EQ(data["previous_callback_note"], "不满意");
  EXPECT_EQ(data["previous_replied_at"], "2026-11-23T10:00:00+08:00");
  EXPECT_EQ(data["reopen_count"], 1);

  // Complex categories get the longer period again (7 working days).
  Ticket complex = ticket_in(Status::replied);
  complex.category = "product";
  complex = step(complex, r);
  EXPECT_EQ(iso(complex.deadlines.resolve_by), "2026-12-02T00:00:00+08:00");
  expect_refused(apply(ticket_in(Status::in_progress), r), "error.workflow.bad_state");
}

TEST_F(WorkflowTest, MarkRepeatLinksACanonicalEarlierNumber) {
  auto r = request(Action::mark_repeat, Role::dispatcher);
  std::string lower = number(3);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  r.repeat_of = " " + lower + " ";
  Ticket t = step(ticket_in(Status::in_progress), r);
  EXPECT_EQ(t.repeat_of, number(3));
  EXPECT_EQ(t.status, Status::in_progress);
  r.repeat_of = number(3);
  r.repeat_of.back() = r.repeat_of.back() == '0' ? '1' : '0';  // a wrong check character
  expect_invalid(apply(ticket_in(Status::in_progress), r), "repeat_of");
  r.repeat_of = number(7);
  expect_invalid(apply(ticket_in(Status::in_progress), r), "repeat_of");
}

TEST_F(WorkflowTest, ReassignMovesTheTicketWithAReasonAndKeepsBothSides) {
  Ticket t = ticket_in(Status::in_progress);
  t.handler = "li";
  auto r = request(Action::reassign, Role::dispatcher);
  r.department = "信贷部";
  expect_invalid(apply(t, r), "reason");
  r.note = "属信贷业务";
  Ticket moved = step(t, r);
  EXPECT_EQ(moved.department, "信贷部");
  EXPECT_EQ(moved.status, Status::in_progress);
  EXPECT_TRUE(moved.handler.empty()) << "the new department's handler claims it by acting";
  const json data = json::parse(m_last_event.data_json);
  EXPECT_EQ(data["from_department"], "营业部");
  EXPECT_EQ(data["department"], "信贷部");
  EXPECT_EQ(data["previous_handler"], "li");
  EXPECT_EQ(data["reason"], "属信贷业务");
  // To a person of the same department.
  r.department = "信贷部";
  r.assignee = "zhou";
  moved = step(moved, r);
  EXPECT_EQ(moved.handler, "zhou");
  EXPECT_EQ(json::parse(m_last_event.data_json)["assignee"], "zhou");
  // Nothing to change: refused.
  const auto same = apply(moved, r);
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.error().key, "error.workflow.reassign_same");
  // Handlers and clerks do not route; a filed ticket is forwarded, not reassigned.
  expect_refused(apply(t, request(Action::reassign, Role::handler)), "error.workflow.role_forbidden");
  expect_refused(apply(t, request(Action::reassign, Role::intake_clerk)), "error.workflow.role_forbidden");
  expect_refused(apply(ticket_in(Status::filed), r), "error.workflow.bad_state");
}

TEST_F(WorkflowTest, RoleAndActionNamesRoundTrip) {
  for (Role role : k_all_roles) EXPECT_EQ(role_from_string(to_string(role)), role);
  for (Action action : k_all_actions) EXPECT_EQ(action_from_string(to_string(action)), action);
  EXPECT_FALSE(role_from_string("admin"));
  EXPECT_FALSE(action_from_string("file"));
}

// allowed_actions must list exactly what apply_action accepts when every input is supplied, for
// every state, role, action and kind of ticket; refusals are always `forbidden`.
TEST_F(WorkflowTest, AllowedActionsMatchApplyActionExhaustively) {
  std::vector<std::pair<const char*, Ticket>> variants;
  for (Status status : k_all_statuses) {
    Ticket plain = ticket_in(status);
    variants.emplace_back("plain", plain);
    Ticket incomplete = plain;
    incomplete.handling_opinion.clear();
    variants.emplace_back("incomplete", incomplete);
    Ticket anonymous = plain;
    anonymous.anonymous = true;
    anonymous.customer_name.clear();
    anonymous.phone.clear();
    anonymous.satisfaction = Satisfaction::none;
    variants.emplace_back("anonymous", anonymous);
    Ticket major = plain;
    major.major = true;
    variants.emplace_back("major", major);
    major.major_notified = true;
    major.supervisor = "wang";
    variants.emplace_back("major_notified", major);
    Ticket report = plain;
    report.kind = "report";
    variants.emplace_back("report", report);
    // With a resolve clock to extend, and with a request awaiting a leader.
    Ticket extendable = plain;
    extendable.deadlines.resolve_by = at("2026-11-26T00:00:00");
    variants.emplace_back("extendable", extendable);
    Ticket pending = extendable;
    pending.extension_requested_until = at("2026-11-28T00:00:00");
    pending.extension_requested_reason = "complex_case";
    pending.extension_requested_by = "li";
    variants.emplace_back("extension_pending", pending);
    Ticket unhappy = plain;
    unhappy.satisfaction = Satisfaction::dissatisfied;
    unhappy.escalation = Escalation::supervisor;
    variants.emplace_back("escalated", unhappy);
    unhappy.escalation = Escalation::executive;
    variants.emplace_back("escalated_executive", unhappy);
    Ticket investigated = plain;
    investigated.investigation = Investigation::open;
    variants.emplace_back("investigated", investigated);
  }
  int accepted = 0;
  for (const auto& [variant, ticket] : variants) {
    for (Role role : k_all_roles) {
      const std::vector<Action> allowed = allowed_actions(ticket, role, m_taxonomy);
      for (Action action : k_all_actions) {
        ActionRequest r = request(action, role);
        r.at = at("2026-11-24T10:00:00");
        r.note = "note";
        r.department = "营业部";
        r.verification = "v";
        r.handling_opinion = "o";
        r.handling_result = "r";
        r.callback_note = "c";
        r.satisfaction = Satisfaction::satisfied;
        r.voluntary = true;
        r.repeat_of = number(3);
        r.assignee = "zhou";
        r.category = "service_quality";  // reclassify: a category the ticket does not have
        r.extend_by = Period{2, PeriodUnit::working_days};
        r.reason_category = "complex_case";
        const auto result = apply(ticket, r);
        const bool listed = std::find(allowed.begin(), allowed.end(), action) != allowed.end();
        const std::string where = std::string(variant) + " " + to_string(ticket.status) + " " +
                                  to_string(role) + " " + to_string(action);
        EXPECT_EQ(result.ok(), listed) << where << (result.ok() ? "" : ": " + result.error().message);
        if (!result.ok()) {
          EXPECT_EQ(result.error().code, ErrorCode::forbidden) << where;
        } else {
          ++accepted;
          EXPECT_EQ(result->event.action, to_string(action)) << where;
          EXPECT_TRUE(json::parse(result->event.data_json).is_object()) << where;
        }
      }
    }
  }
  EXPECT_GT(accepted, 100);  // the property is not vacuous
}

}  // namespace
}  // namespace complaint
