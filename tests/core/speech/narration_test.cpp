// Voice mode's text building and when-to-speak rules (core/speech/narration.h) over the
// shipped catalogs and the FakeSpeaker: the ticket number read one character at a time in
// both languages, the done screen's reading order, a field's and a switch's words, and the
// Narrator's stop-on-new-screen, tap and focus behaviour.
#include <gtest/gtest.h>

#include "core/speech/fake_speaker.h"
#include "core/speech/narration.h"

namespace complaint {
namespace {

const std::string k_shipped = std::string(COMPLAINT_SOURCE_ASSETS) + "/i18n";

class NarrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto zh = Catalog::load(k_shipped, "zh-CN");
    auto en = Catalog::load(k_shipped, "en");
    ASSERT_TRUE(zh.ok() && en.ok());
    m_zh = std::move(zh).value();
    m_en = std::move(en).value();
  }
  // The log as readable lines: "stop" or "language|key|text".
  std::vector<std::string> spoken() const {
    std::vector<std::string> out;
    for (const SpokenEntry& e : m_speaker.log())
      out.push_back(e.stop ? "stop" : e.language + "|" + e.utterance.key + "|" + e.utterance.text);
    return out;
  }
  static ScreenView contact(const std::string& title, const std::string& phone_label) {
    ScreenView view;
    view.screen = "contact";
    view.title = {title, "kiosk.contact.title"};
    view.focused_id = "contact.phone";
    view.focused_label = phone_label;
    return view;
  }
  static ScreenView welcome() {
    ScreenView view;
    view.screen = "welcome";
    view.title = {"客户意见自助服务", "kiosk.welcome.title"};
    return view;
  }
  Catalog m_zh;
  Catalog m_en;
  FakeSpeaker m_speaker;
};

TEST_F(NarrationTest, SpellsATicketNumberOneCharacterAtATime) {
  EXPECT_EQ(spell_out("WH01-K1-20261122-0007-3", m_zh),
            "W H 零 一， K 一， 二 零 二 六 一 一 二 二， 零 零 零 七， 三");
  EXPECT_EQ(spell_out("wh01-k1-3", m_en), "W H zero one, K one, three");
  EXPECT_EQ(spell_out("--", m_en), "");
}

TEST_F(NarrationTest, DoneScreenReadsTheNumberThenEveryPromisedDate) {
  ScreenView view;
  view.screen = "done";
  view.ticket_number = "WH01-K1-20261122-0007-3";
  view.promises = {"1个工作日内转交：11月23日（周一）当天内", "3个工作日内处理完毕：11月25日（周三）当天内"};
  const std::vector<Utterance> zh = done_utterances(view, m_zh);
  ASSERT_EQ(zh.size(), 3u);
  EXPECT_EQ(zh[0].text, "您的受理编号是：W H 零 一， K 一， 二 零 二 六 一 一 二 二， 零 零 零 七， 三");
  EXPECT_EQ(zh[0].key, "") << "a filled-in text has no recorded clip";
  EXPECT_EQ(zh[1].text, view.promises[0]);
  EXPECT_EQ(zh[2].text, view.promises[1]);
  EXPECT_EQ(done_utterances(view, m_en)[0].text.rfind("Your ticket number is: W H zero one, K one, two", 0),
            0u);
  EXPECT_TRUE(done_utterances(ScreenView{}, m_en).empty());
}

TEST_F(NarrationTest, DoneScreenReadsTheCheckCodeAfterTheNumber) {
  ScreenView view;
  view.screen = "done";
  view.ticket_number = "WH01-K1-20261122-0007-3";
  view.check_code = "K7M-4PX";
  view.promises = {"1个工作日内转交：11月23日（周一）当天内"};
  const std::vector<Utterance> zh = done_utterances(view, m_zh);
  ASSERT_EQ(zh.size(), 3u);
  EXPECT_EQ(zh[1].text, "查询码是：K 七 M， 四 P X");
  EXPECT_EQ(zh[2].text, view.promises[0]);
  EXPECT_EQ(done_utterances(view, m_en)[1].text, "Your check code is: K seven M, four P X");
}

TEST_F(NarrationTest, FieldsSwitchesAndWordlessControls) {
  EXPECT_EQ(focus_utterance("联系电话", m_zh).text, "联系电话，请输入");
  EXPECT_EQ(focus_utterance("Phone", m_en).text, "Phone, text field");
  EXPECT_EQ(tap_utterance({{"下一步", "kiosk.nav.next"}, ""}, m_zh), (Utterance{"下一步", "kiosk.nav.next"}));
  EXPECT_EQ(tap_utterance({{"Anonymous", "kiosk.contact.anonymous"}, "On"}, m_en),
            (Utterance{"Anonymous, On", ""}));
  EXPECT_EQ(tap_utterance({{"", ""}, ""}, m_en).text, "");
}

