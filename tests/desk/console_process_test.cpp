// The staff console against the REAL complaint-desk on 127.0.0.1: sign-in, sessions,
// CSRF, throttling, server-side role checks and refusals that change nothing, a whole
// walk from filed to archived, and the desk's actions reaching the kiosk feed.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <thread>
#include <tuple>

#include "console_client.h"
#include "core/store/sqlite_desk_store.h"
#include "core/store/sqlite_store.h"
#include "desk_process.h"
#include "tests/core/attachments/sample_files.h"
#include "tests/taxonomy_variants.h"

namespace complaint::testing {
namespace {

class ConsoleProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_folder = (std::filesystem::temp_directory_path() /
                ("desk-console-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                   .string();
    std::filesystem::remove_all(m_folder);
    m_desk = std::make_unique<DeskProcess>(m_folder);
    ASSERT_TRUE(m_desk->started()) << m_desk->log();
    add_department("营业部", "营业部", "Business office");
    add_user("sam", "supervisor", "sam-password-1");
    add_user("hank", "handler", "hank-password-1", "营业部");
  }
  void TearDown() override {
    m_desk.reset();
    std::filesystem::remove_all(m_folder);
  }
  void add_user(const std::string& name, const std::string& role, const std::string& password,
                const std::string& departments = "") {
    std::vector<std::string> command{COMPLAINTCTL_PATH, "--db", m_desk->db(), "desk", "user", "add", name,
                                     "--role",          role};
    if (!departments.empty()) {
      command.push_back("--departments");
      command.push_back(departments);
    }
    const auto added = run_command(command, password + "\n");
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }
  void add_department(const std::string& id, const std::string& zh, const std::string& en) {
    const auto added = run_command(
        {COMPLAINTCTL_PATH, "--db", m_desk->db(), "desk", "department", "add", id, "--zh", zh, "--en", en});
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }
  // complaintctl desk ARGS... on the desk's database; the exit code.
  int desk_command(std::vector<std::string> args, const std::string& input = "") {
    std::vector<std::string> command{COMPLAINTCTL_PATH, "--db", m_desk->db(), "desk"};
    command.insert(command.end(), args.begin(), args.end());
    const auto ran = run_command(command, input);
    EXPECT_EQ(ran.exit_code, 0) << ran.err;
    return ran.exit_code;
  }
  // Files a ticket on the desk's database (as reception would); returns its number.
  std::string file_ticket(const std::string& extra = R"("name":"张三","phone":"13800138000")") {
    const auto filed = run_command({COMPLAINTCTL_PATH, "--db", m_desk->db(), "--json", "file"},
                                   R"({"kind":"complaint","channel":"walk_in","category":"service_attitude",)"
                                   R"("content":"柜员态度差",)" +
                                       extra + "}");
    EXPECT_EQ(filed.exit_code, 0) << filed.err;
    std::smatch match;
    EXPECT_TRUE(std::regex_search(filed.out, match, std::regex("WH01-K1-\\d{8}-\\d{4}-[0-9A-Z]")));
    return match.empty() ? std::string() : match[0].str();
  }
  Ticket ticket(const std::string& number) {
    auto store = SqliteTicketStore::open(m_desk->db());
    EXPECT_TRUE(store.ok());
    auto found = (*store)->find(number);
    EXPECT_TRUE(found.ok() && found->has_value());
    return found.ok() && found->has_value() ? **found : Ticket{};
  }
  std::int64_t rows(const std::string& table) {
    auto store = SqliteDeskStore::open(m_desk->db());
    EXPECT_TRUE(store.ok());
    auto count = (*store)->count_rows(table);
    return count.ok() ? *count : -1;
  }

  // Time passing for a real desk on the real clock: the callback window opens now (as it would
  // on the first working day after the reply), written straight into the desk's file.
  void open_callback_window(const std::string& number) {
    const auto opened =
        run_command({"/usr/bin/sqlite3", m_desk->db(),
                     "UPDATE tickets SET callback_not_before = CAST(strftime('%s', 'now') AS INTEGER) - 60 "
                     "WHERE number = '" +
                         number + "'"});
    ASSERT_EQ(opened.exit_code, 0) << opened.err;
  }

  std::string m_folder;
  std::unique_ptr<DeskProcess> m_desk;
};

// The callback step on the ticket page (docs/DOMAIN.md §2): the window and the customer's own
// rating beside the callback form; the rating does not let the ticket be archived.
TEST_F(ConsoleProcessTest, TheTicketPageShowsTheCallbackWindowAndTheCustomersRating) {
  const std::string number = file_ticket();
  const auto ctl = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {COMPLAINTCTL_PATH, "--db", m_desk->db(), "transition", number});
    const auto done = run_command(args);
    EXPECT_EQ(done.exit_code, 0) << done.err;
  };
  ctl({"forward", "--role", "dispatcher", "--department", "营业部"});
  ctl({"contact", "--role", "handler"});
  ctl({"reply", "--role", "handler", "--verification", "属实", "--opinion", "批评教育", "--result",
       "已道歉"});
  ctl({"customer_rating", "--role", "customer", "--actor", "customer", "--satisfaction", "dissatisfied",
       "--callback-note", "道歉不够诚恳"});
  ConsoleClient browser(m_desk->port());
  ASSERT_EQ(browser.login("sam", "sam-password-1"), 303);
  browser.get_keep("/console/lang/zh-CN");
  auto page = browser.get("/console/tickets/" + number);
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("id=\"callback-window\""), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("id=\"callback-not-yet\""), std::string::npos);
  EXPECT_NE(page->body.find("data-rating=\"dissatisfied\""), std::string::npos);
  EXPECT_NE(page->body.find("客户已在查询页自评：不满意"), std::string::npos);
  EXPECT_NE(page->body.find("道歉不够诚恳"), std::string::npos);
  EXPECT_NE(page->body.find("客户自评不能代替回访"), std::string::npos);
  EXPECT_NE(page->body.find("id=\"action-callback\""), std::string::npos);
  // A forged archive: refused in the user's language, nothing changed.
  const std::int64_t events = rows("events");
  auto archive = browser.act(number, {{"action", "archive"}});
  ASSERT_TRUE(archive);
  EXPECT_EQ(archive->status, 403);
  EXPECT_NE(archive->body.find("投诉当前的状态不允许此操作"), std::string::npos);
  EXPECT_EQ(ticket(number).status, Status::replied);
  EXPECT_EQ(rows("events"), events);
  // A dissatisfied staff callback goes to the supervisor; archiving waits for a finding.
  open_callback_window(number);
  ASSERT_EQ(browser.act(number, {{"action", "callback"}, {"satisfaction", "dissatisfied"}})->status, 303);
  EXPECT_EQ(ticket(number).escalation, Escalation::supervisor);
  page = browser.get("/console/tickets/" + number);
  EXPECT_NE(page->body.find("data-escalation=\"supervisor\""), std::string::npos);
  archive = browser.act(number, {{"action", "archive"}});
  EXPECT_EQ(archive->status, 403);
  EXPECT_NE(archive->body.find("客户回访不满意"), std::string::npos) << archive->body;
  EXPECT_EQ(browser.act(number, {{"action", "settle_escalation"}})->status, 400);
  EXPECT_EQ(ticket(number).escalation, Escalation::supervisor);
  ASSERT_EQ(
      browser.act(number, {{"action", "settle_escalation"}, {"note", "已当面再次致歉，客户接受"}})->status,
      303);
  EXPECT_EQ(ticket(number).escalation, Escalation::settled);
  ASSERT_EQ(browser.act(number, {{"action", "archive"}})->status, 303);
  EXPECT_EQ(ticket(number).status, Status::archived);
}

// A withdrawal marked not voluntary shows on the leaders' list until one closes it with a
// finding; a handler sees neither the list nor a way to close it.
TEST_F(ConsoleProcessTest, ANotVoluntaryWithdrawalIsInvestigatedFromTheLeadersList) {
  const std::string pressured = file_ticket();
  const std::string willing = file_ticket();
  ConsoleClient browser(m_desk->port());
  ASSERT_EQ(browser.login("sam", "sam-password-1"), 303);
  browser.get_keep("/console/lang/en");
  ASSERT_EQ(browser.act(pressured, {{"action", "withdraw"}, {"voluntary", "no"}, {"note", "under pressure"}})
                ->status,
            303);
  ASSERT_EQ(browser.act(willing, {{"action", "withdraw"}, {"voluntary", "yes"}})->status, 303);
  auto list = browser.get("/console/investigations");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("data-number=\"" + pressured + "\""), std::string::npos) << list->body;
  EXPECT_EQ(list->body.find("data-number=\"" + willing + "\""), std::string::npos);
  EXPECT_NE(browser.get("/console")->body.find("id=\"nav-investigations\""), std::string::npos);
  auto page = browser.get("/console/tickets/" + pressured);
  EXPECT_NE(page->body.find("data-investigation=\"open\""), std::string::npos);
  EXPECT_NE(page->body.find("id=\"action-close_investigation\""), std::string::npos);
  EXPECT_EQ(browser.get("/console/tickets/" + willing)->body.find("action-close_investigation"),
            std::string::npos);
  // Without a finding, or on the voluntary one: refused with a clear error, nothing changed.
  const std::int64_t events = rows("events");
  auto bare = browser.act(pressured, {{"action", "close_investigation"}});
  EXPECT_EQ(bare->status, 400);
  EXPECT_NE(bare->body.find("Please write the finding."), std::string::npos);
  auto wrong = browser.act(willing, {{"action", "close_investigation"}, {"note", "x"}});
  EXPECT_EQ(wrong->status, 403);
  EXPECT_NE(wrong->body.find("no open investigation"), std::string::npos);
  EXPECT_EQ(rows("events"), events);

  // A handler: no list, and a forged close is refused (the ticket is not their department's).
  ConsoleClient hank(m_desk->port());
  ASSERT_EQ(hank.login("hank", "hank-password-1"), 303);
  EXPECT_EQ(hank.get("/console/investigations")->status, 403);
  EXPECT_EQ(hank.get("/console")->body.find("nav-investigations"), std::string::npos);
  EXPECT_EQ(hank.act(pressured, {{"action", "close_investigation"}, {"note", "nothing"}})->status, 404);
  EXPECT_EQ(ticket(pressured).investigation, Investigation::open);

  ASSERT_EQ(
      browser.act(pressured, {{"action", "close_investigation"}, {"note", "Handler warned; apology made"}})
          ->status,
      303);
  EXPECT_EQ(ticket(pressured).investigation, Investigation::closed);
  list = browser.get("/console/investigations");
  EXPECT_EQ(list->body.find("data-number=\"" + pressured + "\""), std::string::npos);
  EXPECT_NE(list->body.find("id=\"no-investigations\""), std::string::npos);
}

