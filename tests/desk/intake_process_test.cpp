// Intake at the desk (/console/intake) with the REAL complaint-desk on both stores (the
// fixture's SQLite file or PostgreSQL database): a posted form files one ticket with its
// `file` event (actor, role, channel, referrer); the same form twice, or twice at once, files
// once; forged and invalid posts change nothing and answer in the user's language with the
// entries kept; a handler is refused; a letter's deadlines count from its received date; the
// receipt PDF masks name and phone and never holds the complaint text; the receipt prints on
// a real private cupsd's queue. Also the store's intake key on its own, and the SQLite desk
// file's upgrade from desk schema 12.
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "console_client.h"
#include "core/deadlines/deadline_policy.h"
#include "core/deadlines/ticket_deadlines.h"
#include "core/store/sqlite_desk_store.h"
#include "desk_process.h"
#include "desk_store_fixture.h"
#include "tests/core/good_draft.h"
#include "tests/drivers/printer/cups_server.h"

namespace complaint::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kContent = "柜员办理业务时态度恶劣，多次催促";

class IntakeTest : public DeskStoreFixture {
 protected:
  void SetUp() override {
    DeskStoreFixture::SetUp();
    if (IsSkipped()) return;
    folder = dir.file("desk");
    fs::create_directories(folder);
  }

  // The desk on the fixture's database, with the clerk, a dispatcher and a handler.
  void start_desk(const std::string& extra_desk = {}) {
    desk_process =
        std::make_unique<DeskProcess>(folder, "[desk]\nintake_station = \"DESK\"\n" + extra_desk, database());
    ASSERT_TRUE(desk_process->started()) << desk_process->log();
    for (const auto& [name, role] :
         {std::pair{"clerk", "intake_clerk"}, {"dora", "dispatcher"}, {"hank", "handler"}}) {
      const auto added =
          run_command({COMPLAINTCTL_PATH, "--db", database(), "desk", "user", "add", name, "--role", role},
                      std::string(name) + "-password-1\n");
      ASSERT_EQ(added.exit_code, 0) << added.err;
    }
  }

  std::unique_ptr<ConsoleClient> signed_in(const std::string& name, const std::string& language = "en") {
    auto client = std::make_unique<ConsoleClient>(desk_process->port(), language);
    EXPECT_EQ(client->login(name, name + "-password-1"), 303);
    return client;
  }

  // A complete phone complaint, with the session's CSRF token and the form's own token.
  httplib::Params phone_form(ConsoleClient& client) {
    auto form = client.get("/console/intake");
    EXPECT_EQ(form->status, 200);
    return {{"csrf", ConsoleClient::field(form->body, "csrf")},
            {"token", ConsoleClient::field(form->body, "token")},
            {"channel", "phone"},
            {"kind", "complaint"},
            {"category", "service_attitude"},
            {"content", kContent},
            {"outcome", "希望道歉"},
            {"name", "王小明"},
            {"phone", "138-0013-8000"},
            {"language", "zh-CN"},
            {"consent", "1"}};
  }

  static httplib::Params with(httplib::Params form, const std::string& name, const std::string& value) {
    form.erase(name);
    if (!value.empty()) form.emplace(name, value);
    return form;
  }

  std::int64_t ticket_count() { return must(tickets->count_tickets()); }

  std::string folder;
  std::unique_ptr<DeskProcess> desk_process;
};

std::string number_of(const httplib::Result& result) {
  const std::string location = result->get_header_value("Location");
  const std::string prefix = "/console/intake/";
  return location.starts_with(prefix) ? location.substr(prefix.size()) : std::string();
}

