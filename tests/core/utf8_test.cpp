// UTF-8 helpers: strict validation against the malformed sequences of Unicode Table 3-7,
// code point counting, control removal and trimming of Unicode white space.
#include <gtest/gtest.h>

#include "core/base/utf8.h"

namespace complaint {
namespace {

TEST(Utf8, AcceptsWellFormedTextOfEveryLength) {
  EXPECT_TRUE(utf8::is_valid(""));
  EXPECT_TRUE(utf8::is_valid("abc"));
  EXPECT_TRUE(utf8::is_valid("\xC2\x80"));          // U+0080, smallest 2-byte
  EXPECT_TRUE(utf8::is_valid("\xDF\xBF"));          // U+07FF
  EXPECT_TRUE(utf8::is_valid("投诉"));              // 3-byte CJK
  EXPECT_TRUE(utf8::is_valid("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(utf8::is_valid("\xEE\x80\x80"));      // U+E000, just above them
  EXPECT_TRUE(utf8::is_valid("\xEF\xBF\xBF"));      // U+FFFF
  EXPECT_TRUE(utf8::is_valid("\xF0\x90\x80\x80"));  // U+10000
  EXPECT_TRUE(utf8::is_valid("𠀀😀"));               // CJK Extension B, emoji
  EXPECT_TRUE(utf8::is_valid("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(utf8::is_valid(std::string_view("a\0b", 3)));
}

TEST(Utf8, RejectsOverlongEncodings) {
  EXPECT_FALSE(utf8::is_valid("\xC0\xAF"));          // '/' in two bytes
  EXPECT_FALSE(utf8::is_valid("\xC1\xBF"));          // U+007F in two bytes
  EXPECT_FALSE(utf8::is_valid("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(utf8::is_valid("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(utf8::is_valid("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(utf8::is_valid("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
  EXPECT_FALSE(utf8::is_valid("\xC0\x80"));          // "modified UTF-8" NUL
}

TEST(Utf8, RejectsSurrogatesAndValuesBeyondTheLastCodePoint) {
  EXPECT_FALSE(utf8::is_valid("\xED\xA0\x80"));              // U+D800
  EXPECT_FALSE(utf8::is_valid("\xED\xBF\xBF"));              // U+DFFF
  EXPECT_FALSE(utf8::is_valid("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 pair for 😀
  EXPECT_FALSE(utf8::is_valid("\xF4\x90\x80\x80"));          // U+110000
  EXPECT_FALSE(utf8::is_valid("\xF5\x80\x80\x80"));
  EXPECT_FALSE(utf8::is_valid("\xFF"));
  EXPECT_FALSE(utf8::is_valid("\xFE"));
}

TEST(Utf8, RejectsTruncatedAndStraySequences) {
  EXPECT_FALSE(utf8::is_valid("\xE6\x8A"));          // 投 cut short
  EXPECT_FALSE(utf8::is_valid("abc\xE6"));           // cut at the end
  EXPECT_FALSE(utf8::is_valid("\xF0\x9F\x98"));      // 😀 cut short
  EXPECT_FALSE(utf8::is_valid("\x80"));              // lone continuation byte
  EXPECT_FALSE(utf8::is_valid("\xE6\x8A\x95\x95"));  // one continuation too many
  EXPECT_FALSE(
      utf8::is_valid("\xE6"
                     "a"
                     "\x95"));  // interrupted
  EXPECT_FALSE(utf8::is_valid("\xC3\x28"));
}

TEST(Utf8, CountsCodePointsNotBytes) {
  EXPECT_EQ(utf8::code_points(""), 0u);
  EXPECT_EQ(utf8::code_points("abc"), 3u);
  EXPECT_EQ(utf8::code_points("投诉建议"), 4u);
  EXPECT_EQ(utf8::code_points("a投😀"), 3u);
  EXPECT_EQ(utf8::code_points("\xC0\xAF"), std::nullopt);
}

TEST(Utf8, DecodeAndAppendRoundTrip) {
  const std::string text = "aé投😀\xF4\x8F\xBF\xBF";
  std::string rebuilt;
  std::vector<char32_t> decoded;
  for (std::size_t pos = 0; pos < text.size();) {
    decoded.push_back(utf8::decode_next(text, pos));
    utf8::append(rebuilt, decoded.back());
  }
  EXPECT_EQ(decoded, (std::vector<char32_t>{U'a', U'é', U'投', U'😀', 0x10FFFF}));
  EXPECT_EQ(rebuilt, text);
}

TEST(Utf8, DecodeOfInvalidInputStillAdvances) {
  const std::string text = "\xFF\xE6";
  std::size_t pos = 0;
  EXPECT_EQ(utf8::decode_next(text, pos), 0xFFFDu);
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(utf8::decode_next(text, pos), 0xFFFDu);
  EXPECT_EQ(pos, 2u);
}

TEST(Utf8, AppendNeverWritesInvalidText) {
  std::string out;
  utf8::append(out, 0xD800);
  utf8::append(out, 0x110000);
  EXPECT_EQ(out, "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(utf8::is_valid(out));
}

TEST(Utf8, StripControlsRemovesC0C1AndDel) {
  const std::string text = std::string("a\0b", 3) + "\x07\x1B[31m\x7F" + "\xC2\x85\xC2\x9F" + "投";
  EXPECT_EQ(utf8::strip_controls(text, utf8::KeepNewlines::no), "ab[31m投");
}

// Filing drops what the desk refuses in a kiosk's ticket: the bidirectional controls too.
TEST(Utf8, StripControlsRemovesBidirectionalControls) {
  EXPECT_EQ(utf8::strip_controls("invoice\u202Etxt.exe", utf8::KeepNewlines::yes), "invoicetxt.exe");
  EXPECT_EQ(utf8::strip_controls("a\u2066b\u2069c\u200Fd\u061Ce", utf8::KeepNewlines::no), "abcde");
  EXPECT_EQ(utf8::strip_controls("\u202A\u202B\u202C\u202D\u2067\u2068\u200E", utf8::KeepNewlines::no), "");
  EXPECT_EQ(utf8::strip_controls("\u2065\u2070\u2029", utf8::KeepNewlines::no), "\u2065\u2070\u2029");
}

TEST(Utf8, StripControlsKeepsNewlinesAndTabsWhenAsked) {
  EXPECT_EQ(utf8::strip_controls("a\nb\tc", utf8::KeepNewlines::yes), "a\nb\tc");
  EXPECT_EQ(utf8::strip_controls("a\nb\tc", utf8::KeepNewlines::no), "abc");
  EXPECT_EQ(utf8::strip_controls("a\r\nb\rc", utf8::KeepNewlines::yes), "a\nb\nc");
  EXPECT_EQ(utf8::strip_controls("a\r\nb\rc", utf8::KeepNewlines::no), "abc");
}

TEST(Utf8, TrimRemovesAsciiAndIdeographicSpace) {
  EXPECT_EQ(utf8::trim("  投诉 内容\t\n"), "投诉 内容");
  EXPECT_EQ(utf8::trim("\xE3\x80\x80张三\xE3\x80\x80"), "张三");  // U+3000 around the name
  EXPECT_EQ(utf8::trim("\xC2\xA0x\xE2\x80\x8B"), "x");            // NBSP, zero-width space
  EXPECT_EQ(utf8::trim(" \xE3\x80\x80 "), "");
  EXPECT_EQ(utf8::trim(""), "");
  EXPECT_EQ(utf8::trim("a  b"), "a  b");
}

TEST(Utf8, LengthAtStepsOverWholeCodePointsAndSingleBadBytes) {
  const std::string text = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";  // a é 中 😀
  EXPECT_EQ(utf8::length_at(text, 0), 1u);
  EXPECT_EQ(utf8::length_at(text, 1), 2u);
  EXPECT_EQ(utf8::length_at(text, 3), 3u);
  EXPECT_EQ(utf8::length_at(text, 6), 4u);
  EXPECT_EQ(utf8::length_at(text, text.size()), 0u);
  EXPECT_EQ(utf8::length_at("\x80x", 0), 1u);     // a stray continuation byte
  EXPECT_EQ(utf8::length_at("\xE4\xB8", 0), 1u);  // truncated: one byte, as decode_next
}

TEST(Utf8, PreviousStartNeverSplitsASequence) {
  const std::string text = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";
  EXPECT_EQ(utf8::previous_start(text, text.size()), 6u);
  EXPECT_EQ(utf8::previous_start(text, 6), 3u);
  EXPECT_EQ(utf8::previous_start(text, 3), 1u);
  EXPECT_EQ(utf8::previous_start(text, 1), 0u);
  EXPECT_EQ(utf8::previous_start(text, 0), 0u);
  EXPECT_EQ(utf8::previous_start(text, 8), 6u);                    // inside 😀: back to its start
  EXPECT_EQ(utf8::previous_start("\x80\x80\x80\x80\x80", 5), 1u);  // at most three steps back
}

}  // namespace
}  // namespace complaint