TEST_F(ConsoleProcessTest, PagesNeedASignInAndTheSessionCookieIsHttpOnlyAndStrict) {
  ConsoleClient browser(m_desk->port());
  auto queue = browser.get("/console");
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->status, 303);
  EXPECT_EQ(queue->get_header_value("Location"), "/console/login");
  ASSERT_EQ(browser.login("sam", "sam-password-1"), 303);
  ASSERT_TRUE(browser.cookies.count("desk_session"));
  EXPECT_EQ(browser.cookies["desk_session"].size(), 64u);
  const std::string line = browser.set_cookie_lines.back().find("desk_session") == 0
                               ? browser.set_cookie_lines.back()
                               : browser.set_cookie_lines[browser.set_cookie_lines.size() - 2];
  EXPECT_NE(line.find("HttpOnly"), std::string::npos) << line;
  EXPECT_NE(line.find("SameSite=Strict"), std::string::npos) << line;
  queue = browser.get("/console");
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->status, 200);
  EXPECT_NE(queue->body.find("sam"), std::string::npos);

  // A made-up session id is no session.
  ConsoleClient forger(m_desk->port());
  forger.cookies["desk_session"] = std::string(64, 'a');
  EXPECT_EQ(forger.get("/console")->status, 303);
}

TEST_F(ConsoleProcessTest, LoginWithoutItsCsrfCookieOrWithAWrongPasswordIsRefused) {
  ConsoleClient browser(m_desk->port());
  auto no_token =
      browser.post("/console/login", {{"csrf", "x"}, {"name", "sam"}, {"password", "sam-password-1"}});
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 403);
  EXPECT_FALSE(browser.cookies.count("desk_session"));
  EXPECT_EQ(browser.login("sam", "wrong-password"), 401);
  EXPECT_FALSE(browser.cookies.count("desk_session"));
  EXPECT_EQ(browser.login("nobody", "sam-password-1"), 401);
}

// Nothing a client sends forges a journal line: a newline in the URL path or in the typed
// name is escaped, and a name that is no account (often a password in the wrong field) is
// not logged at all.
TEST_F(ConsoleProcessTest, ClientTextCannotForgeLogLinesAndUnknownNamesAreNotLogged) {
  ConsoleClient browser(m_desk->port());
  const std::string forged = "sup (supervisor) signed in from 127.0.0.1";
  ASSERT_TRUE(browser.get("/t/x%0a" + std::string("sup%20(supervisor)%20signed%20in%20from%20127.0.0.1")));
  EXPECT_EQ(browser.login("Secret-Pass-1\n" + forged, "x"), 401);
  EXPECT_EQ(browser.login("sam", "wrong-password"), 401);
  std::string log;
  for (int i = 0; i < 50 && log.find("failed login for 'sam'") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    log = m_desk->log();
  }
  EXPECT_NE(log.find("failed login for 'sam'"), std::string::npos) << log;
  EXPECT_NE(log.find("failed login for an unknown name"), std::string::npos) << log;
  EXPECT_EQ(log.find("Secret-Pass-1"), std::string::npos) << log;
  EXPECT_EQ(log.find("\n" + forged), std::string::npos) << "a forged line in:\n" << log;
  EXPECT_NE(log.find("\\n" + forged), std::string::npos) << "the path's newline, escaped:\n" << log;
}

// A session acts as the account is now: deleting the account, or changing its role, ends
// its sessions at once (the SQL stands in for an administrator's change).
TEST_F(ConsoleProcessTest, ADeletedOrDemotedAccountsSessionEndsAtOnce) {
  ConsoleClient handler(m_desk->port());
  ConsoleClient supervisor(m_desk->port());
  ASSERT_EQ(handler.login("hank", "hank-password-1"), 303);
  ASSERT_EQ(supervisor.login("sam", "sam-password-1"), 303);
  auto before = handler.get("/console");
  ASSERT_TRUE(before);
  EXPECT_EQ(before->status, 200);

  const auto sql = [&](const std::string& statement) {
    const CommandResult result =
        run_command({"/usr/bin/sqlite3", m_desk->db(), statement});  // Debian package sqlite3
    ASSERT_EQ(result.exit_code, 0) << result.err;
  };
  sql("DELETE FROM staff_users WHERE name = 'hank'");
  sql("UPDATE staff_users SET role = 'handler' WHERE name = 'sam'");
  for (ConsoleClient* browser : {&handler, &supervisor}) {
    auto after = browser->get("/console");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 303);
    EXPECT_EQ(after->get_header_value("Location"), "/console/login");
  }
  // Signing in again gives the account's new role, not the old session back.
  EXPECT_EQ(supervisor.login("sam", "sam-password-1"), 303);
  auto demoted = supervisor.get("/console");
  ASSERT_TRUE(demoted);
  EXPECT_EQ(demoted->status, 200);
}

TEST_F(ConsoleProcessTest, RepeatedFailuresLockTheAccountEvenForTheRightPassword) {
  ConsoleClient attacker(m_desk->port());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(attacker.login("sam", "guess-" + std::to_string(i)), 401);
  ConsoleClient owner(m_desk->port());
  auto page = owner.get_keep("/console/login");
  auto locked = owner.post(
      "/console/login",
      {{"csrf", ConsoleClient::field(page->body, "csrf")}, {"name", "sam"}, {"password", "sam-password-1"}});
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 429);
  EXPECT_FALSE(locked->get_header_value("Retry-After").empty());
  EXPECT_NE(locked->body.find("Too many failed sign-ins"), std::string::npos);
  EXPECT_FALSE(owner.cookies.count("desk_session"));
  // Another account is not locked by sam's failures.
  EXPECT_EQ(owner.login("hank", "hank-password-1"), 303);
}

TEST_F(ConsoleProcessTest, PostsWithoutTheSessionsCsrfTokenChangeNothing) {
  const std::string number = file_ticket();
  ConsoleClient browser(m_desk->port());
  ASSERT_EQ(browser.login("sam", "sam-password-1"), 303);
  const auto events = rows("events");
  for (const std::string& token : {std::string(), std::string(64, '0'), browser.cookies["desk_session"]}) {
    auto forged = browser.post("/console/tickets/" + number + "/act",
                               {{"csrf", token}, {"action", "forward"}, {"department", "营业部"}});
    ASSERT_TRUE(forged);
    EXPECT_EQ(forged->status, 403) << token;
    EXPECT_NE(forged->body.find("This form has expired"), std::string::npos);
  }
  EXPECT_EQ(rows("events"), events);
  EXPECT_EQ(ticket(number).status, Status::filed);
  // Without any session at all.
  ConsoleClient stranger(m_desk->port());
  auto anonymous =
      stranger.post("/console/tickets/" + number + "/act", {{"action", "forward"}, {"department", "x"}});
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(rows("events"), events);
}

