// Scene: the widgets of one frame (button, label, text area, key, on/off switch, list with
// drag scrolling, modal, QR image, pictogram, hidden zone, handwriting pad) as a flat list with ids. Screens
// rebuild it when something changed; the app draws it, hit-tests taps against it and dumps it as the layout
// for tests. Invariant: ids are unique within a scene (add() asserts); layer 1 is the modal.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/ui/painter.h"
#include "kiosk/ui/theme.h"

namespace complaint {
struct QrMatrix;
}

namespace complaint::ui {

enum class WidgetKind { panel, label, button, key, text_area, list_item, qr, zone, ink, toggle, icon };
enum class Align { start, centre, end };
enum class Style { primary, secondary, choice, selected, danger, key, quiet, link };
enum class Wrap { none, words };

struct Widget {
  std::string id;
  WidgetKind kind = WidgetKind::label;
  Rect rect;
  std::string text;
  Font font;
  Colour fg;
  Colour bg;
  Colour border;
  int border_width = 0;
  int radius = 0;
  Align align = Align::start;
  Align valign = Align::centre;
  Wrap wrap = Wrap::words;
  int layer = 0;
  bool enabled = true;
  std::string secondary;  // a second, smaller line (e.g. an English hint), drawn below
  std::string composing;  // text area: pinyin being composed, drawn underlined after text
  bool focused = false;
  bool checked = false;  // toggle: on
  std::string state;     // toggle: the state in words ("开"/"On"), drawn in its track
  std::shared_ptr<const QrMatrix> qr;
  std::string icon;                     // pictogram: the taxonomy icon name, drawn in `fg`
  std::vector<std::vector<Point>> ink;  // ink pad: strokes in screen pixels, drawn as lines
  int ink_width = 0;                    // their thickness
  std::function<void()> on_tap;
  // The catalog key whose plain text `text` is, where the screen knows it: voice mode
  // plays a deployment's recorded clip of that key instead of synthesising (core/speech).
  std::string key;

  // Filled by Scene::finish(): where the text is, and whether it fits.
  std::vector<std::string> lines;
  int line_height = 0;
  Rect text_rect;
  bool clipped = false;
  int missing_glyphs = 0;
  Rect viewport;  // the visible region (a list item scrolled partly out is clipped by it)
  bool partly_hidden = false;
};

// Where a test taps `widget`: its centre, moved inside its visible region when it is partly
// scrolled out (the test-control channel and the in-process tests).
Point tap_point(const Widget& widget);

// A scrolling region: drags inside it move the content (Scene::viewport()).
struct Viewport {
  std::string id;
  Rect rect;
  int content_height = 0;
  std::function<void(int dy)> on_drag;
};

// A handwriting pad: a press inside it starts a stroke that it receives point by point
// (screen pixels) until the release, wherever the finger goes meanwhile; never a tap.
enum class InkPhase { down, move, up };
struct InkPad {
  std::string id;
  Rect rect;
  int layer = 0;
  std::function<void(InkPhase, Point)> on_ink;
};

class Scene {
 public:
  Scene(Painter& painter, const Theme& theme, const Metrics& metrics);

  const Theme& theme() const { return m_theme; }
  const Metrics& metrics() const { return m_metrics; }
  Painter& painter() { return m_painter; }

  Widget& panel(std::string id, Rect rect, Colour colour, int radius);
  Widget& label(std::string id, Rect rect, std::string text, Font font, Colour colour,
                Align align = Align::start);
  Widget& button(std::string id, Rect rect, std::string text, Style style, std::function<void()> on_tap);
  Widget& text_area(std::string id, Rect rect, std::string text, std::string composing,
                    std::string placeholder);
  // An on/off switch: `text` on the left, a track with a knob on the right (left when off,
  // right when on) holding `state`, the state in words, so it reads without colour.
  Widget& toggle(std::string id, Rect rect, std::string text, std::string state, bool checked,
                 std::function<void()> on_tap);
  // The width a toggle needs for its text in the toggle's font and its track, with padding.
  int toggle_width(std::string_view text, std::string_view state);
  Widget& qr(std::string id, Rect rect, std::shared_ptr<const QrMatrix> matrix);
  // A pictogram (Painter::draw_icon): `icon` as large as fits `rect`, in `colour`. Not tappable:
  // it sits on the tile or button that is.
  Widget& pictogram(std::string id, Rect rect, std::string icon, Colour colour);
  // An invisible tappable region (the staff corner): not drawn, still in the layout.
  Widget& zone(std::string id, Rect rect, std::function<void()> on_tap);

  // A pad drawing `strokes`; a finger pressed in it feeds on_ink instead of tapping.
  Widget& ink_pad(std::string id, Rect rect, std::vector<std::vector<Point>> strokes,
                  std::function<void(InkPhase, Point)> on_ink);

  // Widgets added between begin_viewport and end_viewport are clipped to `viewport`.
  void begin_viewport(Viewport viewport);
  void end_viewport();
  // Widgets added after this call are a modal: drawn over a scrim; only they take taps.
  void begin_modal();
  bool has_modal() const { return m_layer > 0; }

  // Height a label of `text` needs at `width` (wrapped).
  int text_height(std::string_view text, const Font& font, int width);

  void finish();  // lays out text; call once after building
  void draw();
  const Widget* hit(Point point) const;
  const Viewport* viewport_at(Point point) const;
  const InkPad* ink_pad_at(Point point) const;
  const InkPad* find_ink_pad(std::string_view id) const;
  const Widget* find(std::string_view id) const;
  const std::vector<Widget>& widgets() const { return m_widgets; }
  // {"screen":..., "size":[w,h], "widgets":[{id, kind, rect, text, ...}]} for the tests.
  std::string layout_json(std::string_view screen_id) const;

 private:
  Widget& add(Widget widget);
  void draw_widget(const Widget& widget);
  void draw_qr(const Widget& widget);
  void draw_ink(const Widget& widget);
  void draw_track(const Widget& widget);
  Rect toggle_track(const Widget& widget);

  Painter& m_painter;
  const Theme& m_theme;
  const Metrics& m_metrics;
  std::vector<Widget> m_widgets;
  std::vector<Viewport> m_viewports;
  std::vector<InkPad> m_ink_pads;
  int m_layer = 0;
  bool m_in_viewport = false;
};

}  // namespace complaint::ui