TEST_F(NarrationTest, ANewScreenStopsWhatPlaysThenReadsTitleAndFocusedField) {
  Narrator narrator(m_speaker);
  narrator.frame(welcome(), std::nullopt, m_zh);
  EXPECT_EQ(spoken(), (std::vector<std::string>{"stop", "zh-CN|kiosk.welcome.title|客户意见自助服务"}));
  m_speaker.clear_log();
  narrator.frame(welcome(), std::nullopt, m_zh);
  EXPECT_TRUE(spoken().empty()) << "a redraw of the same screen says nothing";

  narrator.frame(contact("联系方式", "联系电话"), std::nullopt, m_zh);
  EXPECT_EQ(spoken(), (std::vector<std::string>{"stop", "zh-CN|kiosk.contact.title|联系方式",
                                                "zh-CN||联系电话，请输入"}));
}

TEST_F(NarrationTest, ATapCutsOffThePreviousSpeechAndAFocusChangeNamesTheField) {
  Narrator narrator(m_speaker);
  ScreenView view = contact("Your contact details", "Phone");
  narrator.frame(view, std::nullopt, m_en);
  m_speaker.clear_log();

  narrator.frame(view, TappedControl{{"5", ""}, ""}, m_en);
  EXPECT_EQ(spoken(), (std::vector<std::string>{"stop", "en||5"}));
  m_speaker.clear_log();

  view.focused_id = "contact.name";
  view.focused_label = "Name";
  narrator.frame(view, TappedControl{{"", ""}, ""}, m_en);  // the field itself has no words
  EXPECT_EQ(spoken(), (std::vector<std::string>{"en||Name, text field"}));
}

TEST_F(NarrationTest, SwitchingOnAnnouncesItAndALanguageChangeRereadsTheScreen) {
  Narrator narrator(m_speaker);
  narrator.start();
  narrator.frame(welcome(), std::nullopt, m_zh);
  EXPECT_EQ(spoken(), (std::vector<std::string>{"stop", "zh-CN|kiosk.speech.voice_on|语音播报已开启",
                                                "zh-CN|kiosk.welcome.title|客户意见自助服务"}));
  m_speaker.clear_log();

  ScreenView english = welcome();
  english.title = {"Customer feedback self-service", "kiosk.welcome.title"};
  narrator.frame(english, TappedControl{{"English", "kiosk.language.en"}, ""}, m_en);
  EXPECT_EQ(spoken(),
            (std::vector<std::string>{"stop", "en|kiosk.welcome.title|Customer feedback self-service"}));
  m_speaker.clear_log();

  narrator.finish(m_en);
  EXPECT_EQ(spoken(), (std::vector<std::string>{"stop", "en|kiosk.speech.voice_off|Voice guidance is off."}));
  m_speaker.clear_log();
  narrator.silence();
  EXPECT_EQ(spoken(), (std::vector<std::string>{"stop"}));
}

TEST_F(NarrationTest, ASpeakerThatRefusesDoesNotStopTheReading) {
  Narrator narrator(m_speaker);
  m_speaker.fail_after(0, FailureMode::once);
  narrator.frame(contact("联系方式", "联系电话"), std::nullopt, m_zh);
  EXPECT_EQ(spoken(), (std::vector<std::string>{"stop", "zh-CN||联系电话，请输入"}))
      << "the title failed; the field is still named";
}

TEST(FakeSpeakerTest, RecordsInOrderAndFailsAsScripted) {
  FakeSpeaker speaker;
  ASSERT_TRUE(speaker.say({"一", "k.one"}, "zh-CN").ok());
  speaker.stop();
  speaker.fail_after(1, FailureMode::from_then_on);
  EXPECT_TRUE(speaker.say({"two", ""}, "en").ok());
  EXPECT_FALSE(speaker.say({"three", ""}, "en").ok());
  EXPECT_FALSE(speaker.say({"four", ""}, "en").ok());
  const std::vector<SpokenEntry> log = speaker.log();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0], (SpokenEntry{false, {"一", "k.one"}, "zh-CN"}));
  EXPECT_TRUE(log[1].stop);
  EXPECT_EQ(log[2].utterance.text, "two");
  speaker.clear_log();
  EXPECT_TRUE(speaker.log().empty());
}

}  // namespace
}  // namespace complaint
