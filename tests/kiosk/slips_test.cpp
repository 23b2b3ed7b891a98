// Nothing lost by a slip, nothing left for the next person (issue 12), through the real
// kiosk: Back out of a form with entries asks "放弃已填写的内容？" first (customers and
// clerks, in the customer's language); staff mode warns with a countdown before it ends;
// the done screen counts down to the start with a Finish button and takes the QR code (the
// tracking link) with it. Time moves only by the injected clock.
#include <gtest/gtest.h>

#include <string>

#include "tests/kiosk/kiosk_process.h"

namespace complaint::test {
namespace {

constexpr const char* k_pin = "246810";

bool shows(KioskProcess& kiosk, const std::string& text) {
  return kiosk.visible_text().find(text) != std::string::npos;
}

bool modal(KioskProcess& kiosk) {
  return kiosk.layout()["modal"].get<bool>();
}

std::string content(KioskProcess& kiosk) {
  return kiosk.session()["session"].value("content", "");
}

// ---------------------------------------------------------------- Back asks before discarding

TEST(KioskDiscard, OneTapOnBackWithTypedTextKeepsItAndAsks) {
  KioskProcess kiosk;
  walk_to(kiosk, "details");
  kiosk.tap("details.phrase.0");
  kiosk.text("xinjian");  // and some pinyin from a USB keyboard, committed as typed
  kiosk.key("enter");
  const std::string typed = content(kiosk);
  ASSERT_FALSE(typed.empty());
  kiosk.tap("nav.back");  // details -> kind: inside the flow, nothing is discarded
  ASSERT_EQ(kiosk.screen(), "kind");
  EXPECT_FALSE(modal(kiosk));
  kiosk.tap("nav.back");  // kind -> out of the flow: asked first
  EXPECT_EQ(kiosk.screen(), "kind");
  EXPECT_EQ(content(kiosk), typed) << "one tap discards nothing";
  ASSERT_TRUE(modal(kiosk));
  EXPECT_TRUE(kiosk.widget("discard.keep").has_value());
  EXPECT_TRUE(kiosk.widget("discard.confirm").has_value());
  EXPECT_TRUE(shows(kiosk, "放弃已填写的内容？"));
  kiosk.screenshot("discard_question_zh");
  // The same spot again (a double tap): it lands on the scrim, not on a button.
  kiosk.tap("nav.back");
  EXPECT_EQ(kiosk.screen(), "kind");
  EXPECT_EQ(content(kiosk), typed);
  EXPECT_TRUE(modal(kiosk));
  // Keep editing: the question goes, everything stays.
  kiosk.tap("discard.keep");
  EXPECT_FALSE(modal(kiosk));
  EXPECT_EQ(kiosk.screen(), "kind");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "details");
  EXPECT_EQ(kiosk.widget("details.text")->value("text", ""), typed);
}

TEST(KioskDiscard, AFastDoubleTapOnBackDiscardsNothing) {
  KioskProcess kiosk;
  walk_to(kiosk, "details");
  kiosk.tap("details.phrase.0");
  const std::string typed = content(kiosk);
  kiosk.tap("nav.back");
  kiosk.tap("nav.back", 2);  // both taps before the next frame
  EXPECT_EQ(kiosk.screen(), "kind");
  EXPECT_TRUE(modal(kiosk));
  EXPECT_EQ(content(kiosk), typed);
}

TEST(KioskDiscard, DiscardReallyWipesEverything) {
  KioskProcess kiosk;
  walk_to(kiosk, "contact");
  kiosk.tap("contact.phone");
  kiosk.text("13912345678");
  for (int i = 0; i < 3; ++i) kiosk.tap("nav.back");  // contact -> outcome -> details -> kind
  ASSERT_EQ(kiosk.screen(), "kind");
  EXPECT_FALSE(kiosk.session()["empty"].get<bool>());
  kiosk.tap("nav.back");
  ASSERT_TRUE(kiosk.widget("discard.confirm").has_value());
  kiosk.tap("discard.confirm");
  EXPECT_EQ(kiosk.screen(), "welcome");
  EXPECT_FALSE(modal(kiosk));
  const auto session = kiosk.session();
  EXPECT_TRUE(session["empty"].get<bool>()) << session.dump();
  // The next customer finds nothing of it.
  kiosk.tap("welcome.complaint");
  kiosk.tap("topic.rude_staff");
  EXPECT_EQ(kiosk.widget("details.text")->value("text", ""), "");
  kiosk.tap("details.phrase.0");
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "contact");
  EXPECT_FALSE(shows(kiosk, "13912345678"));
  EXPECT_TRUE(kiosk.tickets().empty());
}

