// Voice mode (语音播报) through the real kiosk with its fake speaker (--fake-speaker; the
// test-control channel's `spoken` returns what it was told): the welcome screen's switch,
// every screen's title read after a stop of what was playing, focus changes and taps read
// on the same screen, in zh-CN and in English, the done screen's number digit by digit and
// its promised dates, and a new customer starting without voice. The real espeak-ng driver:
// tests/drivers/speech. Screenshots: build/test-output/kiosk/voice_*.png.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/kiosk/kiosk_process.h"

namespace complaint::test {
namespace {

KioskOptions with_fake_speaker() {
  KioskOptions options;
  options.fake_speaker = true;
  return options;
}

struct Said {
  bool stop = false;
  std::string text;
  std::string key;
  std::string language;
};

// What the speaker was told since the last call (the log is cleared each time).
std::vector<Said> spoken(KioskProcess& kiosk) {
  const nlohmann::json reply = kiosk.send("spoken clear");
  std::vector<Said> out;
  for (const auto& entry : reply["spoken"]) {
    if (entry.value("stop", false)) {
      out.push_back({true, "", "", ""});
    } else {
      out.push_back({false, entry["text"], entry["key"], entry["language"]});
    }
  }
  return out;
}

std::string text_of(KioskProcess& kiosk, const std::string& id) {
  const auto w = kiosk.widget(id);
  return w ? w->value("text", "") : std::string("<no " + id + ">");
}

std::string describe(const std::vector<Said>& said) {
  std::string out;
  for (const Said& s : said) out += s.stop ? "[stop]\n" : s.language + " " + s.key + ": " + s.text + "\n";
  return out;
}

// A screen change: the old screen's speech stopped first, then the new title as drawn.
void expect_new_screen(KioskProcess& kiosk, const std::vector<Said>& said, const std::string& language) {
  ASSERT_GE(said.size(), 2u) << describe(said);
  EXPECT_TRUE(said[0].stop) << describe(said);
  EXPECT_EQ(said[1].text, text_of(kiosk, "frame.title")) << describe(said);
  for (const Said& s : said) {
    if (!s.stop) {
      EXPECT_EQ(s.language, language) << describe(said);
    }
  }
}

// On the same screen: what played was stopped, then `text` alone was read in `language`.
void expect_read_alone(const std::vector<Said>& said, const std::string& text, const std::string& language) {
  ASSERT_EQ(said.size(), 2u) << describe(said);
  EXPECT_TRUE(said[0].stop) << describe(said);
  EXPECT_EQ(said[1].text, text);
  EXPECT_EQ(said[1].language, language);
}

TEST(KioskVoice, ReadsScreensTapsAndFocusInChineseAndTheDoneScreenDigitByDigit) {
  KioskOptions options = with_fake_speaker();
  options.extra_config = "[kiosk]\ncheck_code_station = 3\n";  // the done screen shows a check code
  KioskProcess kiosk(options);
  ASSERT_TRUE(kiosk.widget("welcome.voice").has_value());
  EXPECT_EQ(text_of(kiosk, "welcome.voice"), "语音");
  kiosk.tap("welcome.lang.en");
  kiosk.tap("welcome.lang.zh");
  EXPECT_TRUE(spoken(kiosk).empty()) << "voice is off until the customer asks for it";
  EXPECT_FALSE(kiosk.session()["voice"].get<bool>());

  kiosk.tap("welcome.voice");
  EXPECT_EQ(text_of(kiosk, "welcome.voice"), "语音：已开启");
  EXPECT_TRUE(kiosk.session()["voice"].get<bool>())
      << "test control's session says so (kiosk_bench reads it)";
  kiosk.screenshot("voice_welcome_on");
  std::vector<Said> said = spoken(kiosk);
  ASSERT_EQ(said.size(), 3u) << describe(said);
  EXPECT_TRUE(said[0].stop);
  EXPECT_EQ(said[1].text, "语音播报已开启");
  EXPECT_EQ(said[1].key, "kiosk.speech.voice_on");
  EXPECT_EQ(said[2].text, "客户意见自助服务");
  EXPECT_EQ(said[2].key, "kiosk.welcome.title") << "a recorded clip of the title is preferred where shipped";
  EXPECT_EQ(said[2].language, "zh-CN");

  kiosk.tap("welcome.complaint");
  ASSERT_EQ(kiosk.screen(), "kind");
  said = spoken(kiosk);
  expect_new_screen(kiosk, said, "zh-CN");
  EXPECT_EQ(said.size(), 2u) << "the tap that left the screen is not read: " << describe(said);

  kiosk.tap("topic.rude_staff");
  ASSERT_EQ(kiosk.screen(), "details");
  said = spoken(kiosk);
  expect_new_screen(kiosk, said, "zh-CN");
  ASSERT_EQ(said.size(), 3u) << describe(said);
  const std::string placeholder = kiosk.widget("details.text")->value("secondary", "");
  EXPECT_EQ(said[2].text, placeholder + "，请输入") << "the focused field is named";

  const std::string phrase = text_of(kiosk, "details.phrase.0");
  kiosk.tap("details.phrase.0");  // a tap cuts off what was being read
  expect_read_alone(spoken(kiosk), phrase, "zh-CN");

  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "outcome");
  expect_new_screen(kiosk, spoken(kiosk), "zh-CN");
  const std::string choice = text_of(kiosk, "outcome.choice.0");
  kiosk.tap("outcome.choice.0");
  expect_read_alone(spoken(kiosk), choice, "zh-CN");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "contact");
  said = spoken(kiosk);
  expect_new_screen(kiosk, said, "zh-CN");
  ASSERT_EQ(said.size(), 3u) << describe(said);
  EXPECT_EQ(said[2].text, text_of(kiosk, "contact.phone.label") + "，请输入");

