// DetailsScreen: the complaint text, typed on the on-screen keyboard (pinyin, English,
// digits, Chinese punctuation) or a USB keyboard; a live character counter; tappable quick
// phrases of the chosen category so most customers type little (a page at a time with
// 上一页 / 下一页 when they do not all fit, as in large text; none is ever left out).
#include <algorithm>

#include "core/validation/ticket_validation.h"
#include "kiosk/app/text_entry.h"
#include "kiosk/screens/frame.h"
#include "kiosk/screens/pager.h"
#include "kiosk/screens/screens.h"
#include "kiosk/ui/text_layout.h"

namespace complaint {

namespace {

class DetailsScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::details; }
  const char* name() const override { return "details"; }

  void enter(AppContext& context) override {
    ensure_entry(context);
    m_entry->bind(&context.session().content, kContentMaxCodePoints);
    m_entry->set_layout(context.language() == "en" ? KeyboardLayout::english : KeyboardLayout::pinyin);
    m_error.clear();
    m_phrase_page = 0;
  }
  void wipe() override {
    m_phrase_page = 0;
    if (m_entry) m_entry->clear();
    if (m_entry) m_entry->bind(nullptr, 0);
    m_error.clear();
  }
  void on_text(const std::string& text, AppContext& context) override { m_entry->type(text, context); }
  void on_key(Key key, AppContext& context) override { m_entry->key(key, context); }

  void build(ui::Scene& scene, AppContext& context) override {
    ensure_entry(context);
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    FilingSession& session = context.session();
    if (m_entry->target() != &session.content) m_entry->bind(&session.content, kContentMaxCodePoints);
    Frame frame = build_frame(scene, context, "kiosk.details.title", flow_step_number(id()), Footer::shown);
    const bool has_text = !session.content.empty() || !m_entry->model().composing().empty();
    build_nav(
        scene, context, frame.footer, [this, &context] { go_back(context, id()); }, "kiosk.nav.next",
        [this, &context] {
          m_entry->commit(context);  // what is being composed, on the customer's keyboard
          if (context.session().content.find_first_not_of(" \n\t") == std::string::npos) {
            m_error = "error.content.empty";
            context.changed();
            return;
          }
          m_error.clear();
          go_next(context, id());
        },
        has_text);
    // The live counter sits in the footer between Back and Next, or above the keyboard.
    const std::size_t used = ui::count_code_points(session.content);
    const std::string counter_text =
        context.tr("kiosk.details.counter",
                   {{"used", std::to_string(used)}, {"max", std::to_string(kContentMaxCodePoints)}});
    ui::Rect counter = footer_middle(m, frame.footer);
    ui::Rect area = frame.content;
    if (scene.painter().measure(counter_text, m.small).size.w > counter.w) {
      counter = area.take_bottom(scene.painter().line_height(m.small), m.dp(4));
    }
    scene
        .label("details.counter", counter, counter_text, m.small,
               used + 50 > kContentMaxCodePoints ? t.danger : t.text_muted,
               counter.y >= frame.footer.y ? ui::Align::centre : ui::Align::end)
        .valign = ui::Align::centre;

    ui::Rect keyboard = area.take_bottom(m_entry->height(m), m.gap + m.dp(8));
    m_entry->build(scene, context, keyboard);

    if (!m_error.empty()) {
      build_error(scene, context, area.take_bottom(scene.painter().line_height(m.body), m.dp(4)), m_error);
    }
    // Quick phrases: beside the text in landscape, below it in portrait.
    const TaxonomyEntry* category = context.services().taxonomy.category(session.category);
    const std::vector<std::string> none;
    const std::vector<std::string>& phrases =
        category == nullptr
            ? none
            : (context.language() == "en" ? category->quick_phrases_en : category->quick_phrases_zh);
    const ui::Font phrase_font{m.small.px, ui::Weight::regular};
    const int phrase_h = std::max(m.min_target, scene.painter().line_height(phrase_font) + m.dp(12));
    std::vector<PhrasePage> pages;
    if (!phrases.empty()) {
      if (!m.portrait && area.w > m.dp(800)) {
        // A column beside the text; where the keyboard leaves it too short for a phrase and
        // the pager (large text), half the width with the phrases flowing in rows.
        ui::Rect rest = area;  // what the phrases leave to the text
        pages = paginate(scene, context, rest.take_right(area.w * 3 / 10, m.gap), phrases, phrase_font,
                         phrase_h, true);
        if (!fits(pages)) {
          rest = area;
          pages = paginate(scene, context, rest.take_right(area.w / 2, m.gap), phrases, phrase_font, phrase_h,
                           false);
        }
        area = rest;
      } else {
        // Two rows below the text; when they cannot hold every phrase, one row and the pager.
        ui::Rect below{area.x, area.y, area.w, phrase_h * 2 + m.gap};
        pages = paginate(scene, context, below, phrases, phrase_font, phrase_h, false);
        if (pages.size() > 1) below.h = phrase_h + m.gap + pager_height(scene, context, area.w, 9);
        pages =
            paginate(scene, context, area.take_bottom(below.h, m.gap), phrases, phrase_font, phrase_h, false);
      }
    }
    scene.text_area("details.text", area, session.content, m_entry->model().composing(),
                    context.tr("kiosk.details.placeholder"));
    if (!pages.empty()) build_phrases(scene, context, pages, phrases, phrase_font);
  }

