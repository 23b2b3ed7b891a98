// KindScreen: what this is (complaint, suggestion, inquiry, report), each with its pictogram,
// and the chosen kind's topics in the customer's own words (taxonomy topics: "排队太久",
// "卡被吞"), each tile a pictogram on its badge and the label in the chosen language. A topic
// files under its mapped category. A clerk (staff mode), or a taxonomy without topics for a
// kind, gets the customer categories themselves. When the grid does not fit (large text), it shows a page at
// a time with 上一页 / 下一页, each page as many rows as the height allows (tiles only as tall as their
// labels need).
#include <algorithm>

#include "kiosk/screens/frame.h"
#include "kiosk/screens/pager.h"
#include "kiosk/screens/screens.h"

namespace complaint {

namespace {

// One tile: a topic of the chosen kind, or (no topics for it) a customer category.
struct Choice {
  std::string widget;  // "topic.long_wait" or "category.other"
  std::string topic;   // empty for a category
  std::string category;
  const std::string* label_zh;
  const std::string* label_en;
  std::string icon;
  const std::string& label(std::string_view language) const {
    return taxonomy_label(*label_zh, *label_en, language);
  }
};

// A clerk entering a letter or a call files in the procedure's words (the categories), as the
// register and the desk name them; a customer chooses from the kind's topics.
std::vector<Choice> choices_for(const Taxonomy& taxonomy, const FilingSession& session) {
  std::vector<Choice> out;
  if (session.mode == FilingMode::customer) {
    for (const TaxonomyTopic* t : taxonomy.topics_of(session.kind)) {
      out.push_back({"topic." + t->id, t->id, t->category, &t->label_zh, &t->label_en, t->icon});
    }
    if (!out.empty()) return out;
  }
  for (const TaxonomyEntry& c : taxonomy.categories()) {
    if (!c.staff_only) out.push_back({"category." + c.id, "", c.id, &c.label_zh, &c.label_en, c.icon});
  }
  return out;
}

class KindScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::kind; }
  const char* name() const override { return "kind"; }
  void enter(AppContext&) override { m_page = -1; }
  void wipe() override { m_page = -1; }

