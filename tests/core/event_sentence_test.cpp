// event_sentence: every action the workflow takes, and every other event the desk writes,
// reads as a sentence in both languages: no JSON (no braces, no key names, no stored enum
// values, no ISO times), the names from the taxonomy and the department list, local times.
#include "core/workflow/event_sentence.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "core/deadlines/deadline_policy.h"
#include "core/domain/ticket_number.h"
#include "core/notify/notice.h"
#include "core/retention/anonymise.h"
#include "tests/core/workflow_fixture.h"

namespace complaint {
namespace {

using nlohmann::json;

class EventSentenceTest : public WorkflowFixture {
 protected:
  void SetUp() override {
    WorkflowFixture::SetUp();
    use_bank_policy();
    m_catalogs = shipped_catalogs();
    ASSERT_EQ(m_catalogs.size(), 2u);
  }

  Ticket new_ticket(int sequence) const { return sample_ticket(sequence); }

  // Applies the action as `role` at `when`; the event goes to the trail.
  Ticket take(const Ticket& t, ActionRequest r, Role role, const char* when) {
    r.role = role;
    if (r.actor.empty())
      r.actor = role == Role::handler ? "li" : role == Role::customer ? "customer" : "wang";
    r.at = at(when);
    auto done = apply_action(t, r, m_policy, *m_calendar, m_taxonomy);
    EXPECT_TRUE(done.ok()) << to_string(r.action) << ": " << (done.ok() ? "" : done.error().message);
    if (!done.ok()) return t;
    m_events.push_back(done->event);
    return done->ticket;
  }
  static ActionRequest ask(Action action) {
    ActionRequest r;
    r.action = action;
    return r;
  }

