// IconTextureCache: the taxonomy's pictograms (assets/icons/<icon>.svg, single-colour line
// drawings) rasterised by SDL2_image at the exact pixel size they are drawn at, so they stay
// crisp at every text size and screen. Each (icon, side) is rendered once, white on
// transparent, and tinted per draw by the texture's colour modulation: one texture serves
// every theme colour. Missing or unreadable files are remembered, not re-read every frame.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "kiosk/ui/geometry.h"

struct SDL_Renderer;
struct SDL_Texture;

namespace complaint {

class IconTextureCache {
 public:
  // Beyond this many (icon, side) textures the cache starts over: a screen shows a few dozen.
  static constexpr std::size_t k_capacity = 256;
  explicit IconTextureCache(SDL_Renderer* renderer) : m_renderer(renderer) {}
  ~IconTextureCache();
  IconTextureCache(const IconTextureCache&) = delete;
  IconTextureCache& operator=(const IconTextureCache&) = delete;

  void set_dir(std::string dir) { m_dir = std::move(dir); }
  // Draws `icon` as the largest square centred in `rect`; false when it has no pictogram.
  bool draw(std::string_view icon, const ui::Rect& rect, ui::Colour colour);
  std::size_t size() const { return m_textures.size(); }

 private:
  SDL_Texture* texture(std::string_view icon, int side);
  void clear();

  SDL_Renderer* m_renderer;
  std::string m_dir;
  std::map<std::pair<std::string, int>, SDL_Texture*> m_textures;  // null: no such pictogram
};

}  // namespace complaint