// Attachments through the real desk: a real multipart upload from the ticket page's form,
// recognised by content (a PNG named .pdf is a PNG, a text named .jpg is refused), listed on
// the ticket, served with a safe type, audited, never on the public page, and invisible to a
// handler of another department by its URL as the ticket is.
TEST_F(ConsoleProcessTest, AttachmentsAreUploadedByContentListedServedAndScoped) {
  add_department("信贷部", "信贷部", "Credit");
  add_user("olga", "handler", "olga-password-1", "信贷部");
  const std::string number = file_ticket();
  ConsoleClient sam(m_desk->port());
  ASSERT_EQ(sam.login("sam", "sam-password-1"), 303);
  ASSERT_EQ(sam.act(number, {{"action", "forward"}, {"department", "营业部"}})->status, 303);
  ConsoleClient hank(m_desk->port());
  ASSERT_EQ(hank.login("hank", "hank-password-1"), 303);
  const std::string page_path = "/console/tickets/" + number;
  auto page = hank.get(page_path);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_NE(page->body.find("No file is attached to this ticket yet."), std::string::npos);
  const std::string csrf = ConsoleClient::field(page->body, "csrf");
  const std::string png = sample_png("the customer's letter");
  const std::int64_t events = rows("events");

  auto uploaded =
      hank.post_multipart(page_path + "/attachments", {{"csrf", csrf, "", ""},
                                                       {"caption", "来信第一页", "", ""},
                                                       {"file", png, "scan.pdf", "application/pdf"}});
  ASSERT_TRUE(uploaded);
  EXPECT_EQ(uploaded->status, 303) << uploaded->body;
  EXPECT_EQ(uploaded->get_header_value("Location"), page_path + "#attachments");
  EXPECT_EQ(rows("ticket_attachments"), 1);
  EXPECT_EQ(rows("events"), events + 1);
  page = hank.get(page_path);
  EXPECT_NE(page->body.find(">scan.pdf</a>"), std::string::npos);
  EXPECT_NE(page->body.find("PNG image"), std::string::npos) << "the type is the content's";
  EXPECT_NE(page->body.find("来信第一页"), std::string::npos);
  EXPECT_NE(page->body.find("data-action=\"attach\""), std::string::npos) << "on the audit trail";
  std::smatch link;
  ASSERT_TRUE(
      std::regex_search(page->body, link, std::regex("href=\"(/console/tickets/[^\"]+/attachments/\\d+)\"")));
  const std::string url = link[1].str();

  auto served = hank.get(url);
  ASSERT_EQ(served->status, 200);
  EXPECT_EQ(served->body, png);
  EXPECT_EQ(served->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(served->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(served->get_header_value("Content-Disposition"),
            "inline; filename=\"scan.pdf.png\"; filename*=UTF-8''scan.pdf.png");
  EXPECT_NE(served->get_header_value("Cache-Control").find("no-store"), std::string::npos);
  EXPECT_NE(served->get_header_value("Content-Security-Policy").find("sandbox"), std::string::npos);

  // The same bytes again: nothing new. A text file named .jpg: refused, nothing stored.
  ASSERT_EQ(hank.post_multipart(page_path + "/attachments",
                                {{"csrf", csrf, "", ""}, {"file", png, "again.png", "image/png"}})
                ->status,
            303);
  auto text =
      hank.post_multipart(page_path + "/attachments",
                          {{"csrf", csrf, "", ""}, {"file", "Dear desk, ...\n", "photo.jpg", "image/jpeg"}});
  EXPECT_EQ(text->status, 400);
  EXPECT_NE(text->body.find("Only JPEG, PNG and PDF files can be attached"), std::string::npos);
  // Without the session's token: refused before anything is read.
  auto forged = hank.post_multipart(page_path + "/attachments", {{"csrf", std::string(64, '0'), "", ""},
                                                                 {"file", sample_pdf(), "a.pdf", ""}});
  EXPECT_EQ(forged->status, 403);
  // A form that is not multipart at all is no upload either.
  EXPECT_EQ(hank.post(page_path + "/attachments", {{"csrf", csrf}})->status, 403);
  EXPECT_EQ(rows("ticket_attachments"), 1);
  EXPECT_EQ(rows("events"), events + 1);

  // Another department's handler: the attachment's URL answers as the ticket's page does.
  ConsoleClient olga(m_desk->port());
  ASSERT_EQ(olga.login("olga", "olga-password-1"), 303);
  const auto ticket_refused = olga.get(page_path);
  const auto file_refused = olga.get(url);
  EXPECT_EQ(ticket_refused->status, 404);
  EXPECT_EQ(file_refused->status, 404);
  EXPECT_EQ(file_refused->body.find("PNG"), std::string::npos);
  EXPECT_NE(file_refused->body.find("No record has this number"), std::string::npos);
  EXPECT_EQ(olga.get(url + "0")->status, 404);
  const std::string olga_csrf = olga.csrf();
  auto olga_upload = olga.post_multipart(page_path + "/attachments",
                                         {{"csrf", olga_csrf, "", ""}, {"file", sample_pdf(), "a.pdf", ""}});
  EXPECT_EQ(olga_upload->status, 404);
  EXPECT_EQ(rows("ticket_attachments"), 1);
  // Nobody signed in: the sign-in page, no bytes.
  ConsoleClient stranger(m_desk->port());
  const auto anonymous = stranger.get(url);
  EXPECT_EQ(anonymous->status, 303);
  EXPECT_EQ(anonymous->body.find("PNG"), std::string::npos);

  // Never on the public tracking page.
  const Ticket filed = ticket(number);
  const auto tracking = stranger.get("/t/" + number + "?k=" + filed.tracking_token);
  ASSERT_EQ(tracking->status, 200);
  EXPECT_EQ(tracking->body.find("scan.pdf"), std::string::npos);
  EXPECT_EQ(tracking->body.find("/attachments/"), std::string::npos);
  EXPECT_EQ(tracking->body.find("来信第一页"), std::string::npos);
}

// The printed record form and transfer form (core/reports/record_form.h): downloaded by the
// ticket's handler and read back with pdftotext (poppler-utils), refused to another
// department's handler exactly as the ticket page is, and never without a session.
TEST_F(ConsoleProcessTest, TheRecordAndTransferFormsDownloadAsPdfUnderTheTicketPagesScope) {
  if (!std::filesystem::exists("/usr/bin/pdftotext"))
    GTEST_SKIP() << "pdftotext not installed (poppler-utils)";
  add_department("信贷部", "信贷部", "Credit");
  add_user("olga", "handler", "olga-password-1", "信贷部");
  const std::string number = file_ticket();
  ConsoleClient sam(m_desk->port(), "zh-CN");
  ASSERT_EQ(sam.login("sam", "sam-password-1"), 303);
  ASSERT_EQ(sam.act(number, {{"action", "forward"}, {"department", "营业部"}})->status, 303);
  ConsoleClient hank(m_desk->port(), "zh-CN");
  ASSERT_EQ(hank.login("hank", "hank-password-1"), 303);
  ASSERT_EQ(hank.act(number, {{"action", "contact"}})->status, 303);
  const std::string page_path = "/console/tickets/" + number;
  const std::string csrf = ConsoleClient::field(hank.get(page_path)->body, "csrf");
  ASSERT_EQ(
      hank.post_multipart(page_path + "/attachments",
                          {{"csrf", csrf, "", ""}, {"file", sample_png("receipt"), "收据.png", "image/png"}})
          ->status,
      303);
  // The reply with its transfer form; a malformed phone is refused first, nothing changed.
  const std::int64_t events = rows("events");
  const httplib::Params reply = {{"action", "reply"},
                                 {"handling_result", "已向客户道歉并退还手续费"},
                                 {"cause_findings", "柜员未按规定解释收费"},
                                 {"accountability", "对当班柜员通报批评"},
                                 {"corrective_measures", "全员培训收费解释话术"},
                                 {"satisfaction", "basically_satisfied"},
                                 {"handler_phone", "027-8888 6021"},
                                 {"customer_answer", "已向您致歉并退还手续费。"}};
  // A malformed handler's phone, and an answer for the customer's page that carries a phone
  // number: each refused with its reason, nothing changed.
  for (const auto& [field, value, reason] :
       {std::tuple{"handler_phone", "call me", "经办人电话只能包含数字"},
        std::tuple{"customer_answer", "请致电13800138000", "不能包含电话或证件号码"}}) {
    httplib::Params forged = reply;
    forged.erase(field);
    forged.emplace(field, value);
    const auto refused = hank.act(number, forged);
    EXPECT_EQ(refused->status, 400) << field;
    EXPECT_NE(refused->body.find(reason), std::string::npos) << field;
    EXPECT_EQ(rows("events"), events) << field;
  }
  ASSERT_EQ(hank.act(number, reply)->status, 303);

  const auto page = hank.get(page_path);
  EXPECT_NE(page->body.find("href=\"" + page_path + "/form.pdf?form=record\""), std::string::npos);
  EXPECT_NE(page->body.find("href=\"" + page_path + "/form.pdf?form=transfer\""), std::string::npos);
  EXPECT_NE(page->body.find("原因及调查情况：柜员未按规定解释收费"), std::string::npos)
      << "the trail's sentence";
  EXPECT_NE(page->body.find("给客户的答复：已向您致歉并退还手续费。"), std::string::npos);
  EXPECT_EQ(page->body.find("<code>"), std::string::npos) << "no raw JSON on the trail";

  const auto text_of = [this](const std::string& pdf) {
    const std::string path = m_folder + "/form.pdf";
    std::ofstream(path, std::ios::binary) << pdf;
    const auto text = run_command({"/usr/bin/pdftotext", "-enc", "UTF-8", path, "-"});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    return text.out;
  };
  const auto record = hank.get(page_path + "/form.pdf?form=record");
  ASSERT_EQ(record->status, 200);
  EXPECT_EQ(record->get_header_value("Content-Type"), "application/pdf");
  EXPECT_NE(record->get_header_value("Cache-Control").find("no-store"), std::string::npos);
  EXPECT_EQ(record->body.rfind("%PDF-", 0), 0u);
  const std::string record_text = text_of(record->body);
  for (const char* expected : {"客户投诉记录表", "张三", "柜员态度差", "营业部", "收据.png", "PNG 图片",
                               "转至 营业部", "首次联系客户", "已向客户道歉并退还手续费", "按时",
                               "经办人（签字）：", "主管领导（签字）：", "日期：", "第 1 页，共"}) {
    EXPECT_NE(record_text.find(expected), std::string::npos) << expected << "\n" << record_text;
  }
  EXPECT_NE(record_text.find(number), std::string::npos);
  const auto transfer = hank.get(page_path + "/form.pdf?form=transfer");
  ASSERT_EQ(transfer->status, 200);
  const std::string transfer_text = text_of(transfer->body);
  for (const char* expected :
       {"客户投诉转办单", "原因及调查情况", "柜员未按规定解释收费", "对当班柜员通报批评",
        "全员培训收费解释话术", "基本满意", "027-8888 6021", "hank", "部门负责人（签字）："}) {
    EXPECT_NE(transfer_text.find(expected), std::string::npos) << expected << "\n" << transfer_text;
  }
  EXPECT_EQ(hank.get(page_path + "/form.pdf?form=letter")->status, 400);

  // Another department's handler: the same 404 as the ticket page, no PDF.
  ConsoleClient olga(m_desk->port());
  ASSERT_EQ(olga.login("olga", "olga-password-1"), 303);
  for (const char* form : {"record", "transfer"}) {
    const auto other = olga.get(page_path + "/form.pdf?form=" + form);
    EXPECT_EQ(other->status, 404);
    EXPECT_EQ(other->body.find("%PDF"), std::string::npos);
    EXPECT_NE(other->body.find("No record has this number"), std::string::npos);
  }
  EXPECT_EQ(olga.get(page_path)->status, 404);
  // Nobody signed in: the sign-in page.
  ConsoleClient stranger(m_desk->port());
  const auto anonymous = stranger.get(page_path + "/form.pdf?form=record");
  EXPECT_EQ(anonymous->status, 303);
  EXPECT_EQ(anonymous->get_header_value("Location"), "/console/login");
  EXPECT_EQ(anonymous->body.find("%PDF"), std::string::npos);
}

// The [desk] limits hold on the server whatever the page's form allowed, with their values
// in the refusal.
TEST_F(ConsoleProcessTest, AttachmentLimitsFromTheConfigAreEnforced) {
  m_desk.reset();
  m_desk = std::make_unique<DeskProcess>(m_folder,
                                         "[desk]\nattachment_max_bytes = 2048\nattachment_max_count = 2\n");
  ASSERT_TRUE(m_desk->started()) << m_desk->log();
  const std::string number = file_ticket();
  ConsoleClient sam(m_desk->port(), "zh-CN");
  ASSERT_EQ(sam.login("sam", "sam-password-1"), 303);
  const std::string path = "/console/tickets/" + number + "/attachments";
  const std::string csrf = sam.csrf();
  auto big = sam.post_multipart(
      path, {{"csrf", csrf, "", ""}, {"file", sample_pdf(std::string(3000, 'x')), "big.pdf", ""}});
  EXPECT_EQ(big->status, 413);
  EXPECT_NE(big->body.find("文件过大：每个文件不超过 2 KB"), std::string::npos);
  ASSERT_EQ(
      sam.post_multipart(path, {{"csrf", csrf, "", ""}, {"file", sample_png("1"), "1.png", ""}})->status,
      303);
  ASSERT_EQ(
      sam.post_multipart(path, {{"csrf", csrf, "", ""}, {"file", sample_jpeg("2"), "2.jpg", ""}})->status,
      303);
  auto third = sam.post_multipart(path, {{"csrf", csrf, "", ""}, {"file", sample_pdf("3"), "3.pdf", ""}});
  EXPECT_EQ(third->status, 400);
  EXPECT_NE(third->body.find("本件附件已达上限（2 个）"), std::string::npos);
  EXPECT_EQ(rows("ticket_attachments"), 2);
  auto none = sam.post_multipart(path, {{"csrf", csrf, "", ""}, {"caption", "无文件", "", ""}});
  EXPECT_EQ(none->status, 400);
  EXPECT_NE(none->body.find("请选择要上传的文件。"), std::string::npos);
}

// The console offers and the desk enforces actions under the deployment's taxonomy: once
// the page followed the loaded taxonomy while the POST was checked against the defaults.
// Here service_attitude is confidential, so a dispatcher may neither see nor forward it.
TEST_F(ConsoleProcessTest, ActionsFollowTheConfiguredTaxonomyOnThePageAndOnThePost) {
  m_desk.reset();
  const std::string folder = m_folder + "/custom";
  std::filesystem::create_directories(folder);
  ASSERT_EQ(write_taxonomy_with_confidential_category(folder + "/taxonomy.toml", "service_attitude"), "");
  m_desk = std::make_unique<DeskProcess>(folder, "[taxonomy]\npath = \"taxonomy.toml\"\n");
  ASSERT_TRUE(m_desk->started()) << m_desk->log();
  add_department("营业部", "营业部", "Business office");
  add_user("sam", "supervisor", "sam-password-1");
  add_user("dora", "dispatcher", "dora-password-1");
  const std::string number = file_ticket();

  ConsoleClient dispatcher(m_desk->port(), "en");
  ASSERT_EQ(dispatcher.login("dora", "dora-password-1"), 303);
  const auto page = dispatcher.get("/console/tickets/" + number);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body.find("id=\"action-forward\""), std::string::npos) << "not offered";
  const auto events = rows("events");
  const auto forged = dispatcher.act(number, {{"action", "forward"}, {"department", "营业部"}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403) << forged->body;
  EXPECT_EQ(rows("events"), events) << "refused, nothing changed";
  EXPECT_EQ(ticket(number).status, Status::filed);

  ConsoleClient supervisor(m_desk->port());
  ASSERT_EQ(supervisor.login("sam", "sam-password-1"), 303);
  const auto offered = supervisor.get("/console/tickets/" + number);
  ASSERT_TRUE(offered);
  EXPECT_NE(offered->body.find("id=\"action-forward\""), std::string::npos);
  ASSERT_EQ(supervisor.act(number, {{"action", "forward"}, {"department", "营业部"}})->status, 303);
  EXPECT_EQ(ticket(number).status, Status::forwarded);
}

// A taxonomy file that does not load stops the desk with a message naming it, instead of a
// desk whose tracking page runs on the defaults while its console is switched off.
TEST_F(ConsoleProcessTest, ABrokenTaxonomyStopsTheDeskWithAClearMessage) {
  m_desk.reset();
  const std::string folder = m_folder + "/broken";
  std::filesystem::create_directories(folder);
  std::ofstream(folder + "/taxonomy.toml") << "[[kinds]]\nid = \n";
  DeskProcess broken(folder, "[taxonomy]\npath = \"taxonomy.toml\"\n");
  EXPECT_FALSE(broken.started());
  EXPECT_EQ(broken.startup_exit_code(), 2) << broken.log();
  EXPECT_NE(broken.log().find("taxonomy"), std::string::npos) << broken.log();
}

TEST_F(ConsoleProcessTest, AHandlerForgingASupervisorsActionIsRefusedInTheirLanguage) {
  const std::string number = file_ticket();
  ConsoleClient supervisor(m_desk->port());
  ASSERT_EQ(supervisor.login("sam", "sam-password-1"), 303);
  ASSERT_EQ(supervisor.act(number, {{"action", "forward"}, {"department", "营业部"}})->status, 303);

  ConsoleClient handler(m_desk->port(), "zh-CN");
  ASSERT_EQ(handler.login("hank", "hank-password-1"), 303);
  auto page = handler.get("/console/tickets/" + number);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("id=\"action-contact\""), std::string::npos);  // offered to handlers
  EXPECT_EQ(page->body.find("id=\"action-mark_repeat\""), std::string::npos);
  const auto events = rows("events");
  // mark_repeat and notify_major belong to dispatcher / supervisor: forge the POSTs anyway.
  auto forged = handler.act(number, {{"action", "mark_repeat"}, {"repeat_of", number}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_NE(forged->body.find("您的角色无权执行此操作"), std::string::npos);
  EXPECT_EQ(handler.act(number, {{"action", "reopen"}})->status, 403);
  EXPECT_EQ(rows("events"), events);
  EXPECT_EQ(ticket(number).status, Status::forwarded);
  EXPECT_TRUE(ticket(number).repeat_of.empty());
}

TEST_F(ConsoleProcessTest, BadInputIsA400InTheUsersLanguageAndChangesNothing) {
  const std::string number = file_ticket();
  ConsoleClient browser(m_desk->port(), "zh-CN");
  ASSERT_EQ(browser.login("sam", "sam-password-1"), 303);
  const auto events = rows("events");
  auto empty_department = browser.act(number, {{"action", "forward"}, {"department", "  "}});
  EXPECT_EQ(empty_department->status, 400);
  EXPECT_NE(empty_department->body.find("请填写转发的责任部门"), std::string::npos);
  auto unknown = browser.act(number, {{"action", "delete_everything"}});
  EXPECT_EQ(unknown->status, 400);
  auto too_long = browser.act(number, {{"action", "forward"}, {"department", std::string(3000, 'x')}});
  EXPECT_EQ(too_long->status, 400);
  auto bad_utf8 = browser.act(number, {{"action", "forward"}, {"department", "\xff\xfe"}});
  EXPECT_EQ(bad_utf8->status, 400);
  auto nothing = browser.act("WH01-K1-20260101-0001-X", {{"action", "forward"}, {"department", "a"}});
  EXPECT_EQ(nothing->status, 404);
  auto judgement = browser.act(number, {{"action", "record"}, {"substantiated", "maybe"}});
  EXPECT_EQ(judgement->status, 400);
  EXPECT_NE(judgement->body.find("请选择属实、不属实或部分属实"), std::string::npos);
  // English when the user switched the console to English.
  browser.get_keep("/console/lang/en");
  auto english = browser.act(number, {{"action", "forward"}});
  EXPECT_NE(english->body.find("Please name the department to forward to."), std::string::npos);
  EXPECT_EQ(rows("events"), events);
  EXPECT_EQ(ticket(number).status, Status::filed);
}

TEST_F(ConsoleProcessTest, ASupervisorWalksATicketToArchivedAndTheKioskFeedSeesIt) {
  const std::string number = file_ticket();
  ConsoleClient browser(m_desk->port());
  ASSERT_EQ(browser.login("sam", "sam-password-1"), 303);
  EXPECT_NE(browser.get("/console")->body.find(number), std::string::npos);
  const auto step = [&](httplib::Params form, Status expected) {
    auto result = browser.act(number, form);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 303) << result->body;
    EXPECT_EQ(ticket(number).status, expected);
  };
  step({{"action", "forward"}, {"department", "营业部"}}, Status::forwarded);
  step({{"action", "contact"}, {"note", "phoned"}}, Status::in_progress);
  step({{"action", "reply"}, {"handling_result", "道歉并培训"}}, Status::replied);
  // The callback waits for its window (the first working day after the reply): refused today,
  // naming the day, nothing changed; the page shows the window.
  const std::int64_t events_before = rows("events");
  auto early = browser.act(number, {{"action", "callback"}, {"satisfaction", "satisfied"}});
  ASSERT_TRUE(early);
  EXPECT_EQ(early->status, 403);
  EXPECT_TRUE(early->body.find("Too early for the callback") != std::string::npos ||
              early->body.find("尚未到回访时间") != std::string::npos)
      << early->body;
  EXPECT_NE(early->body.find("id=\"callback-window\""), std::string::npos);
  EXPECT_EQ(ticket(number).status, Status::replied);
  EXPECT_EQ(rows("events"), events_before);
  open_callback_window(number);
  step({{"action", "callback"}, {"satisfaction", "satisfied"}}, Status::called_back);
  // The record form still lacks verification and handling opinion: archive is refused.
  auto refused = browser.act(number, {{"action", "archive"}});
  EXPECT_EQ(refused->status, 403);
  EXPECT_NE(refused->body.find("record form is not complete"), std::string::npos);
  EXPECT_EQ(ticket(number).status, Status::called_back);
  step({{"action", "record"},
        {"verification", "属实"},
        {"handling_opinion", "批评教育"},
        {"substantiated", "partly"},
        {"responsible_department", "营业部"},
        {"responsible_person", "王五"}},
       Status::called_back);
  step({{"action", "archive"}}, Status::archived);
  EXPECT_EQ(ticket(number).handler, "sam");
  EXPECT_EQ(ticket(number).department, "营业部");
  // The verification's judgement (docs/DOMAIN.md §9), on the record form and in the trail.
  EXPECT_EQ(ticket(number).substantiated, Substantiated::partly);
  EXPECT_EQ(ticket(number).responsible_department, "营业部");
  EXPECT_EQ(ticket(number).responsible_person, "王五");

  auto trail = browser.get("/console/tickets/" + number);
  EXPECT_NE(trail->body.find("id=\"responsible_person\">王五<"), std::string::npos);
  for (const char* action : {"file", "forward", "contact", "reply", "callback", "record", "archive"}) {
    EXPECT_NE(trail->body.find(std::string("data-action=\"") + action + "\""), std::string::npos) << action;
  }
  // Archived tickets leave the queue.
  EXPECT_EQ(browser.get("/console")->body.find("data-number=\"" + number), std::string::npos);

  // The desk's actions are what the kiosk's change feed sends back.
  auto desk = SqliteDeskStore::open(m_desk->db());
  ASSERT_TRUE(desk.ok());
  auto feed = (*desk)->changes_for_kiosk("K1", 0, 100);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->updates.size(), 1u);
  EXPECT_EQ(feed->updates[0].ticket.status, Status::archived);
  EXPECT_EQ(feed->updates[0].ticket.substantiated, Substantiated::partly);
  EXPECT_EQ(feed->updates[0].ticket.responsible_person, "王五");
  std::vector<std::string> actions;
  for (const auto& remote : feed->updates[0].events) actions.push_back(remote.event.action);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "archive"), actions.end());
}