  void build(ui::Scene& scene, AppContext& context) override {
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    FilingSession& session = context.session();
    Frame frame = build_frame(scene, context, "kiosk.kind.title", flow_step_number(id()), Footer::shown);
    build_nav(
        scene, context, frame.footer, [this, &context] { go_back(context, id()); }, "kiosk.nav.next",
        [this, &context] { go_next(context, id()); }, !session.category.empty());
    ui::Rect area = frame.content;

    // Kinds as a segmented row (two rows when narrow).
    const auto& kinds = context.services().taxonomy.kinds();
    const int n = static_cast<int>(kinds.size());
    const int per_row = area.w / std::max(1, n) >= m.dp(220) ? n : (n + 1) / 2;
    const int rows = (n + per_row - 1) / per_row;
    ui::Rect kinds_rect = area.take_top(rows * m.button_height + (rows - 1) * m.gap, m.gap * 2);
    const int kind_w = (kinds_rect.w - (per_row - 1) * m.gap) / per_row;
    for (int i = 0; i < n; ++i) {
      const TaxonomyEntry& kind = kinds[static_cast<std::size_t>(i)];
      const ui::Rect r{kinds_rect.x + (i % per_row) * (kind_w + m.gap),
                       kinds_rect.y + (i / per_row) * (m.button_height + m.gap), kind_w, m.button_height};
      // The button's colour, copied: the widgets added below may move the scene's list.
      const ui::Colour fg = scene
                                .button("kind." + kind.id, r, "",
                                        session.kind == kind.id ? ui::Style::selected : ui::Style::choice,
                                        [this, &context, id = kind.id] {
                                          if (context.session().kind != id) {
                                            m_page = -1;
                                            // Another kind's topics: the old choice is not one of them.
                                            context.session().topic.clear();
                                            context.session().category.clear();
                                          }
                                          context.session().kind = id;
                                          context.changed();
                                        })
                                .fg;
      // The pictogram and the name side by side, centred as a group in the button.
      const std::string& name = kind.label(context.language());
      const int icon = std::min(r.h - 2 * m.dp(10), m.dp(36));
      const int gap = m.dp(10);
      const int text_w = std::min(scene.painter().measure(name, m.button).size.w,
                                  std::max(0, r.w - 2 * m.dp(12) - icon - gap));
      const int x = r.x + std::max(m.dp(12), (r.w - icon - gap - text_w) / 2);
      scene.pictogram("kind." + kind.id + ".icon", {x, r.y + (r.h - icon) / 2, icon, icon}, kind.icon, fg);
      ui::Widget& label = scene.label("kind." + kind.id + ".label", {x + icon + gap, r.y, text_w + 1, r.h},
                                      name, m.button, fg);
      label.valign = ui::Align::centre;
    }

    const std::vector<Choice> choices = choices_for(context.services().taxonomy, session);
    const bool topics = !choices.empty() && !choices.front().topic.empty();
    const std::string prompt = context.tr(topics ? "kiosk.kind.topic_prompt." + session.kind
                                                 : std::string("kiosk.kind.category_prompt"));
    scene.label("kind.category_prompt", area.take_top(scene.text_height(prompt, m.body, area.w), m.gap),
                prompt, m.body, t.text_muted);

    // The tile grid.
    const int count = static_cast<int>(choices.size());
    Grid grid = plan_grid(scene, context, choices, area.w, area.h);
    if (count > grid.per_page) {  // the pager takes the bottom of the area, the rows what is left
      const ui::Rect pager = area.take_bottom(pager_height(scene, context, area.w, count), m.gap);
      grid = plan_grid(scene, context, choices, area.w, area.h);
      const int pages = (count + grid.per_page - 1) / grid.per_page;
      if (m_page < 0) m_page = selected_page(session, choices, grid.per_page);
      m_page = std::clamp(m_page, 0, pages - 1);
      build_pager(scene, context, pager, "kind.page", m_page, pages, [this, &context](int page) {
        m_page = page;
        context.changed();
      });
    } else {
      m_page = 0;
    }
    const int per_page = grid.per_page;
    const int cols = grid.cols;
    const int card_w = grid.card_w;
    const int card_h = grid.card_h;
    const std::size_t first = static_cast<std::size_t>(m_page * per_page);
    const std::size_t last = std::min(choices.size(), first + static_cast<std::size_t>(per_page));
    for (std::size_t i = first; i < last; ++i) {
      const Choice& c = choices[i];
      const int col = static_cast<int>(i - first) % cols;
      const int row = static_cast<int>(i - first) / cols;
      ui::Rect r{area.x + col * (card_w + m.gap), area.y + row * (card_h + m.gap), card_w, card_h};
      const bool selected = is_chosen(session, c);
      scene.button(c.widget, r, "", selected ? ui::Style::selected : ui::Style::choice,
                   [this, &context, category = c.category, topic = c.topic] {
                     context.session().category = category;
                     context.session().topic = topic;
                     go_next(context, id());
                   });
      const int badge =
          std::max(icon_min_side(scene), std::min(r.h - 2 * m.dp(k_tile_padding_dp), m.dp(k_badge_dp)));
      ui::Rect inner = r.inset(m.dp(k_tile_padding_dp), (r.h - badge) / 2);
      ui::Rect badge_rect = inner.take_left(badge, m.dp(k_tile_padding_dp));
      // The pictogram on its badge: the theme's colour for this place in the list, the
      // strokes in on_badge (4.5:1 against every badge, tests/kiosk/theme_test.cpp).
      scene.panel(c.widget + ".badge", badge_rect, selected ? t.surface : t.badges[i % t.badges.size()],
                  badge / 4);
      const int glyph = badge * 3 / 4;
      scene.pictogram(c.widget + ".icon",
                      {badge_rect.x + (badge - glyph) / 2, badge_rect.y + (badge - glyph) / 2, glyph, glyph},
                      c.icon, selected ? t.accent : t.on_badge);
      ui::Rect label_rect{inner.x, r.y + m.dp(k_label_margin_dp), inner.w, r.h - 2 * m.dp(k_label_margin_dp)};
      scene
          .label(c.widget + ".label", label_rect, c.label(context.language()), m.button,
                 selected ? t.on_primary : t.text)
          .valign = ui::Align::centre;
    }
  }

