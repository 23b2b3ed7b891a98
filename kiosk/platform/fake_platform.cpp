// FakePlatform: scripted input, recorded drawing and the fixed-advance text metrics.
#include "kiosk/platform/fake_platform.h"

#include <algorithm>

#include "core/base/utf8.h"

namespace complaint {

namespace {

// East Asian wide code points (Hangul, CJK, kana, fullwidth forms) and emoji: one em wide.
bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
         (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool has_no_glyph(char32_t cp) {
  return cp >= 0xF0000;  // supplementary private use planes 15 and 16
}

bool intersects(const ui::Rect& a, const ui::Rect& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

}  // namespace

bool DrawnText::visible(ui::Size screen) const {
  if (!intersects(rect, ui::Rect{0, 0, screen.w, screen.h})) return false;
  return !clip || intersects(rect, *clip);
}

FakePlatform::FakePlatform(ui::Size size, int dpi) : m_size(size), m_dpi(dpi) {}

// ---------------------------------------------------------------- input script

void FakePlatform::push(InputEvent event) {
  m_script.push_back({std::move(event)});
}

void FakePlatform::push_tap(ui::Point point) {
  push({InputKind::press, point, {}, Key::none});
  push({InputKind::release, point, {}, Key::none});
}

void FakePlatform::push_text(std::string utf8) {
  push({InputKind::text, {}, std::move(utf8), Key::none});
}

void FakePlatform::push_key(Key key) {
  push({InputKind::key, {}, {}, key});
}

void FakePlatform::push_control_line(std::string line) {
  push({InputKind::control_line, {}, std::move(line), Key::none});
}

void FakePlatform::push_timeout() {
  m_script.push_back({std::nullopt});
}

void FakePlatform::resize(ui::Size size) {
  m_size = size;
  push({InputKind::resized, {}, {}, Key::none});
}

std::vector<InputEvent> FakePlatform::wait(int timeout_ms) {
  m_last_wait_timeout_ms = timeout_ms;
  std::vector<InputEvent> out;
  while (!m_script.empty() && m_script.front().event) {
    out.push_back(std::move(*m_script.front().event));
    m_script.pop_front();
  }
  if (!out.empty()) return out;
  if (!m_script.empty()) m_script.pop_front();  // the timeout mark
  ++m_timed_out_waits;
  if (timeout_ms > 0) m_now_ms += static_cast<std::uint64_t>(timeout_ms);
  return out;
}

// The fake has no event translation of its own: injected input is the event itself.
std::vector<InputEvent> FakePlatform::inject_tap(ui::Point point, InputKind kind) {
  return {{kind, point, {}, Key::none}};
}

std::vector<InputEvent> FakePlatform::inject_text(const std::string& utf8) {
  return {{InputKind::text, {}, utf8, Key::none}};
}

std::vector<InputEvent> FakePlatform::inject_key(Key key) {
  return {{InputKind::key, {}, {}, key}};
}

// ---------------------------------------------------------------- frames

void FakePlatform::present() {
  m_presented = m_drawing;
  ++m_stats.frames;
}

Result<RgbaImage> FakePlatform::read_pixels() {
  if (auto error = m_faults.on_call(FakePlatformOperation::read_pixels)) return *error;
  RgbaImage image;
  image.width = m_size.w;
  image.height = m_size.h;
  const ui::Colour c = m_drawing.background;
  image.pixels.reserve(static_cast<std::size_t>(m_size.w) * static_cast<std::size_t>(m_size.h) * 4);
  for (int i = 0; i < m_size.w * m_size.h; ++i) image.pixels.insert(image.pixels.end(), {c.r, c.g, c.b, 255});
  return image;
}

std::string FakePlatform::shown_text() const {
  std::string all;
  for (const DrawnText& text : m_presented.texts) {
    if (text.visible(m_size)) all += text.text + "\n";
  }
  return all;
}

bool FakePlatform::shows(std::string_view text) const {
  return std::any_of(m_presented.texts.begin(), m_presented.texts.end(), [&](const DrawnText& drawn) {
    return drawn.visible(m_size) && drawn.text.find(text) != std::string::npos;
  });
}

// ---------------------------------------------------------------- painting

void FakePlatform::clear(ui::Colour colour) {
  m_drawing = FakeFrame{colour, {}, {}, {}};
}

void FakePlatform::fill_rect(const ui::Rect& rect, ui::Colour colour, int radius) {
  m_drawing.rects.push_back({rect, colour, radius, 0});
}

void FakePlatform::stroke_rect(const ui::Rect& rect, ui::Colour colour, int thickness, int radius) {
  m_drawing.rects.push_back({rect, colour, radius, thickness});
}

ui::TextMetrics FakePlatform::measure(std::string_view text, const ui::Font& font) {
  ui::TextMetrics metrics;
  metrics.size.h = line_height(font);
  const int narrow = font.px * 6 / 10;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = utf8::decode_next(text, i);
    if (has_no_glyph(cp)) ++metrics.missing_glyphs;  // drawn as a box of the narrow width
    metrics.size.w += is_wide(cp) ? font.px : narrow;
  }
  return metrics;
}

void FakePlatform::draw_text(std::string_view text, const ui::Font& font, ui::Colour colour,
                             ui::Point top_left) {
  if (text.empty()) return;
  const ui::TextMetrics metrics = measure(text, font);
  ++m_stats.text_renders;  // nothing is cached: every draw is a render
  m_stats.missing_glyphs += static_cast<std::uint64_t>(metrics.missing_glyphs);
  m_drawing.texts.push_back(
      {std::string(text), font, colour, {top_left.x, top_left.y, metrics.size.w, metrics.size.h}, m_clip});
}

int FakePlatform::line_height(const ui::Font& font) {
  return font.px * 5 / 4;
}

}  // namespace complaint
