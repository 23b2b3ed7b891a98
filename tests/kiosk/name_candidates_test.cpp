// Pinyin candidates by field in the real kiosk (SDL dummy driver, the real engine, the
// shipped word lists): "wang" in the details text keeps the engine's order (王 not first),
// the same letters in the contact screen's empty name field give the surname 王 first, the
// given name after it comes in the engine's order again, and an emptied name field gives
// surnames first once more. Screenshot: build/test-output/kiosk/name_surname_first.png.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/kiosk/kiosk_process.h"

namespace complaint::test {
namespace {

TEST(KioskNameField, TypingWangOffersTheSurnameFirstOnlyInTheNameField) {
  KioskProcess kiosk;
  walk_to(kiosk, "details");
  type_keys(kiosk, "wang");
  const std::vector<std::string> in_details = candidate_bar(kiosk);
  ASSERT_FALSE(in_details.empty());
  EXPECT_NE(in_details.front(), "王") << "the details field keeps the engine's own order";
  for (int i = 0; i < 4; ++i) kiosk.tap("kb.backspace");
  EXPECT_TRUE(candidate_bar(kiosk).empty());
  kiosk.tap("details.phrase.0");
  kiosk.tap("nav.next");
  kiosk.tap("outcome.choice.0");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "contact");

  kiosk.tap("contact.name");
  type_keys(kiosk, "wang");
  const std::vector<std::string> in_name = candidate_bar(kiosk);
  ASSERT_FALSE(in_name.empty());
  EXPECT_EQ(in_name.front(), "王");
  kiosk.screenshot("name_surname_first");
  kiosk.tap("kb.cand.0");
  EXPECT_EQ(kiosk.widget("contact.name")->value("text", ""), "王");

  type_keys(kiosk, "wang");  // a given name 王王 is rare, but the order is the point
  EXPECT_EQ(candidate_bar(kiosk), in_details) << "after the surname, the engine's order";
  for (int i = 0; i < 4; ++i) kiosk.tap("kb.backspace");
  kiosk.tap("kb.backspace");  // deletes 王: the field is empty again
  EXPECT_EQ(kiosk.widget("contact.name")->value("text", ""), "");
  type_keys(kiosk, "li");
  ASSERT_FALSE(candidate_bar(kiosk).empty());
  EXPECT_EQ(candidate_bar(kiosk).front(), "李");
}

}  // namespace
}  // namespace complaint::test
