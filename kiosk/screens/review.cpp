// ReviewScreen: every field with an Edit button, then Submit. Submit files exactly once: the
// session is marked submitting before FilingService::file runs, so a second tap (even one
// delivered before the screen changes) files nothing.
#include <algorithm>
#include <cstdio>

#include "core/domain/subject_label.h"
#include "core/validation/phone_digits.h"
#include "core/validation/ticket_validation.h"
#include "kiosk/screens/frame.h"
#include "kiosk/screens/screens.h"
#include "kiosk/ui/text_layout.h"

namespace complaint {

namespace {

std::string shorten(const std::string& text, std::size_t max_code_points) {
  if (ui::count_code_points(text) <= max_code_points) return text;
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size() && n < max_code_points; ++n) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t len = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
    out += text.substr(i, len);
    i += len;
  }
  return out + "…";
}

class ReviewScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::review; }
  const char* name() const override { return "review"; }
  void enter(AppContext&) override { m_error.clear(); }
  void wipe() override { m_error.clear(); }

  void build(ui::Scene& scene, AppContext& context) override {
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    FilingSession& s = context.session();
    // The title names what is about to be filed: "请核对后提交咨询" / "Inquiry: check, then submit".
    const std::string kind_name = kind_label(context, s.kind);
    Frame frame =
        build_frame(scene, context, kind_name.empty() ? "kiosk.review.title" : "kiosk.review.title_kind",
                    flow_step_number(id()), Footer::shown, HelpButton::shown, {{"kind", kind_name}});
    build_nav(
        scene, context, frame.footer, [this, &context] { go_back(context, id()); }, "kiosk.review.submit",
        [this, &context] { submit(context); }, !s.submitting);
    ui::Rect area = frame.content;
    if (!m_error.empty()) {
      const std::string text = context.tr(m_error, m_values);
      build_error(scene, context, area.take_bottom(scene.text_height(text, m.body, area.w), m.gap), m_error,
                  m_values);
    }
    std::string outcome = outcome_choices_label(context);
    if (!s.outcome_text.empty()) outcome += (outcome.empty() ? "" : "；") + s.outcome_text;
    // The parts given, two spaces apart (a customer may leave the name out).
    std::string contact;
    for (const std::string& part : {s.anonymous ? context.tr("kiosk.review.anonymous") : s.name,
                                    s.anonymous ? std::string{} : group_phone_digits(s.phone),
                                    s.anonymous ? std::string{} : s.email, s.address}) {
      if (!part.empty()) contact += (contact.empty() ? "" : "  ") + part;
    }
    const std::string kind =
        subject_label(context.services().taxonomy, s.kind, s.category, context.language(), s.topic).text();
    struct Row {
      const char* id;
      const char* label_key;
      std::string value;
      ScreenId edit;
      int lines;
    };
    const Row rows[] = {
        {"kind", "kiosk.review.kind", kind, ScreenId::kind, 1},
        {"details", "kiosk.review.details", shorten(s.content, m.portrait ? 160 : 120), ScreenId::details, 3},
        {"outcome", "kiosk.review.outcome", outcome.empty() ? context.tr("kiosk.review.none") : outcome,
         ScreenId::outcome, 1},
        {"contact", "kiosk.review.contact", contact, ScreenId::contact, 1},
    };
    const int edit_w = std::max(m.min_target, std::min(m.dp(150), area.w / 6));
    const int label_w = std::min(area.w / 4, m.dp(220));
    const int line_h = scene.painter().line_height(m.body);
    const int pad = m.dp(10);
    // One-line rows get their full height; the details row takes what is left (up to 3 lines).
    int fixed = 0;
    for (const Row& row : rows) {
      if (row.lines == 1) fixed += std::max(m.button_height, line_h + 2 * pad) + m.gap;
    }
    for (const Row& row : rows) {
      const int wanted = std::max(m.button_height, row.lines * line_h + 2 * pad);
      const int h =
          row.lines == 1 ? wanted : std::max(m.button_height, std::min(wanted, area.h - fixed - m.gap));
      ui::Rect r = area.take_top(h, m.gap);
      scene.panel(std::string("review.") + row.id + ".panel", r, t.surface, m.radius);
      ui::Rect inner = r.inset(m.dp(18), pad);
      ui::Rect edit = inner.take_right(edit_w, m.gap);
      const int edit_h = std::min(r.h, std::max(m.min_target, r.h - 2 * pad));
      scene
          .button(std::string("review.edit.") + row.id, {edit.x, r.y + (r.h - edit_h) / 2, edit.w, edit_h},
                  context.tr("kiosk.review.edit"), ui::Style::secondary,
                  [&context, screen = row.edit] {
                    context.session().return_to_review = true;
                    context.go(screen);
                  })
          .font = ui::Font{m.body.px, ui::Weight::bold};
      scene.label(std::string("review.") + row.id + ".label", inner.take_left(label_w, m.gap),
                  context.tr(row.label_key), ui::Font{m.body.px, ui::Weight::bold}, t.text_muted);
      // Long text keeps the lines that fit, the last one ending in "…": never clipped.
      std::string value = row.value;
      const ui::WrappedText wrapped = ui::wrap_text(scene.painter(), value, m.body, inner.w);
      const std::size_t fit =
          static_cast<std::size_t>(std::max(1, inner.h / std::max(1, wrapped.line_height)));
      if (wrapped.lines.size() > fit) {
        value.clear();
        for (std::size_t i = 0; i < fit; ++i) value += wrapped.lines[i];
        value = shorten(value, std::max<std::size_t>(1, ui::count_code_points(value) - 2));
      }
      scene.label(std::string("review.") + row.id, inner, value, m.body, t.text);
    }
  }

 private:
  void submit(AppContext& context) {
    FilingSession& s = context.session();
    if (s.submitting || s.filed) return;  // a second tap files nothing
    s.submitting = true;
    const std::string outcome_label = outcome_choices_label(context);
    FilingContext filing_context;
    filing_context.recorded_by = s.recorded_by;
    filing_context.role = s.mode == FilingMode::staff ? Role::intake_clerk : Role::kiosk;
    // Customers' and staff's (phone, letter) tickets alike get the kiosk's check code.
    filing_context.check_code_station = context.services().kiosk.check_code_station;
    Result<Ticket> filed =
        context.services().filing.file(s.draft(context.language(), outcome_label), filing_context);
    if (!filed.ok()) {
      s.submitting = false;
      const Error& e = filed.error();
      m_error = e.code == ErrorCode::invalid_input && !e.key.empty() ? e.key : "kiosk.review.failed";
      const std::size_t max = e.field == "content"           ? kContentMaxCodePoints
                              : e.field == "desired_outcome" ? kOutcomeMaxCodePoints
                                                             : kShortTextMaxCodePoints;
      m_values = {{"max", std::to_string(max)}, {"field", e.field}};
      std::fprintf(stderr, "kiosk: filing failed: %s\n", e.message.c_str());
      context.changed();
      return;
    }
    s.filed = std::move(filed).value();
    // The ticket is committed: only now may its receipt print (on the print thread).
    if (PrintQueue* printing = context.services().printing) {
      printing->print_receipt(s.filed->number);
      s.receipt = ReceiptState::printing;
    }
    context.go(flow_step(id()).next);
  }

  std::string m_error;
  std::map<std::string, std::string> m_values;
};

}  // namespace

std::unique_ptr<Screen> make_review_screen() {
  return std::make_unique<ReviewScreen>();
}

}  // namespace complaint
