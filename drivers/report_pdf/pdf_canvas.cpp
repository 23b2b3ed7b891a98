#include "drivers/report_pdf/pdf_canvas.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

namespace complaint::pdf {
namespace {

struct FontFree {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  if (closure != nullptr)
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

Error cairo_failure(cairo_status_t status, const char* call) {
  return Error::make(ErrorCode::internal, std::string(call) + ": " + cairo_status_to_string(status), call,
                     static_cast<int>(status));
}

}  // namespace

SurfacePtr pdf_surface(std::string* bytes, const std::string& title, const std::string& author) {
  SurfacePtr surface(cairo_pdf_surface_create_for_stream(append_bytes, bytes, kA4Width, kA4Height));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, author.c_str());
  return surface;
}

double draw_text(cairo_t* cr, const std::string& family, const std::string& value, double x, double y,
                 double width, const TextStyle& style) {
  LayoutPtr layout(pango_cairo_create_layout(cr), g_object_unref);
  std::unique_ptr<PangoFontDescription, FontFree> font(pango_font_description_new());
  pango_font_description_set_family(font.get(), family.c_str());
  pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
  pango_font_description_set_weight(font.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  if (style.wrap) {
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  } else {
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  }
  pango_layout_set_alignment(layout.get(), style.align == Align::centre  ? PANGO_ALIGN_CENTER
                                           : style.align == Align::right ? PANGO_ALIGN_RIGHT
                                                                         : PANGO_ALIGN_LEFT);
  pango_layout_set_text(layout.get(), value.c_str(), static_cast<int>(value.size()));
  int height = 0;
  pango_layout_get_pixel_size(layout.get(), nullptr, &height);
  if (style.draw) {
    cairo_set_source_rgb(cr, style.grey, style.grey, style.grey);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout.get());
  }
  return height;
}

void ruled_cell(cairo_t* cr, double x, double y, double width, double height, bool shaded) {
  if (shaded) {
    cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
    cairo_rectangle(cr, x, y, width, height);
    cairo_fill(cr);
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.5);
  cairo_rectangle(cr, x, y, width, height);
  cairo_stroke(cr);
}

std::string page_text(const std::string& label, int page, int pages) {
  return replace_all(replace_all(label, "{page}", std::to_string(page)), "{pages}", std::to_string(pages));
}

void Pages::end_page(double x, double y, double width) {
  draw_text(m_cr, m_family, page_text(m_label, m_page, m_total), x, y, width,
            TextStyle{8, false, Align::centre});
  cairo_show_page(m_cr);
  ++m_page;
}

Result<void> finish_surface(cairo_surface_t* surface, cairo_t* cr) {
  if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) return cairo_failure(cairo_status(cr), "cairo_show_page");
  cairo_surface_finish(surface);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
    return cairo_failure(cairo_surface_status(surface), "cairo_pdf_surface");
  return Ok{};
}

}  // namespace complaint::pdf
