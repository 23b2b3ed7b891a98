// FontChain: the SDL_ttf fonts of one weight, opened lazily, one per face and set to each
// size as it is asked for, and the fallback chain that splits text into runs of one face
// each (code points no face has become □ and are counted). render_line() draws one line of text from its
// runs. SDL_ttf's and SDL's types are only forward-declared here; their headers stay in the .cpp files.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/ui/painter.h"

struct _TTF_Font;    // SDL_ttf's TTF_Font
struct SDL_Surface;  // SDL's

namespace complaint {

struct FontFace {
  std::string path;
  int index = 0;  // face in a .ttc collection
};

// Noto Sans CJK SC (index 2 of NotoSansCJK-*.ttc), then DejaVu Sans, then Noto Color Emoji.
std::vector<FontFace> default_font_chain(ui::Weight weight);

struct FontRun {
  int face = 0;
  std::string text;
};

class FontChain {
 public:
  explicit FontChain(std::vector<FontFace> faces) : m_faces(std::move(faces)) {}
  ~FontChain();
  FontChain(const FontChain&) = delete;
  FontChain& operator=(const FontChain&) = delete;

  const FontFace& primary_face() const { return m_faces.front(); }
  bool usable(int px) { return font(0, px) != nullptr; }
  // The face at `px`, opened on first use; null when its file is missing or unreadable.
  _TTF_Font* font(int face, int px);
  // Splits text into runs of one face each; code points no face has become □ (+1 missing).
  std::vector<FontRun> runs(std::string_view text, int px, int& missing);

  int height(int px);       // of the primary face; 0 when it cannot open
  int line_height(int px);  // line skip (at least the height); px when it cannot open
  // The width of `text` at `px`, emoji strikes scaled to the line as render_line draws them.
  ui::TextMetrics measure(std::string_view text, int px);
  // One line of text as an ARGB8888 surface (caller frees); null when the font cannot open.
  SDL_Surface* render_line(std::string_view text, int px, ui::Colour colour, int& missing);

 private:
  // One SDL_ttf font per face, set to the size asked for (so a pointer from font() is good
  // until the next call for another size). A face of Noto Sans CJK holds about 1.1 MB of
  // FreeType's tables (65,535 glyphs' charset and font-dict selection), so a font per pixel
  // size held 27.6 MB of the kiosk's heap after one filing, 25 faces (heaptrack,
  // 2026-12-05). A new size drops SDL_ttf's glyph cache; the painter caches measures and
  // rendered lines, so glyphs are loaded again only for text not drawn before.
  struct OpenFace {
    _TTF_Font* font = nullptr;  // null: cannot open
    int px = 0;                 // the size it is set to
  };
  std::vector<FontFace> m_faces;
  std::map<int, OpenFace> m_open;  // by face
};

}  // namespace complaint