// The statistics page (docs/DOMAIN.md §9) and its CSV: for supervisors and executives only;
// a bad month is a 400 in the user's language.
TEST_F(ConsoleProcessTest, SupervisorsSeeTheMonthsStatisticsAndDownloadThem) {
  file_ticket();
  ConsoleClient supervisor(m_desk->port());
  ASSERT_EQ(supervisor.login("sam", "sam-password-1"), 303);
  EXPECT_NE(supervisor.get("/console")->body.find("href=\"/console/reports\""), std::string::npos);
  auto page = supervisor.get("/console/reports");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  for (const char* id : {"totals", "on-time", "satisfaction", "by-category", "by-department", "assessment"}) {
    EXPECT_NE(page->body.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  }
  EXPECT_NE(page->body.find("<h1>Statistics</h1>"), std::string::npos);  // the catalog's text, not its key
  EXPECT_EQ(page->body.find("console.reports."), std::string::npos);
  EXPECT_NE(page->body.find("figure=total.filed\">1</a></td></tr>"), std::string::npos);
  // The charts: inline SVG, with no script or link of their own; the 12-month trend ends with
  // this month and shows its ticket.
  for (const char* id : {"trend-chart", "trend", "category-chart"}) {
    EXPECT_NE(page->body.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  }
  const std::size_t chart = page->body.find("<svg id=\"trend-chart\"");
  ASSERT_NE(chart, std::string::npos);
  const std::string svg = page->body.substr(chart, page->body.find("</svg>", chart) - chart);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("href"), std::string::npos);
  const std::size_t trend_table = page->body.find("id=\"trend\"");
  ASSERT_NE(trend_table, std::string::npos);
  const std::size_t trend_end = page->body.find("</table>", trend_table);
  const std::string trend = page->body.substr(trend_table, trend_end - trend_table);
  std::size_t months = 0;
  for (std::size_t at = trend.find("<tr><td>"); at != std::string::npos; at = trend.find("<tr><td>", at + 1))
    ++months;
  EXPECT_EQ(months, 12u);
  const std::size_t last_row = trend.rfind("<tr><td>");
  EXPECT_EQ(trend.find("<td>1</td>", last_row) != std::string::npos, true) << trend.substr(last_row);
  auto csv = supervisor.get("/console/reports.csv");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv->body.find("Totals,Filed,1\r\n"), std::string::npos);
  EXPECT_EQ(supervisor.get("/console/reports?month=2026-13")->status, 400);
  // The period form: its kind chooses which field counts; a link gives one field.
  auto quarter =
      supervisor.get("/console/reports?period=quarter&month=2026-11&quarter=2026-Q3&year=&from=&to=");
  ASSERT_TRUE(quarter);
  EXPECT_EQ(quarter->status, 200);
  EXPECT_NE(quarter->body.find("Filed 2026-07-01 to 2026-09-30"), std::string::npos);
  EXPECT_NE(quarter->body.find("<option value=\"quarter\" selected>"), std::string::npos);
  EXPECT_NE(quarter->body.find("href=\"/console/reports.csv?quarter=2026-Q3\""), std::string::npos);
  auto year = supervisor.get("/console/reports?year=2026");
  ASSERT_TRUE(year);
  EXPECT_NE(year->body.find("Filed 2026-01-01 to 2026-12-31"), std::string::npos);
  auto year_csv = supervisor.get("/console/reports.csv?year=2026");
  EXPECT_EQ(year_csv->get_header_value("Content-Disposition"), "attachment; filename=\"report-2026.csv\"");
  // The printed table of the same period, named after it.
  auto pdf = supervisor.get("/console/reports.pdf?quarter=2026-Q3");
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->status, 200);
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf->get_header_value("Content-Disposition"), "attachment; filename=\"report-2026-Q3.pdf\"");
  EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
  EXPECT_NE(quarter->body.find("href=\"/console/reports.pdf?quarter=2026-Q3\""), std::string::npos);
  auto range = supervisor.get("/console/reports?period=range&month=2026-11&from=2026-11-03&to=2026-11-20");
  EXPECT_NE(range->body.find("Filed 2026-11-03 to 2026-11-20"), std::string::npos);
  for (const char* bad :
       {"/console/reports?period=quarter&quarter=2026-Q5", "/console/reports?month=2026-11&year=2026",
        "/console/reports?period=range&from=2026-11-03", "/console/reports?period=week"}) {
    auto refused = supervisor.get(bad);
    EXPECT_EQ(refused->status, 400) << bad;
    EXPECT_EQ(refused->body.find("error."), std::string::npos) << bad;  // the catalog's text, not a key
  }
  auto register_csv = supervisor.get("/console/register.csv");
  ASSERT_TRUE(register_csv);
  EXPECT_EQ(register_csv->status, 200);
  EXPECT_NE(register_csv->body.find("Substantiated"), std::string::npos);
  EXPECT_NE(register_csv->body.find("13800138000"), std::string::npos);

  ConsoleClient handler(m_desk->port());
  ASSERT_EQ(handler.login("hank", "hank-password-1"), 303);
  EXPECT_EQ(handler.get("/console")->body.find("href=\"/console/reports\""), std::string::npos);
  auto refused = handler.get("/console/reports");
  EXPECT_EQ(refused->status, 403);
  EXPECT_NE(refused->body.find("Statistics are for supervisors, executives and dispatchers."),
            std::string::npos);
  EXPECT_EQ(handler.get("/console/reports.csv")->status, 403);
  EXPECT_EQ(handler.get("/console/reports.pdf")->status, 403);
  EXPECT_EQ(handler.get("/console/register.csv")->status, 403);
}