TEST_P(IntakeTest, AFormFilesOneTicketWithItsAuditEventAndTheSameTokenTwiceFilesOnce) {
  start_desk();
  auto clerk = signed_in("clerk");
  const auto index = clerk->get("/console");
  EXPECT_NE(index->body.find("id=\"nav-intake\""), std::string::npos);  // the header's link
  // The kiosk's consent text to read out, without the kiosk's own copy (the desk keeps none).
  const auto empty_form = clerk->get("/console/intake");
  EXPECT_NE(empty_form->body.find("What we keep"), std::string::npos);
  EXPECT_NE(empty_form->body.find("only statistics without personal data remain"), std::string::npos);
  EXPECT_EQ(empty_form->body.find("This kiosk keeps"), std::string::npos);
  const httplib::Params form = phone_form(*clerk);
  const auto filed = clerk->post("/console/intake", form);
  ASSERT_EQ(filed->status, 303) << filed->body;
  const std::string number = number_of(filed);
  ASSERT_FALSE(number.empty());
  EXPECT_NE(number.find("-DESK-"), std::string::npos) << number;

  const Ticket ticket = *must(tickets->find(number));
  EXPECT_EQ(ticket.channel, "phone");
  EXPECT_EQ(ticket.recorded_by, "clerk");
  EXPECT_EQ(ticket.phone, "13800138000");
  EXPECT_EQ(ticket.content, kContent);
  EXPECT_EQ(ticket.status, Status::filed);
  const std::vector<TicketEvent> events = must(tickets->events(number));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "file");
  EXPECT_EQ(events[0].actor, "clerk");
  EXPECT_EQ(events[0].role, "intake_clerk");
  EXPECT_EQ(nlohmann::json::parse(events[0].data_json).at("channel"), "phone");

  // Sent again (a double click, the Back button, a retry after a lost answer): the same ticket.
  const auto again = clerk->post("/console/intake", form);
  ASSERT_EQ(again->status, 303) << again->body;
  EXPECT_EQ(number_of(again), number);
  EXPECT_EQ(ticket_count(), 1);
  EXPECT_EQ(must(tickets->events(number)).size(), 1u);

  // Twice at once, from two connections of the same session: still one ticket.
  const httplib::Params second = phone_form(*clerk);
  ConsoleClient other(desk_process->port());
  other.cookies = clerk->cookies;
  std::string numbers[2];
  std::thread racing([&] { numbers[0] = number_of(other.post("/console/intake", second)); });
  numbers[1] = number_of(clerk->post("/console/intake", second));
  racing.join();
  EXPECT_FALSE(numbers[0].empty());
  EXPECT_EQ(numbers[0], numbers[1]);
  EXPECT_NE(numbers[0], number);
  EXPECT_EQ(ticket_count(), 2);

  // The number is shown on the result page (after the commit), to the clerk who filed it.
  const auto done = clerk->get("/console/intake/" + number);
  ASSERT_EQ(done->status, 200);
  EXPECT_NE(done->body.find("<strong id=\"number\">" + number + "</strong>"), std::string::npos);
  auto dispatcher = signed_in("dora");
  EXPECT_EQ(dispatcher->get("/console/intake/" + number)->status, 404);
  EXPECT_EQ(dispatcher->get("/console/intake/" + number + "/receipt.pdf")->status, 404);
}

