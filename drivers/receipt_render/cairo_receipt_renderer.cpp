// CairoReceiptRenderer (see header). Each copy is drawn into a cairo recording surface in
// printer-dot units while a y cursor measures it; the recording is replayed onto an image
// that is thresholded to 1 bit per dot. A PDF page, once sized from that measure, gets the
// same drawing again directly (scaled 72/dpi), so its text and vectors stay what they are.
// Sections: vendor handles · text and QR drawing · draw_copy · raster · PDF · PNG · render.
#include "drivers/receipt_render/cairo_receipt_renderer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <algorithm>
#include <memory>

#include "drivers/qr/qr_code.h"

namespace complaint {

namespace {

// ---------------------------------------------------------------- vendor handles

struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct FontFree {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
struct OptionsFree {
  void operator()(cairo_font_options_t* o) const { cairo_font_options_destroy(o); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceFree>;
using ContextPtr = std::unique_ptr<cairo_t, ContextFree>;
using LayoutPtr = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

Error cairo_failure(cairo_status_t status, const char* call) {
  return Error::make(ErrorCode::internal, std::string(call) + ": " + cairo_status_to_string(status), call,
                     static_cast<int>(status));
}

// Sizes in dots at 203 dpi (about 2.5, 3, 4 and 5 mm), scaled for other resolutions.
int text_dots(TextSize size, int dpi) {
  int dots = 24;
  switch (size) {
    case TextSize::small:
      dots = 20;
      break;
    case TextSize::normal:
      dots = 24;
      break;
    case TextSize::large:
      dots = 32;
      break;
    case TextSize::huge:
      dots = 40;
      break;
  }
  return dots * dpi / 203;
}

// ---------------------------------------------------------------- text and QR drawing

struct Pen {
  cairo_t* cr;
  const RenderOptions& options;
  const std::string& font_family;
  cairo_font_options_t* font_options;
  int margin;
  int y = 0;

  int inner_width() const { return options.width_dots - 2 * margin; }

  LayoutPtr layout_for(const ReceiptBlock& block, double size) {
    LayoutPtr layout(pango_cairo_create_layout(cr), g_object_unref);
    pango_cairo_context_set_font_options(pango_layout_get_context(layout.get()), font_options);
    std::unique_ptr<PangoFontDescription, FontFree> font(pango_font_description_new());
    pango_font_description_set_family(font.get(), font_family.c_str());
    pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
    pango_font_description_set_weight(
        font.get(), block.weight == TextWeight::bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_width(layout.get(), inner_width() * PANGO_SCALE);
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(),
                               block.align == TextAlign::centre ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout.get(), block.text.c_str(), static_cast<int>(block.text.size()));
    return layout;
  }

  void text(const ReceiptBlock& block) {
    double size = text_dots(block.size, options.dpi);
    LayoutPtr layout = layout_for(block, size);
    // Numbers and titles are one line however narrow the roll: shrink them rather than break
    // them ("WH01-" / "K1-2026..." on two lines reads as two numbers).
    const bool one_line = block.size == TextSize::huge || block.size == TextSize::large;
    if (one_line && pango_layout_get_line_count(layout.get()) > 1) {
      pango_layout_set_width(layout.get(), -1);
      int width = 0;
      pango_layout_get_pixel_size(layout.get(), &width, nullptr);
      size = size * inner_width() / (width + 1);
      layout = layout_for(block, size);
      // Glyph advances do not scale exactly with the size: step down until it is one line.
      for (int step = 0; step < 8 && pango_layout_get_line_count(layout.get()) > 1; ++step) {
        size *= 0.95;
        layout = layout_for(block, size);
      }
    }
    int height = 0;
    pango_layout_get_pixel_size(layout.get(), nullptr, &height);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, margin, y);
    pango_cairo_show_layout(cr, layout.get());
    y += height + options.dpi / 50;
  }

  void rule() {
    y += options.dpi / 25;
    const double thickness = std::max(2, options.dpi / 100);
    const double dash[] = {thickness * 3, thickness * 2};
    cairo_save(cr);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    cairo_set_line_width(cr, thickness);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, margin, y + thickness / 2);
    cairo_line_to(cr, options.width_dots - margin, y + thickness / 2);
    cairo_stroke(cr);
    cairo_restore(cr);
    y += static_cast<int>(thickness) + options.dpi / 25;
  }

  Result<void> qr(const std::string& payload) {
    auto encoded = encode_qr(payload, options.qr_level);
    if (!encoded.ok()) return encoded.error();
    const QrMatrix& code = encoded.value();
    constexpr int k_quiet_modules = 4;
    const int modules = code.size + 2 * k_quiet_modules;
    // Whole dots per module; only a roll too narrow for the configured size lowers it.
    int dots = std::max(1, options.qr_module_dots);
    while (dots > 1 && modules * dots > options.width_dots) --dots;
    const int left = (options.width_dots - modules * dots) / 2;
    cairo_save(cr);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int row = 0; row < code.size; ++row) {
      for (int column = 0; column < code.size; ++column) {
        if (!code.dark(column, row)) continue;
        cairo_rectangle(cr, left + (column + k_quiet_modules) * dots, y + (row + k_quiet_modules) * dots,
                        dots, dots);
      }
    }
    cairo_fill(cr);
    cairo_restore(cr);
    y += modules * dots;
    return Ok{};
  }
};

// ---------------------------------------------------------------- draw_copy

struct DrawnCopy {
  SurfacePtr recording;
  int height = 0;
};

// Draws the copy onto `cr` in printer dots from the top; returns the height it used.
Result<int> draw_blocks(cairo_t* cr, const ReceiptCopy& copy, const RenderOptions& options,
                        const std::string& font) {
  std::unique_ptr<cairo_font_options_t, OptionsFree> font_options(cairo_font_options_create());
  // Unhinted metrics: the same text measures the same on the PDF and the raster.
  cairo_font_options_set_hint_metrics(font_options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(font_options.get(), CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias(font_options.get(), CAIRO_ANTIALIAS_GRAY);
  Pen pen{cr, options, font, font_options.get(), std::max(4, options.width_dots / 48)};
  pen.y = options.dpi / 10;
  for (const ReceiptBlock& block : copy.blocks) {
    switch (block.kind) {
      case BlockKind::text:
        pen.text(block);
        break;
      case BlockKind::rule:
        pen.rule();
        break;
      case BlockKind::space:
        pen.y += options.dpi / 8;
        break;
      case BlockKind::qr:
        TRY_VOID(pen.qr(block.text));
        break;
    }
  }
  pen.y += options.dpi / 10;
  if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) return cairo_failure(cairo_status(cr), "cairo_draw");
  return pen.y;
}

// The copy recorded once (replayed onto the raster) and its height.
Result<DrawnCopy> draw_copy(const ReceiptCopy& copy, const RenderOptions& options, const std::string& font) {
  SurfacePtr recording(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr));
  ContextPtr cr(cairo_create(recording.get()));
  TRY_ASSIGN(const int height, draw_blocks(cr.get(), copy, options, font));
  return DrawnCopy{std::move(recording), height};
}

// ---------------------------------------------------------------- raster

Result<MonoBitmap> threshold(const DrawnCopy& drawn, int width) {
  SurfacePtr image(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, drawn.height));
  ContextPtr cr(cairo_create(image.get()));
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  cairo_set_source_surface(cr.get(), drawn.recording.get(), 0, 0);
  cairo_paint(cr.get());
  cairo_surface_flush(image.get());
  if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
    return cairo_failure(cairo_status(cr.get()), "cairo_paint");
  MonoBitmap bitmap(width, drawn.height);
  const unsigned char* data = cairo_image_surface_get_data(image.get());
  const int stride = cairo_image_surface_get_stride(image.get());
  for (int y = 0; y < drawn.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + y * stride);
    for (int x = 0; x < width; ++x) {
      const std::uint32_t pixel = row[x];
      const int luminance = (((pixel >> 16) & 0xFF) * 3 + ((pixel >> 8) & 0xFF) * 6 + (pixel & 0xFF)) / 10;
      // A little darker than half grey: thermal dots are small, thin strokes must survive.
      if (luminance < 150) bitmap.set_black(x, y);
    }
  }
  return bitmap;
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::vector<MonoBitmap>> CairoReceiptRenderer::rasterise(const ReceiptLayout& layout,
                                                                const RenderOptions& options) const {
  std::vector<MonoBitmap> copies;
  for (const ReceiptCopy& copy : layout.copies) {
    TRY_ASSIGN(DrawnCopy drawn, draw_copy(copy, options, m_font_family));
    TRY_ASSIGN(MonoBitmap bitmap, threshold(drawn, options.width_dots));
    copies.push_back(std::move(bitmap));
  }
  return copies;
}

// ---------------------------------------------------------------- PDF

Result<std::string> CairoReceiptRenderer::pdf(const ReceiptLayout& layout,
                                              const RenderOptions& options) const {
  std::string bytes;
  const double points_per_dot = 72.0 / options.dpi;
  const double width = options.width_dots * points_per_dot;
  SurfacePtr surface(cairo_pdf_surface_create_for_stream(append_bytes, &bytes, width, width));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, layout.number.c_str());
  for (const ReceiptCopy& copy : layout.copies) {
    // Measured on a recording first (the page must be sized before drawing), then drawn
    // straight onto the page so text stays text (pdftotext, screen readers) and the QR vectors.
    TRY_ASSIGN(DrawnCopy drawn, draw_copy(copy, options, m_font_family));
    cairo_pdf_surface_set_size(surface.get(), width, drawn.height * points_per_dot);
    ContextPtr cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), points_per_dot, points_per_dot);
    TRY_VOID(draw_blocks(cr.get(), copy, options, m_font_family));
    cairo_show_page(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
      return cairo_failure(cairo_status(cr.get()), "cairo_show_page");
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return cairo_failure(cairo_surface_status(surface.get()), "cairo_pdf_surface");
  return bytes;
}