  // One trail through every action of the workflow (four tickets), plus the events the desk
  // writes outside it.
  void walk() {
    ActionRequest r = ask(Action::forward);
    r.department = "yingye";
    Ticket t = take(new_ticket(1), r, Role::dispatcher, "2026-11-10T10:30:00");
    r = ask(Action::reassign);
    r.department = "xindai";
    r.assignee = "zhou";
    r.note = "属信贷业务";
    t = take(t, r, Role::dispatcher, "2026-11-10T11:00:00");
    t = take(t, ask(Action::contact), Role::handler, "2026-11-10T14:00:00");
    r = ask(Action::record);
    r.verification = "经查看监控，属实";
    r.substantiated = Substantiated::substantiated;
    r.responsible_department = "xindai";
    r.responsible_person = "赵六";
    r.handling_opinion = "批评教育";
    t = take(t, r, Role::handler, "2026-11-11T09:00:00");
    r = ask(Action::record);
    r.responsible_person = "钱七";
    r.substantiated = Substantiated::partly;
    t = take(t, r, Role::handler, "2026-11-11T10:00:00");
    r = ask(Action::extend);
    r.reason_category = "awaiting_third_party";
    r.note = "等待保险公司意见";
    r.resolve_by = at("2026-12-05T00:00:00");
    t = take(t, r, Role::handler, "2026-11-12T09:00:00");
    r.resolve_by = at("2026-12-31T00:00:00");
    t = take(t, r, Role::handler, "2026-11-12T10:00:00");
    r = ask(Action::deny_extension);
    r.note = "期限足够";
    t = take(t, r, Role::supervisor, "2026-11-12T11:00:00");
    r = ask(Action::extend);
    r.reason_category = "complex_case";
    r.note = "案情复杂";
    r.extend_by = Period{20, PeriodUnit::calendar_days};
    t = take(t, r, Role::handler, "2026-11-12T12:00:00");
    t = take(t, ask(Action::approve_extension), Role::supervisor, "2026-11-12T13:00:00");
    r = ask(Action::reclassify);
    r.category = "not_our_responsibility";
    r.severity = Severity::light;
    r.note = "供电公司停电";
    t = take(t, r, Role::supervisor, "2026-11-13T09:00:00");
    r = ask(Action::declare_major);
    r.note = "客户扬言联系媒体";
    t = take(t, r, Role::supervisor, "2026-11-13T10:00:00");
    t = take(t, ask(Action::notify_major), Role::supervisor, "2026-11-13T10:30:00");
    r = ask(Action::clear_major);
    r.note = "已沟通，无声誉风险";
    t = take(t, r, Role::supervisor, "2026-11-13T11:00:00");
    r = ask(Action::mark_repeat);
    r.repeat_of = format_ticket_number({"WH01", "K1", "20261101", 3});
    t = take(t, r, Role::dispatcher, "2026-11-13T12:00:00");
    r = ask(Action::reply);
    r.handling_result = "已向客户道歉并退还费用";
    r.cause_findings = "柜员未按规定解释收费";
    r.accountability = "对柜员通报批评";
    r.corrective_measures = "全员培训收费解释";
    r.satisfaction = Satisfaction::basically_satisfied;
    r.handler_phone = "027-8888 6021";
    t = take(t, r, Role::handler, "2026-11-16T10:00:00");
    r = ask(Action::customer_rating);
    r.satisfaction = Satisfaction::dissatisfied;
    r.callback_note = "仍未退款";
    t = take(t, r, Role::customer, "2026-11-16T12:00:00");
    r = ask(Action::callback);
    r.satisfaction = Satisfaction::dissatisfied;
    r.callback_note = "客户仍不满意";
    t = take(t, r, Role::dispatcher, "2026-11-18T10:00:00");
    r = ask(Action::escalate);
    r.note = "主管无法解决";
    t = take(t, r, Role::supervisor, "2026-11-18T11:00:00");
    r = ask(Action::settle_escalation);
    r.note = "维持原处理";
    t = take(t, r, Role::executive, "2026-11-18T12:00:00");
    t = take(t, ask(Action::archive), Role::supervisor, "2026-11-19T09:00:00");

    // A reply reopened (再次投诉).
    r = ask(Action::forward);
    r.department = "yingye";
    Ticket second = take(new_ticket(2), r, Role::dispatcher, "2026-11-10T10:30:00");
    second = take(second, ask(Action::contact), Role::handler, "2026-11-10T11:00:00");
    r = ask(Action::reply);
    r.handling_result = "已解释";
    second = take(second, r, Role::handler, "2026-11-11T10:00:00");
    second = take(second, ask(Action::reopen), Role::dispatcher, "2026-11-12T10:00:00");

    // A withdrawal under pressure and its investigation.
    r = ask(Action::withdraw);
    r.voluntary = false;
    r.note = "客户称受到劝说";
    Ticket third = take(new_ticket(3), r, Role::dispatcher, "2026-11-10T11:00:00");
    r = ask(Action::close_investigation);
    r.note = "经调查系客户本人意愿";
    take(third, r, Role::supervisor, "2026-11-11T11:00:00");

    // Resolved on the spot.
    r = ask(Action::resolve_on_spot);
    r.verification = "当场核实";
    r.handling_opinion = "当场解释";
    r.handling_result = "客户接受";
    r.satisfaction = Satisfaction::satisfied;
    r.note = "大堂经理当场解决";
    take(new_ticket(4), r, Role::intake_clerk, "2026-11-10T10:10:00");

    // Outside the workflow: filing, deliveries, a missed step, an upload, the calendar's
    // recompute, a legal hold and the retention's purge.
    const Ticket filed = new_ticket(5);
    TicketEvent e;
    e.action = "file";
    e.at = filed.filed_at;
    e.data_json = json{{"channel", "kiosk"},
                       {"major", true},
                       {"major_reasons", {"category:rule_violation", "word:媒体", "declared"}},
                       {"repeat_of", ""},
                       {"group", true},
                       {"confidential", false},
                       {"referrer_deadline", "2026-11-20T00:00:00+08:00"}}
                      .dump();
    m_events.push_back(e);
    Notice notice;
    notice.reason = "forwarded";
    notice.key = "forwarded:" + filed.number;
    NoticeDelivery delivery;
    delivery.channel = "dingtalk";
    delivery.recipient = "客服主管群";
    delivery.delivered_at = at("2026-11-10T10:31:00");
    delivery.answer = "ok";  // the provider's own words, shown as they came
    m_events.push_back(delivery_event(filed, notice, delivery));
    m_events.push_back(missed_step_event(filed, ScheduledClock{"contact_by", at("2026-11-11T00:00:00")},
                                         at("2026-11-11T00:05:00"), m_calendar->zone()));
    e.action = "attach";
    e.data_json = json{{"file_name", "收据.png"},
                       {"content_type", "image/png"},
                       {"size", 20480},
                       {"sha256", std::string(64, 'a')}}
                      .dump();
    m_events.push_back(e);
    e.action = "recompute_deadlines";
    e.data_json = json{
        {"changes",
         {{{"clock", "resolve_by"},
           {"old", "2026-11-25T00:00:00+08:00"},
           {"new", "2026-11-27T00:00:00+08:00"}}}},
        {"why",
         "calendar"}}.dump();
    m_events.push_back(e);
    e.action = "legal_hold";
    e.data_json = json{{"legal_hold", true}}.dump();
    m_events.push_back(e);
    e.action = k_anonymise_action;
    e.data_json =
        json{{"rule", "retention"}, {"years", 3}, {"closed_at", 1795000000}, {"expired_at", 1890000000}}
            .dump();
    m_events.push_back(e);
  }

