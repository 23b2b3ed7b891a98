// SdlPainter: shapes, text and clipping on an SDL renderer.
#include "kiosk/platform/sdl_painter.h"

#include <SDL.h>

#include <algorithm>
#include <cmath>

namespace complaint {

using ui::Colour;
using ui::Font;
using ui::Point;
using ui::Rect;

SdlPainter::SdlPainter(SDL_Renderer* renderer, std::unique_ptr<FontChain> regular,
                       std::unique_ptr<FontChain> bold, RenderStats& stats)
    : m_renderer(renderer),
      m_regular(std::move(regular)),
      m_bold(std::move(bold)),
      m_stats(stats),
      m_textures(renderer),
      m_icons(renderer) {}

SdlPainter::~SdlPainter() {
  for (auto& [key, texture] : m_rings) SDL_DestroyTexture(texture);
}

Result<RgbaImage> SdlPainter::read_pixels() {
  RgbaImage image;
  const ui::Size size = output_size();
  image.width = size.w;
  image.height = size.h;
  image.pixels.resize(static_cast<std::size_t>(size.w) * static_cast<std::size_t>(size.h) * 4);
  if (SDL_RenderReadPixels(m_renderer, nullptr, SDL_PIXELFORMAT_ABGR8888, image.pixels.data(), size.w * 4) !=
      0) {
    return Error::make(ErrorCode::io, std::string("read pixels: ") + SDL_GetError(), "SDL_RenderReadPixels");
  }
  return image;
}

ui::Size SdlPainter::output_size() const {
  int w = 0;
  int h = 0;
  SDL_GetRendererOutputSize(m_renderer, &w, &h);
  return {w, h};
}

void SdlPainter::clear(Colour colour) {
  SDL_SetRenderDrawColor(m_renderer, colour.r, colour.g, colour.b, 255);
  SDL_RenderClear(m_renderer);
}

// ---------------------------------------------------------------- shapes

// An anti-aliased ring (a disc when thickness >= radius), white, coverage in alpha.
SDL_Texture* SdlPainter::ring(int radius, int thickness) {
  const auto key = std::pair{radius, thickness};
  if (auto it = m_rings.find(key); it != m_rings.end()) return it->second;
  const int d = radius * 2;
  SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, d, d, 32, SDL_PIXELFORMAT_ARGB8888);
  auto* px = static_cast<Uint32*>(s->pixels);
  const double outer = radius;
  const double inner = std::max(0, radius - thickness);
  for (int y = 0; y < d; ++y) {
    for (int x = 0; x < d; ++x) {
      int covered = 0;
      for (int sy = 0; sy < 4; ++sy) {
        for (int sx = 0; sx < 4; ++sx) {
          const double dx = x + (sx + 0.5) / 4 - radius;
          const double dy = y + (sy + 0.5) / 4 - radius;
          const double dist = std::sqrt(dx * dx + dy * dy);
          if (dist <= outer && dist >= inner) ++covered;
        }
      }
      px[y * (s->pitch / 4) + x] =
          SDL_MapRGBA(s->format, 255, 255, 255, static_cast<Uint8>(covered * 255 / 16));
    }
  }
  SDL_Texture* texture = SDL_CreateTextureFromSurface(m_renderer, s);
  SDL_FreeSurface(s);
  SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
  m_rings.emplace(key, texture);
  return texture;
}

void SdlPainter::corners(const Rect& r, int radius, int thickness, Colour c) {
  SDL_Texture* t = ring(radius, thickness);
  SDL_SetTextureColorMod(t, c.r, c.g, c.b);
  SDL_SetTextureAlphaMod(t, c.a);
  const int q = radius;
  const SDL_Rect src[4] = {{0, 0, q, q}, {q, 0, q, q}, {0, q, q, q}, {q, q, q, q}};
  const SDL_Rect dst[4] = {{r.x, r.y, q, q},
                           {r.right() - q, r.y, q, q},
                           {r.x, r.bottom() - q, q, q},
                           {r.right() - q, r.bottom() - q, q, q}};
  for (int i = 0; i < 4; ++i) SDL_RenderCopy(m_renderer, t, &src[i], &dst[i]);
}

void SdlPainter::solid(Colour c, const Rect& r) {
  const SDL_Rect rect{r.x, r.y, r.w, r.h};
  SDL_SetRenderDrawBlendMode(m_renderer, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  SDL_SetRenderDrawColor(m_renderer, c.r, c.g, c.b, c.a);
  SDL_RenderFillRect(m_renderer, &rect);
}

void SdlPainter::fill_rect(const Rect& r, Colour colour, int radius) {
  radius = std::min({radius, r.w / 2, r.h / 2});
  if (radius <= 1) {
    solid(colour, r);
    return;
  }
  corners(r, radius, radius, colour);
  solid(colour, Rect{r.x + radius, r.y, r.w - 2 * radius, r.h});
  solid(colour, Rect{r.x, r.y + radius, radius, r.h - 2 * radius});
  solid(colour, Rect{r.right() - radius, r.y + radius, radius, r.h - 2 * radius});
}

void SdlPainter::stroke_rect(const Rect& r, Colour colour, int thickness, int radius) {
  radius = std::min({radius, r.w / 2, r.h / 2});
  const int t = thickness;
  if (radius <= t) {
    solid(colour, Rect{r.x, r.y, r.w, t});
    solid(colour, Rect{r.x, r.bottom() - t, r.w, t});
    solid(colour, Rect{r.x, r.y + t, t, r.h - 2 * t});
    solid(colour, Rect{r.right() - t, r.y + t, t, r.h - 2 * t});
    return;
  }
  corners(r, radius, t, colour);
  solid(colour, Rect{r.x + radius, r.y, r.w - 2 * radius, t});
  solid(colour, Rect{r.x + radius, r.bottom() - t, r.w - 2 * radius, t});
  solid(colour, Rect{r.x, r.y + radius, t, r.h - 2 * radius});
  solid(colour, Rect{r.right() - t, r.y + radius, t, r.h - 2 * radius});
}

// ---------------------------------------------------------------- text and clipping

ui::TextMetrics SdlPainter::measure(std::string_view text, const Font& font) {
  std::string key = text_cache_key(text, font, Colour{});
  if (auto it = m_measures.find(key); it != m_measures.end()) return it->second;
  const ui::TextMetrics metrics = chain(font.weight).measure(text, font.px);
  if (metrics.size.h == 0) return metrics;  // the font cannot open: do not remember it
  if (m_measures.size() > 20000) m_measures.clear();
  m_measures.emplace(std::move(key), metrics);
  return metrics;
}

void SdlPainter::draw_text(std::string_view text, const Font& font, Colour colour, Point top_left) {
  if (text.empty()) return;
  const CachedText* cached = m_textures.get(text, font, colour, chain(font.weight), m_stats);
  if (cached == nullptr) return;
  const SDL_Rect dst{top_left.x, top_left.y, cached->w, cached->h};
  SDL_RenderCopy(m_renderer, cached->texture, nullptr, &dst);
}

bool SdlPainter::draw_icon(std::string_view icon, const Rect& rect, Colour colour) {
  return m_icons.draw(icon, rect, colour);
}

void SdlPainter::set_clip(const Rect& rect) {
  const SDL_Rect clip{rect.x, rect.y, rect.w, rect.h};
  SDL_RenderSetClipRect(m_renderer, &clip);
}

void SdlPainter::reset_clip() {
  SDL_RenderSetClipRect(m_renderer, nullptr);
}

int SdlPainter::line_height(const Font& font) {
  return chain(font.weight).line_height(font.px);
}

}  // namespace complaint
