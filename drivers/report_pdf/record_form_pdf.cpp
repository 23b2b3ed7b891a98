// record_form_pdf (see header). Drawn twice, like statistics_pdf: once to count the pages for
// "page N of M", then for real. A row is as tall as its tallest wrapped cell; a row that does
// not fit goes to the next page whole, so a text is never cut between two pages.
#include "drivers/report_pdf/record_form_pdf.h"

#include <algorithm>

#include "drivers/report_pdf/pdf_canvas.h"

namespace complaint {
namespace {

using pdf::Align;
using pdf::TextStyle;

constexpr double kMargin = 45.0;  // about 16 mm
constexpr double kInner = pdf::kA4Width - 2 * kMargin;
constexpr double kFoot = 28.0;  // room kept for the page number
constexpr double kPad = 3.5;    // inside a cell
constexpr double kFont = 9.0;

class FormPen {
 public:
  FormPen(cairo_t* cr, std::string family, const PrintedForm& form, int pages)
      : m_cr(cr), m_family(family), m_form(form), m_pages(cr, std::move(family), form.page_label, pages) {}

  void header() {
    m_y += text(m_form.title, kMargin, m_y, kInner, {18, true, Align::centre}) + 4;
    if (!m_form.organisation.empty())
      m_y += text(m_form.organisation, kMargin, m_y, kInner, {10.5, false, Align::centre}) + 8;
    const double line = text(m_form.number, kMargin, m_y, kInner * 0.6, {10, true, Align::left});
    text(m_form.generated, kMargin + kInner * 0.5, m_y, kInner * 0.5, {8.5, false, Align::right});
    m_y += line + 6;
  }

  void block(const FormBlock& block) {
    const std::vector<double> widths = column_widths(block);
    const bool headed = !block.columns.empty();
    const double first = block.rows.empty() ? 0 : row_height(block.rows.front(), widths, false);
    // The title, the heads and the first row stay together.
    if (m_y + 22 + (headed ? row_height(block.columns, widths, true) : 0) + first > bottom()) next_page();
    m_y += 4;
    m_y += text(block.title, kMargin, m_y, kInner, {11, true, Align::left}) + 3;
    if (headed) row(block.columns, widths, true, false);
    for (const auto& cells : block.rows) {
      if (m_y + row_height(cells, widths, false) > bottom()) {
        next_page();
        if (headed) row(block.columns, widths, true, false);
      }
      row(cells, widths, false, !headed);
    }
    m_y += 6;
  }

  // 经办人（签字）：________  日期：________, the name on record under the line.
  void signatures() {
    constexpr double kLine = 26.0;
    const double needed = 14 + kLine * static_cast<double>(m_form.signatures.size());
    if (m_y + needed > bottom()) next_page();
    m_y += 14;
    for (const PrintedForm::Signature& s : m_form.signatures) {
      const double label_width = 150;
      text(s.label, kMargin, m_y, label_width, {10.5, true, Align::left});
      const double line_from = kMargin + label_width, line_to = kMargin + kInner * 0.66;
      rule(line_from, m_y + 15, line_to);
      if (!s.recorded.empty())
        text(s.recorded, line_from, m_y + 16, line_to - line_from,
             {7.5, false, Align::left, false, true, 0.45});
      const double date_x = kMargin + kInner * 0.70;
      text(m_form.date_label, date_x, m_y, 40, {10.5, true, Align::left});
      rule(date_x + 40, m_y + 15, kMargin + kInner);
      m_y += kLine;
    }
  }

  void finish() { m_pages.end_page(kMargin, pdf::kA4Height - kMargin - 8, kInner); }
  int pages() const { return m_pages.current() - 1; }

 private:
  double text(const std::string& value, double x, double y, double width, TextStyle style) {
    return pdf::draw_text(m_cr, m_family, value, x, y, width, style);
  }
  double bottom() const { return pdf::kA4Height - kMargin - kFoot; }

  void rule(double from, double y, double to) {
    cairo_set_source_rgb(m_cr, 0, 0, 0);
    cairo_set_line_width(m_cr, 0.6);
    cairo_move_to(m_cr, from, y);
    cairo_line_to(m_cr, to, y);
    cairo_stroke(m_cr);
  }

  static std::vector<double> column_widths(const FormBlock& block) {
    const std::size_t count = block.columns.empty() ? 2 : block.columns.size();
    std::vector<double> widths;
    for (std::size_t i = 0; i < count; ++i) {
      const double share = i < block.widths.size() ? block.widths[i] : 1.0 / static_cast<double>(count);
      widths.push_back(share * kInner);
    }
    return widths;
  }

  double row_height(const std::vector<std::string>& cells, const std::vector<double>& widths, bool head) {
    double tallest = kFont + 3;
    for (std::size_t i = 0; i < widths.size() && i < cells.size(); ++i) {
      tallest = std::max(tallest,
                         text(cells[i], 0, 0, widths[i] - 2 * kPad, {kFont, head, Align::left, true, false}));
    }
    return tallest + 2 * kPad;
  }

  // A ruled row; a label/value row shades its label cell, a head row all of it.
  void row(const std::vector<std::string>& cells, const std::vector<double>& widths, bool head,
           bool labelled) {
    const double height = row_height(cells, widths, head);
    double x = kMargin;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const bool shaded = head || (labelled && i == 0);
      pdf::ruled_cell(m_cr, x, m_y, widths[i], height, shaded);
      const std::string& value = i < cells.size() ? cells[i] : std::string();
      text(value, x + kPad, m_y + kPad, widths[i] - 2 * kPad,
           {kFont, shaded, head ? Align::centre : Align::left, true});
      x += widths[i];
    }
    m_y += height;
  }

  void next_page() {
    m_pages.end_page(kMargin, pdf::kA4Height - kMargin - 8, kInner);
    m_y = kMargin;
  }

  cairo_t* m_cr;
  std::string m_family;
  const PrintedForm& m_form;
  pdf::Pages m_pages;
  double m_y = kMargin;
};

Result<int> draw(const PrintedForm& form, const std::string& family, int pages, std::string* bytes) {
  pdf::SurfacePtr surface = pdf::pdf_surface(bytes, form.title + " " + form.number, form.organisation);
  pdf::ContextPtr cr(cairo_create(surface.get()));
  FormPen pen(cr.get(), family, form, pages);
  pen.header();
  for (const FormBlock& block : form.blocks) pen.block(block);
  pen.signatures();
  pen.finish();
  TRY_VOID(pdf::finish_surface(surface.get(), cr.get()));
  return pen.pages();
}

}  // namespace

Result<std::string> record_form_pdf(const PrintedForm& form, const std::string& font_family) {
  TRY_ASSIGN(const int pages, draw(form, font_family, 0, nullptr));
  std::string bytes;
  TRY_VOID(draw(form, font_family, pages, &bytes));
  return bytes;
}

}  // namespace complaint
