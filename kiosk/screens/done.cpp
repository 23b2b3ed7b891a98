// DoneScreen: the ticket number very large, its QR code (the tracking URL), the promised
// date-times from the deadline engine and the receipt state as the print queue reports it:
// printing, printed, or failed ("collect your receipt at reception", in the customer's
// language; the number and the on-screen QR stay, so nothing depends on the paper). A
// countdown beside Finish says when the screen returns to the start by itself ([kiosk]
// done_seconds; App::tick does it): the number and the QR code, which carries the tracking
// token, never wait there for the next person in line.
#include <algorithm>
#include <cstdio>

#include "core/deadlines/customer_clocks.h"
#include "core/domain/check_code.h"
#include "drivers/qr/qr_code.h"
#include "kiosk/screens/frame.h"
#include "kiosk/screens/screens.h"

namespace complaint {

namespace {

const char* receipt_key(ReceiptState state) {
  switch (state) {
    case ReceiptState::none:
      return "kiosk.done.receipt_none";
    case ReceiptState::printing:
      return "kiosk.done.receipt_printing";
    case ReceiptState::printed:
      return "kiosk.done.receipt_printed";
    case ReceiptState::failed:
      return "kiosk.done.receipt_failed";
  }
  return "kiosk.done.receipt_none";
}

ReceiptState from_queue(ReceiptProgress progress) {
  switch (progress) {
    case ReceiptProgress::none:
      return ReceiptState::none;
    case ReceiptProgress::queued:
    case ReceiptProgress::printing:
      return ReceiptState::printing;
    case ReceiptProgress::printed:
      return ReceiptState::printed;
    case ReceiptProgress::failed:
      return ReceiptState::failed;
  }
  return ReceiptState::none;
}

class DoneScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::done; }
  const char* name() const override { return "done"; }

  void enter(AppContext& context) override {
    m_qr.reset();
    const FilingSession& s = context.session();
    if (!s.filed) return;
    auto matrix = encode_qr(context.services().filing.tracking_url_for(*s.filed));
    if (matrix.ok()) {
      m_qr = std::make_shared<QrMatrix>(std::move(matrix).value());
    } else {
      std::fprintf(stderr, "kiosk: QR code: %s\n", matrix.error().message.c_str());
    }
  }
  void wipe() override { m_qr.reset(); }

