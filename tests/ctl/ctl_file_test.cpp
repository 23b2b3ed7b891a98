// complaintctl file/show/list/transition/validate end to end on a real database.
#include "ctl_fixture.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <ctime>
#include <fstream>

#include "tests/taxonomy_variants.h"

namespace complaint::testing {
namespace {

using nlohmann::json;

TEST_F(CtlTest, FilesTheWorkedExampleWithExactDeadlines) {
  json ticket = complaint_json();
  ticket["filed_at"] = "2026-11-20T16:00:00+08:00";
  const json out = file_ok(ticket);
  ASSERT_TRUE(out.contains("number"));
  EXPECT_EQ(out["status"], "filed");
  EXPECT_EQ(out["severity"], "general");
  EXPECT_EQ(out["major"], false);
  EXPECT_EQ(out["deadlines"]["forward_by"], "2026-11-20T17:00:00+08:00");
  EXPECT_EQ(out["deadlines"]["contact_by"], "2026-11-21T16:00:00+08:00");
  EXPECT_EQ(out["deadlines"]["resolve_by"], "2026-11-26T00:00:00+08:00");
  EXPECT_FALSE(out["deadlines"].contains("answer_by"));
  const std::string number = out["number"];
  EXPECT_EQ(out["tracking_url"].get<std::string>().rfind("https://desk.example/t/" + number + "?k=", 0), 0u);

  const ProcessResult valid = ctl({"validate", number});
  EXPECT_EQ(valid.exit_code, 0) << valid.err;
  std::string typo = number;
  typo[typo.size() - 3] = typo[typo.size() - 3] == '1' ? '2' : '1';
  EXPECT_EQ(ctl({"validate", typo}).exit_code, 2);

  const ProcessResult shown = ctl({"--json", "show", number});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const json record = json::parse(shown.out);
  EXPECT_EQ(record["content"], ticket["content"]);
  EXPECT_EQ(record["name"], "张三");
  ASSERT_EQ(record["events"].size(), 1u);
  EXPECT_EQ(record["events"][0]["action"], "file");
}

// complaintctl show prints a ticket's check code (core/domain/check_code.h) among its fields, in
// its JSON and in the lines for people. This kiosk database's tickets get none from
// complaintctl (no station), so the stored code is set on the file as a coded kiosk writes it.
TEST_F(CtlTest, ShowPrintsTheCheckCode) {
  const std::string number = file_ok(complaint_json())["number"];
  const json before = json::parse(ctl({"--json", "show", number}).out);
  EXPECT_EQ(before["check_code"], "");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(m_db.c_str(), &db), SQLITE_OK);
  const std::string sql = "UPDATE tickets SET check_code = 'K7M4PX' WHERE number = '" + number + "'";
  const int set = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  ASSERT_EQ(set, SQLITE_OK);
  EXPECT_EQ(json::parse(ctl({"--json", "show", number}).out)["check_code"], "K7M4PX");
  const ProcessResult lines = ctl({"show", number});
  ASSERT_EQ(lines.exit_code, 0) << lines.err;
  EXPECT_NE(lines.out.find("\"check_code\": \"K7M4PX\""), std::string::npos) << lines.out;
}

TEST_F(CtlTest, InquiryGetsAnswerDeadlineAndMediaChannelIsMajor) {
  json inquiry = complaint_json();
  inquiry["kind"] = "inquiry";
  inquiry["filed_at"] = "2026-11-20T16:00:00+08:00";
  EXPECT_EQ(file_ok(inquiry)["deadlines"]["answer_by"], "2026-11-21T16:00:00+08:00");

  json media = complaint_json();
  media["channel"] = "media";
  media["filed_at"] = "2026-11-20T16:00:00+08:00";
  const json out = file_ok(media);
  EXPECT_EQ(out["major"], true);
  EXPECT_EQ(out["severity"], "major");
  EXPECT_EQ(out["deadlines"]["resolve_by"], "2026-11-22T16:00:00+08:00");

  json words = complaint_json();
  words["content"] = "再不处理我就找记者曝光";
  EXPECT_EQ(file_ok(words)["major"], true);
}

TEST_F(CtlTest, RepeatWithinWindowIsLinked) {
  const std::string first = file_ok(complaint_json())["number"];
  const json second = file_ok(complaint_json());
  EXPECT_EQ(second["repeat_of"], first);
}

TEST_F(CtlTest, AnonymousTicketHasNoContactDeadline) {
  json ticket = complaint_json();
  ticket.erase("name");
  ticket.erase("phone");
  ticket["anonymous"] = true;
  const json out = file_ok(ticket);
  EXPECT_FALSE(out["deadlines"].contains("contact_by"));
  EXPECT_TRUE(out["deadlines"].contains("resolve_by"));
}

TEST_F(CtlTest, LetterReceivedYesterdayKeepsItsFilingDate) {
  json letter = complaint_json();
  letter["channel"] = "letter";
  letter["filed_at"] = "2026-11-19";
  const json out = file_ok(letter);
  EXPECT_EQ(out["filed_at"], "2026-11-19T00:00:00+08:00");
  EXPECT_EQ(out["deadlines"]["forward_by"], "2026-11-19T01:00:00+08:00");
}

TEST_F(CtlTest, WalksATicketThroughTheProcedureAndListsOverdue) {
  json ticket = complaint_json();
  ticket["filed_at"] = "2026-11-20T16:00:00+08:00";
  const std::string number = file_ok(ticket)["number"];

  const ProcessResult overdue = ctl({"--json", "list", "--overdue-at", "2026-11-20T18:00:00+08:00"});
  ASSERT_EQ(overdue.exit_code, 0) << overdue.err;
  ASSERT_EQ(json::parse(overdue.out).size(), 1u);
  const ProcessResult early = ctl({"--json", "list", "--overdue-at", "2026-11-20T16:30:00+08:00"});
  EXPECT_EQ(json::parse(early.out).size(), 0u);

  const std::vector<std::vector<std::string>> steps = {
      {"transition", number, "forward", "--role", "dispatcher", "--department", "营业部"},
      {"transition", number, "contact", "--role", "handler", "--note", "电话联系客户"},
      {"transition", number, "record", "--role", "handler", "--verification", "情况属实", "--opinion",
       "批评教育当事柜员", "--result", "已向客户道歉"},
      {"transition", number, "reply", "--role", "handler"},
  };
  for (const auto& step : steps) {
    const ProcessResult result = ctl(step);
    ASSERT_EQ(result.exit_code, 0) << step[2] << ": " << result.err;
  }
  // The callback waits for its window (the first working day after the reply): refused now,
  // taken as of two weeks on (--now), past any holiday.
  const ProcessResult too_early =
      ctl({"transition", number, "callback", "--role", "dispatcher", "--satisfaction", "satisfied"});
  EXPECT_EQ(too_early.exit_code, 1);
  EXPECT_NE(too_early.err.find("error.workflow.callback_too_early"), std::string::npos) << too_early.err;
  const std::time_t later = std::time(nullptr) + 14 * 24 * 3600;
  char later_text[32];
  std::strftime(later_text, sizeof later_text, "%Y-%m-%dT%H:%M:%S+00:00", std::gmtime(&later));
  const ProcessResult called = ctl({"--now", later_text, "transition", number, "callback", "--role",
                                    "dispatcher", "--satisfaction", "satisfied"});
  ASSERT_EQ(called.exit_code, 0) << called.err;
  // A handler may not archive: that is the supervisor's action.
  const ProcessResult refused = ctl({"transition", number, "archive", "--role", "handler"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("\"error\""), std::string::npos);

  const ProcessResult listed = ctl({"--json", "list", "--status", "called_back"});
  ASSERT_EQ(json::parse(listed.out).size(), 1u);
  // The text list shows the next pending deadline (core/deadlines): none once called back,
  // not the forward_by that was met long ago.
  const ProcessResult text = ctl({"list", "--status", "called_back"});
  ASSERT_NE(text.out.find(number), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("2026-11-20T17:00"), std::string::npos) << text.out;
  const ProcessResult shown = ctl({"--json", "show", number});
  const json record = json::parse(shown.out);
  EXPECT_EQ(record["status"], "called_back");
  ASSERT_EQ(record["events"].size(), 6u);
  // The trail in words, as the console and the record form word it, not the event's JSON.
  const json& forwarded = record["events"][1];
  EXPECT_EQ(forwarded["action"], "forward");
  EXPECT_EQ(forwarded["action_text"], "转发");
  EXPECT_NE(forwarded["details"].get<std::string>().find("营业部"), std::string::npos) << forwarded.dump();
  const ProcessResult english = ctl({"--json", "show", number, "--lang", "en"});
  ASSERT_EQ(english.exit_code, 0) << english.err;
  EXPECT_EQ(json::parse(english.out)["events"][1]["action_text"], "Forward");
  const ProcessResult words = ctl({"show", number});
  ASSERT_EQ(words.exit_code, 0) << words.err;
  const std::size_t trail = words.out.find("\n处理记录\n");
  ASSERT_NE(trail, std::string::npos) << words.out;
  const std::string lines = words.out.substr(trail);
  EXPECT_NE(lines.find("转发  受理 -> 已转发  转至 营业部"), std::string::npos) << lines;
  EXPECT_NE(lines.find("已向客户道歉"), std::string::npos) << "the record step's words: " << lines;
  EXPECT_EQ(lines.find('{'), std::string::npos) << "no event JSON in the trail: " << lines;
  EXPECT_EQ(ctl({"show", number, "--lang", "fr"}).exit_code, 2) << "an unknown language is refused";
}

// A withdrawal marked not voluntary is listed for investigation until a leader closes it with
// a finding (docs/DOMAIN.md §2), through the same workflow as the console.
TEST_F(CtlTest, ListsAndClosesTheInvestigationOfANotVoluntaryWithdrawal) {
  const std::string number = file_ok(complaint_json())["number"];
  const std::string other = file_ok(complaint_json())["number"];
  ASSERT_EQ(ctl({"transition", number, "withdraw", "--role", "handler", "--voluntary", "no"}).exit_code, 0);
  ASSERT_EQ(ctl({"transition", other, "withdraw", "--role", "handler", "--voluntary", "yes"}).exit_code, 0);
  const ProcessResult open = ctl({"--json", "list", "--investigation", "open"});
  ASSERT_EQ(open.exit_code, 0) << open.err;
  ASSERT_EQ(json::parse(open.out).size(), 1u);
  EXPECT_EQ(json::parse(open.out)[0]["number"], number);
  EXPECT_EQ(ctl({"list", "--investigation", "none"}).exit_code, 2);
  const ProcessResult no_finding = ctl({"transition", number, "close_investigation"});
  EXPECT_EQ(no_finding.exit_code, 2);
  EXPECT_NE(no_finding.err.find("finding"), std::string::npos) << no_finding.err;
  const ProcessResult dispatcher =
      ctl({"transition", number, "close_investigation", "--role", "dispatcher", "--note", "x"});
  EXPECT_EQ(dispatcher.exit_code, 1);
  ASSERT_EQ(
      ctl({"transition", number, "close_investigation", "--note", "经核实确有劝说，已批评教育"}).exit_code,
      0);
  EXPECT_EQ(json::parse(ctl({"--json", "list", "--investigation", "open"}).out).size(), 0u);
  EXPECT_EQ(json::parse(ctl({"--json", "list", "--investigation", "closed"}).out).size(), 1u);
}

TEST_F(CtlTest, BackupAndCheck) {
  file_ok(complaint_json());
  std::vector<std::string> check_args = calendar_options();
  check_args.insert(check_args.end(), {"--json", "check"});
  const ProcessResult check = ctl(check_args);
  ASSERT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(json::parse(check.out)["tickets"], 1);
  const std::string copy = m_dir + "/backup.db";
  const mode_t saved_umask = ::umask(022);  // an admin's usual shell: new files world-readable
  const int backup_exit = ctl({"backup", copy}).exit_code;
  ::umask(saved_umask);
  ASSERT_EQ(backup_exit, 0);
  struct stat info {};
  ASSERT_EQ(::stat(copy.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07, 0u) << "a backup is readable by every user: mode " << std::oct << info.st_mode;
  check_args.insert(check_args.begin(), {COMPLAINTCTL_PATH, "--db", copy});
  const ProcessResult copy_check = run_process(check_args);
  ASSERT_EQ(copy_check.exit_code, 0) << copy_check.err;
  EXPECT_EQ(json::parse(copy_check.out)["tickets"], 1);
}

// complaintctl transition checks the action against the deployment's taxonomy (once it used
// the built-in defaults whatever the config said): a category this deployment marks
// confidential is for supervisors and executives only.
TEST_F(CtlTest, TransitionsFollowTheConfiguredTaxonomy) {
  ASSERT_EQ(write_taxonomy_with_confidential_category(m_dir + "/taxonomy.toml", "service_attitude"), "");
  std::ofstream(m_dir + "/config.toml") << "[taxonomy]\npath = \"taxonomy.toml\"\n";
  const auto with_config = [this](std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", m_dir + "/config.toml"});
    return ctl(args);
  };
  const std::string number = file_ok(complaint_json())["number"];
  const RowCounts before = counts();
  const ProcessResult refused =
      with_config({"transition", number, "forward", "--role", "dispatcher", "--department", "营业部"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("confidential"), std::string::npos) << refused.err;
  EXPECT_EQ(counts(), before) << "a refused action changes nothing";
  const ProcessResult allowed =
      with_config({"transition", number, "forward", "--role", "supervisor", "--department", "营业部"});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  // The shipped taxonomy lets a dispatcher forward the same category.
  const std::string plain = file_ok(complaint_json())["number"];
  const ProcessResult by_default =
      ctl({"transition", plain, "forward", "--role", "dispatcher", "--department", "营业部"});
  EXPECT_EQ(by_default.exit_code, 0) << by_default.err;
}

}  // namespace
}  // namespace complaint::testing
