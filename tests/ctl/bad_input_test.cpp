// Bad input through complaintctl: each case exits 2 with a JSON error naming the field,
// and changes nothing (row counts before == after).
#include "ctl_fixture.h"

namespace complaint::testing {
namespace {

using nlohmann::json;

struct BadCase {
  std::string name;
  std::string input;
  std::string field;
};

std::string with(const std::string& key, const json& value) {
  json ticket = CtlTest::complaint_json();
  ticket[key] = value;
  return ticket.dump();
}

std::string without(std::initializer_list<const char*> keys) {
  json ticket = CtlTest::complaint_json();
  for (const char* key : keys) ticket.erase(key);
  return ticket.dump();
}

std::string repeat_code_points(const std::string& glyph, int count) {
  std::string text;
  for (int i = 0; i < count; ++i) text += glyph;
  return text;
}

TEST_F(CtlTest, BadInputsAreRejectedWithTheFieldAndChangeNothing) {
  file_ok(complaint_json());  // something in the database, so "unchanged" means something
  std::string raw_invalid_utf8 = with("content", "placeholder");
  raw_invalid_utf8.replace(raw_invalid_utf8.find("placeholder"), 11, "bad \xC0\xAF bytes");
  const std::vector<BadCase> cases = {
      {"empty content", with("content", ""), "content"},
      {"blank content", with("content", " \n\t "), "content"},
      {"2001 code points", with("content", repeat_code_points("投", 2001)), "content"},
      {"overlong UTF-8 bytes", raw_invalid_utf8, ""},
      {"short phone", with("phone", "12345"), "phone"},
      {"mobile with bad prefix", with("phone", "12800138000"), "phone"},
      {"letters in phone", with("phone", "1380013800O"), "phone"},
      {"missing phone, not anonymous", without({"phone"}), "phone"},
      {"unknown kind", with("kind", "praise"), "kind"},
      {"unknown channel", with("channel", "carrier_pigeon"), "channel"},
      {"unknown category", with("category", "weather"), "category"},
      {"staff-only category", with("category", "not_our_responsibility"), "category"},
      {"overlong name", with("name", repeat_code_points("张", 201)), "name"},
      {"bad language", with("language", "fr"), "language"},
      {"unknown field", with("mood", "angry"), "mood"},
      {"wrong type", with("content", 42), "content"},
      {"bad filing date", with("filed_at", "yesterday"), "filed_at"},
      {"future filing date", with("filed_at", "2099-01-01T00:00:00+08:00"), "filed_at"},
      {"bad repeat_of", with("repeat_of", "WH01-K1-20261122-0001-0"), "repeat_of"},
      {"not JSON", "{\"kind\": ", ""},
      {"JSON array", "[1,2,3]", ""},
      {"oversized input", with("content", std::string(300 * 1024, 'a')), ""},
  };
  const RowCounts before = counts();
  for (const BadCase& bad : cases) {
    const ProcessResult result = ctl({"--json", "file"}, bad.input);
    EXPECT_EQ(result.exit_code, 2) << bad.name << ": " << result.err;
    const json error = json::parse(result.err, nullptr, false);
    ASSERT_FALSE(error.is_discarded()) << bad.name << ": stderr is not JSON: " << result.err;
    EXPECT_TRUE(error.contains("error")) << bad.name;
    EXPECT_EQ(error.value("field", "?"), bad.field) << bad.name << ": " << result.err;
    EXPECT_TRUE(result.out.empty()) << bad.name << " printed: " << result.out;
  }
  EXPECT_EQ(counts(), before);
}

TEST_F(CtlTest, UnknownIdsListTheValidOnes) {
  const ProcessResult result = ctl({"file"}, with("category", "weather"));
  ASSERT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("service_attitude"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("financial_crime"), std::string::npos) << result.err;
}

TEST_F(CtlTest, ContentOfExactlyTwoThousandCodePointsIsAccepted) {
  const json out = file_ok(json::parse(with("content", repeat_code_points("诉", 2000))));
  EXPECT_TRUE(out.contains("number"));
}

TEST_F(CtlTest, BadTransitionsAndNumbersChangeNothing) {
  const std::string number = file_ok(complaint_json())["number"];
  const RowCounts before = counts();
  struct Case {
    std::vector<std::string> args;
    int exit_code;
  };
  const std::vector<Case> cases = {
      {{"transition", number, "fly"}, 2},
      {{"transition", number, "forward", "--role", "janitor"}, 2},
      {{"transition", number, "forward"}, 2},  // needs a department
      {{"transition", number, "archive"}, 1},  // not from filed
      {{"transition", "WH01-K1-20261122-0001-0", "forward", "--department", "x"}, 2},
      {{"transition", number, "callback", "--satisfaction", "meh"}, 2},
      {{"show", "garbage"}, 2},
      {{"list", "--status", "lost"}, 2},
      {{"export", "--month", "2026-13"}, 2},
  };
  for (const Case& c : cases) {
    const ProcessResult result = ctl(c.args);
    EXPECT_EQ(result.exit_code, c.exit_code) << c.args[0] << " " << c.args.back() << ": " << result.err;
    EXPECT_FALSE(json::parse(result.err, nullptr, false).is_discarded()) << result.err;
  }
  EXPECT_EQ(counts(), before);
}

}  // namespace
}  // namespace complaint::testing
