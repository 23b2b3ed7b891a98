// printed_form: the record form's blocks carry every field, each deadline met or missed, the
// trail as sentences and the signature lines; the transfer form the reply's own fields, or
// says the department has not replied. In both languages.
#include "core/reports/record_form.h"

#include <gtest/gtest.h>

#include "core/deadlines/deadline_policy.h"
#include "core/deadlines/ticket_deadlines.h"
#include "core/domain/ticket_number.h"
#include "tests/core/workflow_fixture.h"

namespace complaint {
namespace {

class RecordFormTest : public WorkflowFixture {
 protected:
  void SetUp() override {
    WorkflowFixture::SetUp();
    use_bank_policy();
    m_catalogs = shipped_catalogs();
    ASSERT_EQ(m_catalogs.size(), 2u);
    m_input.ticket = sample_ticket(7);
    m_input.ticket.channel = "walk_in";
    m_input.departments = {{"yingye", "营业部", "Sales office"}};
    m_input.organisation = "武汉分行";
    m_input.now = at("2026-11-20T09:00:00");
  }

  void act(ActionRequest r, const char* when) {
    r.at = at(when);
    if (r.actor.empty()) r.actor = r.role == Role::handler ? "li" : "wang";
    auto done = apply_action(m_input.ticket, r, m_policy, *m_calendar, m_taxonomy);
    ASSERT_TRUE(done.ok()) << done.error().message;
    m_input.ticket = done->ticket;
    m_input.events.push_back(done->event);
  }

  // Forwarded to 营业部 at 10:20 (on time) and contacted at `contact_at`.
  void forward_and_contact(const char* contact_at) {
    ActionRequest r;
    r.action = Action::forward;
    r.role = Role::dispatcher;
    r.department = "yingye";
    act(r, "2026-11-10T10:20:00");
    r = ActionRequest{};
    r.action = Action::contact;
    r.role = Role::handler;
    act(r, contact_at);
  }

  // Every cell of the form, one string.
  static std::string all_text(const PrintedForm& form) {
    std::string text = form.title + "\n" + form.number + "\n";
    for (const FormBlock& block : form.blocks) {
      text += block.title + "\n";
      for (const std::string& column : block.columns) text += column + "|";
      for (const auto& row : block.rows) {
        for (const std::string& cell : row) text += cell + "|";
        text += "\n";
      }
    }
    for (const auto& s : form.signatures) text += s.label + s.recorded + "\n";
    return text;
  }
  // The deadlines block's row for a clock's label.
  static std::vector<std::string> deadline_row(const PrintedForm& form, const std::string& label) {
    for (const FormBlock& block : form.blocks) {
      for (const auto& row : block.rows) {
        if (block.columns.size() == 4 && !row.empty() && row[0] == label) return row;
      }
    }
    return {};
  }

