// CheckProgressScreen: a scanned receipt URL (text stream + Enter) or the number (with or
// without hyphens, in any case, on a keypad of its digits and letters) plus the last 4 phone
// digits; shows what the desk's QR page shows (status, steps, promises) from the local
// database, through the same TrackingLookup and PublicProgress: never the complaint text, the
// contact or the raw events. A wrong token, wrong digits, a malformed or an unknown number all
// show the same "not found".
#include <algorithm>
#include <memory>

#include "core/tracking/tracking_lookup.h"
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
    // The labels on one line each, also in large text ("受理编号或查询码" outgrew the column).
    int label_w = std::min(area.w / 3, m.dp(260));
    for (const char* key : {"kiosk.check.number", "kiosk.check.digits"}) {
      label_w = std::max(label_w, scene.painter().measure(context.tr(key), m.body).size.w + m.dp(4));
    }
    label_w = std::min(label_w, area.w / 2);
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
      build_progress(scene, context, area);
    } else {
      entry().build(scene, context, m_keyboard);
    }
  }

 private:
  void ensure(AppContext& context) {
    if (m_text) return;
    const Services& services = context.services();
    // The site's code lets its numbers be typed without hyphens (read_typed_ticket_number).
    m_lookup = std::make_unique<TrackingLookup>(services.repository, services.taxonomy, services.clock,
                                                services.config.site.code);
    KeyboardOptions text;
    text.layouts = {KeyboardLayout::ticket_number};
    m_text = std::make_unique<TextEntry>(context.services(), text);
    KeyboardOptions digits;
    digits.layouts = {KeyboardLayout::digits};
    m_digits = std::make_unique<TextEntry>(context.services(), digits);
    m_text->on_enter([this, &context] { look_up(context); });
    m_digits->on_enter([this, &context] { look_up(context); });
  }
  TextEntry& entry() { return m_focus == Field::digits ? *m_digits : *m_text; }
  void focus(Field field) {
    m_focus = field;
    m_text->bind(&m_number, 300);
    m_digits->bind(&m_phone_digits, 4);
  }
  void forget() {
    std::fill(m_number.begin(), m_number.end(), '\0');
    std::fill(m_phone_digits.begin(), m_phone_digits.end(), '\0');
    m_number.clear();
    m_phone_digits.clear();
    m_found.reset();
    m_not_found = false;
  }

  void look_up(AppContext& context) {
    m_found.reset();
    m_not_found = true;  // unless the look-up finds the ticket
    std::string number = m_number;
    TrackingProof proof;
    if (auto scanned = parse_tracking_url(context.services().config.tracking_url, m_number)) {
      number = scanned->number;
      proof.token = scanned->token;
      m_number = number;  // the token is never shown
    } else {
      proof.phone_last4 = m_phone_digits;
    }
    auto found = m_lookup->lookup_public_progress(number, proof);
    std::fill(proof.token.begin(), proof.token.end(), '\0');
    std::fill(proof.phone_last4.begin(), proof.phone_last4.end(), '\0');
    if (found.ok() && found.value()) {
      m_found = std::move(found).value();
      m_not_found = false;
    }
    context.changed();
  }

  // The status, then the steps and the promised deadlines (side by side when there is
  // room), in the QR page's words (track.* texts).
  void build_progress(ui::Scene& scene, AppContext& context, ui::Rect area) {
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    const PublicProgress& progress = *m_found;
    const std::string status =
        context.tr("kiosk.check.status",
                   {{"status", context.tr(std::string("track.status.") + to_string(progress.status))}});
    add_line(scene, "check.status", area, status, m.heading, t.primary);
    if (progress.withdrawn_at) {
      add_line(scene, "check.withdrawn", area,
               context.tr("track.withdrawn", {{"at", format_local(context, *progress.withdrawn_at)}}), m.body,
               t.text);
    }
    const ui::Font bold{m.body.px, ui::Weight::bold};
    ui::Rect steps = area;
    ui::Rect promises = area;
    const bool columns = !m.portrait && area.w > m.dp(800);
    if (columns) steps = promises.take_left(area.w / 2, m.gap * 2);
    add_line(scene, "check.timeline", steps, context.tr("track.timeline"), bold, t.text);
    for (std::size_t i = 0; i < progress.steps.size(); ++i) {
      const ProgressStep& step = progress.steps[i];
      const std::string state = to_string(step.state);
      std::string line = context.tr(std::string("track.step.") + to_string(step.status)) + "  " +
                         context.tr("track.step_state." + state);
      if (step.at && step.state != StepState::pending) line += "  " + format_local(context, *step.at);
      if (!add_line(scene, "check.step." + std::to_string(i), steps, line, m.body,
                    step.state == StepState::current ? t.primary : t.text))
        break;
    }
    ui::Rect& rest = columns ? promises : steps;
    if (progress.deadlines.empty() ||
        !add_line(scene, "check.deadlines", rest, context.tr("track.deadlines"), bold, t.text))
      return;
    for (std::size_t i = 0; i < progress.deadlines.size(); ++i) {
      const DeadlineProgress& deadline = progress.deadlines[i];
      const std::string line =
          context.tr("track.clock." + deadline.clock) + "  " +
          context.tr("track.due", {{"at", format_deadline_local(context, deadline.due)}}) + "  " +
          context.tr(std::string("track.outcome.") + to_string(deadline.outcome));
      if (!add_line(scene, "check.deadline." + std::to_string(i), rest, line, m.body, t.text)) break;
    }
  }

  // A label at the top of `area` if it fits, taking its height; false (nothing added) if
  // not: what does not fit is left out, never clipped.
  static bool add_line(ui::Scene& scene, const std::string& id, ui::Rect& area, const std::string& text,
                       const ui::Font& font, ui::Colour colour) {
    const int h = scene.text_height(text, font, area.w);
    if (h > area.h) return false;
    scene.label(id, area.take_top(h, scene.metrics().dp(4)), text, font, colour);
    return true;
  }

  std::unique_ptr<TextEntry> m_text;
  std::unique_ptr<TextEntry> m_digits;
  Field m_focus = Field::number;
  std::string m_number;
  std::string m_phone_digits;
  std::unique_ptr<TrackingLookup> m_lookup;
  std::optional<PublicProgress> m_found;
  bool m_not_found = false;
  ui::Rect m_keyboard;
};

}  // namespace

std::unique_ptr<Screen> make_check_progress_screen() {
  return std::make_unique<CheckProgressScreen>();
}

}  // namespace complaint
