// Tracking tokens: length, alphabet, uniqueness, comparison and URL templating.
#include <gtest/gtest.h>

#include <set>

#include "core/domain/tracking_token.h"

namespace complaint {
namespace {

TEST(TrackingToken, HasAtLeastEightyBitsInBase32) {
  auto token = new_tracking_token();
  ASSERT_TRUE(token.ok());
  EXPECT_GE(token->size() * 5, 80u);
  EXPECT_TRUE(is_well_formed_tracking_token(*token)) << *token;
}

TEST(TrackingToken, TokensDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) {
    auto token = new_tracking_token();
    ASSERT_TRUE(token.ok());
    EXPECT_TRUE(seen.insert(*token).second);
  }
}

TEST(TrackingToken, RejectsMalformedTokens) {
  auto token = new_tracking_token();
  ASSERT_TRUE(token.ok());
  EXPECT_FALSE(is_well_formed_tracking_token(""));
  EXPECT_FALSE(is_well_formed_tracking_token(token->substr(1)));
  std::string lower = *token;
  lower[0] = 'a';
  EXPECT_FALSE(is_well_formed_tracking_token(lower));
  std::string with_one = *token;
  with_one[3] = '1';  // not in the base32 alphabet
  EXPECT_FALSE(is_well_formed_tracking_token(with_one));
}

TEST(TrackingToken, ConstantTimeEqualCompares) {
  EXPECT_TRUE(constant_time_equal("ABCDEF", "ABCDEF"));
  EXPECT_FALSE(constant_time_equal("ABCDEF", "ABCDEG"));
  EXPECT_FALSE(constant_time_equal("ABCDEF", "ABCDE"));
  EXPECT_FALSE(constant_time_equal("", "A"));
  EXPECT_TRUE(constant_time_equal("", ""));
}

TEST(TrackingToken, UrlTemplate) {
  EXPECT_EQ(tracking_url("https://desk.example/t/{number}?k={token}", "WH01-K1-20261122-0007-3", "ABC"),
            "https://desk.example/t/WH01-K1-20261122-0007-3?k=ABC");
  EXPECT_EQ(tracking_url("http://h/{token}/{number}/{token}", "N", "T"), "http://h/T/N/T");
}

}  // namespace
}  // namespace complaint