// Drill-down and a dispatcher's own departments (docs/DOMAIN.md §9): every figure links to the
// tickets it counts; a confidential ticket is counted for the dispatcher but listed only to
// supervisors and executives; the dispatcher's report counts only the account's departments
// and the register stays with the leaders.
TEST_F(ConsoleProcessTest, EveryFigureLeadsToItsTicketsAndDispatchersSeeTheirDepartments) {
  add_department("credit", "信贷部", "Credit");
  add_user("dora", "dispatcher", "dora-password-1", "营业部");
  add_user("dino", "dispatcher", "dino-password-1");
  const std::string plain = file_ticket();
  const std::string other = file_ticket(R"("name":"李四","phone":"13800138001")");
  const auto secret_filed =
      run_command({COMPLAINTCTL_PATH, "--db", m_desk->db(), "--json", "file"},
                  R"({"kind":"complaint","channel":"walk_in","category":"financial_crime",)"
                  R"("content":"疑似洗钱","name":"王五","phone":"13800138002"})");
  ASSERT_EQ(secret_filed.exit_code, 0) << secret_filed.err;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(secret_filed.out, match, std::regex("WH01-K1-\\d{8}-\\d{4}-[0-9A-Z]")));
  const std::string secret = match[0].str();
  ConsoleClient sam(m_desk->port());
  ASSERT_EQ(sam.login("sam", "sam-password-1"), 303);
  ASSERT_EQ(sam.act(plain, {{"action", "forward"}, {"department", "营业部"}})->status, 303);
  ASSERT_EQ(sam.act(secret, {{"action", "forward"}, {"department", "营业部"}})->status, 303);
  ASSERT_EQ(sam.act(other, {{"action", "forward"}, {"department", "credit"}})->status, 303);

  // The supervisor: every figure a link; the filed figure lists all three tickets.
  auto page = sam.get("/console/reports");
  ASSERT_EQ(page->status, 200);
  const std::size_t link = page->body.find("href=\"/console/reports/tickets?");
  ASSERT_NE(link, std::string::npos);
  const std::string month = page->body.substr(page->body.find('?', link) + 1, 13);  // "month=YYYY-MM"
  ASSERT_EQ(month.substr(0, 6), "month=") << month;
  auto all = sam.get("/console/reports/tickets?" + month + "&figure=total.filed");
  ASSERT_EQ(all->status, 200);
  for (const std::string& number : {plain, other, secret}) {
    EXPECT_NE(all->body.find("data-number=\"" + number + "\""), std::string::npos) << number;
  }
  EXPECT_NE(all->body.find("3 tickets"), std::string::npos);
  EXPECT_EQ(all->body.find("id=\"confidential\""), std::string::npos);
  EXPECT_EQ(all->body.find("疑似洗钱"), std::string::npos) << "a list shows no complaint text";
  auto credit = sam.get("/console/reports/tickets?" + month + "&figure=by_department.credit");
  EXPECT_NE(credit->body.find("data-number=\"" + other + "\""), std::string::npos);
  EXPECT_EQ(credit->body.find("data-number=\"" + plain + "\""), std::string::npos);
  EXPECT_NE(credit->body.find("By department · credit"), std::string::npos);
  EXPECT_EQ(sam.get("/console/reports/tickets?" + month)->status, 400);
  EXPECT_EQ(sam.get("/console/reports/tickets?" + month + "&figure=total.filed&page=x")->status, 400);

  // dora (dispatcher, 营业部): her department's two, the confidential one counted, not listed.
  ConsoleClient dora(m_desk->port());
  ASSERT_EQ(dora.login("dora", "dora-password-1"), 303);
  EXPECT_NE(dora.get("/console")->body.find("href=\"/console/reports\""), std::string::npos);
  auto hers = dora.get("/console/reports");
  ASSERT_EQ(hers->status, 200);
  EXPECT_NE(hers->body.find("figure=total.filed\">2</a></td></tr>"), std::string::npos);
  EXPECT_NE(hers->body.find("id=\"scope\""), std::string::npos);
  EXPECT_EQ(hers->body.find("download-register"), std::string::npos);
  auto listed = dora.get("/console/reports/tickets?" + month + "&figure=total.filed");
  ASSERT_EQ(listed->status, 200);
  EXPECT_NE(listed->body.find("data-number=\"" + plain + "\""), std::string::npos);
  EXPECT_EQ(listed->body.find(secret), std::string::npos) << "confidential: counted, not listed";
  EXPECT_EQ(listed->body.find(other), std::string::npos) << "another department's";
  EXPECT_NE(listed->body.find("id=\"confidential\""), std::string::npos);
  EXPECT_NE(listed->body.find("2 tickets"), std::string::npos);
  EXPECT_EQ(dora.get("/console/reports/tickets?" + month + "&figure=by_department.credit")->body.find(other),
            std::string::npos);
  EXPECT_EQ(dora.get("/console/register.csv")->status, 403);
  auto her_csv = dora.get("/console/reports.csv");
  ASSERT_EQ(her_csv->status, 200);
  EXPECT_NE(her_csv->body.find("Totals,Filed,2\r\n"), std::string::npos);

  // dino (dispatcher, no department): told why, shown nothing.
  ConsoleClient dino(m_desk->port());
  ASSERT_EQ(dino.login("dino", "dino-password-1"), 303);
  auto none = dino.get("/console/reports");
  EXPECT_EQ(none->status, 403);
  EXPECT_NE(none->body.find("Your account has no department yet"), std::string::npos);
  EXPECT_EQ(dino.get("/console/reports/tickets?" + month + "&figure=total.filed")->status, 403);
  EXPECT_EQ(dino.get("/console")->body.find("href=\"/console/reports\""), std::string::npos);
}

