// The SDL platform: a fullscreen window (or windowed at any size, portrait too) with a
// renderer, SDL_ttf fonts, event translation and the test-control reader. main.cpp opens it;
// everything else sees only the Platform interface.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kiosk/platform/platform.h"

namespace complaint {

enum class WindowMode { fullscreen, windowed };

struct WindowOptions {
  WindowMode mode = WindowMode::fullscreen;
  ui::Size size{1280, 800};  // windowed (and the dummy driver's) size
  std::string title = "complaint-kiosk";
  std::vector<std::string> font_files;  // the fallback chain; empty: default_font_chain()
  std::string icons_dir;                // the pictograms, <icons_dir>/<icon>.svg (assets/icons)
};

// Fails with `unavailable` when there is no display (SDL would fall back to a window-less
// driver that was not asked for by SDL_VIDEODRIVER), no renderer or no usable font.
Result<std::unique_ptr<Platform>> open_sdl_platform(const WindowOptions& options);

}  // namespace complaint