  std::vector<Catalog> m_catalogs;
  FormInput m_input;
};

TEST_F(RecordFormTest, TheRecordFormHasEveryFieldTheDeadlinesOutcomesTheTrailAndSignatures) {
  forward_and_contact("2026-11-13T10:00:00");  // days after the contact deadline
  AttachmentInfo receipt;
  receipt.file_name = "收据.png";
  receipt.content_type = "image/png";
  receipt.size = 2048;
  receipt.uploader = "li";
  receipt.uploaded_at = at("2026-11-13T11:00:00");
  m_input.attachments = {receipt};

  const PrintedForm zh =
      printed_form(FormKind::record, m_input, m_catalogs[0], m_taxonomy, m_calendar->zone());
  EXPECT_EQ(zh.title, "客户投诉记录表");
  EXPECT_EQ(zh.number, "NO：" + m_input.ticket.number);
  EXPECT_EQ(zh.generated, "打印时间：2026-11-20 09:00");
  const std::string text = all_text(zh);
  for (const char* expected :
       {"张三", "13800138000", "柜员态度冷漠", "营业部", "收据.png", "PNG 图片", "2 KB", "转至 营业部",
        "首次联系客户", "经办人（签字）：li", "主管领导（签字）："}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(text.find("yingye"), std::string::npos) << text;
  const auto forward = deadline_row(zh, "转发时限");
  ASSERT_EQ(forward.size(), 4u) << text;
  EXPECT_EQ(forward[2], "2026-11-10 10:20");
  EXPECT_EQ(forward[3], "按时");
  const auto contact = deadline_row(zh, "联系客户时限");
  ASSERT_EQ(contact.size(), 4u) << text;
  EXPECT_EQ(contact[3], "超时");
  const auto resolve = deadline_row(zh, "处理时限");
  ASSERT_EQ(resolve.size(), 4u) << text;
  EXPECT_EQ(resolve[3], "未到期");

  const PrintedForm en =
      printed_form(FormKind::record, m_input, m_catalogs[1], m_taxonomy, m_calendar->zone());
  EXPECT_EQ(en.title, "Complaint record form");
  EXPECT_NE(all_text(en).find("forwarded to Sales office"), std::string::npos) << all_text(en);
  EXPECT_NE(all_text(en).find("Handler (signature):"), std::string::npos) << all_text(en);
}

TEST_F(RecordFormTest, TheTransferFormCarriesTheReplysOwnFields) {
  forward_and_contact("2026-11-10T11:00:00");
  const PrintedForm waiting =
      printed_form(FormKind::transfer, m_input, m_catalogs[0], m_taxonomy, m_calendar->zone());
  EXPECT_EQ(waiting.title, "客户投诉转办单");
  EXPECT_NE(all_text(waiting).find("责任部门尚未答复"), std::string::npos) << all_text(waiting);
  ActionRequest r;
  r.action = Action::reply;
  r.role = Role::handler;
  r.handling_result = "已道歉";
  r.cause_findings = "未按规定解释";
  r.accountability = "通报批评";
  r.corrective_measures = "培训";
  r.satisfaction = Satisfaction::satisfied;
  r.handler_phone = "(027) 8888-6021";
  act(r, "2026-11-11T15:00:00");
  const PrintedForm sent =
      printed_form(FormKind::transfer, m_input, m_catalogs[0], m_taxonomy, m_calendar->zone());
  const std::string text = all_text(sent);
  for (const char* expected :
       {"营业部", "wang", "原因及调查情况|未按规定解释", "对责任人的处理|通报批评", "经验教训及整改措施|培训",
        "客户对处理结果的意见|满意", "答复时间|2026-11-11 15:00", "经办人电话|(027) 8888-6021",
        "经办人（签字）：li", "部门负责人（签字）："}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST_F(RecordFormTest, AHandlersPhoneThatIsNoPhoneIsRefusedWithNothingChanged) {
  forward_and_contact("2026-11-10T11:00:00");
  ActionRequest r;
  r.action = Action::reply;
  r.role = Role::handler;
  r.actor = "li";
  r.at = at("2026-11-11T15:00:00");
  r.handling_result = "已道歉";
  for (const char* phone : {"call me", "12", "123456789012345678901", "--"}) {
    r.handler_phone = phone;
    const auto refused = apply_action(m_input.ticket, r, m_policy, *m_calendar, m_taxonomy);
    ASSERT_FALSE(refused.ok()) << phone;
    EXPECT_EQ(refused.error().field, "handler_phone");
    EXPECT_EQ(refused.error().key, "error.workflow.handler_phone_invalid");
    EXPECT_TRUE(m_catalogs[0].has(refused.error().key));
    EXPECT_TRUE(m_catalogs[1].has(refused.error().key));
  }
  EXPECT_EQ(form_kind_from_string("record"), FormKind::record);
  EXPECT_EQ(form_kind_from_string("transfer"), FormKind::transfer);
  EXPECT_FALSE(form_kind_from_string("letter"));
}

}  // namespace
}  // namespace complaint
