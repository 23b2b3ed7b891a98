// group_phone_digits: a phone number as people read it, for display only (the contact screen
// while typing, review); landline_area_code_length is the phone rule's own area-code rule.
#include "core/validation/phone_digits.h"

#include <gtest/gtest.h>

#include <utility>

#include "core/validation/ticket_validation.h"

namespace complaint {
namespace {

TEST(PhoneDigits, MobileReadsThreeFourFourWhileTyping) {
  EXPECT_EQ(group_phone_digits(""), "");
  EXPECT_EQ(group_phone_digits("1"), "1");
  EXPECT_EQ(group_phone_digits("138"), "138");
  EXPECT_EQ(group_phone_digits("1380"), "138 0");
  EXPECT_EQ(group_phone_digits("1380013"), "138 0013");
  EXPECT_EQ(group_phone_digits("13800138"), "138 0013 8");
  EXPECT_EQ(group_phone_digits("13800138000"), "138 0013 8000");
  EXPECT_EQ(group_phone_digits("138001380001"), "138 0013 8000 1");  // too long: still shown whole
}

TEST(PhoneDigits, LandlineReadsAreaCodeThenFours) {
  EXPECT_EQ(group_phone_digits("01012345678"), "010 1234 5678");
  EXPECT_EQ(group_phone_digits("02187654321"), "021 8765 4321");
  EXPECT_EQ(group_phone_digits("057187654321"), "0571 8765 4321");
  EXPECT_EQ(group_phone_digits("05718765432"), "0571 8765 432");
  EXPECT_EQ(group_phone_digits("05"), "05");      // area code not known yet
  EXPECT_EQ(group_phone_digits("0011"), "0011");  // "00": not an area code
}

TEST(PhoneDigits, AnythingButDigitsIsLeftAlone) {
  EXPECT_EQ(group_phone_digits("010-12345678"), "010-12345678");
  EXPECT_EQ(group_phone_digits("8613800138000"), "8613800138000");
}

// The +86 / 0086 a USB keyboard or the keypad gives stands apart, and the rest reads as at
// home (a landline after +86 without its trunk 0), while it is typed too.
TEST(PhoneDigits, ACountryCodeStandsApart) {
  EXPECT_EQ(group_phone_digits("+"), "+");
  EXPECT_EQ(group_phone_digits("+8"), "+8");
  EXPECT_EQ(group_phone_digits("+86"), "+86");
  EXPECT_EQ(group_phone_digits("+861"), "+86 1");
  EXPECT_EQ(group_phone_digits("+861380"), "+86 138 0");
  EXPECT_EQ(group_phone_digits("+8613800138000"), "+86 138 0013 8000");
  EXPECT_EQ(group_phone_digits("008613800138000"), "0086 138 0013 8000");
  EXPECT_EQ(group_phone_digits("+861012345678"), "+86 10 1234 5678");
  EXPECT_EQ(group_phone_digits("+8657187654321"), "+86 571 8765 4321");
  EXPECT_EQ(group_phone_digits("+8610"), "+86 10");
  EXPECT_EQ(group_phone_digits("+85212345678"), "+85212345678");  // not China: as typed
}

TEST(PhoneDigits, TheGroupedNumberNormalisesToTheStoredDigits) {
  for (auto [typed, stored] :
       {std::pair{"+8613800138000", "13800138000"}, std::pair{"008613800138000", "13800138000"},
        std::pair{"+861012345678", "01012345678"}}) {
    auto normal = normalize_phone(group_phone_digits(typed));
    ASSERT_TRUE(normal.ok()) << typed;
    EXPECT_EQ(*normal, stored);
  }
  for (const char* digits : {"13800138000", "01012345678", "057187654321", "05718765432"}) {
    auto normal = normalize_phone(group_phone_digits(digits));
    ASSERT_TRUE(normal.ok()) << digits;
    EXPECT_EQ(*normal, digits);
  }
}

TEST(PhoneDigits, AreaCodeLengthIsThePhoneRules) {
  EXPECT_EQ(landline_area_code_length("010"), 2U);
  EXPECT_EQ(landline_area_code_length("011"), 0U);
  EXPECT_EQ(landline_area_code_length("021"), 2U);
  EXPECT_EQ(landline_area_code_length("0571"), 3U);
  EXPECT_EQ(landline_area_code_length("001"), 0U);
  EXPECT_EQ(landline_area_code_length("138"), 0U);
  EXPECT_EQ(landline_area_code_length("05"), 0U);
}

}  // namespace
}  // namespace complaint
