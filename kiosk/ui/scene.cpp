// Scene: building (widget factories), text layout (finish), drawing, hit testing, layout dump.
// Sections: factories · finish · draw · queries.
#include "kiosk/ui/scene.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "drivers/qr/qr_code.h"
#include "kiosk/ui/text_layout.h"

namespace complaint::ui {

Scene::Scene(Painter& painter, const Theme& theme, const Metrics& metrics)
    : m_painter(painter), m_theme(theme), m_metrics(metrics) {}

// ---------------------------------------------------------------- factories

Widget& Scene::add(Widget widget) {
  assert(find(widget.id) == nullptr && "widget ids are unique within a scene");
  widget.layer = m_layer;
  widget.viewport =
      m_in_viewport ? m_viewports.back().rect : Rect{0, 0, m_metrics.screen.w, m_metrics.screen.h};
  m_widgets.push_back(std::move(widget));
  return m_widgets.back();
}

Widget& Scene::panel(std::string id, Rect rect, Colour colour, int radius) {
  Widget w;
  w.id = std::move(id);
  w.kind = WidgetKind::panel;
  w.rect = rect;
  w.bg = colour;
  w.radius = radius;
  return add(std::move(w));
}

Widget& Scene::label(std::string id, Rect rect, std::string text, Font font, Colour colour, Align align) {
  Widget w;
  w.id = std::move(id);
  w.kind = WidgetKind::label;
  w.rect = rect;
  w.text = std::move(text);
  w.font = font;
  w.fg = colour;
  w.bg = Colour{0, 0, 0, 0};
  w.align = align;
  w.valign = Align::start;
  return add(std::move(w));
}

Widget& Scene::button(std::string id, Rect rect, std::string text, Style style,
                      std::function<void()> on_tap) {
  const Theme& t = m_theme;
  Widget w;
  w.id = std::move(id);
  w.kind = style == Style::key ? WidgetKind::key : WidgetKind::button;
  w.rect = rect;
  w.text = std::move(text);
  w.font = m_metrics.button;
  w.align = Align::centre;
  w.radius = m_metrics.radius;
  w.on_tap = std::move(on_tap);
  switch (style) {
    case Style::primary:
      w.bg = t.primary;
      w.fg = t.on_primary;
      break;
    case Style::secondary:
      w.bg = t.surface;
      w.fg = t.primary;
      w.border = t.primary;
      w.border_width = std::max(2, m_metrics.dp(2));
      break;
    case Style::choice:
      w.bg = t.surface;
      w.fg = t.text;
      w.border = t.border;
      w.border_width = std::max(1, m_metrics.dp(2));
      w.align = Align::start;
      break;
    case Style::selected:
      w.bg = t.accent;
      w.fg = t.on_primary;
      w.border = t.accent;
      w.border_width = std::max(1, m_metrics.dp(2));
      w.align = Align::start;
      break;
    case Style::danger:
      w.bg = t.danger;
      w.fg = t.on_danger;
      break;
    case Style::key:
      w.bg = t.surface;
      w.fg = t.text;
      w.border = t.border;
      w.border_width = 1;
      w.font = Font{m_metrics.body.px, Weight::regular};
      w.radius = std::max(3, m_metrics.radius / 2);
      break;
    case Style::quiet:
    case Style::link:
      w.bg = Colour{0, 0, 0, 0};
      w.fg = t.primary;
      w.font = Font{m_metrics.body.px, Weight::bold};
      break;
  }
  return add(std::move(w));
}

Widget& Scene::text_area(std::string id, Rect rect, std::string text, std::string composing,
                         std::string placeholder) {
  Widget w;
  w.id = std::move(id);
  w.kind = WidgetKind::text_area;
  w.rect = rect;
  w.text = std::move(text);
  w.composing = std::move(composing);
  w.secondary = std::move(placeholder);
  w.font = m_metrics.body;
  w.fg = m_theme.text;
  w.bg = m_theme.surface;
  w.border = m_theme.accent;
  w.border_width = std::max(2, m_metrics.dp(2));
  w.radius = m_metrics.radius;
  w.valign = Align::start;
  w.focused = true;
  return add(std::move(w));
}

Widget& Scene::toggle(std::string id, Rect rect, std::string text, std::string state, bool checked,
                      std::function<void()> on_tap) {
  Widget w;
  w.id = std::move(id);
  w.kind = WidgetKind::toggle;
  w.rect = rect;
  w.text = std::move(text);
  w.state = std::move(state);
  w.checked = checked;
  w.font = m_metrics.button;
  w.fg = m_theme.text;
  w.bg = m_theme.surface;
  // A thicker, accent outline when on: one more cue besides the knob and the word.
  w.border = checked ? m_theme.accent : m_theme.primary;
  w.border_width = checked ? std::max(3, m_metrics.dp(3)) : std::max(2, m_metrics.dp(2));
  w.radius = m_metrics.radius;
  w.on_tap = std::move(on_tap);
  return add(std::move(w));
}

namespace {

// The switch's track: a pill as high as a finger's tip, wide enough for the knob and the
// state word beside it.
struct TrackSize {
  int w = 0;
  int h = 0;
};

TrackSize track_size(Painter& painter, const Metrics& m, std::string_view state) {
  const int h = std::max(m.dp(40), painter.line_height(Font{m.small.px, Weight::bold}) + m.dp(8));
  const int word = painter.measure(state, Font{m.small.px, Weight::bold}).size.w;
  return {std::max(2 * h, h + word + m.dp(24)), h};
}

}  // namespace

int Scene::toggle_width(std::string_view text, std::string_view state) {
  return m_painter.measure(text, m_metrics.button).size.w + track_size(m_painter, m_metrics, state).w +
         2 * m_metrics.dp(18) + m_metrics.dp(16);
}

Rect Scene::toggle_track(const Widget& w) {
  const TrackSize size = track_size(m_painter, m_metrics, w.state);
  const int h = std::min(size.h, w.rect.h - 2 * m_metrics.dp(4));
  return {w.rect.right() - m_metrics.dp(18) - size.w, w.rect.y + (w.rect.h - h) / 2, size.w, h};
}

Widget& Scene::qr(std::string id, Rect rect, std::shared_ptr<const QrMatrix> matrix) {
  Widget w;
  w.id = std::move(id);
  w.kind = WidgetKind::qr;
  w.rect = rect;
  w.qr = std::move(matrix);
  return add(std::move(w));
}

Widget& Scene::pictogram(std::string id, Rect rect, std::string icon, Colour colour) {
  Widget w;
  w.id = std::move(id);
  w.kind = WidgetKind::icon;
  w.rect = rect;
  w.icon = std::move(icon);
  w.fg = colour;
  return add(std::move(w));
}

Widget& Scene::zone(std::string id, Rect rect, std::function<void()> on_tap) {
  Widget w;
  w.id = std::move(id);
  w.kind = WidgetKind::zone;
  w.rect = rect;
  w.on_tap = std::move(on_tap);
  return add(std::move(w));
}

Widget& Scene::ink_pad(std::string id, Rect rect, std::vector<std::vector<Point>> strokes,
                       std::function<void(InkPhase, Point)> on_ink) {
  m_ink_pads.push_back(InkPad{id, rect, m_layer, std::move(on_ink)});
  Widget w;
  w.id = std::move(id);
  w.kind = WidgetKind::ink;
  w.rect = rect;
  w.bg = m_theme.surface;
  w.border = m_theme.accent;
  w.border_width = std::max(2, m_metrics.dp(3));
  w.radius = m_metrics.radius;
  w.fg = m_theme.text;
  w.ink = std::move(strokes);
  w.ink_width = std::max(4, m_metrics.dp(7));
  return add(std::move(w));
}

void Scene::begin_viewport(Viewport viewport) {
  m_viewports.push_back(std::move(viewport));
  m_in_viewport = true;
}

void Scene::end_viewport() {
  m_in_viewport = false;
}

void Scene::begin_modal() {
  m_layer = 1;
  m_in_viewport = false;
}

int Scene::text_height(std::string_view text, const Font& font, int width) {
  return wrap_text(m_painter, text, font, width).size.h;
}

// ---------------------------------------------------------------- finish

void Scene::finish() {
  for (Widget& w : m_widgets) {
    w.partly_hidden = !w.viewport.contains(w.rect);
    if (w.kind == WidgetKind::panel || w.kind == WidgetKind::qr || w.kind == WidgetKind::zone ||
        w.kind == WidgetKind::icon)
      continue;
    const bool padded = w.kind != WidgetKind::label;
    const int pad_x = padded ? (w.kind == WidgetKind::key ? m_metrics.dp(4) : m_metrics.dp(18)) : 0;
    const int pad_y = padded ? m_metrics.dp(w.kind == WidgetKind::key ? 2 : 8) : 0;
    Rect inner = w.rect.inset(pad_x, pad_y);
    if (w.kind == WidgetKind::toggle) inner.w = std::max(0, toggle_track(w).x - m_metrics.dp(16) - inner.x);
    if (w.kind == WidgetKind::text_area) {
      const std::string shown = w.text.empty() ? w.secondary : w.text;
      WrappedText wrapped = wrap_text(m_painter, shown, w.font, inner.w);
      w.line_height = wrapped.line_height;
      const int fit = std::max(1, inner.h / std::max(1, wrapped.line_height));
      if (static_cast<int>(wrapped.lines.size()) > fit) {  // scrolled to the end: the cursor stays visible
        wrapped.lines.erase(wrapped.lines.begin(), wrapped.lines.end() - fit);
      }
      w.lines = std::move(wrapped.lines);
      w.missing_glyphs = wrapped.missing_glyphs;
      w.text_rect = {inner.x, inner.y, std::min(inner.w, wrapped.size.w),
                     std::min(inner.h, wrapped.line_height * static_cast<int>(w.lines.size()))};
      continue;
    }
    WrappedText wrapped = wrap_text(m_painter, w.text, w.font, w.wrap == Wrap::none ? 1 << 20 : inner.w);
    WrappedText second;
    const Font small{m_metrics.small.px, Weight::regular};
    if (!w.secondary.empty()) second = wrap_text(m_painter, w.secondary, small, inner.w);
    w.line_height = wrapped.line_height;
    w.missing_glyphs = wrapped.missing_glyphs + second.missing_glyphs;
    const int width = std::max(wrapped.size.w, second.size.w);
    const int height = wrapped.size.h + second.size.h;
    // Vertical padding is a preference: text fits when its line boxes fit the widget itself
    // (a line box already carries the font's own space above and below the glyphs).
    const Rect vertical = height > inner.h ? Rect{inner.x, w.rect.y, inner.w, w.rect.h} : inner;
    w.clipped = wrapped.overflow || second.overflow || width > inner.w || height > vertical.h;
    int x = inner.x;
    if (w.align == Align::centre) x = inner.x + (inner.w - width) / 2;
    if (w.align == Align::end) x = inner.right() - width;
    int y = vertical.y;
    if (w.valign == Align::centre) y = vertical.y + (vertical.h - height) / 2;
    w.text_rect = {x, y, width, height};
    w.lines = std::move(wrapped.lines);
    for (std::string& line : second.lines) w.lines.push_back("\x01" + line);  // marks a secondary line
  }
}

// ---------------------------------------------------------------- draw

// A pad: its card, a dashed centre cross as on squared writing paper (田字格), then the
// strokes as chains of overlapping squares (the Painter draws rectangles only).
void Scene::draw_ink(const Widget& w) {
  m_painter.fill_rect(w.rect, w.bg, w.radius);
  m_painter.stroke_rect(w.rect, w.border, w.border_width, w.radius);
  const int dash = std::max(4, m_metrics.dp(10));
  const int thin = std::max(1, m_metrics.dp(2));
  const Point centre{w.rect.x + w.rect.w / 2, w.rect.y + w.rect.h / 2};
  for (int x = w.rect.x + dash; x + dash < w.rect.right(); x += 2 * dash)
    m_painter.fill_rect({x, centre.y - thin / 2, dash, thin}, m_theme.text_muted, 0);
  for (int y = w.rect.y + dash; y + dash < w.rect.bottom(); y += 2 * dash)
    m_painter.fill_rect({centre.x - thin / 2, y, thin, dash}, m_theme.text_muted, 0);
  const int t = std::max(2, w.ink_width);
  auto stamp = [&](double x, double y) {
    m_painter.fill_rect({static_cast<int>(x) - t / 2, static_cast<int>(y) - t / 2, t, t}, w.fg, 0);
  };
  m_painter.set_clip(w.rect);
  for (const std::vector<Point>& stroke : w.ink) {
    if (stroke.empty()) continue;
    stamp(stroke.front().x, stroke.front().y);
    for (std::size_t i = 1; i < stroke.size(); ++i) {
      const Point a = stroke[i - 1];
      const Point b = stroke[i];
      const double length = std::hypot(b.x - a.x, b.y - a.y);
      const int steps = std::max(1, static_cast<int>(length / std::max(1, t / 4)));
      for (int k = 1; k <= steps; ++k)
        stamp(a.x + (b.x - a.x) * k / static_cast<double>(steps),
              a.y + (b.y - a.y) * k / static_cast<double>(steps));
    }
  }
  m_painter.reset_clip();
}

// Off: a grey track, the knob on the left, the word on the right; on: the accent track, the
// knob on the right, the word on the left.
void Scene::draw_track(const Widget& w) {
  const Rect track = toggle_track(w);
  const int inset = std::max(2, m_metrics.dp(4));
  m_painter.fill_rect(track, w.checked ? m_theme.accent : m_theme.text_muted, track.h / 2);
  const int knob = track.h - 2 * inset;
  const int knob_x = w.checked ? track.right() - inset - knob : track.x + inset;
  m_painter.fill_rect({knob_x, track.y + inset, knob, knob}, m_theme.surface, knob / 2);
  const Font font{m_metrics.small.px, Weight::bold};
  const int word_w = m_painter.measure(w.state, font).size.w;
  const int free_x = w.checked ? track.x + inset : knob_x + knob;
  const int free_w = w.checked ? knob_x - free_x : track.right() - inset - free_x;
  m_painter.draw_text(
      w.state, font, m_theme.on_primary,
      {free_x + (free_w - word_w) / 2, track.y + (track.h - m_painter.line_height(font)) / 2});
}

void Scene::draw_qr(const Widget& w) {
  if (!w.qr || w.qr->size == 0) return;
  const int quiet = 2;
  const int modules = w.qr->size + 2 * quiet;
  const int cell = std::max(1, std::min(w.rect.w, w.rect.h) / modules);
  const int side = cell * modules;
  const Rect area{w.rect.x + (w.rect.w - side) / 2, w.rect.y + (w.rect.h - side) / 2, side, side};
  m_painter.fill_rect(area, Colour{255, 255, 255}, 0);
  for (int y = 0; y < w.qr->size; ++y) {
    for (int x = 0; x < w.qr->size; ++x) {
      if (w.qr->dark(x, y)) {
        m_painter.fill_rect({area.x + (x + quiet) * cell, area.y + (y + quiet) * cell, cell, cell},
                            Colour{0, 0, 0}, 0);
      }
    }
  }
}

void Scene::draw_widget(const Widget& w) {
  if (w.kind == WidgetKind::zone) return;
  if (w.kind == WidgetKind::qr) {
    draw_qr(w);
    return;
  }
  if (w.kind == WidgetKind::ink) {
    draw_ink(w);
    return;
  }
  if (w.kind == WidgetKind::icon) {
    m_painter.draw_icon(w.icon, w.rect, w.fg);
    return;
  }
  const Colour bg = w.enabled ? w.bg : m_theme.surface_alt;
  if (bg.a > 0) m_painter.fill_rect(w.rect, bg, w.radius);
  if (w.border_width > 0) m_painter.stroke_rect(w.rect, w.border, w.border_width, w.radius);
  const Font small{m_metrics.small.px, Weight::regular};
  const Colour fg = w.enabled ? w.fg : m_theme.text_muted;
  const bool placeholder = w.kind == WidgetKind::text_area && w.text.empty();
  int y = w.text_rect.y;
  for (const std::string& raw : w.lines) {
    const bool secondary = !raw.empty() && raw[0] == '\x01';
    const std::string_view line = secondary ? std::string_view(raw).substr(1) : std::string_view(raw);
    const Font& font = secondary ? small : w.font;
    const int width = m_painter.measure(line, font).size.w;
    int x = w.text_rect.x;
    if (w.align == Align::centre) x = w.text_rect.x + (w.text_rect.w - width) / 2;
    if (w.align == Align::end) x = w.text_rect.right() - width;
    m_painter.draw_text(line, font, secondary || placeholder ? (placeholder ? m_theme.text_muted : fg) : fg,
                        {x, y});
    y += m_painter.line_height(font);
  }
  if (w.kind == WidgetKind::toggle) draw_track(w);
  if (w.kind == WidgetKind::text_area && w.focused) {  // the cursor after the last character
    const std::string_view last = placeholder || w.lines.empty() ? std::string_view{} : w.lines.back();
    const int x = placeholder ? w.text_rect.x - std::max(2, m_metrics.dp(3)) - 2
                              : w.text_rect.x + m_painter.measure(last, w.font).size.w + 2;
    const int line_top = placeholder || w.lines.empty()
                             ? w.text_rect.y
                             : w.text_rect.y + w.line_height * (static_cast<int>(w.lines.size()) - 1);
    m_painter.fill_rect(
        {x, line_top + w.line_height / 8, std::max(2, m_metrics.dp(3)), w.line_height * 3 / 4},
        m_theme.accent, 0);
  }
}

void Scene::draw() {
  m_painter.clear(m_theme.background);
  for (int layer = 0; layer <= m_layer; ++layer) {
    if (layer == 1) m_painter.fill_rect({0, 0, m_metrics.screen.w, m_metrics.screen.h}, m_theme.scrim, 0);
    for (const Widget& w : m_widgets) {
      if (w.layer != layer) continue;
      const bool clip = w.partly_hidden;
      if (clip) {
        if (!w.viewport.intersects(w.rect)) continue;
        m_painter.set_clip(w.viewport);
      }
      draw_widget(w);
      if (clip) m_painter.reset_clip();
    }
  }
}

// ---------------------------------------------------------------- queries

const Widget* Scene::hit(Point point) const {
  for (auto it = m_widgets.rbegin(); it != m_widgets.rend(); ++it) {
    if (it->layer != m_layer || !it->on_tap || !it->enabled) continue;
    if (it->rect.contains(point) && it->viewport.contains(point)) return &*it;
  }
  return nullptr;
}

const InkPad* Scene::ink_pad_at(Point point) const {
  for (const InkPad& pad : m_ink_pads) {
    if (pad.layer == m_layer && pad.rect.contains(point)) return &pad;
  }
  return nullptr;
}

const InkPad* Scene::find_ink_pad(std::string_view id) const {
  for (const InkPad& pad : m_ink_pads) {
    if (pad.id == id) return &pad;
  }
  return nullptr;
}

const Viewport* Scene::viewport_at(Point point) const {
  if (m_layer > 0) return nullptr;
  for (const Viewport& viewport : m_viewports) {
    if (viewport.rect.contains(point)) return &viewport;
  }
  return nullptr;
}

Point tap_point(const Widget& widget) {
  const Rect& r = widget.rect;
  const Rect& v = widget.viewport;
  const int x0 = std::max(r.x, v.x);
  const int y0 = std::max(r.y, v.y);
  const int x1 = std::min(r.right(), v.right());
  const int y1 = std::min(r.bottom(), v.bottom());
  return {(x0 + x1) / 2, (y0 + y1) / 2};
}

const Widget* Scene::find(std::string_view id) const {
  for (const Widget& w : m_widgets) {
    if (w.id == id) return &w;
  }
  return nullptr;
}

namespace {

const char* kind_name(WidgetKind kind) {
  switch (kind) {
    case WidgetKind::panel:
      return "panel";
    case WidgetKind::label:
      return "label";
    case WidgetKind::button:
      return "button";
    case WidgetKind::key:
      return "key";
    case WidgetKind::text_area:
      return "text_area";
    case WidgetKind::list_item:
      return "list_item";
    case WidgetKind::qr:
      return "qr";
    case WidgetKind::zone:
      return "zone";
    case WidgetKind::ink:
      return "ink";
    case WidgetKind::toggle:
      return "toggle";
    case WidgetKind::icon:
      return "icon";
  }
  return "?";
}

nlohmann::json rect_json(const Rect& r) {
  return nlohmann::json::array({r.x, r.y, r.w, r.h});
}

std::string colour_hex(const Colour& c) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r, c.g, c.b);
  return text;
}

}  // namespace