TEST_F(ConsoleProcessTest, AMajorTicketShowsWhatWasDeliveredNotWhatWasIntended) {
  const std::string number =
      file_ticket(R"("name":"李四","phone":"13900139000","desired_outcome":"否则找媒体曝光")");
  ASSERT_TRUE(ticket(number).major);
  ConsoleClient browser(m_desk->port());
  ASSERT_EQ(browser.login("sam", "sam-password-1"), 303);
  auto before = browser.get("/console/tickets/" + number);
  EXPECT_NE(before->body.find("have not been notified yet"), std::string::npos);
  ASSERT_EQ(browser.act(number, {{"action", "notify_major"}})->status, 303);
  auto after = browser.get("/console/tickets/" + number);
  EXPECT_NE(after->body.find("Report confirmed by sam"), std::string::npos);
  // The button sends nothing, so the box says nothing was delivered (issue 16): it shows
  // deliveries, not intentions.
  EXPECT_EQ(after->body.find("Notified:"), std::string::npos);
  EXPECT_NE(after->body.find("No notice about this ticket has been delivered yet."), std::string::npos);
  EXPECT_EQ(after->body.find("have not been notified yet"), std::string::npos);
  // Its notice waits in the outbox: this desk has no sender configured.
  EXPECT_NE(after->body.find("Report to the supervisor and the deputy general manager: waiting to be sent"),
            std::string::npos);
  // The queue filter by major finds it.
  EXPECT_NE(browser.get("/console?major=yes")->body.find(number), std::string::npos);
  EXPECT_EQ(browser.get("/console?major=no")->body.find("data-number=\"" + number), std::string::npos);
}

TEST_F(ConsoleProcessTest, SignOutEndsTheSessionOnTheServer) {
  ConsoleClient browser(m_desk->port());
  ASSERT_EQ(browser.login("hank", "hank-password-1"), 303);
  const std::string old_session = browser.cookies["desk_session"];
  EXPECT_EQ(browser.post("/console/logout", {{"csrf", browser.csrf()}})->status, 303);
  ConsoleClient replay(m_desk->port());
  replay.cookies["desk_session"] = old_session;
  EXPECT_EQ(replay.get("/console")->status, 303);
}

// Departments come from the list supervisors keep: the page edits it, and a forged form
// naming a department that is not on it is refused in the user's language, nothing changed.
TEST_F(ConsoleProcessTest, TheDepartmentListIsKeptBySupervisorsAndForgedDepartmentsAreRefused) {
  ConsoleClient supervisor(m_desk->port(), "zh-CN");
  ASSERT_EQ(supervisor.login("sam", "sam-password-1"), 303);
  auto page = supervisor.get("/console/departments");
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("data-department=\"营业部\""), std::string::npos);
  const std::string token = ConsoleClient::field(page->body, "csrf");
  auto added =
      supervisor.post("/console/departments",
                      {{"csrf", token}, {"id", "credit"}, {"name_zh", "信贷部"}, {"name_en", "Credit"}});
  EXPECT_EQ(added->status, 303);
  auto bad = supervisor.post("/console/departments",
                             {{"csrf", token}, {"id", "a,b"}, {"name_zh", "x"}, {"name_en", "x"}});
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("部门代码须为"), std::string::npos);
  auto renamed =
      supervisor.post("/console/departments",
                      {{"csrf", token}, {"id", "credit"}, {"name_zh", "信贷管理部"}, {"name_en", "Credit"}});
  EXPECT_EQ(renamed->status, 303);
  page = supervisor.get("/console/departments");
  EXPECT_NE(page->body.find("信贷管理部"), std::string::npos);
  EXPECT_EQ(page->body.find("a,b"), std::string::npos);

  ConsoleClient handler(m_desk->port());
  ASSERT_EQ(handler.login("hank", "hank-password-1"), 303);
  EXPECT_EQ(handler.get("/console/departments")->status, 403);
  EXPECT_EQ(handler
                .post("/console/departments",
                      {{"csrf", handler.csrf()}, {"id", "x"}, {"name_zh", "x"}, {"name_en", "x"}})
                ->status,
            403);
  EXPECT_EQ(handler.get("/console/staff")->status, 403);

  const std::string number = file_ticket();
  const auto offered = supervisor.get("/console/tickets/" + number);
  EXPECT_NE(offered->body.find("<option value=\"credit\">信贷管理部</option>"), std::string::npos);
  const auto events = rows("events");
  auto forged = supervisor.act(number, {{"action", "forward"}, {"department", "营业 部"}});
  EXPECT_EQ(forged->status, 400);
  EXPECT_NE(forged->body.find("该部门不在部门列表中"), std::string::npos);
  ConsoleClient english(m_desk->port(), "en");
  ASSERT_EQ(english.login("sam", "sam-password-1"), 303);
  forged = english.act(number, {{"action", "forward"}, {"department", "x"}});
  EXPECT_EQ(forged->status, 400);
  EXPECT_NE(forged->body.find("This department is not in the department list."), std::string::npos);
  EXPECT_EQ(rows("events"), events);
  EXPECT_EQ(ticket(number).status, Status::filed);
  EXPECT_EQ(supervisor.act(number, {{"action", "forward"}, {"department", "credit"}})->status, 303);
  EXPECT_EQ(ticket(number).department, "credit");
}

