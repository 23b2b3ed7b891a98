// OutcomeScreen: what the customer would like us to do: quick choices (as many as they want:
// an apology and compensation) plus optional text.
#include <algorithm>

#include "core/validation/ticket_validation.h"
#include "kiosk/app/text_entry.h"
#include "kiosk/screens/frame.h"
#include "kiosk/screens/screens.h"

namespace complaint {

namespace {

constexpr const char* k_choices[] = {"kiosk.outcome.choice.apology", "kiosk.outcome.choice.explanation",
                                     "kiosk.outcome.choice.fix", "kiosk.outcome.choice.compensation",
                                     "kiosk.outcome.choice.record"};

// Adds or removes `key`, keeping the choices in the screen's order (as review and the ticket show them).
void toggle(std::vector<std::string>& chosen, std::string_view key) {
  const auto has = [&chosen](std::string_view candidate) {
    return std::find(chosen.begin(), chosen.end(), candidate) != chosen.end();
  };
  const bool was = has(key);
  std::vector<std::string> next;
  for (const char* candidate : k_choices) {
    if (candidate == key ? !was : has(candidate)) next.emplace_back(candidate);
  }
  chosen = std::move(next);
}

class OutcomeScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::outcome; }
  const char* name() const override { return "outcome"; }

  void enter(AppContext& context) override {
    ensure_entry(context);
    m_entry->bind(&context.session().outcome_text, kOutcomeMaxCodePoints);
    m_entry->set_layout(context.language() == "en" ? KeyboardLayout::english : KeyboardLayout::pinyin);
  }
  void wipe() override {
    if (m_entry) {
      m_entry->clear();
      m_entry->bind(nullptr, 0);
    }
  }
  void on_text(const std::string& text, AppContext& context) override { m_entry->type(text, context); }
  void on_key(Key key, AppContext& context) override { m_entry->key(key, context); }

  void build(ui::Scene& scene, AppContext& context) override {
    ensure_entry(context);
    const ui::Metrics& m = scene.metrics();
    FilingSession& session = context.session();
    if (m_entry->target() != &session.outcome_text)
      m_entry->bind(&session.outcome_text, kOutcomeMaxCodePoints);
    Frame frame = build_frame(scene, context, "kiosk.outcome.title", flow_step_number(id()), Footer::shown);
    build_nav(
        scene, context, frame.footer, [this, &context] { go_back(context, id()); }, "kiosk.nav.next",
        [this, &context] {
          m_entry->commit(context);
          go_next(context, id());
        },
        true);
    ui::Rect area = frame.content;
    ui::Rect keyboard = area.take_bottom(m_entry->height(m), m.gap + m.dp(8));
    m_entry->build(scene, context, keyboard);

    // Quick choices in a grid of 2-3 columns.
    const int n = static_cast<int>(std::size(k_choices));
    // As many columns as the longest choice allows (large text or English may need fewer).
    int widest = 0;
    for (const char* key : k_choices) {
      widest =
          std::max(widest, scene.painter().measure(context.tr(key), m.body).size.w + 2 * m.dp(18) + m.dp(8));
    }
    int cols = 3;
    while (cols > 1 && (area.w - (cols - 1) * m.gap) / cols < widest) --cols;
    const int rows = (n + cols - 1) / cols;
    const int choice_h = std::max(m.min_target, scene.painter().line_height(m.body) + m.dp(14));
    ui::Rect grid = area.take_top(rows * choice_h + (rows - 1) * m.gap, m.gap);
    const int w = (grid.w - (cols - 1) * m.gap) / cols;
    for (int i = 0; i < n; ++i) {
      const auto& chosen = session.outcome_choices;
      const bool selected = std::find(chosen.begin(), chosen.end(), k_choices[i]) != chosen.end();
      ui::Widget& b = scene.button(
          "outcome.choice." + std::to_string(i),
          {grid.x + (i % cols) * (w + m.gap), grid.y + (i / cols) * (choice_h + m.gap), w, choice_h},
          context.tr(k_choices[i]), selected ? ui::Style::selected : ui::Style::choice, [&context, i] {
            toggle(context.session().outcome_choices, k_choices[i]);
            context.changed();
          });
      b.font = ui::Font{m.body.px, ui::Weight::regular};
    }
    scene.text_area("outcome.text", area, session.outcome_text, m_entry->model().composing(),
                    context.tr("kiosk.outcome.placeholder"));
  }

 private:
  void ensure_entry(AppContext& context) {
    if (!m_entry) m_entry = std::make_unique<TextEntry>(context.services(), KeyboardOptions{});
  }
  std::unique_ptr<TextEntry> m_entry;
};

}  // namespace

std::unique_ptr<Screen> make_outcome_screen() {
  return std::make_unique<OutcomeScreen>();
}

}  // namespace complaint
