// Filing through the real kiosk UI: Chinese typed with the pinyin keyboard, English,
// anonymous, a double tap on Submit, and a clerk filing a letter received yesterday.
// Each test asserts on the database and on what is on screen.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/kiosk/kiosk_process.h"

namespace complaint::test {
namespace {

using namespace std::chrono_literals;

// Picks the candidate whose text is `word` from the candidate bar (fails when absent).
void choose(KioskProcess& kiosk, const std::string& word) {
  const nlohmann::json layout = kiosk.layout();
  for (const auto& w : layout["widgets"]) {
    const std::string id = w["id"];
    if (id.rfind("kb.cand.", 0) == 0 && w.value("text", "") == word) {
      kiosk.tap(id);
      return;
    }
  }
  ADD_FAILURE() << word << " is not in the candidate bar";
}

TEST(KioskFiling, ChineseTypedThroughPinyinFilesExactlyWhatWasTyped) {
  KioskProcess kiosk;
  kiosk.screenshot("flow_zh_01_welcome");
  kiosk.tap("welcome.complaint");
  kiosk.tap("topic.rude_staff");
  ASSERT_EQ(kiosk.screen(), "details");
  type_keys(kiosk, "tousu");  // on-screen keys, as a customer taps them
  EXPECT_EQ(kiosk.widget("kb.composing")->value("text", ""), "tousu");
  kiosk.screenshot("flow_zh_02_candidates");
  choose(kiosk, "投诉");
  type_keys(kiosk, "guiyuan");
  choose(kiosk, "柜员");
  kiosk.tap("kb.sym.comma");
  type_keys(kiosk, "taidu");
  // The shipped block list (assets/pinyin/blocked_words.txt) keeps 台独 out of the bar.
  const auto layout = kiosk.layout();  // a copy: the loop must not range over a temporary's member
  for (const auto& w : layout["widgets"]) {
    const std::string id = w["id"];
    if (id.rfind("kb.cand.", 0) == 0) {
      EXPECT_EQ(w.value("text", "").find("台独"), std::string::npos) << id;
    }
  }
  choose(kiosk, "态度");
  kiosk.tap("kb.sym.period");
  const std::string typed = "投诉柜员，态度。";
  EXPECT_EQ(kiosk.widget("details.text")->value("text", ""), typed);
  kiosk.screenshot("flow_zh_03_details");
  kiosk.tap("nav.next");
  kiosk.tap("outcome.choice.0");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "contact");
  kiosk.tap("contact.name");
  type_keys(kiosk, "zhang");
  choose(kiosk, "张");
  kiosk.tap("contact.phone");
  for (char d : std::string("13800138000")) kiosk.tap(std::string("kb.") + d);
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "review");
  EXPECT_NE(kiosk.visible_text().find(typed), std::string::npos);
  // The kind and the customer's topic as the tracking page names them (core subject_label).
  EXPECT_EQ(kiosk.widget("review.kind")->value("text", ""), "投诉 · 态度不好");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "done");
  kiosk.screenshot("flow_zh_04_done");

  const std::vector<Ticket> tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1U);
  const Ticket& t = tickets[0];
  EXPECT_EQ(t.content, typed);
  EXPECT_EQ(t.customer_name, "张");
  EXPECT_EQ(t.phone, "13800138000");
  EXPECT_EQ(t.channel, "kiosk");
  EXPECT_EQ(t.category, "service_attitude");
  EXPECT_EQ(t.topic, "rude_staff");
  EXPECT_EQ(t.language, "zh-CN");
  EXPECT_NE(t.desired_outcome.find("道歉"), std::string::npos);
  // The number on screen is the stored one, large, with its QR code.
  EXPECT_EQ(kiosk.widget("done.number")->value("text", ""), t.number);
  EXPECT_GE(kiosk.widget("done.number")->value("font_px", 0), kiosk.layout()["min_body_px"].get<int>() * 2);
  EXPECT_TRUE(kiosk.widget("done.qr").has_value());
  // resolve_by from the deadline engine is the instant 2026-11-26T00:00+08:00, the end of
  // the 25th: shown as a person reads it (as on the receipt), never as the 26th at 00:00,
  // with the time left on the kiosk's clock (Fri 20 Nov 16:00).
  EXPECT_NE(kiosk.visible_text().find("处理完毕：11月25日（周三）当天内（还有5天）"), std::string::npos)
      << "resolve_by from the deadline engine: " << kiosk.visible_text();
  EXPECT_NE(kiosk.visible_text().find("与您联系：明天 16:00 前（还有1天）"), std::string::npos)
      << kiosk.visible_text();
  EXPECT_EQ(kiosk.visible_text().find("11月26日"), std::string::npos);
  EXPECT_EQ(kiosk.widget("frame.title")->value("text", ""), "投诉已提交");
}

