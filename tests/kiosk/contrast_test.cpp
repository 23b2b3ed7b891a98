// The welcome screen's high-contrast switch (beside 大字模式): it changes the theme for the
// rest of the customer's session, and the end of the session (idle reset) returns to the
// theme the config file chose, as for the text size.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "kiosk/platform/platform.h"
#include "kiosk/ui/theme.h"
#include "tests/kiosk/kiosk_process.h"
#include "tests/kiosk/layout_checks.h"

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

ui::Colour pixel(const RgbaImage& png, int x, int y) {
  const std::size_t i = (static_cast<std::size_t>(y) * png.width + x) * 4;
  return {png.pixels[i], png.pixels[i + 1], png.pixels[i + 2]};
}

// The colour inside `inner` that stands out most from `fill`: a glyph's or an outline's own
// colour (its anti-aliased edge pixels lie between the two and contrast less).
double strongest_contrast(const RgbaImage& png, const Box& inner, ui::Colour fill) {
  double best = 1.0;
  for (int y = std::max(0, inner.y); y < std::min(png.height, inner.y + inner.h); ++y)
    for (int x = std::max(0, inner.x); x < std::min(png.width, inner.x + inner.w); ++x)
      best = std::max(best, ui::contrast_ratio(pixel(png, x, y), fill));
  return best;
}

struct Counted {
  int badges = 0;
  int outlines = 0;
};

// The screen as painted: every category icon against its badge (the badge's fill read at its
// left edge, beside the glyph) >= 4.5:1, and every outlined control's edge (its outline or, if
// that stands out more, its fill) against what it sits on (read just outside its left edge)
// >= 3:1.
Counted check_painted_contrast(KioskProcess& kiosk, const std::string& name) {
  Counted counted;
  auto image = read_png(kiosk.screenshot(name));
  EXPECT_TRUE(image.ok()) << name;
  if (!image.ok()) return counted;
  const RgbaImage& png = image.value();
  const nlohmann::json layout = kiosk.layout();
  for (const auto& w : layout["widgets"]) {
    const std::string id = w["id"];
    const Box r = box(w["rect"]);
    if (id.ends_with(".badge")) {
      const ui::Colour fill = pixel(png, r.x + 2, r.y + r.h / 2);
      const double ratio =
          strongest_contrast(png, {r.x + r.w / 8, r.y + r.h / 8, r.w * 3 / 4, r.h * 3 / 4}, fill);
      EXPECT_GE(ratio, 4.5) << name << " " << id << ": the icon on its badge is " << ratio << ":1";
      ++counted.badges;
    } else if (w.contains("border") && r.x >= 2 &&
               (w["kind"] == "button" || w["kind"] == "key" || w["kind"] == "toggle" ||
                w["kind"] == "text_area")) {
      const int width = w["border_width"];
      const ui::Colour outside = pixel(png, r.x - 2, r.y + r.h / 2);
      // The outline, or the fill just inside it when the fill is what stands out (a white
      // button on the dark header).
      const double ratio = strongest_contrast(png, {r.x, r.y + r.h / 2, width + 3, 1}, outside);
      EXPECT_GE(ratio, 3.0) << name << " " << id << ": its outline is " << ratio << ":1";
      ++counted.outlines;
    }
  }
  return counted;
}

// In each theme: the category screen with one tile chosen (back from details), and the
// contact screen's fields, switches and keypad. Issue 12 measured white on the teal badge at
// 3.7:1 and the outlines at 1.5:1.
TEST(KioskContrast, IconsAndOutlinesOnScreenMeetWcag) {
  for (const Mode mode : {Mode::normal, Mode::high_contrast}) {
    KioskOptions options;
    options.extra_config = mode_config(mode);
    KioskProcess kiosk(options);
    walk_to(kiosk, "details");
    kiosk.tap("nav.back");
    ASSERT_EQ(kiosk.screen(), "kind");
    const Counted kind = check_painted_contrast(kiosk, "contrast_kind" + mode_suffix(mode));
    EXPECT_GE(kind.badges, 6) << mode_suffix(mode);
    EXPECT_GE(kind.outlines, 6) << mode_suffix(mode);

    kiosk.tap("topic.rude_staff");
    kiosk.tap("details.phrase.0");
    kiosk.tap("nav.next");
    kiosk.tap("outcome.choice.0");
    kiosk.tap("nav.next");
    ASSERT_EQ(kiosk.screen(), "contact");
    type_keys(kiosk, "13800138000");
    const Counted contact = check_painted_contrast(kiosk, "contrast_contact" + mode_suffix(mode));
    EXPECT_GE(contact.outlines, 14) << mode_suffix(mode) << ": keys, fields and switches";
  }
}

}  // namespace
}  // namespace complaint::test
