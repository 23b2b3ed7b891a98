// pdf_canvas: what the driver's A4 PDFs share (private to drivers/report_pdf): the cairo
// handles, the stream that collects the bytes, one pango text call (a line ellipsized or a
// wrapped paragraph) and the "page N of M" text. cairo embeds the fonts it uses (subset), so
// the Chinese prints on a machine without them.
#pragma once

#include <cairo.h>

#include <memory>
#include <string>

#include "core/base/result.h"

namespace complaint::pdf {

constexpr double kA4Width = 595.28, kA4Height = 841.89;  // points

struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceFree>;
using ContextPtr = std::unique_ptr<cairo_t, ContextFree>;

enum class Align { left, centre, right };

struct TextStyle {
  double size = 9;
  bool bold = false;
  Align align = Align::left;
  bool wrap = false;  // false: one line, ellipsized at the width
  bool draw = true;   // false: only measure
  double grey = 0.0;  // 0 black
};

// A PDF surface writing into `bytes` (nullptr: thrown away, for counting pages).
SurfacePtr pdf_surface(std::string* bytes, const std::string& title, const std::string& author);
// Text in a box `width` wide, its top at (x, y); returns its height.
double draw_text(cairo_t* cr, const std::string& family, const std::string& value, double x, double y,
                 double width, const TextStyle& style);
// A table cell's box ruled in black; `shaded` fills it light grey first (a head or a label:
// still a distinct band on a black-and-white printer).
void ruled_cell(cairo_t* cr, double x, double y, double width, double height, bool shaded = false);
// The label with {page} and {pages} filled in.
std::string page_text(const std::string& label, int page, int pages);

// The page count of a document drawn twice (once to count, then with "page N of M" known):
// end_page() writes the foot, centred in `width` from x at y, and shows the page.
class Pages {
 public:
  Pages(cairo_t* cr, std::string family, std::string label, int total)
      : m_cr(cr), m_family(std::move(family)), m_label(std::move(label)), m_total(total) {}
  void end_page(double x, double y, double width);
  int current() const { return m_page; }  // after the last end_page: how many there were

 private:
  cairo_t* m_cr;
  std::string m_family, m_label;
  int m_total;
  int m_page = 1;
};
// The surface's or context's failure as an internal error, else ok (after cairo_surface_finish).
Result<void> finish_surface(cairo_surface_t* surface, cairo_t* cr);

}  // namespace complaint::pdf
