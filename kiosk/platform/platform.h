// Platform: what the kiosk app needs from the machine: a ui::Painter, input as InputEvent,
// presenting a frame, reading it back, render counters, the display's DPI and a monotonic
// time for frame timing. Implemented over SDL (sdl_platform.h, picked by main.cpp) and by
// FakePlatform (fake_platform.h) for in-process tests of the app and its screens.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "kiosk/platform/input_event.h"
#include "kiosk/ui/painter.h"

namespace complaint {

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
  // Waits up to timeout_ms (-1: forever) for input; translated events, possibly several.
  virtual std::vector<InputEvent> wait(int timeout_ms) = 0;
  // Test control: a synthetic tap, text or key, through the same translation as real input.
  virtual std::vector<InputEvent> inject_tap(ui::Point point, InputKind kind) = 0;
  virtual std::vector<InputEvent> inject_text(const std::string& utf8) = 0;
  virtual std::vector<InputEvent> inject_key(Key key) = 0;
  // Delivers the lines read from `fd` as InputKind::control_line (and quit at its end).
  virtual void start_control_reader(int fd) = 0;
  virtual int display_dpi() const = 0;  // 0 when the display does not know

  virtual void present() = 0;
  virtual Result<RgbaImage> read_pixels() = 0;
  virtual const RenderStats& stats() const = 0;
  virtual std::uint64_t now_ms() const = 0;  // monotonic, for frame timing only
};

// PNG files (libpng): screenshots and reference images.
Result<void> write_png(const std::string& path, const RgbaImage& image);
Result<RgbaImage> read_png(const std::string& path);

}  // namespace complaint
