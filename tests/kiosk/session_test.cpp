// Idle reset, staff mode (hidden gesture, PIN lock, filing a letter for a customer) and the
// check-progress screen (scanner URL, number + phone digits, "not found" that reveals
// nothing), through the real kiosk. Time moves only by the injected clock: no sleeps.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "core/domain/check_code.h"
#include "core/domain/ticket_number.h"
#include "tests/kiosk/kiosk_process.h"

namespace complaint::test {
namespace {

constexpr const char* k_pin = "246810";

KioskOptions with_staff() {
  KioskOptions options;
  options.staff_pin = k_pin;
  return options;
}

TEST(KioskIdle, ResetWipesEveryFieldFromScreenAndMemory) {
  KioskProcess kiosk;
  walk_to(kiosk, "contact");
  kiosk.tap("contact.name");
  kiosk.tap("kb.layout.english");
  kiosk.text("Wangwu");
  kiosk.tap("contact.phone");
  kiosk.text("13912345678");
  EXPECT_NE(kiosk.visible_text().find("139 1234 5678"), std::string::npos) << "shown grouped";
  kiosk.advance(59);
  EXPECT_FALSE(kiosk.layout()["modal"].get<bool>()) << "not yet idle";
  kiosk.advance(1);
  ASSERT_TRUE(kiosk.widget("idle.continue").has_value()) << "are you still there?";
  kiosk.screenshot("idle_countdown");
  kiosk.advance(14);
  EXPECT_EQ(kiosk.screen(), "contact") << "the countdown is still running";
  kiosk.advance(1);
  EXPECT_EQ(kiosk.screen(), "welcome");
  const auto session = kiosk.session();
  EXPECT_TRUE(session["empty"].get<bool>()) << session.dump();
  // The next customer sees nothing of the previous one, on any screen.
  walk_to(kiosk, "details");
  EXPECT_EQ(kiosk.widget("details.text")->value("text", ""), "");
  kiosk.tap("details.phrase.0");
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
  const std::string contact = kiosk.visible_text();
  EXPECT_EQ(contact.find("13912345678"), std::string::npos);
  EXPECT_EQ(contact.find("139 1234 5678"), std::string::npos);
  EXPECT_EQ(contact.find("Wangwu"), std::string::npos);
  kiosk.screenshot("idle_next_customer_contact");
  EXPECT_TRUE(kiosk.tickets().empty());
}

TEST(KioskIdle, ContinueKeepsTheCustomersInput) {
  KioskProcess kiosk;
  walk_to(kiosk, "outcome");
  kiosk.advance(65);
  kiosk.tap("idle.continue");
  EXPECT_EQ(kiosk.screen(), "outcome");
  EXPECT_FALSE(kiosk.session()["empty"].get<bool>());
}

TEST(KioskStaff, FiveWrongPinsLockStaffMode) {
  KioskProcess kiosk(with_staff());
  open_pin_pad(kiosk);
  ASSERT_EQ(kiosk.screen(), "staff_pin");
  for (int i = 0; i < 5; ++i) enter_pin(kiosk, "1111");
  kiosk.screenshot("staff_locked");
  enter_pin(kiosk, k_pin);  // the right PIN, but locked
  EXPECT_EQ(kiosk.screen(), "staff_pin");
  EXPECT_FALSE(kiosk.send("screen")["staff"].get<bool>());
  kiosk.tap("nav.back");  // leaving and coming back does not clear the lock
  open_pin_pad(kiosk);
  enter_pin(kiosk, k_pin);
  EXPECT_EQ(kiosk.screen(), "staff_pin");
  EXPECT_TRUE(kiosk.widget("staff.pin.message").has_value());
  kiosk.tap("nav.back");
  kiosk.advance(301);  // 5 minutes later
  open_pin_pad(kiosk);
  enter_pin(kiosk, k_pin);
  EXPECT_EQ(kiosk.screen(), "staff_menu");
  EXPECT_TRUE(kiosk.send("screen")["staff"].get<bool>());
}

TEST(KioskStaff, ShortPressDoesNotOpenThePinPad) {
  KioskProcess kiosk(with_staff());
  kiosk.send("press staff.corner");
  kiosk.advance(1);
  kiosk.send("release staff.corner");
  EXPECT_EQ(kiosk.screen(), "welcome");
}

TEST(KioskStaff, FilesALetterReceivedYesterday) {
  KioskProcess kiosk(with_staff());
  open_pin_pad(kiosk);
  enter_pin(kiosk, k_pin);
  ASSERT_EQ(kiosk.screen(), "staff_menu");
  kiosk.tap("staff.channel.letter");
  kiosk.tap("staff.date.earlier");
  kiosk.screenshot("staff_menu");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "kind");
  kiosk.tap("category.service_quality");
  kiosk.text("xinjian");  // pinyin from a USB keyboard at the reception desk
  kiosk.key("enter");     // Enter commits the letters as typed
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
  kiosk.tap("contact.phone");
  kiosk.text("13800138000");
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "done");
  const auto tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1U);
  EXPECT_EQ(tickets[0].channel, "letter");
  EXPECT_EQ(tickets[0].check_code.size(), 6U) << "a letter staff enter gets its check code too";
  EXPECT_EQ(tickets[0].filed_at, tickets[0].recorded_at - std::chrono::days(1));
  EXPECT_EQ(tickets[0].recorded_by, "staff");
  kiosk.tap("nav.next");  // finish: back to the staff menu, which lists it
  EXPECT_EQ(kiosk.screen(), "staff_menu");
  // The sync queue is counted from the store; this kiosk has no [sync], and says so.
  EXPECT_EQ(kiosk.widget("staff.queue")->value("text", ""), "待同步记录：2 条");
  EXPECT_EQ(kiosk.widget("staff.sync")->value("text", ""), "本机未开启与服务台的同步。");
  EXPECT_EQ(kiosk.widget("nav.back")->value("text", ""), "退出") << "the staff menu's Back is Exit";
  EXPECT_NE(kiosk.visible_text().find(tickets[0].number), std::string::npos);
  kiosk.advance(120);
  EXPECT_TRUE(kiosk.widget("idle.continue").has_value()) << "after 2 minutes idle: a warning first";
  kiosk.advance(15);
  EXPECT_EQ(kiosk.screen(), "welcome") << "staff mode ends after the countdown";
  EXPECT_FALSE(kiosk.send("screen")["staff"].get<bool>());
}

class KioskCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    walk_to(kiosk, "done");
    const auto tickets = kiosk.tickets();
    ASSERT_EQ(tickets.size(), 1U);
    ticket = tickets[0];
    kiosk.tap("nav.next");
    ASSERT_EQ(kiosk.screen(), "welcome");
  }
  std::string url(const std::string& number, const std::string& token) {
    return "https://desk.example/t/" + number + "?k=" + token;
  }
  KioskProcess kiosk;
  Ticket ticket;
};

TEST_F(KioskCheck, ScannedReceiptShowsTheTimeline) {
  kiosk.text(url(ticket.number, ticket.tracking_token));  // the scanner types on the welcome screen
  kiosk.key("enter");
  ASSERT_EQ(kiosk.screen(), "check_progress");
  EXPECT_TRUE(kiosk.widget("check.status").has_value());
  EXPECT_FALSE(kiosk.widget("check.not_found").has_value());
  EXPECT_EQ(kiosk.visible_text().find(ticket.tracking_token), std::string::npos)
      << "the token is never shown";
  kiosk.screenshot("check_found");
}

TEST_F(KioskCheck, NumberAndLastFourDigits) {
  kiosk.tap("welcome.check");
  kiosk.text(ticket.number);
  kiosk.tap("check.digits");
  kiosk.text("8000");
  kiosk.tap("nav.next");
  EXPECT_TRUE(kiosk.widget("check.status").has_value());
}