TEST_P(IntakeTest, ForgedAndInvalidPostsChangeNothingAndAnswerInTheUsersLanguage) {
  start_desk();
  auto clerk = signed_in("clerk");
  const httplib::Params form = phone_form(*clerk);
  struct Case {
    httplib::Params form;
    int status;
    std::string english;
    bool marked = true;  // a visible field is marked (the token is a hidden one)
  };
  const std::vector<Case> cases{
      {with(form, "channel", "kiosk"), 400, "channel cannot be chosen at the desk.", true},
      {with(form, "channel", "carrier_pigeon"), 400, "The channel is not valid.", true},
      {with(form, "category", "not_our_responsibility"), 400, "This category is set by staff", true},
      {with(form, "kind", "<script>"), 400, "Please choose what this is", true},
      {with(form, "token", ""), 400, "This form is not valid any more.", false},
      {with(form, "token", "short"), 400, "This form is not valid any more.", false},
      {with(form, "consent", ""), 400, "Please read the notice to the customer", true},
      {with(form, "phone", "12345"), 400, "Please enter a valid 11-digit mobile number", true},
      {with(form, "referrer", "某监管局"), 400, "Only a referral (from a regulator or a higher office) names",
       true},
      {with(form, "received", "2999-01-01"), 400, "The filing date cannot be in the future.", true},
      {with(form, "csrf", "forged"), 403, "", false},
  };
  for (const Case& test : cases) {
    const auto answer = clerk->post("/console/intake", test.form);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, test.status) << test.english << "\n" << answer->body;
    if (!test.english.empty()) {
      EXPECT_NE(answer->body.find(test.english), std::string::npos) << answer->body;
      // The form comes back with what was typed.
      EXPECT_NE(answer->body.find(kContent), std::string::npos);
      EXPECT_EQ(answer->body.find("aria-invalid=\"true\"") != std::string::npos, test.marked) << test.english;
    }
  }
  // The refused field is the one marked, and the entries are kept.
  const auto refused = clerk->post("/console/intake", with(form, "phone", "12345"));
  EXPECT_NE(refused->body.find("name=\"phone\" value=\"12345\" aria-invalid=\"true\""), std::string::npos)
      << refused->body;
  EXPECT_NE(refused->body.find("name=\"name\" value=\"王小明\">"), std::string::npos);
  // In Chinese for a Chinese user.
  auto chinese = signed_in("clerk", "zh-CN");
  const auto zh = chinese->post("/console/intake", with(phone_form(*chinese), "consent", ""));
  EXPECT_EQ(zh->status, 400);
  EXPECT_NE(zh->body.find("请向客户宣读说明，并勾选客户同意。"), std::string::npos) << zh->body;
  EXPECT_EQ(ticket_count(), 0);
  EXPECT_EQ(rows("events"), 0);
}

TEST_P(IntakeTest, AHandlerIsRefusedAndFilesNothing) {
  start_desk();
  auto handler = signed_in("hank");
  EXPECT_EQ(handler->get("/console")->body.find("id=\"nav-intake\""), std::string::npos);
  const auto page = handler->get("/console/intake");
  EXPECT_EQ(page->status, 403);
  EXPECT_NE(page->body.find("Only intake clerks, dispatchers and supervisors file complaints"),
            std::string::npos);
  // A form copied from a clerk's page, posted with the handler's own session token.
  auto clerk = signed_in("clerk");
  httplib::Params form = with(phone_form(*clerk), "csrf", handler->csrf());
  EXPECT_EQ(handler->post("/console/intake", form)->status, 403);
  EXPECT_EQ(ticket_count(), 0);
  // A signed-out browser is sent to the sign-in page.
  ConsoleClient nobody(desk_process->port());
  EXPECT_EQ(nobody.get("/console/intake")->status, 303);
  EXPECT_EQ(nobody.post("/console/intake", form)->status, 401);
  EXPECT_EQ(ticket_count(), 0);
}

