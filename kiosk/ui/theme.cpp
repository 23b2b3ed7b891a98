// Theme colours (calm blue-grey; high contrast: black/white/yellow) and Metrics sizing.
#include "kiosk/ui/theme.h"

#include <algorithm>
#include <cmath>

namespace complaint::ui {

namespace {

std::array<Colour, 12> one_badge_colour(Colour colour) {
  std::array<Colour, 12> badges;
  badges.fill(colour);
  return badges;
}

}  // namespace

Theme Theme::make(Contrast contrast) {
  if (contrast == Contrast::high) {
    return Theme{
        .background = {0, 0, 0},
        .surface = {0, 0, 0},
        .surface_alt = {28, 28, 28},
        .primary = {255, 214, 0},
        .on_primary = {0, 0, 0},
        .accent = {255, 214, 0},
        .text = {255, 255, 255},
        .text_muted = {230, 230, 230},
        .border = {255, 255, 255},
        .danger = {255, 120, 120},
        .on_danger = {0, 0, 0},
        .success = {120, 255, 160},
        .scrim = {0, 0, 0, 220},
        .header = {0, 0, 0},
        .on_header = {255, 214, 0},
        // One colour, the theme's yellow: black on it is 14:1 and it stands out on black.
        .badges = one_badge_colour({255, 214, 0}),
        .on_badge = {0, 0, 0},
    };
  }
  return Theme{
      .background = {243, 246, 250},
      .surface = {255, 255, 255},
      .surface_alt = {228, 234, 242},
      .primary = {22, 93, 160},
      .on_primary = {255, 255, 255},
      .accent = {15, 118, 110},  // white on it 5.5:1 (the lighter teal was 3.7:1)
      .text = {24, 33, 48},
      .text_muted = {84, 96, 114},
      .border = {118, 130, 150},  // 3.6:1 on the background, 3.2:1 on the keyboard's panel
      .danger = {190, 40, 40},
      .on_danger = {255, 255, 255},
      .success = {20, 120, 70},
      .scrim = {16, 24, 40, 150},
      .header = {16, 62, 110},
      .on_header = {255, 255, 255},
      // Calm, distinct colours each at least 4.9:1 under white (the old teal 13,148,136 was
      // 3.7:1 and the old sky blue 2,132,199 4.1:1).
      .badges = {{{22, 93, 160},
                  {15, 118, 110},
                  {180, 83, 9},
                  {109, 40, 217},
                  {190, 24, 93},
                  {21, 128, 61},
                  {71, 85, 105},
                  {3, 105, 161},
                  {161, 98, 7},
                  {185, 28, 28},
                  {79, 70, 229},
                  {55, 65, 81}}},
      .on_badge = {255, 255, 255},
  };
}

std::vector<Theme::Pair> Theme::pairs() const {
  using R = PairRole;
  static constexpr std::array<const char*, std::tuple_size_v<decltype(badges)>> k_badge_names = {
      "icon on badge 1", "icon on badge 2",  "icon on badge 3",  "icon on badge 4",
      "icon on badge 5", "icon on badge 6",  "icon on badge 7",  "icon on badge 8",
      "icon on badge 9", "icon on badge 10", "icon on badge 11", "icon on badge 12"};
  std::vector<Pair> pairs = {
      {"text on background", text, background, R::text},
      {"text on surface", text, surface, R::text},
      {"text on a key panel", text, surface_alt, R::text},
      {"muted text on background", text_muted, background, R::text},
      {"muted text on surface", text_muted, surface, R::text},
      {"muted text on a key panel (disabled)", text_muted, surface_alt, R::text},
      {"main action text", on_primary, primary, R::text},
      {"secondary button text", primary, surface, R::text},
      {"link text on background", primary, background, R::text},
      {"text on selected", on_primary, accent, R::text},
      {"accent text on surface", accent, surface, R::text},
      {"accent text on a key panel (composing)", accent, surface_alt, R::text},
      {"accent text on background", accent, background, R::text},
      {"danger button text", on_danger, danger, R::text},
      {"error text on background", danger, background, R::text},
      {"error text on surface", danger, surface, R::text},
      {"success text on background", success, background, R::text},
      {"header text", on_header, header, R::text},
      {"outline on background", border, background, R::outline},
      {"outline on surface", border, surface, R::outline},
      {"key outline on the key panel", border, surface_alt, R::outline},
      {"secondary button outline on background", primary, background, R::outline},
      {"secondary key outline on the key panel", primary, surface_alt, R::outline},
      {"selected and focus outline on background", accent, background, R::outline},
      {"selected key on the key panel", accent, surface_alt, R::outline},
      {"main action on background", primary, background, R::outline},
      {"selected tile's icon on its badge", accent, surface, R::text},
      {"switch state word on the off track", on_primary, text_muted, R::text},
      {"switch state word on the on track", on_primary, accent, R::text},
  };
  for (std::size_t i = 0; i < badges.size(); ++i)
    pairs.push_back({k_badge_names[i], on_badge, badges[i], R::text});
  return pairs;
}

namespace {

double linear(std::uint8_t channel) {
  const double c = channel / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(Colour c) {
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

}  // namespace

double contrast_ratio(Colour a, Colour b) {
  const double la = luminance(a);
  const double lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

double minimum_ratio(Theme::PairRole role) {
  return role == Theme::PairRole::text ? 4.5 : 3.0;
}

Metrics Metrics::make(Size screen, int dpi, TextSize text_size) {
  Metrics m;
  m.screen = screen;
  m.px_per_mm = (dpi > 0 ? dpi : 96) / 25.4;
  m.portrait = screen.h > screen.w;
  const double canvas_w = m.portrait ? 800.0 : 1280.0;
  const double canvas_h = m.portrait ? 1280.0 : 800.0;
  m.scale = std::min(screen.w / canvas_w, screen.h / canvas_h);
  m.text_size = text_size;
  m.min_target = static_cast<int>(std::ceil(k_min_target_mm * m.px_per_mm));
  const double text_factor = text_size == TextSize::large ? 1.5 : 1.0;
  const int body_floor = static_cast<int>(std::ceil(k_min_body_text_mm * m.px_per_mm * text_factor));
  auto font = [&](double units, Weight weight, int floor) {
    return Font{std::max(floor, m.dp(units * text_factor)), weight};
  };
  m.body = font(24, Weight::regular, body_floor);
  m.small = font(21, Weight::regular, body_floor);
  m.button = font(26, Weight::bold, body_floor);
  m.heading = font(30, Weight::bold, body_floor);
  m.title = font(38, Weight::bold, body_floor);
  m.huge = font(54, Weight::bold, body_floor);
  m.gap = std::max(6, m.dp(14));
  m.margin = std::max(10, m.dp(32));
  m.radius = std::max(4, m.dp(12));
  m.button_height = std::max({m.min_target, m.dp(72), m.line_height_guess(m.button)});
  m.key_height = std::max({m.min_target, m.dp(58), m.body.px + m.dp(16)});
  return m;
}

int Metrics::dp(double units) const {
  return static_cast<int>(std::lround(units * scale));
}

int Metrics::min_body_px() const {
  const double text_factor = text_size == TextSize::large ? 1.5 : 1.0;
  return static_cast<int>(std::ceil(k_min_body_text_mm * px_per_mm * text_factor));
}

}  // namespace complaint::ui