TEST(KioskDiscard, TheQuestionIsInTheCustomersLanguage) {
  KioskProcess kiosk;
  kiosk.tap("welcome.lang.en");
  walk_to(kiosk, "details");
  kiosk.tap("details.phrase.0");
  kiosk.tap("nav.back");
  kiosk.tap("nav.back");
  ASSERT_TRUE(modal(kiosk));
  EXPECT_TRUE(shows(kiosk, "Discard what you entered?"));
  EXPECT_EQ(kiosk.widget("discard.keep")->value("text", ""), "Keep editing");
  EXPECT_FALSE(shows(kiosk, "放弃已填写的内容？"));
  kiosk.screenshot("discard_question_en");
}

TEST(KioskDiscard, NothingEnteredLeavesWithoutAsking) {
  KioskProcess kiosk;
  kiosk.tap("welcome.complaint");
  ASSERT_EQ(kiosk.screen(), "kind");
  kiosk.tap("nav.back");
  EXPECT_EQ(kiosk.screen(), "welcome");
  EXPECT_FALSE(modal(kiosk));
}

TEST(KioskDiscard, TheIdlePromptReplacesTheQuestionAndKeepingIsTheAnswer) {
  KioskProcess kiosk;
  walk_to(kiosk, "details");
  kiosk.tap("details.phrase.0");
  const std::string typed = content(kiosk);
  kiosk.tap("nav.back");
  kiosk.tap("nav.back");
  ASSERT_TRUE(kiosk.widget("discard.keep").has_value());
  kiosk.advance(60);
  EXPECT_FALSE(kiosk.widget("discard.keep").has_value());
  ASSERT_TRUE(kiosk.widget("idle.continue").has_value());
  kiosk.tap("idle.continue");
  EXPECT_FALSE(modal(kiosk));
  EXPECT_EQ(kiosk.screen(), "kind");
  EXPECT_EQ(content(kiosk), typed);
}

// A clerk filing a letter: the same question, and Discard returns to the staff menu.
class KioskStaffDraft : public ::testing::Test {
 protected:
  void SetUp() override {
    open_pin_pad(kiosk);
    enter_pin(kiosk, k_pin);
    ASSERT_EQ(kiosk.screen(), "staff_menu");
    kiosk.tap("staff.channel.letter");
    kiosk.tap("nav.next");
    ASSERT_EQ(kiosk.screen(), "kind");
    kiosk.tap("category.service_quality");
    ASSERT_EQ(kiosk.screen(), "details");
    kiosk.text("xinjian");
    kiosk.key("enter");
    draft = content(kiosk);
    ASSERT_FALSE(draft.empty());
  }
  static KioskOptions with_staff() {
    KioskOptions options;
    options.staff_pin = k_pin;
    return options;
  }
  KioskProcess kiosk{with_staff()};
  std::string draft;
};

TEST_F(KioskStaffDraft, BackOutOfAClerksDraftAsksToo) {
  kiosk.tap("nav.back");
  kiosk.tap("nav.back");
  EXPECT_EQ(kiosk.screen(), "kind");
  ASSERT_TRUE(modal(kiosk));
  EXPECT_TRUE(shows(kiosk, "放弃已填写的内容？"));
  EXPECT_EQ(content(kiosk), draft);
  kiosk.screenshot("discard_question_staff");
  kiosk.tap("discard.keep");
  EXPECT_EQ(content(kiosk), draft);
  kiosk.tap("nav.back");
  kiosk.tap("discard.confirm");
  EXPECT_EQ(kiosk.screen(), "staff_menu");
  EXPECT_TRUE(kiosk.send("screen")["staff"].get<bool>());
  EXPECT_TRUE(kiosk.session()["empty"].get<bool>());
  kiosk.tap("nav.next");  // a new entry starts empty
  kiosk.tap("category.service_quality");
  EXPECT_EQ(kiosk.widget("details.text")->value("text", ""), "");
}

// ---------------------------------------------------------------- staff idle: warn first

TEST_F(KioskStaffDraft, StaffIdleWarnsWithACountdownAndContinueKeepsTheDraft) {
  kiosk.advance(119);
  EXPECT_FALSE(modal(kiosk)) << "not idle yet";
  kiosk.advance(1);
  ASSERT_TRUE(kiosk.widget("idle.continue").has_value()) << "warned at staff_idle_seconds";
  EXPECT_TRUE(shows(kiosk, "还在使用工作人员模式吗？"));
  EXPECT_EQ(kiosk.widget("idle.countdown")->value("text", ""),
            "15 秒后将退出工作人员模式并清除未提交的内容。");
  kiosk.screenshot("staff_idle_countdown");
  kiosk.advance(14);
  EXPECT_EQ(kiosk.widget("idle.countdown")->value("text", ""),
            "1 秒后将退出工作人员模式并清除未提交的内容。");
  EXPECT_EQ(kiosk.screen(), "details");
  EXPECT_TRUE(kiosk.send("screen")["staff"].get<bool>());
  kiosk.tap("idle.continue");
  EXPECT_FALSE(modal(kiosk));
  EXPECT_EQ(kiosk.screen(), "details");
  EXPECT_TRUE(kiosk.send("screen")["staff"].get<bool>());
  EXPECT_EQ(kiosk.widget("details.text")->value("text", ""), draft) << "the draft is kept";
  kiosk.advance(30);
  EXPECT_FALSE(modal(kiosk)) << "Continue started the idle time again";
}