TEST_P(IntakeTest, ALetterCountsFromItsReceivedDayAndAReferralKeepsItsReferrerAndDeadline) {
  start_desk();
  auto dispatcher = signed_in("dora");
  const Instant now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  const LocalDays today = calendar->local_day(now);
  const std::string received = format_local_date(today - std::chrono::days(3));
  const auto letter = dispatcher->post(
      "/console/intake", with(with(phone_form(*dispatcher), "channel", "letter"), "received", received));
  ASSERT_EQ(letter->status, 303) << letter->body;
  const Ticket filed = *must(tickets->find(number_of(letter)));
  EXPECT_EQ(format_local_date(calendar->local_day(filed.filed_at)), received);
  EXPECT_GE(filed.recorded_at - filed.filed_at, std::chrono::hours(3 * 24 - 1));
  // Its clocks run from the day it arrived, not the day it was typed in.
  const Deadlines expected = compute_filing_deadlines(config.deadlines, *calendar,
                                                      deadline_input_of(filed, taxonomy, filed.filed_at));
  ASSERT_TRUE(filed.deadlines.resolve_by);
  EXPECT_EQ(filed.deadlines.resolve_by, expected.resolve_by);
  EXPECT_EQ(must(tickets->events(filed.number))[0].role, "dispatcher");

  // A referral from a higher office, due in five days: the earlier deadline binds.
  const std::string due = format_local_date(today + std::chrono::days(5));
  httplib::Params referral = with(phone_form(*dispatcher), "channel", "referral_upper");
  referral = with(with(referral, "referrer", "市分行办公室"), "referrer_deadline", due);
  const auto referred = dispatcher->post("/console/intake", referral);
  ASSERT_EQ(referred->status, 303) << referred->body;
  const Ticket ticket = *must(tickets->find(number_of(referred)));
  ASSERT_TRUE(ticket.referrer_deadline);
  EXPECT_EQ(*ticket.referrer_deadline, calendar->end_of_day(today + std::chrono::days(5)));
  ASSERT_TRUE(ticket.deadlines.resolve_by);
  EXPECT_LE(*ticket.deadlines.resolve_by, *ticket.referrer_deadline);
  const auto data = nlohmann::json::parse(must(tickets->events(ticket.number))[0].data_json);
  EXPECT_EQ(data.at("referrer"), "市分行办公室");
  EXPECT_EQ(ticket_count(), 2);
}