  kiosk.tap("contact.name");
  said = spoken(kiosk);
  ASSERT_FALSE(said.empty());
  EXPECT_EQ(said.back().text, text_of(kiosk, "contact.name.label") + "，请输入") << describe(said);
  EXPECT_EQ(said.front().stop, false) << "the field itself has no words to read: " << describe(said);
  kiosk.tap("contact.phone");
  kiosk.text("13800138000");
  spoken(kiosk);

  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "consent");
  expect_new_screen(kiosk, spoken(kiosk), "zh-CN");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "review");
  expect_new_screen(kiosk, spoken(kiosk), "zh-CN");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "done");
  said = spoken(kiosk);
  kiosk.screenshot("voice_done");
  expect_new_screen(kiosk, said, "zh-CN");
  // The number one character at a time, spelled here independently of the kiosk's code.
  const std::string number = text_of(kiosk, "done.number");
  const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  const auto spell = [&](const std::string& number) {
    std::vector<std::string> groups(1);
    for (const char c : number) {
      if (c == '-') {
        groups.emplace_back();
        continue;
      }
      if (!groups.back().empty()) groups.back() += " ";
      groups.back() += c >= '0' && c <= '9' ? std::string(digits[c - '0']) : std::string(1, c);
    }
    std::string spelled;
    for (const std::string& group : groups) spelled += (spelled.empty() ? "" : "， ") + group;
    return spelled;
  };
  ASSERT_GE(said.size(), 5u) << describe(said);
  EXPECT_EQ(said[2].text, "您的受理编号是：" + spell(number)) << describe(said);
  // Then the short check code, as printed (K7M-4PX), for the kiosk's check-progress screen.
  const std::string code = text_of(kiosk, "done.check_code");
  ASSERT_EQ(code.size(), 7u) << code;
  EXPECT_EQ(said[3].text, "查询码是：" + spell(code)) << describe(said);
  std::vector<std::string> promises;
  for (int i = 0; kiosk.widget("done.deadline." + std::to_string(i)); ++i)
    promises.push_back(text_of(kiosk, "done.deadline." + std::to_string(i)));
  ASSERT_FALSE(promises.empty());
  ASSERT_EQ(said.size(), 4 + promises.size()) << describe(said);
  for (std::size_t i = 0; i < promises.size(); ++i) EXPECT_EQ(said[4 + i].text, promises[i]);

  // The countdown redraws the done screen every second: nothing is read again.
  kiosk.advance(2);
  EXPECT_TRUE(spoken(kiosk).empty());
  // Finish: the next customer starts as configured, without voice.
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "welcome");
  said = spoken(kiosk);
  ASSERT_EQ(said.size(), 1u) << describe(said);
  EXPECT_TRUE(said[0].stop) << "the last customer's speech is silenced";
  EXPECT_FALSE(kiosk.send("spoken")["voice"].get<bool>());
  kiosk.tap("welcome.complaint");
  EXPECT_TRUE(spoken(kiosk).empty());
}

