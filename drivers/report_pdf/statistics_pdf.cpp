// statistics_pdf (see header). The sheet is drawn twice: once onto a PDF stream that is thrown
// away, to count the pages for "page N of M", then for real. Rows are one line each (long
// text is ellipsized, never wrapped), so the row height is fixed and the layout simple.
#include "drivers/report_pdf/statistics_pdf.h"

#include "drivers/report_pdf/pdf_canvas.h"

namespace complaint {
namespace {

using pdf::Align;

// A4 in points; margins about 18 mm.
constexpr double kWidth = pdf::kA4Width, kHeight = pdf::kA4Height, kMargin = 51.0;
constexpr double kInner = kWidth - 2 * kMargin;
constexpr double kRow = 17.0;   // one table row
constexpr double kFoot = 30.0;  // room kept for the page number

class SheetPen {
 public:
  SheetPen(cairo_t* cr, std::string font_family, std::string page_label, int pages)
      : m_cr(cr), m_family(font_family), m_pages(cr, std::move(font_family), std::move(page_label), pages) {}

  // One line of text in a box `width` wide from x, its top at y; returns its height.
  double text(const std::string& value, double x, double y, double width, double size, bool bold,
              Align align) {
    return pdf::draw_text(m_cr, m_family, value, x, y, width, pdf::TextStyle{size, bold, align});
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

  void finish() { m_pages.end_page(kMargin, kHeight - kMargin - 10, kInner); }
  int pages() const { return m_pages.current() - 1; }

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
    for (std::size_t i = 0; i < widths.size(); ++i) {
      pdf::ruled_cell(m_cr, x, m_y, widths[i], kRow, head);
      const std::string& value = i < cells.size() ? cells[i] : std::string();
      const Align align = i == 0 ? Align::left : head ? Align::centre : Align::right;
      text(value, x + 4, m_y + 3, widths[i] - 8, 9, head, align);
      x += widths[i];
    }
    m_y += kRow;
  }

  void next_page() {
    m_pages.end_page(kMargin, kHeight - kMargin - 10, kInner);
    m_y = kMargin;
  }

  cairo_t* m_cr;
  std::string m_family;
  pdf::Pages m_pages;
  double m_y = kMargin;
};

// Draws the sheet onto a PDF stream into `bytes` (nullptr: thrown away); the number of pages.
Result<int> draw(const StatisticsSheet& sheet, const std::string& page_label, const std::string& family,
                 int pages, std::string* bytes) {
  pdf::SurfacePtr surface = pdf::pdf_surface(bytes, sheet.title, sheet.organisation);
  pdf::ContextPtr cr(cairo_create(surface.get()));
  SheetPen pen(cr.get(), family, page_label, pages);
  pen.header(sheet);
  for (const SheetTable& table : sheet.tables) pen.table(table);
  pen.finish();
  TRY_VOID(pdf::finish_surface(surface.get(), cr.get()));
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
