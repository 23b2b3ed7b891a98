// The themes' colours against WCAG 2.x: every foreground/background pair the widgets paint
// with, in the normal and the high-contrast theme (4.5:1 for text, 3:1 for outlines).
#include <gtest/gtest.h>

#include <string>

#include "kiosk/ui/theme.h"

namespace complaint::ui {
namespace {

TEST(ContrastRatio, MatchesWcagReferenceValues) {
  EXPECT_NEAR(contrast_ratio({0, 0, 0}, {255, 255, 255}), 21.0, 1e-9);
  EXPECT_NEAR(contrast_ratio({255, 255, 255}, {0, 0, 0}), 21.0, 1e-9);
  EXPECT_NEAR(contrast_ratio({118, 118, 118}, {255, 255, 255}), 4.54, 0.01);  // the classic AA grey
  EXPECT_NEAR(contrast_ratio({13, 148, 136}, {255, 255, 255}), 3.74, 0.01);   // issue 12's old teal
  EXPECT_NEAR(contrast_ratio({196, 206, 220}, {243, 246, 250}), 1.47, 0.01);  // and its old outline
  EXPECT_DOUBLE_EQ(contrast_ratio({40, 90, 200}, {40, 90, 200}), 1.0);
}

class ThemeContrast : public ::testing::TestWithParam<Contrast> {};

TEST_P(ThemeContrast, EveryPairMeetsWcag) {
  const Theme theme = Theme::make(GetParam());
  const auto pairs = theme.pairs();
  int text = 0;
  int outline = 0;
  for (const Theme::Pair& pair : pairs) {
    const double ratio = contrast_ratio(pair.fg, pair.bg);
    EXPECT_GE(ratio, minimum_ratio(pair.role)) << pair.name << ": " << ratio << ":1";
    (pair.role == Theme::PairRole::text ? text : outline) += 1;
  }
  EXPECT_GE(text, 15);
  EXPECT_GE(outline, 6);
}

// The pairs issue 12 measured, named so a shortened pairs() list cannot drop them.
TEST_P(ThemeContrast, TheMeasuredPairsAreChecked) {
  const Theme t = Theme::make(GetParam());
  EXPECT_GE(contrast_ratio(t.on_primary, t.accent), 4.5) << "white on the selected colour";
  EXPECT_GE(contrast_ratio(t.text, t.surface), 4.5) << "text on surface";
  EXPECT_GE(contrast_ratio(t.border, t.background), 3.0) << "button, key and field outlines";
  EXPECT_GE(contrast_ratio(t.border, t.surface), 3.0) << "outlines on cards";
  EXPECT_GE(contrast_ratio(t.border, t.surface_alt), 3.0) << "key outlines on the keyboard";
  EXPECT_GE(contrast_ratio(t.on_danger, t.danger), 4.5) << "danger buttons";
  for (const Colour& badge : t.badges) EXPECT_GE(contrast_ratio(t.on_badge, badge), 4.5) << "a category icon";
  EXPECT_GE(contrast_ratio(t.accent, t.surface), 4.5) << "the chosen category's icon";
}

INSTANTIATE_TEST_SUITE_P(Themes, ThemeContrast, ::testing::Values(Contrast::normal, Contrast::high),
                         [](const auto& info) { return info.param == Contrast::high ? "high" : "normal"; });

}  // namespace
}  // namespace complaint::ui
