// IconTextureCache over SDL2_image's SVG rasteriser (IMG_LoadSizedSVG_RW, SDL2_image 2.6).
#include "kiosk/platform/sdl_icons.h"

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>

namespace complaint {

IconTextureCache::~IconTextureCache() {
  clear();
}

void IconTextureCache::clear() {
  for (auto& [key, texture] : m_textures) {
    if (texture != nullptr) SDL_DestroyTexture(texture);
  }
  m_textures.clear();
}

SDL_Texture* IconTextureCache::texture(std::string_view icon, int side) {
  std::pair<std::string, int> key{std::string(icon), side};
  if (const auto it = m_textures.find(key); it != m_textures.end()) return it->second;
  if (m_textures.size() >= k_capacity) clear();
  SDL_Texture* texture = nullptr;
  // Icon names come from the taxonomy file: a name that could leave the folder is no icon.
  const bool plain_name =
      !icon.empty() && icon.find('/') == std::string_view::npos && icon.find("..") == std::string_view::npos;
  if (plain_name && !m_dir.empty()) {
    const std::string path = m_dir + "/" + std::string(icon) + ".svg";
    if (SDL_RWops* file = SDL_RWFromFile(path.c_str(), "rb")) {
      SDL_Surface* surface = IMG_LoadSizedSVG_RW(file, side, side);
      SDL_RWclose(file);
      if (surface != nullptr) {
        texture = SDL_CreateTextureFromSurface(m_renderer, surface);
        SDL_FreeSurface(surface);
        if (texture != nullptr) SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
      }
    }
  }
  m_textures.emplace(std::move(key), texture);
  return texture;
}

bool IconTextureCache::draw(std::string_view icon, const ui::Rect& rect, ui::Colour colour) {
  const int side = std::min(rect.w, rect.h);
  if (side <= 0) return false;
  SDL_Texture* drawn = texture(icon, side);
  if (drawn == nullptr) return false;
  // The pictograms are drawn white: modulating by the colour gives exactly that colour.
  SDL_SetTextureColorMod(drawn, colour.r, colour.g, colour.b);
  SDL_SetTextureAlphaMod(drawn, colour.a);
  const SDL_Rect dst{rect.x + (rect.w - side) / 2, rect.y + (rect.h - side) / 2, side, side};
  return SDL_RenderCopy(m_renderer, drawn, nullptr, &dst) == 0;
}

}  // namespace complaint