TEST(KioskVoice, SpeaksEnglishAndFollowsALanguageSwitchThenStopsWhenTurnedOff) {
  KioskProcess kiosk(with_fake_speaker());
  kiosk.tap("welcome.lang.en");
  EXPECT_EQ(text_of(kiosk, "welcome.voice"), "Voice");
  kiosk.tap("welcome.voice");
  kiosk.screenshot("voice_welcome_en");
  std::vector<Said> said = spoken(kiosk);
  ASSERT_EQ(said.size(), 3u) << describe(said);
  EXPECT_EQ(said[1].text, "Voice guidance is on.");
  EXPECT_EQ(said[1].language, "en");
  EXPECT_EQ(said[2].text, "Customer feedback self-service");

  kiosk.tap("welcome.large_text");  // a switch is read in its new state
  expect_read_alone(spoken(kiosk), "Large text: on", "en");

  kiosk.tap("welcome.check");
  ASSERT_EQ(kiosk.screen(), "check_progress");
  said = spoken(kiosk);
  expect_new_screen(kiosk, said, "en");
  ASSERT_EQ(said.size(), 3u) << describe(said);
  EXPECT_EQ(said[2].text, text_of(kiosk, "check.number.label") + ", text field") << describe(said);
  // Back to the start: voice and its language stay with the customer.
  kiosk.tap("nav.back");
  ASSERT_EQ(kiosk.screen(), "welcome");
  said = spoken(kiosk);
  expect_new_screen(kiosk, said, "en");
  EXPECT_EQ(said[1].text, "Customer feedback self-service");

  kiosk.tap("welcome.lang.zh");  // the screen is read again in the new language
  expect_read_alone(spoken(kiosk), "客户意见自助服务", "zh-CN");

  kiosk.tap("welcome.voice");
  expect_read_alone(spoken(kiosk), "语音播报已关闭", "zh-CN");
  kiosk.tap("welcome.complaint");
  EXPECT_TRUE(spoken(kiosk).empty()) << "nothing is read once voice is off";
}

TEST(KioskVoice, TheIdleQuestionIsReadThenTheScreenAgainAndTheIdleResetEndsVoice) {
  KioskProcess kiosk(with_fake_speaker());
  kiosk.tap("welcome.voice");
  kiosk.tap("welcome.complaint");
  ASSERT_EQ(kiosk.screen(), "kind");
  const std::string title = text_of(kiosk, "frame.title");
  spoken(kiosk);
  kiosk.advance(60);  // [kiosk] idle_timeout_seconds: "are you still there?"
  ASSERT_TRUE(kiosk.widget("idle.continue").has_value());
  std::vector<Said> said = spoken(kiosk);
  ASSERT_EQ(said.size(), 2u) << describe(said);
  EXPECT_TRUE(said[0].stop);
  EXPECT_EQ(said[1].text, "您还在吗？");
  kiosk.tap("idle.continue");
  said = spoken(kiosk);
  ASSERT_EQ(said.size(), 2u) << describe(said);
  EXPECT_TRUE(said[0].stop);
  EXPECT_EQ(said[1].text, title) << "back to the screen under the question";

  kiosk.advance(60);
  spoken(kiosk);
  kiosk.advance(20);  // the countdown ran out: the customer is gone, and voice with them
  ASSERT_EQ(kiosk.screen(), "welcome");
  said = spoken(kiosk);
  ASSERT_EQ(said.size(), 1u) << describe(said);
  EXPECT_TRUE(said[0].stop);
  EXPECT_FALSE(kiosk.send("spoken")["voice"].get<bool>());
}

TEST(KioskVoice, AKioskConfiguredForVoiceReadsTheWelcomeScreenAtStart) {
  KioskOptions options = with_fake_speaker();
  options.extra_config = "[kiosk]\nvoice = true\n";
  KioskProcess kiosk(options);
  const std::vector<Said> said = spoken(kiosk);
  ASSERT_EQ(said.size(), 2u) << describe(said);
  EXPECT_EQ(said[1].text, "客户意见自助服务");
  EXPECT_EQ(text_of(kiosk, "welcome.voice"), "语音：已开启");
}

}  // namespace
}  // namespace complaint::test