TEST_F(KioskStaffDraft, NoInputAfterTheWarningLeavesStaffModeAndWipesTheDraft) {
  kiosk.advance(120);
  ASSERT_TRUE(kiosk.widget("idle.continue").has_value());
  kiosk.advance(14);
  EXPECT_EQ(kiosk.screen(), "details");
  kiosk.advance(1);
  EXPECT_EQ(kiosk.screen(), "welcome");
  EXPECT_FALSE(kiosk.send("screen")["staff"].get<bool>());
  EXPECT_TRUE(kiosk.session()["empty"].get<bool>());
  EXPECT_FALSE(modal(kiosk));
  EXPECT_TRUE(kiosk.tickets().empty());
}

// ---------------------------------------------------------------- the done screen

bool has_qr(KioskProcess& kiosk) {
  return kiosk.widget("done.qr").has_value();
}

TEST(KioskDone, CountsDownToTheStartAndTakesTheQrCodeWithIt) {
  KioskProcess kiosk;
  walk_to(kiosk, "done");
  ASSERT_EQ(kiosk.screen(), "done");
  ASSERT_TRUE(has_qr(kiosk));
  EXPECT_EQ(kiosk.widget("done.countdown")->value("text", ""), "20 秒后自动返回首页");
  EXPECT_EQ(kiosk.widget("nav.next")->value("text", ""), "完成");
  kiosk.screenshot("done_countdown");
  kiosk.advance(1);
  EXPECT_EQ(kiosk.widget("done.countdown")->value("text", ""), "19 秒后自动返回首页");
  kiosk.advance(18);
  EXPECT_EQ(kiosk.screen(), "done") << "not before 20 s";
  EXPECT_EQ(kiosk.widget("done.countdown")->value("text", ""), "1 秒后自动返回首页");
  EXPECT_FALSE(modal(kiosk)) << "no 'are you still there?' on the done screen";
  EXPECT_TRUE(has_qr(kiosk));
  kiosk.advance(1);
  EXPECT_EQ(kiosk.screen(), "welcome");
  EXPECT_FALSE(has_qr(kiosk));
  EXPECT_FALSE(modal(kiosk));
  EXPECT_TRUE(kiosk.session()["empty"].get<bool>()) << "the ticket and its token left the session";
  EXPECT_EQ(kiosk.tickets().size(), 1U);
}

TEST(KioskDone, FinishRemovesTheQrCodeAtOnce) {
  KioskProcess kiosk;
  walk_to(kiosk, "done");
  ASSERT_TRUE(has_qr(kiosk));
  kiosk.tap("nav.next");  // 完成
  EXPECT_EQ(kiosk.screen(), "welcome");
  EXPECT_FALSE(has_qr(kiosk));
  EXPECT_TRUE(kiosk.session()["empty"].get<bool>());
}

TEST(KioskDone, TheIdlePromptNeverAsksToContinueFillingIn) {
  KioskOptions options;
  options.extra_config = "[kiosk]\ndone_seconds = 120\n";  // longer than the idle timeout and countdown
  KioskProcess kiosk(options);
  walk_to(kiosk, "done");
  for (int seconds = 0; seconds < 119; seconds += 7) {  // past 60 s idle and the 15 s countdown, to 119 s
    EXPECT_EQ(kiosk.screen(), "done") << seconds;
    EXPECT_FALSE(modal(kiosk)) << seconds;
    EXPECT_FALSE(shows(kiosk, "我还在，继续填写")) << seconds;
    kiosk.advance(7);
  }
  EXPECT_EQ(kiosk.screen(), "done");
  EXPECT_EQ(kiosk.widget("done.countdown")->value("text", ""), "1 秒后自动返回首页");
  kiosk.advance(1);
  EXPECT_EQ(kiosk.screen(), "welcome");
}

TEST(KioskDone, TheCountdownSpeaksTheCustomersLanguage) {
  KioskProcess kiosk;
  kiosk.tap("welcome.lang.en");
  walk_to(kiosk, "done");
  EXPECT_EQ(kiosk.widget("done.countdown")->value("text", ""), "Back to the start in 20 s");
  EXPECT_EQ(kiosk.widget("nav.next")->value("text", ""), "Finish");
  kiosk.screenshot("done_countdown_en");
}

}  // namespace
}  // namespace complaint::test
