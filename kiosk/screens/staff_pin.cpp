// StaffPinScreen: the PIN pad behind the hidden corner gesture. Digits show as dots; wrong
// PINs count down to the lock (StaffLock); while locked every PIN is refused.
#include <algorithm>

#include "kiosk/screens/frame.h"
#include "kiosk/screens/screens.h"

namespace complaint {

namespace {

class StaffPinScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::staff_pin; }
  const char* name() const override { return "staff_pin"; }
  void enter(AppContext&) override { wipe(); }
  void wipe() override {
    std::fill(m_pin.begin(), m_pin.end(), '\0');
    m_pin.clear();
    m_message.clear();
  }
  void on_text(const std::string& text, AppContext& context) override {
    for (char c : text) {
      if (c >= '0' && c <= '9' && m_pin.size() < 12) m_pin += c;
    }
    context.changed();
  }
  void on_key(Key key, AppContext& context) override {
    if (key == Key::enter) submit(context);
    if (key == Key::backspace && !m_pin.empty()) m_pin.pop_back();
    if (key == Key::escape) context.reset();
    context.changed();
  }

  void build(ui::Scene& scene, AppContext& context) override {
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    Frame frame = build_frame(scene, context, "kiosk.staff.pin_title", 0, Footer::shown, HelpButton::none);
    build_nav(
        scene, context, frame.footer,
        [this, &context] {
          wipe();
          context.reset();
        },
        "kiosk.staff.pin_ok", [this, &context] { submit(context); }, !m_pin.empty());
    ui::Rect area = frame.content;
    StaffLock& lock = context.staff_lock();
    std::string message = m_message;
    if (lock.locked()) message = "kiosk.staff.pin_locked";
    const int line_h = scene.painter().line_height(m.heading);
    ui::Rect dots = area.take_top(line_h, m.gap);
    std::string shown;
    for (std::size_t i = 0; i < m_pin.size(); ++i) shown += "●";
    scene.label("staff.pin.dots", dots, shown.empty() ? context.tr("kiosk.staff.pin_prompt") : shown,
                m.heading, shown.empty() ? t.text_muted : t.text, ui::Align::centre);
    if (!message.empty()) {
      const std::string text = context.tr(message, {{"left", std::to_string(lock.attempts_left())},
                                                    {"until", format_local(context, lock.locked_until())}});
      scene.label("staff.pin.message", area.take_top(scene.text_height(text, m.body, area.w), m.gap), text,
                  ui::Font{m.body.px, ui::Weight::bold}, t.danger, ui::Align::centre);
    }
    // The keypad: 3 x 4, centred, keys at least the touch minimum.
    const int key =
        std::max(m.min_target, std::min({(area.w - 2 * m.gap) / 3, (area.h - 3 * m.gap) / 4, m.dp(110)}));
    const int pad_w = 3 * key + 2 * m.gap;
    const int x0 = area.x + (area.w - pad_w) / 2;
    const char* labels[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "C"};
    for (int i = 0; i < 12; ++i) {
      const std::string label = labels[i];
      const std::string id = i == 9    ? "staff.pin.backspace"
                             : i == 11 ? "staff.pin.clear"
                                       : "staff.pin." + label;
      ui::Widget& b =
          scene.button(id, {x0 + (i % 3) * (key + m.gap), area.y + (i / 3) * (key + m.gap), key, key}, label,
                       i == 9 || i == 11 ? ui::Style::secondary : ui::Style::key, [this, i, label, &context] {
                         if (i == 9) {
                           if (!m_pin.empty()) m_pin.pop_back();
                         } else if (i == 11) {
                           m_pin.clear();
                         } else if (m_pin.size() < 12) {
                           m_pin += label;
                         }
                         context.changed();
                       });
      b.font = m.heading;
      b.kind = ui::WidgetKind::key;  // a keypad key: small padding, the digit fills it
    }
  }

 private:
  void submit(AppContext& context) {
    const PinVerdict verdict = context.staff_lock().try_pin(m_pin);
    std::fill(m_pin.begin(), m_pin.end(), '\0');
    m_pin.clear();
    switch (verdict) {
      case PinVerdict::accepted:
        m_message.clear();
        context.enter_staff_mode();
        return;
      case PinVerdict::rejected:
        m_message = "kiosk.staff.pin_wrong";
        break;
      case PinVerdict::locked:
        m_message = "kiosk.staff.pin_locked";
        break;
      case PinVerdict::disabled:
        m_message = "kiosk.staff.pin_disabled";
        break;
    }
    context.changed();
  }

  std::string m_pin;
  std::string m_message;
};

}  // namespace

std::unique_ptr<Screen> make_staff_pin_screen() {
  return std::make_unique<StaffPinScreen>();
}

}  // namespace complaint