 private:
  static constexpr int k_tile_padding_dp = 14;  // around the badge and between it and the label
  static constexpr int k_badge_dp = 64;         // the badge's side at most
  static constexpr int k_label_margin_dp = 6;   // above and below the label

  // The badge is never smaller than a line of body text: its pictogram stays legible.
  static int icon_min_side(ui::Scene& scene) {
    return scene.painter().line_height(ui::Font{scene.metrics().body.px, ui::Weight::bold});
  }

  static bool is_chosen(const FilingSession& session, const Choice& c) {
    return c.topic.empty() ? session.topic.empty() && session.category == c.category
                           : session.topic == c.topic;
  }

  struct Grid {
    int cols = 2;
    int card_w = 0;
    int card_h = 0;
    int per_page = 1;
  };

  // The tile grid that shows the most tiles in `width` x `height`: for each column count the
  // width allows, tiles with room for two lines of label (comfortable), else only as tall as
  // the longest label needs in the current language (one line when they all fit on one, so
  // large text keeps several rows on a page), never below a touch target. Showing all of them
  // counts the same however; on a tie the earlier (wider, comfortable) grid wins.
  static Grid plan_grid(ui::Scene& scene, AppContext& context, const std::vector<Choice>& choices, int width,
                        int height) {
    const ui::Metrics& m = scene.metrics();
    const int count = static_cast<int>(choices.size());
    const int max_cols = std::clamp(width / std::max(1, m.dp(290)), 2, 4);
    const int two_lines = scene.painter().line_height(m.button) * 2;
    Grid best;
    int best_shown = 0;
    for (int cols = max_cols; cols >= 1; --cols) {  // one column: long English labels in portrait
      const int card_w = (width - (cols - 1) * m.gap) / cols;
      const int label_w =
          card_w - 3 * m.dp(k_tile_padding_dp) - std::max(m.dp(k_badge_dp), icon_min_side(scene));
      int label_h = scene.painter().line_height(m.button);
      for (const Choice& c : choices)
        label_h = std::max(label_h, scene.text_height(c.label(context.language()), m.button, label_w));
      for (const int text_h : {std::max(label_h, two_lines), label_h}) {
        const int card_h = std::max({m.button_height, text_h + 2 * m.dp(k_label_margin_dp) + m.dp(8),
                                     icon_min_side(scene) + 2 * m.dp(8)});
        const int per_page = std::max(1, (height + m.gap) / (card_h + m.gap)) * cols;
        if (std::min(per_page, count) > best_shown) {
          best = Grid{cols, card_w, card_h, per_page};
          best_shown = std::min(per_page, count);
        }
      }
    }
    return best;
  }

  // The page showing the chosen tile (back from the details screen), else the first.
  static int selected_page(const FilingSession& session, const std::vector<Choice>& choices, int per_page) {
    for (std::size_t i = 0; i < choices.size(); ++i) {
      if (is_chosen(session, choices[i])) return static_cast<int>(i) / per_page;
    }
    return 0;
  }

  int m_page = -1;  // -1: not chosen yet since the screen was entered
};

}  // namespace

std::unique_ptr<Screen> make_kind_screen() {
  return std::make_unique<KindScreen>();
}

}  // namespace complaint
