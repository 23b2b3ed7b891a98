// log_safe: nothing a client sends can start a new journal line or hide text, and ordinary
// Chinese and English text is logged unchanged.
#include "core/base/log_text.h"

#include <gtest/gtest.h>

namespace complaint {
namespace {

TEST(LogSafe, KeepsOrdinaryTextAsItIs) {
  EXPECT_EQ(log_safe("GET /t/WH01-K1-20261120-0001-E 200 0B"), "GET /t/WH01-K1-20261120-0001-E 200 0B");
  EXPECT_EQ(log_safe("王芳 (supervisor) signed in from 10.0.0.7"),
            "王芳 (supervisor) signed in from 10.0.0.7");
  EXPECT_EQ(log_safe("emoji 😀 ok"), "emoji 😀 ok");
  EXPECT_EQ(log_safe(""), "");
}

TEST(LogSafe, LineBreaksCannotForgeALine) {
  const std::string forged = log_safe("/x\nsup (supervisor) signed in from 127.0.0.1\r\n");
  EXPECT_EQ(forged.find('\n'), std::string::npos);
  EXPECT_EQ(forged.find('\r'), std::string::npos);
  EXPECT_EQ(forged, "/x\\nsup (supervisor) signed in from 127.0.0.1\\r\\n");
}

TEST(LogSafe, ControlsEscapesAndBadBytesBecomeVisible) {
  EXPECT_EQ(log_safe(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(log_safe("\x1b[2Jclear"), "\\x1B[2Jclear");
  EXPECT_EQ(log_safe("tab\there\x7f"), "tab\\there\\x7F");
  EXPECT_EQ(log_safe("\xff\xfe"), "\\xFF\\xFE");
  EXPECT_EQ(log_safe("cut \xe4\xb8"), "cut \\xE4\\xB8");  // a truncated sequence
  EXPECT_EQ(log_safe("\xc2\x85next"), "\\u{0085}next");   // C1 NEXT LINE
}

TEST(LogSafe, BidirectionalControlsCannotReorderWhatIsShown) {
  EXPECT_EQ(log_safe("name\u202Egnp.exe"), "name\\u{202E}gnp.exe");
  EXPECT_EQ(log_safe("\u2066x\u2069"), "\\u{2066}x\\u{2069}");
}

}  // namespace
}  // namespace complaint