TEST(KioskFiling, EnglishFiling) {
  KioskProcess kiosk;
  kiosk.tap("welcome.lang.en");
  EXPECT_NE(kiosk.visible_text().find("Make a complaint"), std::string::npos);
  EXPECT_NE(kiosk.visible_text().find("within 1 hour, "), std::string::npos)
      << "singular: " << kiosk.visible_text();
  EXPECT_NE(kiosk.visible_text().find("within 24 hours"), std::string::npos);
  kiosk.tap("welcome.suggestion");
  kiosk.tap("kind.inquiry");
  kiosk.tap("topic.ask_app");
  // Every step after the choice says what is being filed, beside the step.
  const auto step_line = [&kiosk] { return kiosk.widget("frame.step")->value("text", std::string()); };
  ASSERT_EQ(kiosk.screen(), "details");
  EXPECT_EQ(step_line(), "Inquiry · Using the mobile app — Step 2 of 6");
  kiosk.text("When does the ATM in the lobby open?");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "outcome");
  EXPECT_EQ(step_line().rfind("Inquiry · Using the mobile app — Step", 0), 0u) << step_line();
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "contact");
  EXPECT_EQ(step_line().rfind("Inquiry · Using the mobile app — Step", 0), 0u) << step_line();
  kiosk.tap("contact.name");
  kiosk.text("Li Lei");
  kiosk.tap("contact.phone");
  kiosk.text("010-12345678");
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "review");
  EXPECT_EQ(kiosk.widget("frame.title")->value("text", ""), "Inquiry: please check, then submit");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "done");
  EXPECT_EQ(kiosk.widget("frame.title")->value("text", ""), "Inquiry submitted");
  // One answer deadline (answer_by, 24 h), as the receipt and the tracking page promise it;
  // the inquiry's resolve clock is not shown beside it.
  EXPECT_NE(kiosk.visible_text().find("Your question answered: tomorrow by 16:00 (1 day left)"),
            std::string::npos)
      << kiosk.visible_text();
  EXPECT_EQ(kiosk.visible_text().find("Resolved"), std::string::npos) << kiosk.visible_text();
  kiosk.screenshot("flow_en_done");
  const auto tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1U);
  EXPECT_EQ(tickets[0].content, "When does the ATM in the lobby open?");
  EXPECT_EQ(tickets[0].kind, "inquiry");
  EXPECT_EQ(tickets[0].language, "en");
  EXPECT_EQ(tickets[0].customer_name, "Li Lei");
  EXPECT_EQ(tickets[0].phone, "01012345678");
}

TEST(KioskFiling, AnonymousFilingStoresNoContact) {
  KioskProcess kiosk;
  walk_to(kiosk, "contact");
  kiosk.tap("contact.anonymous");
  EXPECT_FALSE(kiosk.widget("contact.phone").has_value()) << "no phone field when anonymous";
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "done");
  const auto tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1U);
  EXPECT_TRUE(tickets[0].anonymous);
  EXPECT_EQ(tickets[0].phone, "");
  EXPECT_EQ(tickets[0].customer_name, "");
  EXPECT_FALSE(tickets[0].deadlines.contact_by.has_value());
  EXPECT_EQ(kiosk.visible_text().find("与您联系"), std::string::npos)
      << "no contact promise for an anonymous ticket";
}

TEST(KioskFiling, PhoneIsValidatedOnTheKeypad) {
  KioskProcess kiosk;
  walk_to(kiosk, "contact");
  kiosk.tap("contact.phone");
  kiosk.text("12345");
  kiosk.tap("nav.next");
  EXPECT_EQ(kiosk.screen(), "contact");
  EXPECT_TRUE(kiosk.widget("error").has_value());
  EXPECT_TRUE(kiosk.tickets().empty());
}

// "Notify me of progress" (docs/DOMAIN.md §4a): offered once a phone is given, never when
// anonymous; a wrong email is refused in the customer's language with every entry kept; the
// ticket stores the email and the opt-in.
TEST(KioskFiling, NotifyMeOfProgressIsOfferedWithAContactAndStoredWithTheEmail) {
  KioskProcess kiosk;
  walk_to(kiosk, "contact");
  EXPECT_FALSE(kiosk.widget("contact.notify").has_value()) << "nothing to reach yet";
  kiosk.tap("contact.phone");
  kiosk.text("13800138000");
  ASSERT_TRUE(kiosk.widget("contact.notify").has_value()) << "a phone: offered";
  EXPECT_EQ(kiosk.widget("contact.notify")->value("text", ""), "有进展时通知我");
  EXPECT_FALSE(kiosk.widget("contact.notify")->value("checked", true));
  kiosk.tap("contact.notify");
  EXPECT_TRUE(kiosk.widget("contact.notify")->value("checked", false));
  kiosk.tap("contact.email");
  kiosk.text("zhao@example");
  kiosk.screenshot("contact_notify_error");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "contact") << "a wrong email stops here";
  ASSERT_TRUE(kiosk.widget("error").has_value());
  EXPECT_NE(kiosk.visible_text().find("请输入正确的电子邮箱地址"), std::string::npos) << kiosk.visible_text();
  nlohmann::json session = kiosk.session()["session"];
  EXPECT_EQ(session["email"], "zhao@example");
  EXPECT_EQ(session["phone"], "13800138000");
  EXPECT_TRUE(session["notify_customer"].get<bool>());
  EXPECT_TRUE(kiosk.tickets().empty());
  kiosk.tap("contact.email");
  kiosk.text(".com");
  kiosk.screenshot("contact_notify_on");
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "review");
  EXPECT_NE(kiosk.visible_text().find("zhao@example.com"), std::string::npos);
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "done");
  const auto tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1U);
  EXPECT_EQ(tickets[0].customer_email, "zhao@example.com");
  EXPECT_TRUE(tickets[0].notify_customer);
}

