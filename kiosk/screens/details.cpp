// DetailsScreen: the complaint text, typed on the on-screen keyboard (pinyin, English,
// digits, Chinese punctuation) or a USB keyboard; a live character counter; tappable quick
// phrases of the chosen category so most customers type little.
#include <algorithm>

#include "core/validation/ticket_validation.h"
#include "kiosk/app/text_entry.h"
#include "kiosk/screens/frame.h"
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
  }
  void wipe() override {
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
    ui::Rect phrases_rect;
    if (!phrases.empty()) {
      if (!m.portrait && area.w > m.dp(800)) {
        phrases_rect = area.take_right(area.w * 3 / 10, m.gap);
      } else {
        phrases_rect = area.take_bottom(phrase_h * 2 + m.gap, m.gap);
      }
    }
    scene.text_area("details.text", area, session.content, m_entry->model().composing(),
                    context.tr("kiosk.details.placeholder"));
    if (!phrases.empty()) build_phrases(scene, context, phrases_rect, phrases, phrase_font, phrase_h);
  }

 private:
  void ensure_entry(AppContext& context) {
    if (!m_entry) m_entry = std::make_unique<TextEntry>(context.services(), KeyboardOptions{});
  }

  void build_phrases(ui::Scene& scene, AppContext& context, ui::Rect area,
                     const std::vector<std::string>& phrases, const ui::Font& font, int phrase_h) {
    const ui::Metrics& m = scene.metrics();
    const bool column = area.h > 2 * phrase_h + m.gap;
    int x = area.x;
    int y = area.y;
    for (std::size_t i = 0; i < phrases.size(); ++i) {
      const int text_w = scene.painter().measure(phrases[i], font).size.w + 2 * m.dp(18);
      int w = column ? area.w : std::min(area.w, text_w);
      if (!column && x + w > area.right()) {
        x = area.x;
        y += phrase_h + m.gap;
      }
      if (y + phrase_h > area.bottom()) break;  // what does not fit is left out, never clipped
      if (column && text_w > area.w) continue;
      ui::Widget& button = scene.button(
          "details.phrase." + std::to_string(i), {x, y, w, phrase_h}, phrases[i], ui::Style::secondary,
          [this, &context, phrase = phrases[i]] {
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
      button.wrap = ui::Wrap::none;
      if (column) {
        y += phrase_h + m.gap;
      } else {
        x += w + m.gap;
      }
    }
  }

  std::unique_ptr<TextEntry> m_entry;
  std::string m_error;
};

}  // namespace

std::unique_ptr<Screen> make_details_screen() {
  return std::make_unique<DetailsScreen>();
}

}  // namespace complaint
