// Painter: what the widget layer needs from a renderer (implemented by kiosk/platform over
// SDL). Text is UTF-8 on one line; measure() and draw_text() agree to the pixel.
#pragma once

#include <string>
#include <string_view>

#include "kiosk/ui/geometry.h"

namespace complaint::ui {

enum class Weight { regular, bold };

struct Font {
  int px = 20;  // em size in pixels
  Weight weight = Weight::regular;
  friend bool operator==(const Font&, const Font&) = default;
};

struct TextMetrics {
  Size size;
  int missing_glyphs = 0;  // code points no font in the chain has: drawn as a visible box
};

class Painter {
 public:
  virtual ~Painter() = default;
  virtual Size output_size() const = 0;
  virtual void clear(Colour colour) = 0;
  virtual void fill_rect(const Rect& rect, Colour colour, int radius) = 0;
  virtual void stroke_rect(const Rect& rect, Colour colour, int thickness, int radius) = 0;
  virtual TextMetrics measure(std::string_view text, const Font& font) = 0;
  virtual void draw_text(std::string_view text, const Font& font, Colour colour, Point top_left) = 0;
  // The pictogram `icon` (a taxonomy icon name, drawn from assets/icons/<icon>.svg) scaled to
  // fit `rect`, its strokes in `colour`. False when there is no such pictogram (nothing drawn).
  virtual bool draw_icon(std::string_view icon, const Rect& rect, Colour colour) = 0;
  // Clips later drawing to `rect` until reset_clip().
  virtual void set_clip(const Rect& rect) = 0;
  virtual void reset_clip() = 0;
  // Line height for `font` (ascent + descent), used to stack wrapped lines.
  virtual int line_height(const Font& font) = 0;
};

}  // namespace complaint::ui