// Issue 12: the number on a lowercase QWERTY keyboard took about 30 taps and failed without
// its hyphens. Now a keypad of its digits and letters (alphabetical, no shift, no layout
// switch) types it in one tap a character, hyphens optional; a USB keyboard's lowercase
// number without hyphens opens it too.
TEST_F(KioskCheck, TheNumberIsTypedOnItsOwnKeypadOneTapACharacter) {
  kiosk.tap("welcome.check");
  ASSERT_EQ(kiosk.screen(), "check_progress");
  EXPECT_FALSE(kiosk.widget("kb.shift").has_value()) << "no QWERTY";
  EXPECT_FALSE(kiosk.widget("kb.layout.english").has_value());
  EXPECT_FALSE(kiosk.widget("kb.layout.digits").has_value());
  EXPECT_FALSE(kiosk.widget("kb.en.hyphen").has_value()) << "no hyphen needed";
  for (const char* id : {"kb.1", "kb.0", "kb.a", "kb.z", "kb.backspace"})
    EXPECT_TRUE(kiosk.widget(id).has_value()) << id;
  const auto a = kiosk.widget("kb.a");
  const auto b = kiosk.widget("kb.b");
  ASSERT_TRUE(a && b);
  EXPECT_EQ((*a)["text"], "A");
  EXPECT_LT((*a)["rect"][0].get<int>(), (*b)["rect"][0].get<int>()) << "alphabetical";
  kiosk.screenshot("check_keypad");

  std::string compact = ticket.number;
  std::erase(compact, '-');
  int taps = 0;
  for (char c : compact) {
    kiosk.tap("kb." + std::string(1, static_cast<char>(std::tolower(static_cast<unsigned char>(c)))));
    ++taps;
  }
  EXPECT_EQ(taps, static_cast<int>(compact.size()));
  EXPECT_EQ(kiosk.widget("check.number")->value("text", ""), compact);
  kiosk.tap("check.digits");
  type_keys(kiosk, "8000");
  kiosk.tap("nav.next");
  EXPECT_TRUE(kiosk.widget("check.status").has_value()) << kiosk.visible_text();
  EXPECT_FALSE(kiosk.widget("check.not_found").has_value());
  kiosk.screenshot("check_found_typed_without_hyphens");

  kiosk.tap("nav.back");
  kiosk.tap("welcome.check");
  std::string lower = compact;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  kiosk.text(lower);
  kiosk.tap("check.digits");
  kiosk.text("8000");
  kiosk.tap("nav.next");
  EXPECT_TRUE(kiosk.widget("check.status").has_value()) << "lower case, no hyphens, from a keyboard";
}

TEST_F(KioskCheck, WrongTokenLooksExactlyLikeAnUnknownNumber) {
  kiosk.tap("welcome.check");
  std::string forged = ticket.tracking_token;
  forged[0] = forged[0] == 'A' ? 'B' : 'A';
  kiosk.text(url(ticket.number, forged));
  kiosk.key("enter");
  ASSERT_TRUE(kiosk.widget("check.not_found").has_value());
  EXPECT_FALSE(kiosk.widget("check.status").has_value());
  const std::string wrong_token = kiosk.widget("check.not_found")->value("text", "");
  kiosk.screenshot("check_wrong_token");

  kiosk.tap("nav.back");
  kiosk.tap("welcome.check");
  auto parts = parse_ticket_number(ticket.number);  // same day, a later sequence: well formed, never issued
  ASSERT_TRUE(parts.ok());
  TicketNumberParts later = parts.value();
  later.sequence = 99;
  const std::string unknown = format_ticket_number(later);
  kiosk.text(url(unknown, ticket.tracking_token));
  kiosk.key("enter");
  ASSERT_TRUE(kiosk.widget("check.not_found").has_value());
  EXPECT_EQ(kiosk.widget("check.not_found")->value("text", ""), wrong_token);

  kiosk.tap("nav.back");
  kiosk.tap("welcome.check");
  kiosk.text(ticket.number);
  kiosk.tap("check.digits");
  kiosk.text("1234");  // wrong digits
  kiosk.tap("nav.next");
  EXPECT_EQ(kiosk.widget("check.not_found")->value("text", ""), wrong_token);
}