TEST(KioskFiling, AnAnonymousOrSilentCustomerIsNotNotified) {
  {
    KioskProcess kiosk;
    kiosk.tap("welcome.lang.en");
    walk_to(kiosk, "contact");
    kiosk.tap("contact.phone");
    kiosk.text("13800138000");
    kiosk.tap("contact.notify");
    kiosk.tap("contact.email");
    kiosk.text("not-an-address");
    kiosk.tap("nav.next");
    EXPECT_NE(kiosk.visible_text().find("Please enter a valid email address"), std::string::npos)
        << kiosk.visible_text();
    // Anonymous: no notice offered, and nothing of it filed.
    kiosk.tap("contact.anonymous");
    EXPECT_FALSE(kiosk.widget("contact.notify").has_value());
    EXPECT_FALSE(kiosk.widget("contact.email").has_value());
    kiosk.tap("nav.next");
    kiosk.tap("nav.next");
    kiosk.tap("nav.next");
    ASSERT_EQ(kiosk.screen(), "done");
    const auto tickets = kiosk.tickets();
    ASSERT_EQ(tickets.size(), 1U);
    EXPECT_TRUE(tickets[0].anonymous);
    EXPECT_EQ(tickets[0].customer_email, "");
    EXPECT_FALSE(tickets[0].notify_customer);
  }
  KioskProcess kiosk;
  walk_to(kiosk, "done");  // a phone, not opted in
  const auto tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1U);
  EXPECT_FALSE(tickets[0].notify_customer);
}

TEST(KioskFiling, DoubleTapOnSubmitFilesOneTicket) {
  KioskProcess kiosk;
  walk_to(kiosk, "review");
  kiosk.tap("nav.next", 2);  // two taps delivered before the screen can change
  EXPECT_EQ(kiosk.screen(), "done");
  EXPECT_EQ(kiosk.tickets().size(), 1U);
}

// Customers want more than one thing (an apology and compensation): the choices are a set,
// a second tap takes one back, and review and the ticket list them in the screen's order.
TEST(KioskFiling, SeveralDesiredOutcomesCanBeChosen) {
  KioskProcess kiosk;
  walk_to(kiosk, "outcome");
  kiosk.tap("outcome.choice.3");  // compensation
  kiosk.tap("outcome.choice.0");  // apology
  kiosk.tap("outcome.choice.1");  // explanation ...
  kiosk.tap("outcome.choice.1");  // ... taken back
  kiosk.screenshot("outcome_several");
  kiosk.tap("nav.next");
  kiosk.tap("contact.phone");
  kiosk.text("13800138000");
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "review");
  EXPECT_NE(kiosk.visible_text().find("希望得到道歉、希望得到赔偿或退款"), std::string::npos)
      << kiosk.visible_text();
  kiosk.tap("nav.next");
  const auto tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1U);
  EXPECT_EQ(tickets[0].desired_outcome, "希望得到道歉、希望得到赔偿或退款");  // no 解释: taken back
}

TEST(KioskFiling, ReviewEditReturnsToReview) {
  KioskProcess kiosk;
  walk_to(kiosk, "review");
  kiosk.tap("review.edit.details");
  ASSERT_EQ(kiosk.screen(), "details");
  kiosk.tap("kb.layout.english");
  kiosk.text(" extra");
  kiosk.tap("nav.next");
  EXPECT_EQ(kiosk.screen(), "review");
  kiosk.tap("nav.next");
  const auto tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1U);
  EXPECT_EQ(tickets[0].content, "工作人员态度冷漠 extra");
}

}  // namespace
}  // namespace complaint::test

namespace complaint::test {
namespace {

TEST(KioskFonts, GlyphsNoFontHasAreShownAsBoxesAndCountedNotCrashed) {
  KioskProcess kiosk;
  walk_to(kiosk, "details");
  kiosk.tap("kb.layout.english");
  kiosk.text("ok \xF0\x9F\x91\x8D \xF4\x8F\xBF\xBD end");  // 👍 (emoji font) and U+10FFFD (no font)
  const auto text = kiosk.widget("details.text");
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(text->value("text", ""), "ok \xF0\x9F\x91\x8D \xF4\x8F\xBF\xBD end");
  EXPECT_EQ(text->value("missing_glyphs", 0), 1) << "only the private-use character lacks a glyph";
  kiosk.screenshot("fonts_fallback");
  EXPECT_GE(kiosk.send("stats")["missing_glyphs"].get<int>(), 1);
}

}  // namespace
}  // namespace complaint::test
