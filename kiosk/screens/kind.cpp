// KindScreen: what this is (complaint, suggestion, inquiry, report) and the category grid
// from the taxonomy (icons and labels in the chosen language; staff-only categories hidden).
// When the grid does not fit (large text), it shows a page at a time with 上一页 / 下一页.
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
    const int cols = std::clamp(area.w / std::max(1, m.dp(290)), 2, 4);
    const int card_w = (area.w - (cols - 1) * m.gap) / cols;
    const int card_h = std::max(m.button_height, scene.painter().line_height(m.button) * 2 + m.dp(20));
    const int count = static_cast<int>(categories.size());
    int per_page = std::max(1, (area.h + m.gap) / (card_h + m.gap)) * cols;
    if (count > per_page) {  // the pager takes the bottom of the area, the rows what is left
      const ui::Rect pager = area.take_bottom(pager_height(scene, context, area.w, count), m.gap);
      per_page = std::max(1, (area.h + m.gap) / (card_h + m.gap)) * cols;
      const int pages = (count + per_page - 1) / per_page;
      if (m_page < 0) m_page = selected_page(session.category, categories, per_page);
      m_page = std::clamp(m_page, 0, pages - 1);
      build_pager(scene, context, pager, "kind.page", m_page, pages, [this, &context](int page) {
        m_page = page;
        context.changed();
      });
    } else {
      m_page = 0;
    }
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
      const int badge = std::min(r.h - 2 * m.dp(14), m.dp(64));
      ui::Rect inner = r.inset(m.dp(14), (r.h - badge) / 2);
      ui::Rect badge_rect = inner.take_left(badge, m.dp(14));
      // The icon badge: the theme's colour for this place in the list and the first character
      // of the Chinese label, which reads as a seal-like mark in either language.
      scene.panel("category." + c.id + ".badge", badge_rect,
                  selected ? t.surface : t.badges[i % t.badges.size()], badge / 4);
      ui::Widget& mark = scene.label("category." + c.id + ".icon", badge_rect, first_character(c.label_zh),
                                     ui::Font{std::max(m.body.px, badge / 2), ui::Weight::bold},
                                     selected ? t.accent : t.on_badge, ui::Align::centre);
      mark.valign = ui::Align::centre;
      mark.wrap = ui::Wrap::none;
      ui::Rect label_rect{inner.x, r.y + m.dp(6), inner.w, r.h - 2 * m.dp(6)};
      scene
          .label("category." + c.id + ".label", label_rect, c.label(context.language()), m.button,
                 selected ? t.on_primary : t.text)
          .valign = ui::Align::centre;
    }
  }

 private:
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
