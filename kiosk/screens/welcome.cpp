// WelcomeScreen: organisation, three large choices (complaint / suggestion or inquiry / check
// progress), language, voice, large-text and high-contrast switches, and the promised handling times
// (openness).
#include "kiosk/screens/screens.h"

#include "core/deadlines/deadline_policy.h"
#include "kiosk/screens/frame.h"

namespace complaint {

namespace {

class WelcomeScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::welcome; }
  const char* name() const override { return "welcome"; }

  void build(ui::Scene& scene, AppContext& context) override {
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    Frame frame = build_frame(scene, context, "kiosk.welcome.title", 0, Footer::none);
    ui::Rect area = frame.content;

    // Bottom row: language, text size and contrast switches; the two mode switches take a
    // row of their own above the languages when one row cannot hold all four.
    ui::Rect switches = area.take_bottom(m.button_height, m.gap);
    const int switch_w = std::min(m.dp(220), (switches.w - 2 * m.gap) / 3);
    const bool zh = context.language() == "zh-CN";
    const bool large = context.text_size() == ui::TextSize::large;
    const bool high = context.contrast() == ui::Contrast::high;
    const std::string large_label =
        context.tr(large ? "kiosk.welcome.large_text_on" : "kiosk.welcome.large_text_off");
    const std::string contrast_label =
        context.tr(high ? "kiosk.welcome.high_contrast_on" : "kiosk.welcome.high_contrast_off");
    auto mode_width = [&](const std::string& label) {
      return std::max(m.dp(320), scene.painter().measure(label, m.button).size.w + 2 * m.dp(18) + m.dp(24));
    };
    const int large_w = mode_width(large_label);
    const int contrast_w = mode_width(contrast_label);
    // Voice (语音播报) beside the languages, only where the kiosk can speak.
    const bool can_speak = context.services().speaker != nullptr;
    const char* voice_key = context.voice() ? "kiosk.welcome.voice_on" : "kiosk.welcome.voice_off";
    const std::string voice_label = context.tr(voice_key);
    const int voice_w =
        can_speak ? std::max(switch_w, scene.painter().measure(voice_label, m.button).size.w + 2 * m.dp(24))
                  : 0;
    ui::Rect modes = switches;
    if (2 * switch_w + large_w + contrast_w + 3 * m.gap + (can_speak ? voice_w + m.gap : 0) > switches.w) {
      modes = area.take_bottom(m.button_height, m.gap);
    }
    scene
        .button("welcome.lang.zh", switches.take_left(switch_w, m.gap), context.tr("kiosk.language.zh"),
                zh ? ui::Style::selected : ui::Style::secondary,
                [&context] { context.set_language("zh-CN"); })
        .align = ui::Align::centre;
    scene
        .button("welcome.lang.en", switches.take_left(switch_w, m.gap), context.tr("kiosk.language.en"),
                zh ? ui::Style::secondary : ui::Style::selected, [&context] { context.set_language("en"); })
        .align = ui::Align::centre;
    if (can_speak) {
      ui::Widget& voice =
          scene.button("welcome.voice", switches.take_left(std::min(voice_w, switches.w), m.gap), voice_label,
                       context.voice() ? ui::Style::selected : ui::Style::secondary,
                       [&context] { context.set_voice(!context.voice()); });
      voice.align = ui::Align::centre;
      voice.key = voice_key;
    }
    const int both_w = large_w + contrast_w + m.gap;
    const int shrink = std::max(0, both_w - modes.w);  // a narrow portrait screen: share the row
    scene
        .button("welcome.high_contrast", modes.take_right(contrast_w - shrink / 2, m.gap), contrast_label,
                high ? ui::Style::selected : ui::Style::secondary,
                [&context, high] { context.set_contrast(high ? ui::Contrast::normal : ui::Contrast::high); })
        .align = ui::Align::centre;
    scene
        .button(
            "welcome.large_text", modes.take_right(std::min(large_w - (shrink - shrink / 2), modes.w)),
            large_label, large ? ui::Style::selected : ui::Style::secondary,
            [&context, large] { context.set_text_size(large ? ui::TextSize::normal : ui::TextSize::large); })
        .align = ui::Align::centre;

    // Promised handling times, from the deployment's deadline policy.
    const DeadlinePolicy& policy = context.services().config.deadlines;
    const std::string promise =
        context.tr("kiosk.welcome.promise", {{"forward", period_text(context, policy.forward)},
                                             {"contact", period_text(context, policy.contact)},
                                             {"resolve", period_text(context, policy.resolve)}});
    const int promise_h = scene.text_height(promise, m.body, area.w - 2 * m.dp(20)) + 2 * m.dp(16);
    ui::Rect promise_rect = area.take_bottom(promise_h, m.gap);
    scene.panel("welcome.promise.panel", promise_rect, t.surface, m.radius);
    scene.label("welcome.promise", promise_rect.inset(m.dp(20), m.dp(16)), promise, m.body, t.text_muted);

    // Greeting and the three choices.
    const std::string greeting = context.tr("kiosk.welcome.greeting");
    ui::Rect greeting_rect = area.take_top(scene.text_height(greeting, m.heading, area.w), m.gap);
    scene.label("welcome.greeting", greeting_rect, greeting, m.heading, t.text);

    struct Choice {
      const char* id;
      const char* title;
      const char* hint;
      std::function<void()> tap;
    };
    const Choice choices[] = {
        {"welcome.complaint", "kiosk.welcome.complaint", "kiosk.welcome.complaint_hint",
         [&context] {
           context.session().kind = "complaint";
           context.go(flow_first_step());
         }},
        {"welcome.suggestion", "kiosk.welcome.suggestion", "kiosk.welcome.suggestion_hint",
         [&context] {
           context.session().kind = "suggestion";
           context.go(flow_first_step());
         }},
        {"welcome.check", "kiosk.welcome.check", "kiosk.welcome.check_hint",
         [&context] { context.go(ScreenId::check_progress); }},
    };
    const int n = 3;
    const bool stacked = m.portrait || area.w < m.dp(900);
    const int card_h =
        stacked ? std::min((area.h - (n - 1) * m.gap) / n, m.dp(200)) : std::min(area.h, m.dp(300));
    const int card_w = stacked ? area.w : (area.w - (n - 1) * m.gap) / n;
    if (!stacked) area.y += (area.h - card_h) / 3;  // a calm block slightly above centre
    for (int i = 0; i < n; ++i) {
      const ui::Rect r = stacked ? ui::Rect{area.x, area.y + i * (card_h + m.gap), card_w, card_h}
                                 : ui::Rect{area.x + i * (card_w + m.gap), area.y, card_w, card_h};
      ui::Widget& card = scene.button(choices[i].id, r, context.tr(choices[i].title),
                                      i == 0 ? ui::Style::primary : ui::Style::secondary, choices[i].tap);
      card.font = m.heading;
      card.secondary = context.tr(choices[i].hint);
      card.align = ui::Align::centre;
    }
  }

  // A barcode scanner on the welcome screen: the check-progress screen takes it over.
  void on_text(const std::string& text, AppContext& context) override {
    m_scanned += text;
    if (m_scanned.size() > 512) m_scanned.clear();
    (void)context;
  }
  void on_key(Key key, AppContext& context) override {
    if (key != Key::enter) return;
    if (!m_scanned.empty()) {
      context.session().scanned = std::move(m_scanned);
      context.go(ScreenId::check_progress);
    }
    m_scanned.clear();
  }
  void wipe() override { m_scanned.clear(); }

 private:
  std::string m_scanned;
};

}  // namespace

std::unique_ptr<Screen> make_welcome_screen() {
  return std::make_unique<WelcomeScreen>();
}

}  // namespace complaint