// From the welcome screen: `typed` in the number field, `digits` in the phone's, then Look up.
void look_up(KioskProcess& kiosk, const std::string& typed, const std::string& digits) {
  kiosk.tap("welcome.check");
  kiosk.text(typed);
  kiosk.tap("check.digits");
  kiosk.text(digits);
  kiosk.tap("nav.next");
}

std::string lower_case(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Issue 12's short check code: read off the done screen (large, as on the receipt), typed on
// the number's keypad with the phone's last 4 digits, it opens the same progress as the number;
// a wrong pair is refused with the same "not found" as a wrong number and changes nothing.
TEST(KioskCheckCode, TheCodeFromTheDoneScreenOpensItsProgress) {
  KioskProcess kiosk;
  walk_to(kiosk, "done");
  const auto shown = kiosk.widget("done.check_code");
  ASSERT_TRUE(shown.has_value()) << kiosk.visible_text();
  const std::string printed = shown->value("text", "");
  const auto tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1U);
  ASSERT_EQ(tickets[0].check_code.size(), 6U);
  EXPECT_EQ(printed, format_check_code(tickets[0].check_code));
  EXPECT_TRUE(kiosk.widget("done.check_code_label").has_value());
  EXPECT_GE(shown->value("font_px", 0), kiosk.layout()["min_body_px"].get<int>() * 2)
      << "large, as the number";
  kiosk.screenshot("done_check_code");
  kiosk.tap("nav.next");

  // By number first, to compare what the code shows.
  look_up(kiosk, tickets[0].number, "8000");
  ASSERT_TRUE(kiosk.widget("check.status").has_value());
  const std::string by_number = kiosk.widget("check.status")->value("text", "");
  kiosk.tap("nav.back");

  // The code on the keypad, one tap a symbol, no hyphen.
  kiosk.tap("welcome.check");
  for (const char c : lower_case(tickets[0].check_code)) kiosk.tap("kb." + std::string(1, c));
  kiosk.tap("check.digits");
  type_keys(kiosk, "8000");
  kiosk.tap("nav.next");
  ASSERT_TRUE(kiosk.widget("check.status").has_value()) << kiosk.visible_text();
  EXPECT_EQ(kiosk.widget("check.status")->value("text", ""), by_number);
  EXPECT_FALSE(kiosk.widget("check.not_found").has_value());
  kiosk.screenshot("check_found_by_code");
  kiosk.tap("nav.back");

  // As printed, in lower case, from a keyboard.
  look_up(kiosk, lower_case(printed), "8000");
  EXPECT_TRUE(kiosk.widget("check.status").has_value()) << "lower case, with the hyphen";
  kiosk.tap("nav.back");

  // The right code with wrong digits: refused, as a wrong number is, and nothing changes.
  look_up(kiosk, printed, "1234");
  ASSERT_TRUE(kiosk.widget("check.not_found").has_value());
  EXPECT_FALSE(kiosk.widget("check.status").has_value());
  const std::string refused = kiosk.widget("check.not_found")->value("text", "");
  EXPECT_NE(refused.find("查询码"), std::string::npos) << refused;
  kiosk.screenshot("check_wrong_code_digits");
  kiosk.tap("nav.back");

  // A code no ticket has, with the right digits: the same words.
  std::string other = tickets[0].check_code;
  other[5] = other[5] == 'A' ? 'C' : 'A';
  look_up(kiosk, other, "8000");
  ASSERT_TRUE(kiosk.widget("check.not_found").has_value());
  EXPECT_EQ(kiosk.widget("check.not_found")->value("text", ""), refused);
  EXPECT_EQ(kiosk.tickets().size(), 1U);
  EXPECT_EQ(kiosk.tickets()[0].status, tickets[0].status);
}

}  // namespace
}  // namespace complaint::test
