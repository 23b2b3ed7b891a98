// FontChain over SDL_ttf: lazy opening, the per-code-point fallback, measuring and drawing a
// line of mixed faces (Chinese, Latin, emoji) with a common baseline.
#include "kiosk/platform/sdl_fonts.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/base/utf8.h"

namespace complaint {

std::vector<FontFace> default_font_chain(ui::Weight weight) {
  const bool bold = weight == ui::Weight::bold;
  // The kiosk image ships only the SC face, cut out of the collection (image/build-image).
  const std::string sc_only = bold ? "/usr/share/fonts/opentype/noto-cjk-sc/NotoSansCJKsc-Bold.otf"
                                   : "/usr/share/fonts/opentype/noto-cjk-sc/NotoSansCJKsc-Regular.otf";
  std::error_code ignored;
  FontFace cjk = std::filesystem::exists(sc_only, ignored)
                     ? FontFace{sc_only, 0}
                     : FontFace{bold ? "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
                                     : "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                2};  // index 2 = "Noto Sans CJK SC" (fc-query)
  return {
      cjk,
      {bold ? "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
            : "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
       0},
      {"/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf", 0},
  };
}

namespace {

constexpr char32_t k_replacement = U'\u25A1';  // □: shown (and counted) for glyphs no font has

// A bitmap (emoji) strike is much taller than the line: it is scaled down to the line.
bool is_bitmap_strike(int part_height, int line_height) {
  return part_height > line_height * 3 / 2;
}

}  // namespace

FontChain::~FontChain() {
  for (auto& [face, open] : m_open) {
    if (open.font != nullptr) TTF_CloseFont(open.font);
  }
}

TTF_Font* FontChain::font(int face, int px) {
  auto it = m_open.find(face);
  if (it == m_open.end()) {
    const FontFace& f = m_faces[static_cast<std::size_t>(face)];
    TTF_Font* opened =
        std::filesystem::exists(f.path) ? TTF_OpenFontIndex(f.path.c_str(), px, f.index) : nullptr;
    if (opened == nullptr && face == 0)
      std::fprintf(stderr, "kiosk: font %s: %s\n", f.path.c_str(), TTF_GetError());
    if (opened != nullptr) TTF_SetFontHinting(opened, TTF_HINTING_LIGHT);
    it = m_open.emplace(face, OpenFace{opened, px}).first;
  }
  OpenFace& open = it->second;
  if (open.font != nullptr && open.px != px) {
    if (TTF_SetFontSize(open.font, px) != 0) return nullptr;
    open.px = px;
  }
  return open.font;
}

std::vector<FontRun> FontChain::runs(std::string_view text, int px, int& missing) {
  std::vector<FontRun> out;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = utf8::decode_next(text, i);  // invalid bytes come back as U+FFFD
    int face = -1;
    if (cp == U'\n' || cp == U'\t') cp = U' ';
    for (int f = 0; f < static_cast<int>(m_faces.size()); ++f) {
      TTF_Font* candidate = font(f, px);
      if (candidate != nullptr && TTF_GlyphIsProvided32(candidate, static_cast<Uint32>(cp))) {
        face = f;
        break;
      }
    }
    if (face < 0) {
      ++missing;
      cp = k_replacement;
      face = 0;
    }
    if (out.empty() || out.back().face != face) out.push_back(FontRun{face, {}});
    utf8::append(out.back().text, cp);
  }
  return out;
}

int FontChain::height(int px) {
  TTF_Font* primary = font(0, px);
  return primary == nullptr ? 0 : TTF_FontHeight(primary);
}

int FontChain::line_height(int px) {
  TTF_Font* primary = font(0, px);
  return primary == nullptr ? px : std::max(TTF_FontLineSkip(primary), TTF_FontHeight(primary));
}

ui::TextMetrics FontChain::measure(std::string_view text, int px) {
  ui::TextMetrics metrics;
  metrics.size.h = height(px);
  if (metrics.size.h == 0) return metrics;
  for (const FontRun& run : runs(text, px, metrics.missing_glyphs)) {
    int w = 0;
    int h = 0;
    if (TTF_SizeUTF8(font(run.face, px), run.text.c_str(), &w, &h) == 0) {
      metrics.size.w += is_bitmap_strike(h, metrics.size.h) ? w * metrics.size.h / h : w;
    }
  }
  return metrics;
}

SDL_Surface* FontChain::render_line(std::string_view text, int px, ui::Colour colour, int& missing) {
  TTF_Font* primary = font(0, px);
  if (primary == nullptr) return nullptr;
  const int line_h = TTF_FontHeight(primary);
  const int ascent = TTF_FontAscent(primary);
  struct Part {
    SDL_Surface* surface;
    int face;
  };
  std::vector<Part> parts;
  int width = 0;
  const SDL_Color c{colour.r, colour.g, colour.b, colour.a};
  for (const FontRun& run : runs(text, px, missing)) {
    SDL_Surface* part = TTF_RenderUTF8_Blended(font(run.face, px), run.text.c_str(), c);
    if (part == nullptr) continue;
    if (is_bitmap_strike(part->h, line_h)) {
      SDL_Surface* scaled =
          SDL_CreateRGBSurfaceWithFormat(0, part->w * line_h / part->h, line_h, 32, SDL_PIXELFORMAT_ARGB8888);
      SDL_BlitScaled(part, nullptr, scaled, nullptr);
      SDL_FreeSurface(part);
      part = scaled;
    }
    width += part->w;
    parts.push_back({part, run.face});
  }
  SDL_Surface* line =
      SDL_CreateRGBSurfaceWithFormat(0, std::max(1, width), line_h, 32, SDL_PIXELFORMAT_ARGB8888);
  SDL_FillRect(line, nullptr, SDL_MapRGBA(line->format, colour.r, colour.g, colour.b, 0));
  int x = 0;
  for (const auto& [part, face] : parts) {
    const int y = part->h >= line_h ? 0 : std::max(0, ascent - TTF_FontAscent(font(face, px)));
    SDL_SetSurfaceBlendMode(part, SDL_BLENDMODE_NONE);
    SDL_Rect dst{x, y, part->w, part->h};
    SDL_BlitSurface(part, nullptr, line, &dst);
    x += part->w;
    SDL_FreeSurface(part);
  }
  return line;
}

}  // namespace complaint