// A handler sees and acts on their departments' tickets only, by every route; the
// dispatcher routes everything and reassigns with a reason, shown in the trail.
TEST_F(ConsoleProcessTest, AHandlerOfAnotherDepartmentIsRefusedByEveryRouteAndReassignMovesTheTicket) {
  add_department("credit", "信贷部", "Credit");
  add_user("dora", "dispatcher", "dora-password-1");
  add_user("cleo", "handler", "cleo-password-1", "credit");
  const std::string number = file_ticket();
  ConsoleClient dispatcher(m_desk->port(), "zh-CN");
  ASSERT_EQ(dispatcher.login("dora", "dora-password-1"), 303);
  ASSERT_EQ(dispatcher.act(number, {{"action", "forward"}, {"department", "营业部"}})->status, 303);

  ConsoleClient cleo(m_desk->port(), "en");
  ASSERT_EQ(cleo.login("cleo", "cleo-password-1"), 303);
  const auto events = rows("events");
  auto queue = cleo.get("/console");
  ASSERT_EQ(queue->status, 200);
  EXPECT_EQ(queue->body.find(number), std::string::npos) << "not in another department's queue";
  EXPECT_EQ(cleo.get("/console?department=" + std::string("%E8%90%A5%E4%B8%9A%E9%83%A8"))->body.find(number),
            std::string::npos)
      << "nor through the filter";
  EXPECT_EQ(cleo.get("/console/tickets/" + number)->status, 404);
  for (const httplib::Params& form :
       {httplib::Params{{"action", "contact"}}, httplib::Params{{"action", "withdraw"}, {"voluntary", "yes"}},
        httplib::Params{{"action", "record"}, {"verification", "x"}}}) {
    auto refused = cleo.act(number, form);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 404) << form.begin()->second;
    EXPECT_EQ(refused->body.find("柜员态度差"), std::string::npos) << "nothing of the ticket shown";
  }
  // Statistics and the register (the exports) are not for handlers at all.
  EXPECT_EQ(cleo.get("/console/reports")->status, 403);
  EXPECT_EQ(cleo.get("/console/register.csv")->status, 403);
  EXPECT_EQ(cleo.get("/console/reports.csv")->status, 403);
  EXPECT_EQ(rows("events"), events);
  EXPECT_EQ(ticket(number).status, Status::forwarded);

  // hank (营业部) sees it and handles it.
  ConsoleClient hank(m_desk->port());
  ASSERT_EQ(hank.login("hank", "hank-password-1"), 303);
  EXPECT_NE(hank.get("/console")->body.find(number), std::string::npos);
  EXPECT_EQ(hank.get("/console/tickets/" + number)->status, 200);
  ASSERT_EQ(hank.act(number, {{"action", "contact"}})->status, 303);
  // Handlers do not route.
  EXPECT_EQ(hank.act(number, {{"action", "reassign"}, {"department", "credit"}, {"note", "x"}})->status, 403);

  // The dispatcher reassigns to cleo of credit, with a reason; a person of another
  // department, or none, is refused.
  auto wrong_person = dispatcher.act(
      number, {{"action", "reassign"}, {"department", "credit"}, {"assignee", "hank"}, {"note", "贷款"}});
  EXPECT_EQ(wrong_person->status, 400);
  EXPECT_NE(wrong_person->body.find("该人员在此部门没有可用的账号"), std::string::npos);
  auto no_reason = dispatcher.act(number, {{"action", "reassign"}, {"department", "credit"}});
  EXPECT_EQ(no_reason->status, 400);
  EXPECT_NE(no_reason->body.find("请填写更改原因"), std::string::npos);
  ASSERT_EQ(
      dispatcher
          .act(number,
               {{"action", "reassign"}, {"department", "credit"}, {"assignee", "cleo"}, {"note", "贷款业务"}})
          ->status,
      303);
  EXPECT_EQ(ticket(number).department, "credit");
  EXPECT_EQ(ticket(number).handler, "cleo");
  EXPECT_EQ(ticket(number).status, Status::in_progress);
  const auto trail = dispatcher.get("/console/tickets/" + number);
  EXPECT_NE(trail->body.find("data-action=\"reassign\""), std::string::npos);
  EXPECT_NE(trail->body.find("改派"), std::string::npos);
  EXPECT_NE(trail->body.find("贷款业务"), std::string::npos);
  EXPECT_EQ(hank.get("/console/tickets/" + number)->status, 404) << "gone from hank's department";
  EXPECT_EQ(cleo.get("/console/tickets/" + number)->status, 200);
  EXPECT_NE(cleo.get("/console")->body.find(number), std::string::npos);
}

// Staff accounts from the console (supervisor) and complaintctl: disable ends a signed-in
// session at its next request, re-enable lets the account back, a reset password replaces the
// old one, a role or department change applies at the next request.
TEST_F(ConsoleProcessTest, StaffAccountsAreDisabledReenabledResetAndChangedAndSessionsEndAtOnce) {
  add_department("credit", "信贷部", "Credit");
  ConsoleClient hank(m_desk->port());
  ASSERT_EQ(hank.login("hank", "hank-password-1"), 303);
  ASSERT_EQ(hank.get("/console")->status, 200);

  ConsoleClient supervisor(m_desk->port(), "en");
  ASSERT_EQ(supervisor.login("sam", "sam-password-1"), 303);
  auto page = supervisor.get("/console/staff");
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("data-user=\"hank\""), std::string::npos);
  const std::string token = ConsoleClient::field(page->body, "csrf");
  ASSERT_EQ(supervisor.post("/console/staff", {{"csrf", token}, {"name", "hank"}, {"op", "disable"}})->status,
            303);
  auto refused = hank.get("/console");
  EXPECT_EQ(refused->status, 303) << "the signed-in session ended at once";
  EXPECT_EQ(refused->get_header_value("Location"), "/console/login");
  EXPECT_EQ(hank.login("hank", "hank-password-1"), 401);
  // Nobody disables their own account.
  auto own = supervisor.post("/console/staff", {{"csrf", token}, {"name", "sam"}, {"op", "disable"}});
  EXPECT_EQ(own->status, 403);
  EXPECT_NE(own->body.find("You cannot disable your own account"), std::string::npos);

  ASSERT_EQ(supervisor.post("/console/staff", {{"csrf", token}, {"name", "hank"}, {"op", "enable"}})->status,
            303);
  ASSERT_EQ(hank.login("hank", "hank-password-1"), 303);
  auto short_password = supervisor.post(
      "/console/staff", {{"csrf", token}, {"name", "hank"}, {"op", "password"}, {"password", "short"}});
  EXPECT_EQ(short_password->status, 400);
  ASSERT_EQ(
      supervisor
          .post("/console/staff",
                {{"csrf", token}, {"name", "hank"}, {"op", "password"}, {"password", "new-hank-password"}})
          ->status,
      303);
  ConsoleClient again(m_desk->port());
  EXPECT_EQ(again.login("hank", "hank-password-1"), 401);
  EXPECT_EQ(again.login("hank", "new-hank-password"), 303);
  // Role and departments; an unknown department is refused and changes nothing.
  auto unknown = supervisor.post(
      "/console/staff",
      {{"csrf", token}, {"name", "hank"}, {"op", "save"}, {"role", "handler"}, {"dept:nowhere", "1"}});
  EXPECT_EQ(unknown->status, 400);
  ASSERT_EQ(supervisor
                .post("/console/staff", {{"csrf", token},
                                         {"name", "hank"},
                                         {"op", "save"},
                                         {"role", "dispatcher"},
                                         {"dept:credit", "1"}})
                ->status,
            303);
  EXPECT_EQ(again.get("/console")->status, 303) << "a role change ends the session";
  page = supervisor.get("/console/staff");
  EXPECT_NE(page->body.find("name=\"dept:credit\" value=\"1\" checked"), std::string::npos);

  // The same from complaintctl.
  ASSERT_EQ(again.login("hank", "new-hank-password"), 303);
  ASSERT_EQ(again.get("/console")->status, 200);
  desk_command({"user", "disable", "hank"});
  EXPECT_EQ(again.get("/console")->status, 303);
  desk_command({"user", "enable", "hank"});
  desk_command({"user", "password", "hank"}, "ctl-hank-password\n");
  desk_command({"user", "set", "hank", "--role", "handler", "--departments", "营业部,credit"});
  EXPECT_EQ(again.login("hank", "new-hank-password"), 401);
  EXPECT_EQ(again.login("hank", "ctl-hank-password"), 303);
  const auto listed =
      run_command({COMPLAINTCTL_PATH, "--db", m_desk->db(), "--json", "desk", "user", "list"});
  EXPECT_NE(listed.out.find(R"("departments":["营业部","credit"],"disabled":false,"email":"","id")"),
            std::string::npos)
      << listed.out;
  const auto bad = run_command(
      {COMPLAINTCTL_PATH, "--db", m_desk->db(), "desk", "user", "set", "hank", "--departments", "nowhere"});
  EXPECT_NE(bad.exit_code, 0);
}