  void build(ui::Scene& scene, AppContext& context) override {
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    FilingSession& s = context.session();
    if (s.filed && context.services().printing != nullptr && s.receipt != ReceiptState::none)
      s.receipt = from_queue(context.services().printing->receipt(s.filed->number).progress);
    // The title names what was filed: "咨询已提交" / "Inquiry submitted".
    const std::string kind = s.filed ? kind_label(context, s.filed->kind) : std::string();
    Frame frame = build_frame(scene, context, kind.empty() ? "kiosk.done.title" : "kiosk.done.title_kind", 0,
                              Footer::shown, HelpButton::shown, {{"kind", kind}});
    build_nav(
        scene, context, frame.footer, nullptr, "kiosk.done.finish", [&context] { context.reset(); }, true);
    ui::Rect area = frame.content;
    // The countdown in the footer left of Finish, or above the footer when it does not fit there.
    const std::string countdown =
        context.tr(context.staff_mode() ? "kiosk.done.countdown_staff" : "kiosk.done.countdown",
                   {{"seconds", std::to_string(context.done_seconds_left())}});
    ui::Rect countdown_rect = footer_middle(m, frame.footer);
    countdown_rect.w += countdown_rect.x - frame.footer.x;
    countdown_rect.x = frame.footer.x;
    if (scene.painter().measure(countdown, m.body).size.w > countdown_rect.w)
      countdown_rect = area.take_bottom(scene.text_height(countdown, m.body, area.w), m.gap);
    scene.label("done.countdown", countdown_rect, countdown, m.body, t.text_muted).valign = ui::Align::centre;
    if (!s.filed) return;
    const Ticket& ticket = *s.filed;

    const std::string thanks = context.tr("kiosk.done.thanks");
    scene.label("done.thanks", area.take_top(scene.text_height(thanks, m.heading, area.w), m.gap), thanks,
                m.heading, t.success);
    // The number: as large as the width allows (it must never wrap).
    ui::Font number_font = m.huge;
    const int number_w_max = m.portrait ? area.w : area.w * 62 / 100;
    while (number_font.px > m.heading.px &&
           scene.painter().measure(ticket.number, number_font).size.w > number_w_max) {
      number_font.px -= 2;
    }
    // The short check code (core/domain/check_code.h) as large, beside the number in
    // landscape (in the width the number leaves), under it in portrait: with the phone's last
    // 4 digits it opens the ticket's progress on the check-progress screen.
    const bool has_code = !ticket.check_code.empty();
    ui::Rect label_row = area.take_top(scene.painter().line_height(m.body), m.dp(4));
    ui::Rect number_row = area.take_top(scene.painter().line_height(number_font), m.gap);
    ui::Rect code_label_rect{}, code_rect{};
    if (has_code && !m.portrait) {
      const int code_w = area.w - number_w_max - m.gap;
      code_label_rect = label_row.take_right(code_w, m.gap);
      code_rect = number_row.take_right(code_w, m.gap);
    }
    scene.label("done.number_label", label_row, context.tr("kiosk.done.number"), m.body, t.text_muted);
    ui::Widget& number = scene.label("done.number", number_row, ticket.number, number_font, t.primary);
    number.wrap = ui::Wrap::none;
    if (has_code) {
      if (m.portrait) {
        code_label_rect = area.take_top(scene.painter().line_height(m.body), m.dp(4));
        code_rect = area.take_top(scene.painter().line_height(number_font), m.gap);
      }
      const std::string code = format_check_code(ticket.check_code);
      ui::Font code_font = number_font;
      while (code_font.px > m.heading.px && scene.painter().measure(code, code_font).size.w > code_rect.w) {
        code_font.px -= 2;
      }
      scene.label("done.check_code_label", code_label_rect, context.tr("kiosk.done.check_code"), m.body,
                  t.text_muted);
      scene.label("done.check_code", code_rect, code, code_font, t.primary).wrap = ui::Wrap::none;
    }

    // Landscape: the QR code on the right of the promises; portrait: below them (see the end).
    if (!m.portrait) {
      const int qr_side = std::min(area.w * 30 / 100, area.h - m.gap);
      ui::Rect qr_rect = area.take_right(qr_side, m.gap * 2);
      qr_rect.h = qr_side;
      if (m_qr) scene.qr("done.qr", qr_rect, m_qr);
    }

    // Promised date-times, as the receipt and the tracking page word them; an inquiry's
    // answer deadline stands for its resolve clock (customer_sees_clock).
    struct Line {
      const char* clock;
      std::optional<Instant> at;
    };
    const Line lines[] = {{"forward_by", ticket.deadlines.forward_by},
                          {"contact_by", ticket.deadlines.contact_by},
                          {"answer_by", ticket.deadlines.answer_by},
                          {"resolve_by", ticket.deadlines.resolve_by}};
    int i = 0;
    for (const Line& line : lines) {
      if (!line.at || !customer_sees_clock(line.clock, ticket.deadlines)) continue;
      const std::string text = context.tr(std::string("kiosk.done.") + line.clock,
                                          {{"at", format_deadline_local(context, *line.at)}});
      scene.label("done.deadline." + std::to_string(i++),
                  area.take_top(scene.text_height(text, m.body, area.w), m.dp(4)), text, m.body, t.text);
    }
    const std::string receipt = context.tr(receipt_key(s.receipt));
    const ui::Font receipt_font{m.body.px, ui::Weight::bold};
    scene.label("done.receipt", area.take_top(scene.text_height(receipt, receipt_font, area.w), m.gap),
                receipt, receipt_font, s.receipt == ReceiptState::failed ? t.danger : t.accent);
    const std::string scan = context.tr("kiosk.done.scan_hint");
    if (scene.text_height(scan, m.small, area.w) <= area.h) {  // optional: only where it fits
      scene.label("done.scan_hint", area.take_top(scene.text_height(scan, m.small, area.w), m.gap * 2), scan,
                  m.small, t.text_muted);
    }
    if (m.portrait && m_qr) {
      const int qr_side = std::min(area.w / 2, area.h);
      scene.qr("done.qr", {area.x + (area.w - qr_side) / 2, area.y, qr_side, qr_side}, m_qr);
    }
  }

 private:
  std::shared_ptr<const QrMatrix> m_qr;
};

}  // namespace

std::unique_ptr<Screen> make_done_screen() {
  return std::make_unique<DoneScreen>();
}

}  // namespace complaint
