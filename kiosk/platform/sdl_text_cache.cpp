// TextTextureCache: an LRU of SDL textures of rendered text lines.
#include "kiosk/platform/sdl_text_cache.h"

#include <SDL.h>

namespace complaint {

std::string text_cache_key(std::string_view text, const ui::Font& font, ui::Colour colour) {
  std::string key;
  key.reserve(text.size() + 16);
  key += std::to_string(font.px);
  key += font.weight == ui::Weight::bold ? 'b' : 'r';
  key += static_cast<char>(colour.r);
  key += static_cast<char>(colour.g);
  key += static_cast<char>(colour.b);
  key += static_cast<char>(colour.a);
  key += '|';
  key += text;
  return key;
}

TextTextureCache::~TextTextureCache() {
  for (auto& [key, cached] : m_textures) SDL_DestroyTexture(cached.texture);
}

const CachedText* TextTextureCache::get(std::string_view text, const ui::Font& font, ui::Colour colour,
                                        FontChain& fonts, RenderStats& stats) {
  std::string key = text_cache_key(text, font, colour);
  auto it = m_textures.find(key);
  if (it != m_textures.end()) {
    m_ages.splice(m_ages.begin(), m_ages, it->second.age);
    ++stats.text_cache_hits;
    return &it->second;
  }
  int missing = 0;
  SDL_Surface* surface = fonts.render_line(text, font.px, colour, missing);
  if (surface == nullptr) return nullptr;
  stats.missing_glyphs += static_cast<std::uint64_t>(missing);
  ++stats.text_renders;
  CachedText cached;
  cached.texture = SDL_CreateTextureFromSurface(m_renderer, surface);
  cached.w = surface->w;
  cached.h = surface->h;
  SDL_FreeSurface(surface);
  if (cached.texture == nullptr) return nullptr;
  SDL_SetTextureBlendMode(cached.texture, SDL_BLENDMODE_BLEND);
  if (m_textures.size() >= k_capacity) {  // evict the least recently used
    auto victim = m_textures.find(m_ages.back());
    SDL_DestroyTexture(victim->second.texture);
    m_textures.erase(victim);
    m_ages.pop_back();
  }
  m_ages.push_front(key);
  cached.age = m_ages.begin();
  return &m_textures.emplace(std::move(key), cached).first->second;
}

}  // namespace complaint
