// Platform: the one place that touches SDL (window, renderer, fonts, text textures, events).
// Window: fullscreen by default, or windowed at any size (portrait too). Implements
// ui::Painter; screens see only InputEvent and Painter. Text textures are cached by
// (text, font, colour) so unchanged text is never re-rendered per frame.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "kiosk/platform/input_event.h"
#include "kiosk/ui/painter.h"

namespace complaint {

enum class WindowMode { fullscreen, windowed };

struct WindowOptions {
  WindowMode mode = WindowMode::fullscreen;
  ui::Size size{1280, 800};  // windowed (and the dummy driver's) size
  std::string title = "complaint-kiosk";
  std::vector<std::string> font_files;  // the fallback chain; empty: default_font_chain()
};

struct FontFace {
  std::string path;
  int index = 0;  // face in a .ttc collection
};

// Noto Sans CJK SC (index 2 of NotoSansCJK-*.ttc), then DejaVu Sans, then Noto Color Emoji.
std::vector<FontFace> default_font_chain(ui::Weight weight);

struct RenderStats {
  std::uint64_t frames = 0;
  std::uint64_t text_renders = 0;  // texture creations (cache misses)
  std::uint64_t text_cache_hits = 0;
  std::uint64_t missing_glyphs = 0;
};

struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // RGBA, row-major, no padding
};

class Platform : public ui::Painter {
 public:
  static Result<std::unique_ptr<Platform>> open(const WindowOptions& options);
  ~Platform() override;
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  // Waits up to timeout_ms (-1: forever) for input; translated events, possibly several.
  std::vector<InputEvent> wait(int timeout_ms);
  // Test control: feeds a synthetic SDL event through the same translation as real input.
  std::vector<InputEvent> inject_tap(ui::Point point, InputKind kind);
  std::vector<InputEvent> inject_text(const std::string& utf8);
  std::vector<InputEvent> inject_key(Key key);
  // Reads lines from `fd` on a thread and delivers them as InputKind::control_line.
  void start_control_reader(int fd);
  int display_dpi() const;  // 0 when the display does not know

  void present();
  Result<RgbaImage> read_pixels();
  const RenderStats& stats() const { return m_stats; }
  std::uint64_t now_ms() const;  // monotonic, for frame timing only

  // ui::Painter
  ui::Size output_size() const override;
  void clear(ui::Colour colour) override;
  void fill_rect(const ui::Rect& rect, ui::Colour colour, int radius) override;
  void stroke_rect(const ui::Rect& rect, ui::Colour colour, int thickness, int radius) override;
  ui::TextMetrics measure(std::string_view text, const ui::Font& font) override;
  void draw_text(std::string_view text, const ui::Font& font, ui::Colour colour, ui::Point top_left) override;
  void set_clip(const ui::Rect& rect) override;
  void reset_clip() override;
  int line_height(const ui::Font& font) override;

  struct Impl;

 private:
  explicit Platform(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
  RenderStats m_stats;
};

// PNG files (libpng): screenshots and reference images.
Result<void> write_png(const std::string& path, const RgbaImage& image);
Result<RgbaImage> read_png(const std::string& path);

}  // namespace complaint
