// TextEntry: keyboard layout in the scene (ids "kb.<key id>", "kb.cand.<i>") and edit
// application to the bound string.
#include "kiosk/app/text_entry.h"

#include <algorithm>

#include "kiosk/ui/text_layout.h"

namespace complaint {

namespace {

KeyboardOptions with_handwriting(KeyboardOptions options, HandwritingRecognizer* handwriting) {
  options.handwriting = handwriting;
  return options;
}

}  // namespace

TextEntry::TextEntry(Services& services, KeyboardOptions options)
    : m_model(std::make_unique<KeyboardModel>(services.input_method,
                                              with_handwriting(std::move(options), services.handwriting))) {}

void TextEntry::bind(std::string* target, std::size_t max_code_points, FieldKind kind) {
  if (m_target != target) m_model->clear();
  m_target = target;
  m_max = max_code_points;
  m_kind = kind;
  m_model->set_field_text(m_kind, m_target == nullptr ? std::string_view() : std::string_view(*m_target));
}

int TextEntry::height(const ui::Metrics& m) const {
  const auto& offered = m_model->layouts();
  const bool bar = std::find(offered.begin(), offered.end(), KeyboardLayout::pinyin) != offered.end();
  const int rows = static_cast<int>(m_model->rows().size()) + (bar ? 1 : 0);
  return rows * m.key_height + (rows - 1) * m.dp(8);
}

void TextEntry::apply(AppContext& context) {
  bool enter = false;
  for (const TextEdit& edit : m_model->take_edits()) {
    if (m_target == nullptr) continue;
    switch (edit.kind) {
      case TextEditKind::insert:
        if (ui::count_code_points(*m_target) + ui::count_code_points(edit.text) <= m_max)
          *m_target += edit.text;
        break;
      case TextEditKind::delete_backward:
        ui::pop_code_point(*m_target);
        break;
      case TextEditKind::enter:
        enter = true;
        break;
    }
  }
  m_model->set_field_text(m_kind, m_target == nullptr ? std::string_view() : std::string_view(*m_target));
  context.changed();
  if (enter && m_on_enter) m_on_enter();
}

void TextEntry::type(const std::string& utf8, AppContext& context) {
  m_model->type_text(utf8);
  apply(context);
}

void TextEntry::key(Key key, AppContext& context) {
  if (key == Key::enter) m_model->press("enter");
  if (key == Key::backspace) m_model->press("backspace");
  apply(context);
}

void TextEntry::press(const std::string& key_id, AppContext& context) {
  m_model->press(key_id);
  apply(context);
}

void TextEntry::choose(std::size_t index, AppContext& context) {
  m_model->choose_candidate(index);
  apply(context);
}

void TextEntry::commit(AppContext& context) {
  m_model->commit_composition();
  apply(context);
}

void TextEntry::clear() {
  m_stroke.clear();
  m_model->clear();
}

// The pad: the strokes written so far and the one under the finger; each lifted finger
// hands its stroke to the model, which recognises at once.
void TextEntry::build_pad(ui::Scene& scene, AppContext& context, ui::Rect pad) {
  const ui::Metrics& m = scene.metrics();
  m_model->set_pad_size(pad.w, pad.h);
  std::vector<std::vector<ui::Point>> strokes;
  auto on_screen = [&pad](const InkStroke& stroke) {
    std::vector<ui::Point> points;
    points.reserve(stroke.size());
    for (const InkPoint& p : stroke) points.push_back({pad.x + p.x, pad.y + p.y});
    return points;
  };
  for (const InkStroke& stroke : m_model->ink().strokes) strokes.push_back(on_screen(stroke));
  if (!m_stroke.empty()) strokes.push_back(on_screen(m_stroke));
  const bool empty = strokes.empty();
  const int min_step = std::max(2, m.dp(3));
  scene.ink_pad("kb.pad", pad, std::move(strokes),
                [this, pad, min_step, &context](ui::InkPhase phase, ui::Point at) {
                  const InkPoint p{std::clamp(at.x - pad.x, 0, pad.w), std::clamp(at.y - pad.y, 0, pad.h)};
                  if (phase == ui::InkPhase::down) m_stroke.clear();
                  const bool far_enough = m_stroke.empty() || std::abs(p.x - m_stroke.back().x) >= min_step ||
                                          std::abs(p.y - m_stroke.back().y) >= min_step;
                  if (far_enough || phase == ui::InkPhase::up) m_stroke.push_back(p);
                  if (phase == ui::InkPhase::up) {
                    InkStroke stroke = std::move(m_stroke);
                    m_stroke.clear();
                    m_model->add_stroke(std::move(stroke));
                    apply(context);
                    return;
                  }
                  context.changed();
                });
  if (empty) {
    ui::Widget& hint =
        scene.label("kb.pad.hint", pad.inset(m.dp(16), m.dp(16)), context.tr("keyboard.handwriting.hint"),
                    m.small, scene.theme().text_muted, ui::Align::centre);
    hint.valign = ui::Align::start;
  }
}

void TextEntry::build(ui::Scene& scene, AppContext& context, ui::Rect area) {
  const ui::Metrics& m = scene.metrics();
  const ui::Theme& t = scene.theme();
  const int gap = m.dp(8);
  scene.panel("kb.background", area.inset(-m.dp(8), -m.dp(8)), t.surface_alt, m.radius);

  // Candidate bar: composing letters, candidates (or next-word predictions), paging.
  const KeyboardModel& model = *m_model;
  const auto& offered = model.layouts();
  const bool has_bar = std::find(offered.begin(), offered.end(), KeyboardLayout::pinyin) != offered.end();
  ui::Rect bar = has_bar ? area.take_top(m.key_height, gap) : ui::Rect{};
  if (model.layout() == KeyboardLayout::pinyin || model.layout() == KeyboardLayout::handwriting) {
    if (model.layout() == KeyboardLayout::pinyin) {  // the letters typed; handwriting has none
      const int composing_w = std::max(bar.w / 6, m.dp(120));
      ui::Rect composing = bar.take_left(composing_w, gap);
      scene
          .label("kb.composing", composing, model.composing(), ui::Font{m.body.px, ui::Weight::bold},
                 t.accent, ui::Align::start)
          .valign = ui::Align::centre;
    }
    const int page_w = std::max(m.min_target, m.dp(84));
    ui::Rect next = bar.take_right(page_w, gap);
    ui::Rect prev = bar.take_right(page_w, gap);
    scene
        .button("kb.page.prev", prev, "‹", ui::Style::key,
                [this, &context] {
                  m_model->prev_page();
                  context.changed();
                })
        .enabled = model.has_prev_page();
    scene
        .button("kb.page.next", next, "›", ui::Style::key,
                [this, &context] {
                  m_model->next_page();
                  context.changed();
                })
        .enabled = model.has_next_page();
    const std::vector<std::string> page = model.candidate_page();
    int x = bar.x;
    for (std::size_t i = 0; i < page.size(); ++i) {
      const int w =
          std::max(m.min_target, scene.painter().measure(page[i], m.body).size.w + 2 * m.dp(18) + m.dp(8));
      if (x + w > bar.right()) break;
      ui::Widget& cand = scene.button("kb.cand." + std::to_string(i), {x, bar.y, w, bar.h}, page[i],
                                      ui::Style::quiet, [this, i, &context] { choose(i, context); });
      cand.font = ui::Font{m.body.px, ui::Weight::regular};
      cand.fg = t.text;
      cand.wrap = ui::Wrap::none;
      x += w + gap / 2;
    }
  }

  // Handwriting: the pad on the left, at least as wide as high, the keys to its right.
  if (model.layout() == KeyboardLayout::handwriting)
    build_pad(scene, context, area.take_left(area.w * 11 / 20, 2 * gap));

  // Key rows: a row's width units sum to at most 10; it is centred.
  const double unit = (area.w + gap) / 10.0;
  for (std::size_t r = 0; r < model.rows().size(); ++r) {
    const auto& row = model.rows()[r];
    ui::Rect line = area.take_top(m.key_height, gap);
    double units = 0;
    for (const KeyboardKey& key : row) units += key.width_units;
    double x = line.x + (10.0 - units) * unit / 2;
    for (const KeyboardKey& key : row) {
      const int w = static_cast<int>(key.width_units * unit) - gap;
      std::string label = key.label;
      if (label.empty() && !key.label_key.empty()) {
        label = context.tr(key.kind == KeyKind::shift && model.shift() == ShiftState::locked
                               ? "keyboard.shift_locked"
                               : key.label_key);
      }
      const ui::Style style = key.kind == KeyKind::character || key.kind == KeyKind::space
                                  ? ui::Style::key
                                  : ui::Style::secondary;
      ui::Widget& w_key = scene.button("kb." + key.id, {static_cast<int>(x), line.y, w, line.h}, label, style,
                                       [this, id = key.id, &context] { press(id, context); });
      w_key.kind = ui::WidgetKind::key;  // keys use the key's small padding whatever their style
      w_key.font = ui::Font{key.kind == KeyKind::character ? m.body.px : m.small.px,
                            key.kind == KeyKind::character ? ui::Weight::regular : ui::Weight::bold};
      // A word key one unit wide ("删除" in large text on a portrait screen): a smaller
      // font, never below the body minimum, rather than a clipped label.
      const int room = w - 2 * m.dp(4);
      while (key.kind != KeyKind::character && w_key.font.px > m.min_body_px() &&
             scene.painter().measure(label, w_key.font).size.w > room) {
        w_key.font.px -= 1;
      }
      if (key.kind == KeyKind::shift && model.shift() != ShiftState::off) {
        w_key.bg = t.accent;
        w_key.fg = t.on_primary;
      }
      x += key.width_units * unit;
    }
  }
}

}  // namespace complaint
