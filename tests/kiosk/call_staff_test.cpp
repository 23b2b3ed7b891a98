// "呼叫工作人员 / Call staff" through the real kiosk: the button is on every customer screen
// (never on the staff screens), a press is kept in the kiosk's file before the screen answers,
// the customer's entries survive it, and a kiosk that cannot reach a desk sends the customer
// to the counter with the hotline, in the customer's language. The desk side (the request
// reaching the console) is tests/desk/kiosk_sync_test.cpp.
#include <gtest/gtest.h>

#include "core/store/sqlite_kiosk_sync_store.h"
#include "tests/kiosk/kiosk_process.h"

namespace complaint::test {
namespace {

KioskOptions with_hotline() {
  KioskOptions options;
  options.extra_config = "[site]\nhotline = \"400-820-0000\"\n";
  options.staff_pin = "246810";
  return options;
}

std::vector<HelpRequest> kept_requests(const KioskProcess& kiosk) {
  auto store = SqliteKioskSyncStore::open(kiosk.folder() + "/kiosk.db");
  if (!store.ok()) {
    ADD_FAILURE() << store.error().message;
    return {};
  }
  auto pending = (*store)->pending_help(100);
  if (!pending.ok()) ADD_FAILURE() << pending.error().message;
  return pending.ok() ? *pending : std::vector<HelpRequest>{};
}

TEST(KioskCallStaff, TheButtonIsOnEveryCustomerScreenAndOnNoStaffScreen) {
  for (const char* screen :
       {"welcome", "kind", "details", "outcome", "contact", "consent", "review", "done"}) {
    KioskProcess kiosk(with_hotline());
    walk_to(kiosk, screen);
    ASSERT_EQ(kiosk.screen(), screen);
    EXPECT_TRUE(kiosk.widget("frame.call_staff").has_value()) << screen;
  }
  KioskProcess kiosk(with_hotline());
  kiosk.tap("welcome.check");
  ASSERT_EQ(kiosk.screen(), "check_progress");
  EXPECT_TRUE(kiosk.widget("frame.call_staff").has_value()) << "check_progress";
  kiosk.tap("nav.back");
  open_pin_pad(kiosk);
  ASSERT_EQ(kiosk.screen(), "staff_pin");
  EXPECT_FALSE(kiosk.widget("frame.call_staff").has_value()) << "staff_pin";
  enter_pin(kiosk, "246810");
  ASSERT_EQ(kiosk.screen(), "staff_menu");
  EXPECT_FALSE(kiosk.widget("frame.call_staff").has_value()) << "staff_menu";
}

TEST(KioskCallStaff, OfflineThePressIsKeptAndTheCustomerIsSentToTheCounterWithTheHotline) {
  KioskProcess kiosk(with_hotline());  // no [sync]: no desk to tell
  walk_to(kiosk, "details");
  kiosk.tap("details.phrase.0");
  const std::string typed = kiosk.widget("details.text")->value("text", "");
  ASSERT_FALSE(typed.empty());
  kiosk.tap("frame.call_staff");
  ASSERT_EQ(kiosk.screen(), "call_staff");
  const std::string zh = kiosk.visible_text();
  EXPECT_NE(zh.find("请到服务柜台"), std::string::npos) << zh;
  EXPECT_NE(zh.find("400-820-0000"), std::string::npos) << zh;
  EXPECT_NE(zh.find("您已填写的内容都还在"), std::string::npos) << zh;
  EXPECT_EQ(zh.find(typed), std::string::npos) << "the call screen shows nothing the customer typed";
  kiosk.screenshot("call_staff_offline_zh");

  const std::vector<HelpRequest> kept = kept_requests(kiosk);
  ASSERT_EQ(kept.size(), 1u) << "kept in the kiosk's file for the desk";
  EXPECT_EQ(kept[0].screen, "details");
  EXPECT_EQ(kept[0].language, "zh-CN");

  kiosk.tap("nav.back");
  ASSERT_EQ(kiosk.screen(), "details");
  EXPECT_EQ(kiosk.widget("details.text")->value("text", ""), typed) << "the customer's words are still there";
  EXPECT_TRUE(kiosk.tickets().empty()) << "calling staff files nothing";
}

TEST(KioskCallStaff, InEnglishTheCallScreenSpeaksEnglish) {
  KioskProcess kiosk(with_hotline());
  kiosk.tap("welcome.lang.en");
  kiosk.tap("frame.call_staff");
  ASSERT_EQ(kiosk.screen(), "call_staff");
  const std::string en = kiosk.visible_text();
  EXPECT_NE(en.find("Please go to the service counter"), std::string::npos) << en;
  EXPECT_NE(en.find("Hotline: 400-820-0000"), std::string::npos) << en;
  kiosk.screenshot("call_staff_offline_en");
  const std::vector<HelpRequest> kept = kept_requests(kiosk);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].screen, "welcome");
  EXPECT_EQ(kept[0].language, "en");
  kiosk.tap("nav.back");
  EXPECT_EQ(kiosk.screen(), "welcome");
}

TEST(KioskCallStaff, AnIdleCallScreenIsResetLikeAnyOther) {
  KioskProcess kiosk(with_hotline());
  walk_to(kiosk, "contact");
  kiosk.tap("frame.call_staff");
  ASSERT_EQ(kiosk.screen(), "call_staff");
  kiosk.advance(60);
  kiosk.advance(15);
  EXPECT_EQ(kiosk.screen(), "welcome");
  EXPECT_TRUE(kiosk.session()["empty"].get<bool>());
}

}  // namespace
}  // namespace complaint::test
