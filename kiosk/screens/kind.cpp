// KindScreen: what this is (complaint, suggestion, inquiry, report) and the category grid
// from the taxonomy (icons and labels in the chosen language; staff-only categories hidden).
// When the grid does not fit (large text), it shows a page at a time with 上一页 / 下一页,
// each page as many rows as the height allows (tiles only as tall as their labels need).
#include <algorithm>

#include "kiosk/screens/frame.h"
#include "kiosk/screens/pager.h"
#include "kiosk/screens/screens.h"

namespace complaint {

namespace {

std::string first_character(const std::string& text) {
  if (text.empty()) return {};
  const auto lead = static_cast<unsigned char>(text[0]);
  const std::size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
  return text.substr(0, n);
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
      scene
          .button("kind." + kind.id, r, kind.label(context.language()),
                  session.kind == kind.id ? ui::Style::selected : ui::Style::choice,
                  [&context, id = kind.id] {
                    context.session().kind = id;
                    context.changed();
                  })
          .align = ui::Align::centre;
    }

    const std::string prompt = context.tr("kiosk.kind.category_prompt");
    scene.label("kind.category_prompt", area.take_top(scene.text_height(prompt, m.body, area.w), m.gap),
                prompt, m.body, t.text_muted);

    // The category grid.
    std::vector<const TaxonomyEntry*> categories;
    for (const TaxonomyEntry& c : context.services().taxonomy.categories()) {
      if (!c.staff_only) categories.push_back(&c);
    }
    const int count = static_cast<int>(categories.size());
    Grid grid = plan_grid(scene, context, categories, area.w, area.h);
    if (count > grid.per_page) {  // the pager takes the bottom of the area, the rows what is left
      const ui::Rect pager = area.take_bottom(pager_height(scene, context, area.w, count), m.gap);
      grid = plan_grid(scene, context, categories, area.w, area.h);
      const int pages = (count + grid.per_page - 1) / grid.per_page;
      if (m_page < 0) m_page = selected_page(session.category, categories, grid.per_page);
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
    const std::size_t last = std::min(categories.size(), first + static_cast<std::size_t>(per_page));
    for (std::size_t i = first; i < last; ++i) {
      const TaxonomyEntry& c = *categories[i];
      const int col = static_cast<int>(i - first) % cols;
      const int row = static_cast<int>(i - first) / cols;
      ui::Rect r{area.x + col * (card_w + m.gap), area.y + row * (card_h + m.gap), card_w, card_h};
      const bool selected = session.category == c.id;
      scene.button("category." + c.id, r, "", selected ? ui::Style::selected : ui::Style::choice,
                   [this, &context, category = c.id] {
                     context.session().category = category;
                     go_next(context, id());
                   });
      const int badge =
          std::max(icon_line_height(scene), std::min(r.h - 2 * m.dp(k_tile_padding_dp), m.dp(k_badge_dp)));
      ui::Rect inner = r.inset(m.dp(k_tile_padding_dp), (r.h - badge) / 2);
      ui::Rect badge_rect = inner.take_left(badge, m.dp(k_tile_padding_dp));
      // The icon badge: the theme's colour for this place in the list and the first character
      // of the Chinese label, which reads as a seal-like mark in either language.
      scene.panel("category." + c.id + ".badge", badge_rect,
                  selected ? t.surface : t.badges[i % t.badges.size()], badge / 4);
      ui::Widget& mark = scene.label("category." + c.id + ".icon", badge_rect, first_character(c.label_zh),
                                     ui::Font{std::max(m.body.px, badge / 2), ui::Weight::bold},
                                     selected ? t.accent : t.on_badge, ui::Align::centre);
      mark.valign = ui::Align::centre;
      mark.wrap = ui::Wrap::none;
      ui::Rect label_rect{inner.x, r.y + m.dp(k_label_margin_dp), inner.w, r.h - 2 * m.dp(k_label_margin_dp)};
      scene
          .label("category." + c.id + ".label", label_rect, c.label(context.language()), m.button,
                 selected ? t.on_primary : t.text)
          .valign = ui::Align::centre;
    }
  }

 private:
  static constexpr int k_tile_padding_dp = 14;  // around the badge and between it and the label
  static constexpr int k_badge_dp = 64;         // the badge's side at most
  static constexpr int k_label_margin_dp = 6;   // above and below the label

  // The badge holds one character of the icon font (body size at least): never smaller.
  static int icon_line_height(ui::Scene& scene) {
    return scene.painter().line_height(ui::Font{scene.metrics().body.px, ui::Weight::bold});
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
  static Grid plan_grid(ui::Scene& scene, AppContext& context,
                        const std::vector<const TaxonomyEntry*>& categories, int width, int height) {
    const ui::Metrics& m = scene.metrics();
    const int count = static_cast<int>(categories.size());
    const int max_cols = std::clamp(width / std::max(1, m.dp(290)), 2, 4);
    const int two_lines = scene.painter().line_height(m.button) * 2;
    Grid best;
    int best_shown = 0;
    for (int cols = max_cols; cols >= 1; --cols) {  // one column: long English labels in portrait
      const int card_w = (width - (cols - 1) * m.gap) / cols;
      const int label_w =
          card_w - 3 * m.dp(k_tile_padding_dp) - std::max(m.dp(k_badge_dp), icon_line_height(scene));
      int label_h = scene.painter().line_height(m.button);
      for (const TaxonomyEntry* c : categories)
        label_h = std::max(label_h, scene.text_height(c->label(context.language()), m.button, label_w));
      for (const int text_h : {std::max(label_h, two_lines), label_h}) {
        const int card_h = std::max({m.button_height, text_h + 2 * m.dp(k_label_margin_dp) + m.dp(8),
                                     icon_line_height(scene) + 2 * m.dp(8)});
        const int per_page = std::max(1, (height + m.gap) / (card_h + m.gap)) * cols;
        if (std::min(per_page, count) > best_shown) {
          best = Grid{cols, card_w, card_h, per_page};
          best_shown = std::min(per_page, count);
        }
      }
    }
    return best;
  }

  // The page showing the chosen category (back from the details screen), else the first.
  static int selected_page(const std::string& category, const std::vector<const TaxonomyEntry*>& categories,
                           int per_page) {
    for (std::size_t i = 0; i < categories.size(); ++i) {
      if (categories[i]->id == category) return static_cast<int>(i) / per_page;
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
