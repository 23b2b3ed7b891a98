// Masking of names and phones on receipts and public pages.
#include <gtest/gtest.h>

#include "core/privacy/masking.h"

namespace complaint {
namespace {

TEST(Masking, ChineseNamesKeepTheSurnameOnly) {
  EXPECT_EQ(mask_name("张三"), "张*");
  EXPECT_EQ(mask_name("欧阳娜娜"), "欧***");
  EXPECT_EQ(mask_name("李"), "李");
}

TEST(Masking, LatinNamesKeepInitials) {
  EXPECT_EQ(mask_name("John Smith"), "J*** S****");
  EXPECT_EQ(mask_name(""), "");
}

TEST(Masking, PhonesKeepFirstThreeAndLastFour) {
  EXPECT_EQ(mask_phone("13800138000"), "138****8000");
  EXPECT_EQ(mask_phone("057187654321"), "057*****4321");
  EXPECT_EQ(mask_phone("1234"), "****");
  EXPECT_EQ(mask_phone(""), "");
}

TEST(Masking, NeverContainsTheMiddleDigits) {
  const std::string masked = mask_phone("13912345678");
  EXPECT_EQ(masked.find("1234"), std::string::npos);
  EXPECT_EQ(masked.find("2345"), std::string::npos);
}

}  // namespace
}  // namespace complaint