// Correcting intake on the real desk (docs/DOMAIN.md §4c): the ticket page offers the form
// (taxonomy choices, no confidential ones for a handler), forged and incomplete posts are
// refused in the user's language with nothing changed, 非公司责任 is reachable, major is
// declared by the handler and cleared by the supervisor, and the trail explains each change.
TEST_F(ConsoleProcessTest, StaffCorrectIntakeThroughTheFormAndForgedCorrectionsChangeNothing) {
  const std::string number =
      file_ticket(R"("name":"张三","phone":"13800138000","desired_outcome":"不需要赔偿")");
  EXPECT_FALSE(ticket(number).major) << "不需要赔偿 waives compensation";
  ConsoleClient sam(m_desk->port(), "zh-CN");
  ASSERT_EQ(sam.login("sam", "sam-password-1"), 303);
  ASSERT_EQ(sam.act(number, {{"action", "forward"}, {"department", "营业部"}})->status, 303);

  ConsoleClient hank(m_desk->port(), "en");
  ASSERT_EQ(hank.login("hank", "hank-password-1"), 303);
  const auto page = hank.get("/console/tickets/" + number);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("id=\"action-reclassify\""), std::string::npos);
  EXPECT_NE(page->body.find("id=\"action-declare_major\""), std::string::npos);
  EXPECT_EQ(page->body.find("id=\"action-clear_major\""), std::string::npos) << "a leader's action";
  EXPECT_NE(page->body.find("<option value=\"not_our_responsibility\">Not our responsibility"),
            std::string::npos);
  EXPECT_EQ(page->body.find("value=\"financial_crime\""), std::string::npos) << "confidential: leaders only";
  EXPECT_NE(page->body.find("<select name=\"severity\">"), std::string::npos);

  const auto events = rows("events");
  const Ticket before = ticket(number);
  struct Forged {
    httplib::Params form;
    int status;
    const char* text;
  };
  const std::vector<Forged> forged = {
      {{{"action", "reclassify"}, {"category", "no_such_thing"}, {"note", "x"}},
       400,
       "This category is not in the taxonomy. Nothing was changed."},
      {{{"action", "reclassify"}, {"kind", "rumour"}, {"note", "x"}},
       400,
       "This kind is not in the taxonomy. Nothing was changed."},
      {{{"action", "reclassify"}, {"severity", "catastrophic"}, {"note", "x"}},
       400,
       "The severity must be light, general or major. Nothing was changed."},
      {{{"action", "reclassify"}, {"category", "not_our_responsibility"}},
       400,
       "Please give the reason for this change. Nothing was changed."},
      {{{"action", "reclassify"}, {"category", "financial_crime"}, {"note", "x"}},
       403,
       "Only the supervisor or the deputy general manager may make a ticket confidential."},
      {{{"action", "clear_major"}, {"note", "x"}}, 403, "Your role may not take this action."},
      {{{"action", "declare_major"}}, 400, "Please give the reason for this change."},
  };
  for (const Forged& bad : forged) {
    const auto refused = hank.act(number, bad.form);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, bad.status) << bad.text;
    EXPECT_NE(refused->body.find(bad.text), std::string::npos) << bad.text;
  }
  EXPECT_EQ(rows("events"), events);
  EXPECT_EQ(ticket(number).revision, before.revision);

  // 非公司责任 with its reason; then the handler declares it major (reputational harm).
  ASSERT_EQ(hank.act(number, {{"action", "reclassify"},
                              {"category", "not_our_responsibility"},
                              {"kind", "complaint"},
                              {"severity", "light"},
                              {"note", "供电公司停电"}})
                ->status,
            303);
  Ticket t = ticket(number);
  EXPECT_EQ(t.category, "not_our_responsibility");
  EXPECT_EQ(t.severity, Severity::light);
  ASSERT_EQ(hank.act(number, {{"action", "declare_major"}, {"note", "客户扬言联系上级"}})->status, 303);
  t = ticket(number);
  EXPECT_TRUE(t.major);
  EXPECT_EQ(t.deadlines.resolve_by, t.filed_at + std::chrono::hours(48));
  // Only the supervisor lowers it again.
  EXPECT_EQ(hank.act(number, {{"action", "reclassify"}, {"severity", "general"}, {"note", "x"}})->status,
            403);
  ASSERT_EQ(sam.act(number, {{"action", "clear_major"}, {"note", "已与客户沟通，无声誉风险"}})->status, 303);
  EXPECT_FALSE(ticket(number).major);
  EXPECT_EQ(rows("events"), events + 3);

  const auto trail = sam.get("/console/tickets/" + number);
  EXPECT_NE(trail->body.find("data-action=\"reclassify\""), std::string::npos);
  EXPECT_NE(trail->body.find("更正分类"), std::string::npos);
  EXPECT_NE(trail->body.find("投诉类别：服务态度 → 非公司责任"), std::string::npos);
  EXPECT_NE(trail->body.find("严重程度：一般 → 轻度"), std::string::npos);
  EXPECT_NE(trail->body.find("撤销重大投诉认定"), std::string::npos);
  EXPECT_NE(trail->body.find("供电公司停电"), std::string::npos);

  // complaintctl takes the same action with the same checks.
  const auto ctl = run_command({COMPLAINTCTL_PATH, "--db", m_desk->db(), "transition", number, "reclassify",
                                "--category", "product", "--note", "实为产品问题"});
  EXPECT_EQ(ctl.exit_code, 0) << ctl.err;
  EXPECT_EQ(ticket(number).category, "product");
  const auto bad = run_command({COMPLAINTCTL_PATH, "--db", m_desk->db(), "transition", number, "reclassify",
                                "--severity", "huge", "--note", "x"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_EQ(ticket(number).category, "product");
}

// Extensions (docs/DOMAIN.md §3a) through the real desk: forged input refused in the user's
// language with nothing stored, a handler's extension within the limit, a request beyond it
// in the supervisor's queue, the approval; complaintctl takes the same action.
TEST_F(ConsoleProcessTest, AHandlerExtendsOrAsksAndASupervisorApprovesForgeriesChangeNothing) {
  const std::string number = file_ticket();
  ConsoleClient sam(m_desk->port(), "zh-CN");
  ASSERT_EQ(sam.login("sam", "sam-password-1"), 303);
  ASSERT_EQ(sam.act(number, {{"action", "forward"}, {"department", "营业部"}})->status, 303);
  ConsoleClient hank(m_desk->port(), "zh-CN");
  ASSERT_EQ(hank.login("hank", "hank-password-1"), 303);
  ASSERT_EQ(hank.act(number, {{"action", "contact"}})->status, 303);
  const auto page = hank.get("/console/tickets/" + number);
  EXPECT_NE(page->body.find("id=\"action-extend\""), std::string::npos);
  EXPECT_NE(page->body.find("<option value=\"complex_case\">案情复杂</option>"), std::string::npos);

  // complaintctl first (a supervisor by default): one working day, applied at once.
  const Instant promised = *ticket(number).deadlines.resolve_by;
  const auto by_ctl =
      run_command({COMPLAINTCTL_PATH, "--db", m_desk->db(), "transition", number, "extend", "--resolve-by",
                   "1wd", "--reason-category", "customer_requested", "--note", "客户出差，下周方便联系"});
  ASSERT_EQ(by_ctl.exit_code, 0) << by_ctl.err;
  EXPECT_GT(*ticket(number).deadlines.resolve_by, promised);
  EXPECT_EQ(ticket(number).extension_reason, "customer_requested");

  const Ticket before = ticket(number);
  const auto events = rows("events");
  const httplib::Params good{{"action", "extend"},
                             {"resolve_by", "2wd"},
                             {"reason_category", "needs_investigation"},
                             {"note", "需调取监控"}};
  const auto forged = [&](const char* name, const char* value) {
    httplib::Params form = good;
    form.erase(name);
    if (value != nullptr) form.emplace(name, value);
    return hank.act(number, form);
  };
  struct Forgery {
    const char* field;
    const char* value;
    int status;
    const char* text;
  };
  for (const Forgery& f : {Forgery{"resolve_by", "2020-01-01", 400, "新的期限早于现在"},
                           Forgery{"resolve_by", "60wd", 400, "超过了规定允许的最长延期"},
                           Forgery{"resolve_by", "next week", 400, "新的期限须为日期"},
                           Forgery{"reason_category", "bribe", 400, "延期原因类别无效"},
                           Forgery{"reason_category", nullptr, 400, "请选择延期原因类别"},
                           Forgery{"note", nullptr, 400, "请填写原因说明"},
                           Forgery{"action", "approve_extension", 403, "您的角色无权执行此操作"}}) {
    const auto refused = forged(f.field, f.value);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, f.status) << f.field << "=" << (f.value ? f.value : "(none)");
    EXPECT_NE(refused->body.find(f.text), std::string::npos)
        << f.field << ": " << refused->body.substr(0, 400);
  }
  EXPECT_EQ(rows("events"), events);
  EXPECT_EQ(ticket(number).deadlines.resolve_by, before.deadlines.resolve_by);

  ASSERT_EQ(hank.act(number, good)->status, 303);
  const Ticket extended = ticket(number);
  EXPECT_GT(*extended.deadlines.resolve_by, *before.deadlines.resolve_by);
  EXPECT_EQ(extended.extension_reason, "needs_investigation");
  httplib::Params more = good;
  more.erase("resolve_by");
  more.emplace("resolve_by", "4wd");  // 1 + 2 + 4 = 7wd in all: beyond 4wd alone, within 7wd
  ASSERT_EQ(hank.act(number, more)->status, 303);
  EXPECT_TRUE(ticket(number).extension_requested_until);
  EXPECT_EQ(ticket(number).deadlines.resolve_by, extended.deadlines.resolve_by);
  EXPECT_NE(sam.get("/console")->body.find("延期待批"), std::string::npos) << "the supervisor's queue";
  EXPECT_NE(sam.get("/console/tickets/" + number)->body.find("id=\"action-approve_extension\""),
            std::string::npos);
  ASSERT_EQ(sam.act(number, {{"action", "approve_extension"}})->status, 303);
  const Ticket approved = ticket(number);
  EXPECT_FALSE(approved.extension_requested_until);
  EXPECT_GT(*approved.deadlines.resolve_by, *extended.deadlines.resolve_by);
  EXPECT_EQ(approved.resolve_by_original, promised);

  // complaintctl: an extension past the maximum is refused, a denial needs a request.
  const auto past_max = run_command({COMPLAINTCTL_PATH, "--db", m_desk->db(), "transition", number, "extend",
                                     "--resolve-by", "1wd", "--reason-category", "other", "--note", "x"});
  EXPECT_NE(past_max.exit_code, 0);
  EXPECT_NE(past_max.err.find("error.extension.beyond_max"), std::string::npos) << past_max.err;
  const auto nothing = run_command(
      {COMPLAINTCTL_PATH, "--db", m_desk->db(), "transition", number, "deny_extension", "--note", "x"});
  EXPECT_NE(nothing.exit_code, 0);
  EXPECT_NE(nothing.err.find("error.workflow.no_extension_request"), std::string::npos) << nothing.err;
  EXPECT_EQ(ticket(number).deadlines.resolve_by, approved.deadlines.resolve_by);
  const auto events_before_ctl = rows("events");
  const auto ctl_extend =
      run_command({COMPLAINTCTL_PATH, "--db", m_desk->db(), "transition", number, "extend", "--role",
                   "supervisor", "--resolve-by", "2099-01-01", "--reason-category", "other", "--note", "x"});
  EXPECT_NE(ctl_extend.exit_code, 0) << "past the maximum whatever the form";
  EXPECT_EQ(rows("events"), events_before_ctl);
}

}  // namespace
}  // namespace complaint::testing
