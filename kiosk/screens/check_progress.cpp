// CheckProgressScreen: a scanned receipt URL (text stream + Enter) or the number plus the
// last 4 phone digits; shows the status timeline from the local database. A wrong token,
// wrong digits, a malformed or an unknown number all show the same "not found".
#include <algorithm>

#include "core/domain/ticket_number.h"
#include "core/domain/tracking_token.h"
#include "kiosk/app/scanner.h"
#include "kiosk/app/text_entry.h"
#include "kiosk/screens/frame.h"
#include "kiosk/screens/screens.h"

namespace complaint {

namespace {

enum class Field { number, digits };

class CheckProgressScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::check_progress; }
  const char* name() const override { return "check_progress"; }

  void enter(AppContext& context) override {
    ensure(context);
    forget();
    focus(Field::number);
    if (!context.session().scanned.empty()) {
      m_number = std::move(context.session().scanned);
      context.session().scanned.clear();
      look_up(context);
    }
  }
  void wipe() override {
    forget();
    if (m_text) {
      m_text->clear();
      m_digits->clear();
    }
  }
  void on_text(const std::string& text, AppContext& context) override { entry().type(text, context); }
  void on_key(Key key, AppContext& context) override {
    if (key == Key::enter) {
      entry().model().clear();  // a scanner's Enter: look up what was typed, as typed
      look_up(context);
      return;
    }
    entry().key(key, context);
  }

  void build(ui::Scene& scene, AppContext& context) override {
    ensure(context);
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    Frame frame = build_frame(scene, context, "kiosk.check.title", 0, Footer::shown);
    build_nav(
        scene, context, frame.footer, [&context] { context.reset(); }, "kiosk.check.look_up",
        [this, &context] { look_up(context); }, !m_number.empty());
    ui::Rect area = frame.content;
    const bool showing = m_found.has_value();
    if (!showing) m_keyboard = area.take_bottom(entry().height(m), m.gap + m.dp(8));

    const std::string hint = context.tr("kiosk.check.hint");
    scene.label("check.hint", area.take_top(scene.text_height(hint, m.body, area.w), m.gap), hint, m.body,
                t.text_muted);
    const int row_h = std::max(m.min_target, scene.painter().line_height(m.body) + m.dp(16));
    const int label_w = std::min(area.w / 3, m.dp(260));
    auto field_row = [&](Field field, const char* id, const char* label_key, std::string& value) {
      ui::Rect row = area.take_top(row_h, m.gap);
      scene
          .label(std::string(id) + ".label", row.take_left(label_w, m.gap), context.tr(label_key), m.body,
                 t.text)
          .valign = ui::Align::centre;
      ui::Widget& box = scene.text_area(id, row, value, "", "");
      box.focused = m_focus == field && !showing;
      if (!box.focused) box.border = t.border;
      box.on_tap = [this, field, &context] {
        focus(field);
        m_found.reset();
        context.changed();
      };
    };
    field_row(Field::number, "check.number", "kiosk.check.number", m_number);
    field_row(Field::digits, "check.digits", "kiosk.check.digits", m_phone_digits);

    if (m_not_found) {
      const std::string text = context.tr("kiosk.check.not_found");
      scene.label("check.not_found", area.take_top(scene.text_height(text, m.body, area.w), m.gap), text,
                  ui::Font{m.body.px, ui::Weight::bold}, t.danger);
    }
    if (showing) {
      build_timeline(scene, context, area);
    } else {
      entry().build(scene, context, m_keyboard);
    }
  }

 private:
  void ensure(AppContext& context) {
    if (m_text) return;
    KeyboardOptions text;
    text.layouts = {KeyboardLayout::english, KeyboardLayout::digits};
    m_text = std::make_unique<TextEntry>(context.services().input_method, text);
    KeyboardOptions digits;
    digits.layouts = {KeyboardLayout::digits};
    m_digits = std::make_unique<TextEntry>(context.services().input_method, digits);
    m_text->on_enter([this, &context] { look_up(context); });
    m_digits->on_enter([this, &context] { look_up(context); });
  }
  TextEntry& entry() { return m_focus == Field::digits ? *m_digits : *m_text; }
  void focus(Field field) {
    m_focus = field;
    m_text->bind(&m_number, 300);
    m_digits->bind(&m_phone_digits, 4);
    if (field == Field::number) m_text->set_layout(KeyboardLayout::english);
  }
  void forget() {
    std::fill(m_number.begin(), m_number.end(), '\0');
    std::fill(m_phone_digits.begin(), m_phone_digits.end(), '\0');
    m_number.clear();
    m_phone_digits.clear();
    m_found.reset();
    m_events.clear();
    m_not_found = false;
  }

  void look_up(AppContext& context) {
    m_found.reset();
    m_events.clear();
    m_not_found = true;  // unless every check below passes
    std::string number = m_number;
    std::string token;
    if (auto scanned = parse_tracking_url(context.services().config.tracking_url, m_number)) {
      number = scanned->number;
      token = scanned->token;
      m_number = number;  // the token is never shown
    }
    auto canonical = normalize_ticket_number(number);
    if (canonical.ok()) {
      auto ticket = context.services().repository.find(canonical.value());
      if (ticket.ok() && ticket.value().has_value()) {
        const Ticket& found = *ticket.value();
        const bool token_ok = !token.empty() && constant_time_equal(found.tracking_token, token);
        const bool digits_ok =
            token.empty() && m_phone_digits.size() == 4 && found.phone.size() >= 4 &&
            constant_time_equal(found.phone.substr(found.phone.size() - 4), m_phone_digits);
        if (token_ok || digits_ok) {
          m_found = found;
          auto events = context.services().repository.events(found.number);
          if (events.ok()) m_events = std::move(events).value();
          m_not_found = false;
        }
      }
    }
    context.changed();
  }

  void build_timeline(ui::Scene& scene, AppContext& context, ui::Rect area) {
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    const Ticket& ticket = *m_found;
    const std::string status = context.tr(
        "kiosk.check.status", {{"status", context.tr(std::string("status.") + to_string(ticket.status))}});
    scene.label("check.status", area.take_top(scene.text_height(status, m.heading, area.w), m.gap), status,
                m.heading, t.primary);
    if (ticket.deadlines.resolve_by) {
      const std::string due = context.tr(
          "kiosk.done.resolve_by", {{"at", format_deadline_local(context, *ticket.deadlines.resolve_by)}});
      scene.label("check.resolve_by", area.take_top(scene.text_height(due, m.body, area.w), m.gap), due,
                  m.body, t.text);
    }
    int i = 0;
    for (const TicketEvent& event : m_events) {
      const std::string line =
          format_local(context, event.at) + "  " + context.tr(std::string("status.") + to_string(event.to));
      const int h = scene.text_height(line, m.body, area.w);
      if (h > area.h) break;
      scene.label("check.event." + std::to_string(i++), area.take_top(h, m.dp(4)), line, m.body, t.text);
    }
  }

  std::unique_ptr<TextEntry> m_text;
  std::unique_ptr<TextEntry> m_digits;
  Field m_focus = Field::number;
  std::string m_number;
  std::string m_phone_digits;
  std::optional<Ticket> m_found;
  std::vector<TicketEvent> m_events;
  bool m_not_found = false;
  ui::Rect m_keyboard;
};

}  // namespace

std::unique_ptr<Screen> make_check_progress_screen() {
  return std::make_unique<CheckProgressScreen>();
}

}  // namespace complaint