// What a receipt PDF says, as pdftotext reads it.
std::string pdf_text(const std::string& pdf_path) {
  const auto text = run_command({"/usr/bin/pdftotext", "-layout", pdf_path, "-"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  return text.out;
}

void expect_private_receipt(const std::string& text, const std::string& number) {
  EXPECT_NE(text.find(number), std::string::npos) << text;
  EXPECT_NE(text.find("138****8000"), std::string::npos) << text;
  EXPECT_EQ(text.find("13800138000"), std::string::npos) << text;
  EXPECT_EQ(text.find("王小明"), std::string::npos) << text;
  EXPECT_EQ(text.find("态度恶劣"), std::string::npos) << text;
  EXPECT_EQ(text.find("希望道歉"), std::string::npos) << text;
}

TEST_P(IntakeTest, TheReceiptPdfMasksTheCustomerAndNeverHoldsTheComplaint) {
  start_desk();
  auto clerk = signed_in("clerk");
  const auto filed = clerk->post("/console/intake", phone_form(*clerk));
  ASSERT_EQ(filed->status, 303) << filed->body;
  const std::string number = number_of(filed);
  // No queue configured: the page offers the PDF only.
  EXPECT_EQ(clerk->get("/console/intake/" + number)->body.find("id=\"print\""), std::string::npos);
  const auto pdf = clerk->get("/console/intake/" + number + "/receipt.pdf");
  ASSERT_EQ(pdf->status, 200);
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_TRUE(pdf->body.starts_with("%PDF-"));
  const std::string path = dir.file("receipt.pdf");
  std::ofstream(path, std::ios::binary) << pdf->body;
  expect_private_receipt(pdf_text(path), number);
  EXPECT_EQ(ticket_count(), 1);
  EXPECT_EQ(must(tickets->events(number)).size(), 1u);  // a receipt changes no ticket
}

TEST_P(IntakeTest, TheReceiptPrintsOnTheDesksCupsQueue) {
  std::string why;
  test::CupsServer* cups = test::CupsServer::shared(&why);
  if (cups == nullptr) GTEST_SKIP() << "no private cupsd: " << why;
  const std::string queue = GetParam() == StoreKind::sqlite ? "desk_sqlite" : "desk_postgres";
  const std::string output = (fs::path(cups->folder()) / "out" / (queue + ".pdf")).string();
  ASSERT_EQ(cups->add_pdf_queue(queue, output), "");
  start_desk("receipt_printer = \"" + queue + "\"\n");  // the desk inherits CUPS_SERVER
  auto clerk = signed_in("clerk");
  const auto filed = clerk->post("/console/intake", phone_form(*clerk));
  ASSERT_EQ(filed->status, 303) << filed->body;
  const std::string number = number_of(filed);
  const auto page = clerk->get("/console/intake/" + number);
  ASSERT_NE(page->body.find("id=\"print\""), std::string::npos);
  const auto printed = clerk->post("/console/intake/" + number + "/print",
                                   {{"csrf", ConsoleClient::field(page->body, "csrf")}});
  ASSERT_EQ(printed->status, 200) << printed->body << desk_process->log() << cups->error_log_tail();
  EXPECT_NE(printed->body.find("The receipt has been printed."), std::string::npos);
  ASSERT_GT(fs::file_size(output), 0u);
  expect_private_receipt(pdf_text(output), number);
  // A forged print (no CSRF token) prints nothing more.
  test::CupsServer::empty_pdf_output(output);
  EXPECT_EQ(clerk->post("/console/intake/" + number + "/print", {{"csrf", "forged"}})->status, 403);
  EXPECT_EQ(fs::file_size(output), 0u);
}

// A phone complaint as the staff's FilingService takes it.
TicketDraft store_draft() {
  TicketDraft draft = good_draft();
  draft.channel = "phone";
  return draft;
}

// The store's side alone: a key files once, another key files again, a malformed key is
// refused before anything is stored.
TEST_P(IntakeTest, TheStoreFilesOncePerIntakeKey) {
  const TicketDraft draft = store_draft();
  FilingContext context{"clerk", Role::intake_clerk};
  context.intake_key = "0123456789abcdef0123456789abcdef";
  const Ticket first = must(staff->file(draft, context));
  clock.advance(std::chrono::minutes(1));
  const Ticket again = must(staff->file(draft, context));
  EXPECT_EQ(again.number, first.number);
  EXPECT_EQ(again.revision, first.revision);
  EXPECT_EQ(raw_query("SELECT count(*) FROM intake_keys"), "1");
  context.intake_key = "another-key-0123456789";
  EXPECT_NE(must(staff->file(draft, context)).number, first.number);
  context.intake_key = "bad key!";
  const auto refused = staff->file(draft, context);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().key, "error.intake.key");
  EXPECT_EQ(ticket_count(), 2);
  EXPECT_EQ(rows("events"), 2);
}

// A desk database from before intake keys (SQLite desk schema 12) gets the table on opening.
TEST_P(IntakeTest, AnOlderDeskGetsTheIntakeKeysTable) {
  if (GetParam() == StoreKind::sqlite) {
    ASSERT_TRUE(raw_sql(desk_intake_keys_before() +
                        "UPDATE schema_extensions SET version = 12 WHERE name = 'desk';"));
  } else {
    ASSERT_TRUE(raw_sql("DROP TABLE intake_keys;" + older_release()));
  }
  EXPECT_FALSE(raw_sql("SELECT count(*) FROM intake_keys"));
  reopen();
  const TicketDraft draft = store_draft();
  FilingContext context{"clerk", Role::intake_clerk};
  context.intake_key = "0123456789abcdef0123456789abcdef";
  const Ticket first = must(staff->file(draft, context));
  EXPECT_EQ(must(staff->file(draft, context)).number, first.number);
  EXPECT_EQ(raw_query("SELECT count(*) FROM intake_keys"), "1");
  if (GetParam() == StoreKind::sqlite) {
    EXPECT_EQ(raw_query("SELECT version FROM schema_extensions WHERE name = 'desk'"),
              std::to_string(SqliteDeskStore::latest_desk_schema_version()));
  }
}

INSTANTIATE_TEST_SUITE_P(BothStores, IntakeTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
