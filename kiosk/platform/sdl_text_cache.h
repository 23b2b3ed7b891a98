// TextTextureCache: rendered lines of text as SDL textures, keyed by (text, font, colour) and
// evicted least recently used beyond a fixed count, so unchanged text is never re-rendered
// per frame. Counts cache hits, renders and missing glyphs into RenderStats.
#pragma once

#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

#include "kiosk/platform/platform.h"
#include "kiosk/platform/sdl_fonts.h"

struct SDL_Renderer;
struct SDL_Texture;

namespace complaint {

struct CachedText {
  SDL_Texture* texture = nullptr;
  int w = 0;
  int h = 0;
  std::list<std::string>::iterator age;
};

// The key of a measurement or texture: size, weight, colour, then the text.
std::string text_cache_key(std::string_view text, const ui::Font& font, ui::Colour colour);

class TextTextureCache {
 public:
  static constexpr std::size_t k_capacity = 768;
  explicit TextTextureCache(SDL_Renderer* renderer) : m_renderer(renderer) {}
  ~TextTextureCache();
  TextTextureCache(const TextTextureCache&) = delete;
  TextTextureCache& operator=(const TextTextureCache&) = delete;

  // The texture of `text`, rendered with `fonts` on a miss; null when it cannot be rendered.
  const CachedText* get(std::string_view text, const ui::Font& font, ui::Colour colour, FontChain& fonts,
                        RenderStats& stats);

 private:
  SDL_Renderer* m_renderer;
  std::unordered_map<std::string, CachedText> m_textures;
  std::list<std::string> m_ages;  // front: most recently used
};

}  // namespace complaint
