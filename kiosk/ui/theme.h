// Theme (colours) and Metrics (sizes in pixels from density-independent units). Metrics
// guarantee the physical minimums: touch targets >= 9 mm, body text >= 4.8 mm (x1.5 in
// large-text mode), whatever the resolution or orientation.
#pragma once

#include <array>
#include <vector>

#include "kiosk/ui/geometry.h"
#include "kiosk/ui/painter.h"

namespace complaint::ui {

enum class Contrast { normal, high };
enum class TextSize { normal, large };

struct Theme {
  Colour background;
  Colour surface;      // cards, text areas
  Colour surface_alt;  // keys, secondary buttons
  Colour primary;      // main action
  Colour on_primary;
  Colour accent;  // selection, focus
  Colour text;
  Colour text_muted;
  Colour border;
  Colour danger;
  Colour on_danger;  // text on a danger button
  Colour success;
  Colour scrim;   // behind a modal
  Colour header;  // the top band
  Colour on_header;
  // The category tiles' icon badges (kind screen), one colour per category in turn, each
  // holding its icon in on_badge: text, so 4.5:1 for every one of them.
  std::array<Colour, 12> badges;
  Colour on_badge;

  static Theme make(Contrast contrast);

  // Every foreground/background pair the widgets paint with (kiosk/ui/scene.cpp and the
  // screens), so a test can hold each to WCAG 2.x: text needs 4.5:1, an outline or other
  // non-text mark that tells a control from its surroundings needs 3:1.
  enum class PairRole { text, outline };
  struct Pair {
    const char* name;  // "text on surface"
    Colour fg;
    Colour bg;
    PairRole role;
  };
  std::vector<Pair> pairs() const;
};

// The WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05) of two opaque colours, 1 to 21.
double contrast_ratio(Colour a, Colour b);
double minimum_ratio(Theme::PairRole role);

constexpr double k_min_target_mm = 9.0;
constexpr double k_min_body_text_mm = 4.8;

struct Metrics {
  Size screen;
  double px_per_mm = 96.0 / 25.4;
  double scale = 1.0;  // pixels per dp
  bool portrait = false;
  TextSize text_size = TextSize::normal;

  int min_target = 0;  // pixels
  int gap = 0;         // between widgets
  int margin = 0;      // screen edge
  int radius = 0;
  int button_height = 0;
  int key_height = 0;
  Font title;
  Font heading;
  Font body;
  Font small;  // still >= the body minimum: only for secondary lines
  Font button;
  Font huge;  // the ticket number

  // `dpi` 0: assume 96. The design canvas is 1280x800 (800x1280 in portrait).
  static Metrics make(Size screen, int dpi, TextSize text_size);
  int dp(double units) const;
  int min_body_px() const;
  // A single line of `font` with comfortable padding above and below.
  int line_height_guess(const Font& font) const { return font.px * 3 / 2 + dp(16); }
};

}  // namespace complaint::ui
