// SdlPainter: ui::Painter over an SDL renderer: solid and rounded rectangles (anti-aliased
// corner rings, cached per radius and thickness), text through the font chains and the
// texture cache, clipping, and reading the frame back. measure() and draw_text() agree to
// the pixel because both go through FontChain. It does not own the renderer.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

#include "kiosk/platform/platform.h"
#include "kiosk/platform/sdl_fonts.h"
#include "kiosk/platform/sdl_icons.h"
#include "kiosk/platform/sdl_text_cache.h"

struct SDL_Renderer;
struct SDL_Texture;

namespace complaint {

class SdlPainter final : public ui::Painter {
 public:
  // Text renders, cache hits and missing glyphs are counted into `stats`.
  SdlPainter(SDL_Renderer* renderer, std::unique_ptr<FontChain> regular, std::unique_ptr<FontChain> bold,
             RenderStats& stats);
  ~SdlPainter() override;  // frees its textures: call before the renderer is destroyed
  SdlPainter(const SdlPainter&) = delete;
  SdlPainter& operator=(const SdlPainter&) = delete;

  Result<RgbaImage> read_pixels();

  ui::Size output_size() const override;
  void clear(ui::Colour colour) override;
  void fill_rect(const ui::Rect& rect, ui::Colour colour, int radius) override;
  void stroke_rect(const ui::Rect& rect, ui::Colour colour, int thickness, int radius) override;
  ui::TextMetrics measure(std::string_view text, const ui::Font& font) override;
  void draw_text(std::string_view text, const ui::Font& font, ui::Colour colour, ui::Point top_left) override;
  bool draw_icon(std::string_view icon, const ui::Rect& rect, ui::Colour colour) override;
  void set_icons_dir(std::string dir) { m_icons.set_dir(std::move(dir)); }
  void set_clip(const ui::Rect& rect) override;
  void reset_clip() override;
  int line_height(const ui::Font& font) override;

 private:
  FontChain& chain(ui::Weight weight) { return weight == ui::Weight::bold ? *m_bold : *m_regular; }
  SDL_Texture* ring(int radius, int thickness);
  void corners(const ui::Rect& rect, int radius, int thickness, ui::Colour colour);
  void solid(ui::Colour colour, const ui::Rect& rect);

  SDL_Renderer* m_renderer;
  std::unique_ptr<FontChain> m_regular;
  std::unique_ptr<FontChain> m_bold;
  RenderStats& m_stats;
  TextTextureCache m_textures;
  IconTextureCache m_icons;
  std::unordered_map<std::string, ui::TextMetrics> m_measures;
  std::map<std::pair<int, int>, SDL_Texture*> m_rings;  // (radius, thickness) -> anti-aliased ring
};

}  // namespace complaint