// ---------------------------------------------------------------- PNG

Result<std::string> CairoReceiptRenderer::png(const ReceiptLayout& layout,
                                              const RenderOptions& options) const {
  TRY_ASSIGN(std::vector<MonoBitmap> copies, rasterise(layout, options));
  const int gap = options.dpi / 4;  // grey band where the cutter separates the copies
  int height = 0;
  for (const MonoBitmap& copy : copies) height += copy.height + gap;
  SurfacePtr image(cairo_image_surface_create(CAIRO_FORMAT_RGB24, options.width_dots, std::max(1, height)));
  cairo_surface_flush(image.get());
  unsigned char* data = cairo_image_surface_get_data(image.get());
  const int stride = cairo_image_surface_get_stride(image.get());
  int top = 0;
  for (const MonoBitmap& copy : copies) {
    for (int y = 0; y < copy.height + gap; ++y) {
      auto* row = reinterpret_cast<std::uint32_t*>(data + (top + y) * stride);
      for (int x = 0; x < copy.width; ++x) {
        row[x] = y >= copy.height ? 0xC0C0C0u : copy.black(x, y) ? 0x000000u : 0xFFFFFFu;
      }
    }
    top += copy.height + gap;
  }
  cairo_surface_mark_dirty(image.get());
  std::string bytes;
  const cairo_status_t status = cairo_surface_write_to_png_stream(image.get(), append_bytes, &bytes);
  if (status != CAIRO_STATUS_SUCCESS) return cairo_failure(status, "cairo_surface_write_to_png_stream");
  return bytes;
}

// ---------------------------------------------------------------- render

Result<PrintDocument> CairoReceiptRenderer::render(const ReceiptLayout& layout,
                                                   const RenderOptions& options) {
  PrintDocument document{layout.number, options.format, {}};
  switch (options.format) {
    case ReceiptFormat::pdf: {
      TRY_ASSIGN(document.bytes, pdf(layout, options));
      break;
    }
    case ReceiptFormat::png: {
      TRY_ASSIGN(document.bytes, png(layout, options));
      break;
    }
    case ReceiptFormat::escpos: {
      TRY_ASSIGN(std::vector<MonoBitmap> copies, rasterise(layout, options));
      document.bytes = encode_escpos(copies, EscposOptions{options.cut});
      break;
    }
  }
  return document;
}

}  // namespace complaint
