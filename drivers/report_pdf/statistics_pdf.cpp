// statistics_pdf (see header). The sheet is drawn twice: once onto a PDF stream that is thrown
// away, to count the pages for "page N of M", then for real. Rows are one line each (long
// text is ellipsized, never wrapped), so the row height is fixed and the layout simple.
#include "drivers/report_pdf/statistics_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <memory>

namespace complaint {
namespace {

struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct FontFree {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceFree>;
using ContextPtr = std::unique_ptr<cairo_t, ContextFree>;
using LayoutPtr = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

// A4 in points; margins about 18 mm.
constexpr double kWidth = 595.28, kHeight = 841.89, kMargin = 51.0;
constexpr double kInner = kWidth - 2 * kMargin;
constexpr double kRow = 17.0;   // one table row
constexpr double kFoot = 30.0;  // room kept for the page number

enum class Align { left, centre, right };

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

class SheetPen {
 public:
  SheetPen(cairo_t* cr, std::string font_family, std::string page_label, int pages)
      : m_cr(cr), m_family(std::move(font_family)), m_page_label(std::move(page_label)), m_pages(pages) {}

  // One line of text in a box `width` wide from x, its top at y; returns its height.
  double text(const std::string& value, double x, double y, double width, double size, bool bold,
              Align align) {
    LayoutPtr layout(pango_cairo_create_layout(m_cr), g_object_unref);
    std::unique_ptr<PangoFontDescription, FontFree> font(pango_font_description_new());
    pango_font_description_set_family(font.get(), m_family.c_str());
    pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
    pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    pango_layout_set_alignment(layout.get(), align == Align::centre  ? PANGO_ALIGN_CENTER
                                             : align == Align::right ? PANGO_ALIGN_RIGHT
                                                                     : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout.get(), value.c_str(), static_cast<int>(value.size()));
    int height = 0;
    pango_layout_get_pixel_size(layout.get(), nullptr, &height);
    cairo_set_source_rgb(m_cr, 0, 0, 0);
    cairo_move_to(m_cr, x, y);
    pango_cairo_show_layout(m_cr, layout.get());
    return height;
  }

  void header(const StatisticsSheet& sheet) {
    m_y += text(sheet.title, kMargin, m_y, kInner, 17, true, Align::centre) + 6;
    m_y += text(sheet.organisation, kMargin, m_y, kInner, 11, false, Align::centre) + 10;
    m_y += text(sheet.period, kMargin, m_y, kInner, 10, false, Align::left) + 2;
    m_y += text(sheet.generated, kMargin, m_y, kInner, 9, false, Align::left) + 8;
  }

  void table(const SheetTable& table) {
    const std::vector<double> widths = column_widths(table.columns.size());
    // The title, the heads and one row stay together.
    if (m_y + 20 + 2 * kRow > bottom()) next_page();
    m_y += 4;
    m_y += text(table.title, kMargin, m_y, kInner, 11, true, Align::left) + 4;
    row(table.columns, widths, true);
    for (const auto& cells : table.rows) {
      if (m_y + kRow > bottom()) {
        next_page();
        row(table.columns, widths, true);
      }
      row(cells, widths, false);
    }
    m_y += 8;
  }

  void finish() { foot(); }
  int pages() const { return m_page; }

 private:
  double bottom() const { return kHeight - kMargin - kFoot; }

  static std::vector<double> column_widths(std::size_t columns) {
    if (columns <= 1) return {kInner};
    // The item's column takes what the figures leave; figures need about 70 pt each.
    const double first = columns == 2 ? kInner * 0.7 : kInner - 70.0 * static_cast<double>(columns - 1);
    std::vector<double> widths = {first};
    for (std::size_t i = 1; i < columns; ++i)
      widths.push_back((kInner - first) / static_cast<double>(columns - 1));
    return widths;
  }

  void row(const std::vector<std::string>& cells, const std::vector<double>& widths, bool head) {
    double x = kMargin;
    if (head) {
      // Light grey: still a distinct band on a black-and-white printer.
      cairo_set_source_rgb(m_cr, 0.88, 0.88, 0.88);
      cairo_rectangle(m_cr, kMargin, m_y, kInner, kRow);
      cairo_fill(m_cr);
    }
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string& value = i < cells.size() ? cells[i] : std::string();
      const Align align = i == 0 ? Align::left : head ? Align::centre : Align::right;
      text(value, x + 4, m_y + 3, widths[i] - 8, 9, head, align);
      cairo_set_source_rgb(m_cr, 0, 0, 0);
      cairo_set_line_width(m_cr, 0.5);
      cairo_rectangle(m_cr, x, m_y, widths[i], kRow);
      cairo_stroke(m_cr);
      x += widths[i];
    }
    m_y += kRow;
  }

  void foot() {
    const std::string label = replace_all(replace_all(m_page_label, "{page}", std::to_string(m_page)),
                                          "{pages}", std::to_string(m_pages));
    text(label, kMargin, kHeight - kMargin - 10, kInner, 8, false, Align::centre);
    cairo_show_page(m_cr);
  }

  void next_page() {
    foot();
    ++m_page;
    m_y = kMargin;
  }

  cairo_t* m_cr;
  std::string m_family, m_page_label;
  int m_pages;
  int m_page = 1;
  double m_y = kMargin;
};

Error cairo_failure(cairo_status_t status, const char* call) {
  return Error::make(ErrorCode::internal, std::string(call) + ": " + cairo_status_to_string(status), call,
                     static_cast<int>(status));
}

// Draws the sheet onto a PDF stream into `bytes` (nullptr: thrown away); the number of pages.
Result<int> draw(const StatisticsSheet& sheet, const std::string& page_label, const std::string& family,
                 int pages, std::string* bytes) {
  SurfacePtr surface(cairo_pdf_surface_create_for_stream(append_bytes, bytes, kWidth, kHeight));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, sheet.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, sheet.organisation.c_str());
  ContextPtr cr(cairo_create(surface.get()));
  SheetPen pen(cr.get(), family, page_label, pages);
  pen.header(sheet);
  for (const SheetTable& table : sheet.tables) pen.table(table);
  pen.finish();
  if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
    return cairo_failure(cairo_status(cr.get()), "cairo_show_page");
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return cairo_failure(cairo_surface_status(surface.get()), "cairo_pdf_surface");
  return pen.pages();
}

}  // namespace

Result<std::string> statistics_pdf(const StatisticsSheet& sheet, const std::string& page_label,
                                   const std::string& font_family) {
  TRY_ASSIGN(const int pages, draw(sheet, page_label, font_family, 0, nullptr));
  std::string bytes;
  TRY_VOID(draw(sheet, page_label, font_family, pages, &bytes));
  return bytes;
}

}  // namespace complaint
