// FakePlatform: the Platform for in-process tests of the app and its screens. Text metrics
// are deterministic (a fixed advance per code point, CJK and emoji twice as wide as others;
// private-use planes 15-16 count as missing glyphs, as no real font has them); every draw
// call is recorded per frame; wait() returns scripted input; now_ms() moves only when told
// (or by a wait that times out). Nothing is rasterised: read_pixels() gives a blank image
// of the clear colour, or the error scripted with faults().
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/fault_script.h"
#include "kiosk/platform/platform.h"

namespace complaint {

enum class FakePlatformOperation { read_pixels };

struct DrawnText {
  std::string text;
  ui::Font font;
  ui::Colour colour;
  ui::Rect rect;                 // top-left as drawn, size as measure() gives it
  std::optional<ui::Rect> clip;  // set_clip() in force when drawn
  // Not entirely clipped away (a scrolled viewport) nor off the screen.
  bool visible(ui::Size screen) const;
};

struct DrawnRect {
  ui::Rect rect;
  ui::Colour colour;
  int radius = 0;
  int thickness = 0;  // 0: filled (fill_rect); else stroke_rect's line width
};

struct DrawnIcon {
  std::string icon;
  ui::Rect rect;
  ui::Colour colour;
};

struct FakeFrame {
  ui::Colour background;
  std::vector<DrawnText> texts;  // in drawing order
  std::vector<DrawnRect> rects;
  std::vector<DrawnIcon> icons;
};

class FakePlatform final : public Platform {
 public:
  explicit FakePlatform(ui::Size size = {1280, 800}, int dpi = 0);

  // ---- the input script, in the order wait() hands it out
  void push(InputEvent event);
  void push_tap(ui::Point point);  // press then release at `point`
  void push_text(std::string utf8);
  void push_key(Key key);
  void push_control_line(std::string line);
  // wait() stops before this mark; the events after it come with the next wait().
  void push_timeout();
  std::size_t queued() const { return m_script.size(); }
  // The timeout the app asked its last wait() for (-1: forever), and how many waits timed out.
  int last_wait_timeout_ms() const { return m_last_wait_timeout_ms; }
  int timed_out_waits() const { return m_timed_out_waits; }
  // The window is resized (as by the user); the app is told with InputKind::resized.
  void resize(ui::Size size);

  void advance_ms(std::uint64_t ms) { m_now_ms += ms; }
  FaultScript<FakePlatformOperation>& faults() { return m_faults; }
  int control_reader_fd() const { return m_control_fd; }  // -1: never started

  // ---- what was drawn
  const FakeFrame& last_frame() const { return m_presented; }  // at the last present()
  // The visible texts of the last frame, one per line, in drawing order.
  std::string shown_text() const;
  bool shows(std::string_view text) const;  // some visible text of the last frame contains it

  // Platform
  std::vector<InputEvent> wait(int timeout_ms) override;
  std::vector<InputEvent> inject_tap(ui::Point point, InputKind kind) override;
  std::vector<InputEvent> inject_text(const std::string& utf8) override;
  std::vector<InputEvent> inject_key(Key key) override;
  void start_control_reader(int fd) override { m_control_fd = fd; }  // lines are scripted instead
  int display_dpi() const override { return m_dpi; }
  void present() override;
  Result<RgbaImage> read_pixels() override;
  const RenderStats& stats() const override { return m_stats; }
  std::uint64_t now_ms() const override { return m_now_ms; }

  // ui::Painter
  ui::Size output_size() const override { return m_size; }
  void clear(ui::Colour colour) override;
  void fill_rect(const ui::Rect& rect, ui::Colour colour, int radius) override;
  void stroke_rect(const ui::Rect& rect, ui::Colour colour, int thickness, int radius) override;
  ui::TextMetrics measure(std::string_view text, const ui::Font& font) override;
  void draw_text(std::string_view text, const ui::Font& font, ui::Colour colour, ui::Point top_left) override;
  // Records every icon and "has" every one: in-process tests check which icon a screen names.
  bool draw_icon(std::string_view icon, const ui::Rect& rect, ui::Colour colour) override {
    m_drawing.icons.push_back({std::string(icon), rect, colour});
    return true;
  }
  void set_clip(const ui::Rect& rect) override { m_clip = rect; }
  void reset_clip() override { m_clip.reset(); }
  int line_height(const ui::Font& font) override;

 private:
  struct Scripted {
    std::optional<InputEvent> event;  // empty: a timeout mark
  };
  ui::Size m_size;
  int m_dpi;
  std::deque<Scripted> m_script;
  int m_last_wait_timeout_ms = 0;
  int m_timed_out_waits = 0;
  std::uint64_t m_now_ms = 0;
  int m_control_fd = -1;
  FaultScript<FakePlatformOperation> m_faults;
  RenderStats m_stats;
  std::optional<ui::Rect> m_clip;
  FakeFrame m_drawing;    // since the last clear()
  FakeFrame m_presented;  // at the last present()
};

}  // namespace complaint