std::string Scene::layout_json(std::string_view screen_id) const {
  nlohmann::json widgets = nlohmann::json::array();
  for (const Widget& w : m_widgets) {
    nlohmann::json item = {{"id", w.id},
                           {"kind", kind_name(w.kind)},
                           {"rect", rect_json(w.rect)},
                           {"layer", w.layer},
                           {"tappable", static_cast<bool>(w.on_tap) && w.enabled}};
    if (!w.text.empty() || !w.lines.empty()) {
      item["text"] = w.text;
      item["secondary"] = w.secondary;
      item["text_rect"] = rect_json(w.text_rect);
      item["font_px"] = w.font.px;
      item["clipped"] = w.clipped;
      item["missing_glyphs"] = w.missing_glyphs;
    }
    if (w.kind == WidgetKind::text_area) {
      item["composing"] = w.composing;
      item["focused"] = w.focused;
    }
    if (w.kind == WidgetKind::toggle) {
      item["checked"] = w.checked;
      item["state"] = w.state;
    }
    if (w.border_width > 0) {  // how a field in error or a chosen switch is outlined
      item["border"] = colour_hex(w.border);
      item["border_width"] = w.border_width;
    }
    if (w.kind == WidgetKind::ink) item["strokes"] = w.ink.size();
    if (w.kind == WidgetKind::icon) {
      item["icon"] = w.icon;
      item["colour"] = colour_hex(w.fg);
    }
    if (w.partly_hidden) item["partly_hidden"] = true;
    widgets.push_back(std::move(item));
  }
  nlohmann::json root = {{"screen", screen_id},
                         {"size", {m_metrics.screen.w, m_metrics.screen.h}},
                         {"px_per_mm", m_metrics.px_per_mm},
                         {"min_body_px", m_metrics.min_body_px()},
                         {"min_target_px", m_metrics.min_target},
                         {"modal", m_layer > 0},
                         {"widgets", std::move(widgets)}};
  return root.dump();
}

}  // namespace complaint::ui
