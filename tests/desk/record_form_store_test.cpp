// complaintctl record-form on both stores: the record form and the transfer form of a ticket
// read from a SQLite desk file and from PostgreSQL, department names from the desk's list,
// attachments by name, size and type, each deadline met or missed, the reply's transfer
// fields; an unknown number refused with a clear error and no file.
#include <filesystem>
#include <fstream>

#include "core/attachments/attachment_service.h"
#include "core/desk_state/departments.h"
#include "core/domain/ticket_number.h"
#include "desk_process.h"
#include "desk_store_fixture.h"
#include "drivers/crypto/sodium_crypto.h"
#include "tests/core/attachments/sample_files.h"

namespace complaint::testing {
namespace {

using namespace std::chrono_literals;

class RecordFormStoreTest : public DeskStoreFixture {
 protected:
  void SetUp() override {
    DeskStoreFixture::SetUp();
    if (IsSkipped()) return;
    if (!std::filesystem::exists("/usr/bin/pdftotext"))
      GTEST_SKIP() << "pdftotext not installed (poppler-utils)";
    DepartmentList list(*state);
    must(list.save(Department{"yingye", "营业部", "Sales office"}));
  }

  ActionRequest ask(Action action, Role role, const std::string& actor) const {
    ActionRequest r;
    r.action = action;
    r.role = role;
    r.actor = actor;
    r.at = clock.now();
    return r;
  }

  // Filed and forwarded at once (on time); contacted two days later (the contact clock
  // missed); a receipt attached; replied with its transfer form.
  std::string handled_ticket() {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "walk_in";
    draft.category = "service_attitude";
    draft.content = "柜员态度冷漠，排队四十分钟无人解释";
    draft.customer_name = "李雷";
    draft.phone = "13912345678";
    const Ticket filed = must(staff->file(draft, FilingContext{"受理员", Role::intake_clerk}));
    ActionRequest forward = ask(Action::forward, Role::dispatcher, "dora");
    forward.department = "yingye";
    must(staff->act(filed.number, forward));
    clock.advance(48h);
    must(staff->act(filed.number, ask(Action::contact, Role::handler, "hank")));
    AttachmentService service(*tickets, *attachments, taxonomy, sha256_hex, clock, AttachmentLimits{});
    must(service.attach(filed.number, Uploader{"hank", Role::handler, {"yingye"}},
                        Upload{"收据.png", sample_png("receipt"), "客户收据"}));
    ActionRequest reply = ask(Action::reply, Role::handler, "hank");
    reply.handling_result = "已向客户道歉";
    reply.cause_findings = "柜员未按规定解释";
    reply.accountability = "通报批评";
    reply.corrective_measures = "全员培训";
    reply.handler_phone = "8021";
    must(staff->act(filed.number, reply));
    return filed.number;
  }

  CommandResult record_form(const std::string& number, const std::string& form, const std::string& path) {
    return run_command({COMPLAINTCTL_PATH, "--db", database(), "--now",
                        calendar->zone().format_iso8601(clock.now()), "record-form", number, "--form", form,
                        "-o", path});
  }
  std::string pdf_text(const std::string& path) {
    const CommandResult text = run_command({"/usr/bin/pdftotext", "-enc", "UTF-8", path, "-"});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    return text.out;
  }
};

TEST_P(RecordFormStoreTest, BothFormsAreReadFromTheStore) {
  const std::string number = handled_ticket();
  const std::string record_path = dir.file("record.pdf");
  const CommandResult record = record_form(number, "record", record_path);
  ASSERT_EQ(record.exit_code, 0) << record.err;
  const std::string text = pdf_text(record_path);
  for (const char* expected :
       {"客户投诉记录表", "李雷", "13912345678", "柜员态度冷漠", "营业部", "收据.png", "PNG 图片", "客户收据",
        "转至 营业部", "按时", "超时", "已向客户道歉", "原因及调查情况：柜员未按规定解释", "经办人（签字）：",
        "主管领导（签字）：", "第 1 页，共"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_NE(text.find(number), std::string::npos);
  EXPECT_EQ(text.find("yingye"), std::string::npos) << "the department's name, not its id";
  EXPECT_EQ(text.find("{\""), std::string::npos) << "no JSON";

  const std::string transfer_path = dir.file("transfer.pdf");
  const CommandResult transfer = record_form(number, "transfer", transfer_path);
  ASSERT_EQ(transfer.exit_code, 0) << transfer.err;
  const std::string sent = pdf_text(transfer_path);
  for (const char* expected : {"客户投诉转办单", "营业部", "dora", "柜员未按规定解释", "通报批评", "全员培训",
                               "经办人电话", "8021", "hank", "部门负责人（签字）："}) {
    EXPECT_NE(sent.find(expected), std::string::npos) << expected << "\n" << sent;
  }
}

TEST_P(RecordFormStoreTest, AnUnknownNumberOrFormIsRefusedAndNoFileWritten) {
  const std::string path = dir.file("none.pdf");
  const std::string unknown = format_ticket_number({"WH01", "K1", "20200101", 1});
  const CommandResult missing = record_form(unknown, "record", path);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no ticket " + unknown), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(path));
  const CommandResult malformed = record_form("WH01-XX", "record", path);
  EXPECT_NE(malformed.exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(path));
  const std::string number = handled_ticket();
  const CommandResult letter = record_form(number, "letter", path);
  EXPECT_EQ(letter.exit_code, 2) << letter.err;
  EXPECT_NE(letter.err.find("record or transfer"), std::string::npos) << letter.err;
  EXPECT_FALSE(std::filesystem::exists(path));
}

INSTANTIATE_TEST_SUITE_P(BothStores, RecordFormStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
