// The welcome screen's high-contrast switch (beside 大字模式): it changes the theme for the
// rest of the customer's session, and the end of the session (idle reset) returns to the
// theme the config file chose, as for the text size.
#include <gtest/gtest.h>

#include <string>

#include "kiosk/platform/platform.h"
#include "tests/kiosk/kiosk_process.h"

namespace complaint::test {
namespace {

// The colour of the screen's bottom-right pixel: the page background, in every theme.
std::string background_of(KioskProcess& kiosk, const std::string& name) {
  auto image = read_png(kiosk.screenshot(name));
  if (!image.ok()) return "unreadable";
  const RgbaImage& png = image.value();
  const std::size_t i = (static_cast<std::size_t>(png.height - 1) * png.width + (png.width - 1)) * 4;
  return std::to_string(png.pixels[i]) + "," + std::to_string(png.pixels[i + 1]) + "," +
         std::to_string(png.pixels[i + 2]);
}

bool high_contrast(KioskProcess& kiosk) {
  return kiosk.send("layout")["high_contrast"].get<bool>();
}

// Lets the customer's session time out: the idle question, then its countdown.
void walk_away(KioskProcess& kiosk) {
  kiosk.advance(60);
  kiosk.advance(15);
}

TEST(KioskContrast, WelcomeSwitchTurnsItOnForTheSessionAndTheResetRestoresTheConfiguredTheme) {
  KioskProcess kiosk;
  EXPECT_FALSE(high_contrast(kiosk));
  EXPECT_EQ(background_of(kiosk, "contrast_welcome_normal"), "243,246,250");
  ASSERT_TRUE(kiosk.widget("welcome.high_contrast").has_value());
  EXPECT_EQ((*kiosk.widget("welcome.high_contrast"))["text"], "高对比度");

  kiosk.tap("welcome.high_contrast");
  EXPECT_TRUE(high_contrast(kiosk));
  EXPECT_EQ((*kiosk.widget("welcome.high_contrast"))["text"], "高对比度：已开启");
  EXPECT_EQ(background_of(kiosk, "contrast_welcome_high"), "0,0,0");
  kiosk.tap("welcome.lang.en");
  EXPECT_EQ((*kiosk.widget("welcome.high_contrast"))["text"], "High contrast: on");
  kiosk.tap("welcome.lang.zh");

  kiosk.tap("welcome.large_text");  // both modes together, beside each other
  kiosk.tap("welcome.complaint");
  ASSERT_EQ(kiosk.screen(), "kind");
  EXPECT_TRUE(high_contrast(kiosk)) << "the theme stays for the whole session";
  EXPECT_EQ(background_of(kiosk, "contrast_kind_high"), "0,0,0");

  walk_away(kiosk);
  ASSERT_EQ(kiosk.screen(), "welcome");
  EXPECT_FALSE(high_contrast(kiosk)) << "the next customer gets the configured theme";
  EXPECT_FALSE(kiosk.send("layout")["large_text"].get<bool>());
  EXPECT_EQ(background_of(kiosk, "contrast_welcome_after_reset"), "243,246,250");

  // Off again with a second tap.
  kiosk.tap("welcome.high_contrast");
  kiosk.tap("welcome.high_contrast");
  EXPECT_FALSE(high_contrast(kiosk));
}

TEST(KioskContrast, ConfiguredHighContrastCanBeSwitchedOffAndComesBackAfterTheSession) {
  KioskOptions options;
  options.extra_config = "[kiosk]\nhigh_contrast = true\n";
  KioskProcess kiosk(options);
  EXPECT_TRUE(high_contrast(kiosk));
  EXPECT_EQ((*kiosk.widget("welcome.high_contrast"))["text"], "高对比度：已开启");
  kiosk.tap("welcome.high_contrast");
  EXPECT_FALSE(high_contrast(kiosk));
  kiosk.tap("welcome.complaint");
  walk_away(kiosk);
  ASSERT_EQ(kiosk.screen(), "welcome");
  EXPECT_TRUE(high_contrast(kiosk));
  EXPECT_EQ(background_of(kiosk, "contrast_configured_after_reset"), "0,0,0");
}

}  // namespace
}  // namespace complaint::test
