// complaintctl transition --at: an action entered after it happened keeps both times, the
// clocks use the happened time, and an --at in the future, before the ticket's latest event or
// unreadable is refused (exit 2, field "at") and changes nothing.
#include "ctl_fixture.h"

namespace complaint::testing {
namespace {

using nlohmann::json;

class TransitionAtTest : public CtlTest {
 protected:
  json shown(const std::string& number) {
    const ProcessResult result = ctl({"--json", "show", number});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out);
  }
  void expect_refused(const std::vector<std::string>& args, const std::string& key) {
    const RowCounts before = counts();
    const ProcessResult result = ctl(args);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    const json error = json::parse(result.err);
    EXPECT_EQ(error["field"], "at");
    EXPECT_EQ(error["key"], key);
    EXPECT_EQ(counts(), before);
  }
};

TEST_F(TransitionAtTest, TheEventKeepsBothTimesAndTheClocksUseTheHappenedTime) {
  json letter = complaint_json();
  letter["channel"] = "letter";
  const std::string number = file_ok(letter)["number"];
  const json filed = shown(number);
  const std::string recorded = filed["events"][0]["at"];  // the file event: the entry time

  // Forwarded at the moment it was recorded (not before it), entered now.
  ProcessResult forward = ctl({"transition", number, "forward", "--department", "营业部", "--at", recorded});
  ASSERT_EQ(forward.exit_code, 0) << forward.err;
  ProcessResult contact =
      ctl({"transition", number, "contact", "--role", "handler", "--actor", "李四", "--at", recorded});
  ASSERT_EQ(contact.exit_code, 0) << contact.err;

  const json record = shown(number);
  ASSERT_EQ(record["events"].size(), 3u);
  for (int i : {1, 2}) {
    EXPECT_EQ(record["events"][i]["at"], recorded);
    EXPECT_TRUE(record["events"][i]["data"].contains("recorded_at"));
    EXPECT_GE(record["events"][i]["data"]["recorded_at"].get<std::string>(), recorded);
  }
  EXPECT_EQ(record["first_contact_at"], recorded);
}

TEST_F(TransitionAtTest, ATimeInTheFutureBeforeTheLatestEventOrUnreadableIsRefused) {
  const std::string number = file_ok(complaint_json())["number"];
  expect_refused(
      {"transition", number, "forward", "--department", "营业部", "--at", "2099-01-01T00:00:00+08:00"},
      "error.at.future");
  expect_refused(
      {"transition", number, "forward", "--department", "营业部", "--at", "2020-01-01T00:00:00+08:00"},
      "error.at.before_previous");
  expect_refused({"transition", number, "forward", "--department", "营业部", "--at", "yesterday"},
                 "error.at.invalid");
  EXPECT_EQ(shown(number)["status"], "filed");
}

}  // namespace
}  // namespace complaint::testing