 private:
  struct PlacedPhrase {
    std::size_t index;
    ui::Rect rect;
    bool wrapped;  // too long for one line at this width: two lines, never clipped
  };
  struct PhrasePage {
    std::vector<PlacedPhrase> phrases;
    ui::Rect pager;          // empty: everything on one page
    bool overflows = false;  // a phrase alone is taller than the room left for it
  };
  static bool fits(const std::vector<PhrasePage>& pages) {
    return std::none_of(pages.begin(), pages.end(), [](const PhrasePage& page) { return page.overflows; });
  }

  void ensure_entry(AppContext& context) {
    if (!m_entry) m_entry = std::make_unique<TextEntry>(context.services(), KeyboardOptions{});
  }

  // Places the phrases in `area`, a page at a time: in a column (each a full-width button,
  // two lines when long) or flowing in rows. When they do not all fit, the pager takes the
  // bottom of the area and the phrases are placed again above it. Every page holds at
  // least one phrase, so none is ever dropped.
  static std::vector<PhrasePage> paginate(ui::Scene& scene, AppContext& context, ui::Rect area,
                                          const std::vector<std::string>& phrases, const ui::Font& font,
                                          int phrase_h, bool column) {
    const ui::Metrics& m = scene.metrics();
    auto place = [&](ui::Rect room) {
      std::vector<PhrasePage> pages(1);
      int x = room.x;
      int y = room.y;
      int row_h = 0;  // the tallest phrase of the current row (flowing)
      for (std::size_t i = 0; i < phrases.size(); ++i) {
        const int text_w = scene.painter().measure(phrases[i], font).size.w + 2 * m.dp(18);
        const int w = column ? room.w : std::min(room.w, text_w);
        const int h =
            text_w > w
                ? std::max(phrase_h, scene.text_height(phrases[i], font, w - 2 * m.dp(18)) + 2 * m.dp(8))
                : phrase_h;
        if (!column && x > room.x && x + w > room.right()) {
          x = room.x;
          y += row_h + m.gap;
          row_h = 0;
        }
        if (y + h > room.bottom() && !pages.back().phrases.empty()) {
          pages.emplace_back();
          x = room.x;
          y = room.y;
          row_h = 0;
        }
        if (y + h > room.bottom()) pages.back().overflows = true;
        pages.back().phrases.push_back({i, {x, y, w, h}, text_w > w});
        if (column) {
          y += h + m.gap;
        } else {
          x += w + m.gap;
          row_h = std::max(row_h, h);
        }
      }
      return pages;
    };
    std::vector<PhrasePage> pages = place(area);
    if (pages.size() == 1) return pages;
    const ui::Rect pager = area.take_bottom(pager_height(scene, context, area.w, 9), m.gap);
    pages = place(area);
    for (PhrasePage& page : pages) page.pager = pager;
    return pages;
  }

  void build_phrases(ui::Scene& scene, AppContext& context, const std::vector<PhrasePage>& pages,
                     const std::vector<std::string>& phrases, const ui::Font& font) {
    const int count = static_cast<int>(pages.size());
    m_phrase_page = std::clamp(m_phrase_page, 0, count - 1);
    const PhrasePage& page = pages[static_cast<std::size_t>(m_phrase_page)];
    for (const PlacedPhrase& placed : page.phrases) {
      const std::string& phrase = phrases[placed.index];
      ui::Widget& button = scene.button(
          "details.phrase." + std::to_string(placed.index), placed.rect, phrase, ui::Style::secondary,
          [this, &context, phrase] {
            std::string& content = context.session().content;
            if (!content.empty() && content.back() != '\n') {
              content += context.language() == "en" ? " " : "，";
            }
            if (ui::count_code_points(content) + ui::count_code_points(phrase) <= kContentMaxCodePoints) {
              content += phrase;
            }
            m_error.clear();
            context.changed();
          });
      button.font = font;
      button.wrap = placed.wrapped ? ui::Wrap::words : ui::Wrap::none;
    }
    if (count > 1) {
      build_pager(scene, context, page.pager, "details.phrases", m_phrase_page, count,
                  [this, &context](int to) {
                    m_phrase_page = to;
                    context.changed();
                  });
    }
  }

  std::unique_ptr<TextEntry> m_entry;
  std::string m_error;
  int m_phrase_page = 0;
};

}  // namespace

std::unique_ptr<Screen> make_details_screen() {
  return std::make_unique<DetailsScreen>();
}

}  // namespace complaint