  std::string sentence(const Catalog& catalog, const TicketEvent& event) const {
    return event_sentence(EventTextContext{catalog, m_taxonomy, m_calendar->zone(), m_departments}, event);
  }
  std::string find(const Catalog& catalog, const std::string& action) const {
    for (const TicketEvent& e : m_events) {
      if (e.action == action) return sentence(catalog, e);
    }
    return "(no " + action + " event)";
  }

  std::vector<Catalog> m_catalogs;
  std::vector<Department> m_departments = {{"xindai", "信贷部", "Credit"}, {"yingye", "营业部", "Sales"}};
  std::vector<TicketEvent> m_events;
};

// Every key of the data, at any depth.
void keys_of(const json& data, std::set<std::string>& keys) {
  if (data.is_object()) {
    for (const auto& [key, value] : data.items()) {
      keys.insert(key);
      keys_of(value, keys);
    }
  } else if (data.is_array()) {
    for (const auto& item : data) keys_of(item, keys);
  }
}

TEST_F(EventSentenceTest, EveryActionWithDataReadsAsASentenceInBothLanguages) {
  walk();
  std::set<std::string> covered;
  for (const TicketEvent& e : m_events) covered.insert(e.action);
  for (int a = 0; a <= static_cast<int>(Action::deny_extension); ++a) {
    EXPECT_TRUE(covered.contains(to_string(static_cast<Action>(a))))
        << "no event of " << to_string(static_cast<Action>(a));
  }
  const std::regex identifier("[a-z]+_[a-z_]+");
  const std::regex iso_time("\\d{4}-\\d{2}-\\d{2}T|\\+08:00");
  const std::regex catalog_key("[a-z]+\\.[a-z_]+");
  for (const Catalog& catalog : m_catalogs) {
    for (const TicketEvent& e : m_events) {
      const json data = json::parse(e.data_json);
      if (data.empty()) continue;
      const std::string text = sentence(catalog, e);
      SCOPED_TRACE(catalog.language() + " " + e.action + " " + e.data_json + " -> " + text);
      EXPECT_FALSE(text.empty());
      EXPECT_EQ(text.find_first_of("{}\""), std::string::npos);
      EXPECT_FALSE(std::regex_search(text, identifier));
      EXPECT_FALSE(std::regex_search(text, iso_time));
      EXPECT_FALSE(std::regex_search(text, catalog_key)) << "a key the catalog lacks";
      std::set<std::string> keys;
      keys_of(data, keys);
      for (const std::string& key : keys) {
        // English words may be a key's word ("department"); Chinese has none of them.
        if (catalog.language() == "zh-CN" || key.find('_') != std::string::npos) {
          EXPECT_EQ(text.find(key), std::string::npos) << "key " << key;
        }
      }
    }
  }
}

TEST_F(EventSentenceTest, NamesAndLocalTimesInTheReadersLanguage) {
  walk();
  const Catalog& zh = m_catalogs[0];
  const Catalog& en = m_catalogs[1];
  EXPECT_EQ(find(zh, "reassign"), "责任部门：营业部 → 信贷部；经办人：（无） → zhou");
  EXPECT_EQ(find(en, "reassign"), "department: Sales → Credit; handler: (none) → zhou");
  EXPECT_EQ(find(zh, "forward"), "转至 营业部");
  // Deadlines at local midnight read as 24:00 of the day before, as on the receipt.
  const std::string moved = find(zh, "extend");
  EXPECT_NE(moved.find("办结期限 2026-11-25 24:00 → 2026-12-04 24:00"), std::string::npos) << moved;
  EXPECT_NE(moved.find("（原因：等待第三方处理或答复）"), std::string::npos) << moved;
  EXPECT_NE(find(en, "deny_extension").find("2026-12-30 24:00"), std::string::npos)
      << find(en, "deny_extension");
  EXPECT_NE(find(zh, "reclassify").find("投诉类别：服务态度 → 非公司责任"), std::string::npos)
      << find(zh, "reclassify");
  const std::string reply = find(zh, "reply");
  for (const char* part : {"原因及调查情况：柜员未按规定解释收费", "对责任人的处理：对柜员通报批评",
                           "经验教训及整改措施：全员培训收费解释", "客户对处理结果的意见：基本满意",
                           "经办人电话：027-8888 6021"}) {
    EXPECT_NE(reply.find(part), std::string::npos) << reply;
  }
  EXPECT_NE(find(zh, "record").find("是否属实：属实"), std::string::npos) << find(zh, "record");
  EXPECT_EQ(find(zh, "withdraw"), "并非客户自愿撤诉，须调查");
  EXPECT_NE(find(en, "notice_sent").find("DingTalk group robot"), std::string::npos)
      << find(en, "notice_sent");
  EXPECT_EQ(find(zh, "deadline_missed"), "联系客户时限已超时（期限 2026-11-10 24:00）");
  EXPECT_EQ(find(en, "attach"), "attached 收据.png (PNG image, 20 KB)");
  EXPECT_NE(find(zh, "file").find("转来部门要求于 2026-11-19 24:00 前办结"), std::string::npos)
      << find(zh, "file");
  EXPECT_NE(find(zh, "file").find("投诉内容提及 媒体"), std::string::npos) << find(zh, "file");
}

// The desk's group complaint link (core/escalation/group_complaints.h) reads as a sentence.
TEST_F(EventSentenceTest, AGroupComplaintLinkNamesTheGroupAndItsCustomers) {
  TicketEvent e;
  e.action = "group";
  e.data_json = json{
      {"group", "WH01-K1-20261120-0001-7"},
      {"category", "service_attitude"},
      {"customers", 11},
      {"formed",
       true}}.dump();
  const std::string zh = sentence(m_catalogs[0], e);
  EXPECT_NE(zh.find("11 位"), std::string::npos) << zh;
  EXPECT_NE(zh.find("构成群体性投诉 WH01-K1-20261120-0001-7"), std::string::npos) << zh;
  e.data_json = json{{"group", "WH01-K1-20261120-0001-7"}, {"customers", 12}, {"formed", false}}.dump();
  const std::string en = sentence(m_catalogs[1], e);
  EXPECT_EQ(en, "joined group complaint WH01-K1-20261120-0001-7 (12 customers)");
}

TEST_F(EventSentenceTest, ABrokenOrUnknownDataIsLeftOutNeverShown) {
  TicketEvent e;
  e.action = "reply";
  e.data_json = "not json {";
  EXPECT_EQ(sentence(m_catalogs[0], e), "");
  e.action = "something_new";
  e.data_json = R"({"secret_key":"x"})";
  EXPECT_EQ(sentence(m_catalogs[1], e), "");
}

}  // namespace
}  // namespace complaint
