// StaffMenuScreen: file on a customer's behalf (channel + date received), recent tickets
// with reprint and their receipt state, the sync queue, how the last round went and what the
// desk refused, the printer with its alert (the last print failed, and why) and a test page,
// and exit; a line when a year of the holiday calendar is missing. Staff mode ends by itself after [kiosk]
// staff_idle_seconds without input and a countdown the clerk can stop (the app's idle timer).
#include <algorithm>
#include <chrono>

#include "core/calendar/calendar_warning.h"
#include "core/privacy/masking.h"
#include "core/sync/sync_status.h"
#include "kiosk/screens/frame.h"
#include "kiosk/screens/screens.h"

namespace complaint {

namespace {

constexpr const char* k_channels[] = {"phone", "letter", "email", "opinion_box", "walk_in"};
constexpr int k_max_days_back = 60;

class StaffMenuScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::staff_menu; }
  const char* name() const override { return "staff_menu"; }
  void enter(AppContext& context) override {
    m_message.clear();
    m_message_values.clear();
    m_scroll = 0;
    TicketQuery query;
    query.limit = 30;
    auto recent = context.services().repository.list(query);
    m_recent = recent.ok() ? std::move(recent).value() : std::vector<Ticket>{};
    std::sort(m_recent.begin(), m_recent.end(),
              [](const Ticket& a, const Ticket& b) { return a.recorded_at > b.recorded_at; });
    m_sync = current_sync_status(context.services().repository, context.services().sync);
  }
  void wipe() override {
    m_recent.clear();
    m_channel = "phone";
    m_days_back = 0;
    m_message.clear();
  }

  void build(ui::Scene& scene, AppContext& context) override {
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    Frame frame = build_frame(scene, context, "kiosk.staff.title", 0, Footer::shown, HelpButton::none);
    build_nav(
        scene, context, frame.footer, [&context] { context.leave_staff_mode(); }, "kiosk.staff.file",
        [this, &context] { start_filing(context); }, true, "kiosk.staff.exit");
    ui::Rect area = frame.content;
    build_alert(scene, context, area);
    const bool columns = !m.portrait && area.w > m.dp(900);
    const ui::Rect left_view =
        columns ? area.take_left(area.w * 45 / 100, m.gap * 2) : area.take_top(area.h / 2, m.gap);
    ui::Rect right = area;
    // The left column scrolls by dragging when it is taller than the screen allows.
    m_left_scroll = std::clamp(m_left_scroll, 0, std::max(0, m_left_height - left_view.h));
    scene.begin_viewport(
        {"staff.actions", left_view, m_left_height, [this, &context, h = left_view.h](int dy) {
           m_left_scroll = std::clamp(m_left_scroll - dy, 0, std::max(0, m_left_height - h));
           context.changed();
         }});
    ui::Rect left{left_view.x, left_view.y - m_left_scroll, left_view.w, 1 << 16};
    const int left_top = left.y;
    const ui::Font bold{m.body.px, ui::Weight::bold};
    const int line_h = scene.painter().line_height(m.body);
    const int row_h = std::max({m.min_target, line_h + m.dp(12), m.button_height * 4 / 5});

    // File on behalf: channel and the date received.
    scene.label("staff.channel.label", left.take_top(line_h, m.dp(6)), context.tr("kiosk.staff.channel"),
                bold, t.text);
    int widest = 0;
    for (const char* id : k_channels) {
      widest = std::max(widest, scene.painter().measure(channel_label(context, id), m.button).size.w +
                                    2 * m.dp(18) + m.dp(8));
    }
    int cols = 3;
    while (cols > 1 && (left.w - (cols - 1) * m.gap) / cols < widest) --cols;
    const int n = static_cast<int>(std::size(k_channels));
    const int rows = (n + cols - 1) / cols;
    ui::Rect grid = left.take_top(rows * row_h + (rows - 1) * m.gap, m.gap);
    const int w = (grid.w - (cols - 1) * m.gap) / cols;
    for (int i = 0; i < n; ++i) {
      const std::string id = k_channels[i];
      scene
          .button("staff.channel." + id,
                  {grid.x + (i % cols) * (w + m.gap), grid.y + (i / cols) * (row_h + m.gap), w, row_h},
                  channel_label(context, id), m_channel == id ? ui::Style::selected : ui::Style::choice,
                  [this, id, &context] {
                    m_channel = id;
                    context.changed();
                  })
          .align = ui::Align::centre;
    }
    scene.label("staff.date.label", left.take_top(line_h, m.dp(6)), context.tr("kiosk.staff.received"), bold,
                t.text);
    ui::Rect date_row = left.take_top(row_h, m.gap);
    scene.button("staff.date.earlier", date_row.take_left(row_h, m.gap), "−", ui::Style::secondary,
                 [this, &context] {
                   m_days_back = std::min(k_max_days_back, m_days_back + 1);
                   context.changed();
                 });
    scene
        .button("staff.date.later", date_row.take_right(row_h, m.gap), "+", ui::Style::secondary,
                [this, &context] {
                  m_days_back = std::max(0, m_days_back - 1);
                  context.changed();
                })
        .enabled = m_days_back > 0;
    const Instant received = context.services().clock.now() - std::chrono::days(m_days_back);
    std::string day = format_local(context, received).substr(0, 10);
    if (m_days_back <= 1)
      day += m_days_back == 0 ? context.tr("kiosk.staff.today") : context.tr("kiosk.staff.yesterday");
    scene.label("staff.date", date_row, day, m.body, t.text, ui::Align::centre).valign = ui::Align::centre;

    // Status: sync and printer.
    build_sync(scene, context, left);
    build_printer(scene, context, left);
    build_calendar_warning(scene, context, left);
    if (!m_message.empty()) {
      const std::string text = context.tr(m_message, m_message_values);
      scene.label("staff.message", left.take_top(scene.text_height(text, bold, left.w), m.gap), text, bold,
                  t.accent);
    }

    m_left_height = left.y - left_top;
    scene.end_viewport();

    // Recent tickets: a list that scrolls by dragging.
    scene.label("staff.recent.label", right.take_top(line_h, m.dp(6)), context.tr("kiosk.staff.recent"), bold,
                t.text);
    // Each item: number, then when, how and who (masked); as tall as its text needs.
    const ui::Font reprint_font{m.small.px, ui::Weight::bold};
    const int reprint_w = std::max(
        m.min_target * 2, scene.painter().measure(context.tr("kiosk.staff.reprint"), reprint_font).size.w +
                              2 * m.dp(18) + m.dp(8));
    const int text_w = right.w - 2 * m.dp(12) - reprint_w - m.gap;
    const int reprint_h = std::max(m.min_target, scene.painter().line_height(reprint_font) + m.dp(8));
    std::vector<std::string> texts;
    std::vector<int> heights;
    int content_h = 0;
    for (const Ticket& ticket : m_recent) {
      const std::string who =
          ticket.anonymous ? context.tr("kiosk.review.anonymous") : mask_name(ticket.customer_name);
      texts.push_back(ticket.number + receipt_note(context, ticket.number) + "\n" +
                      format_local(context, ticket.filed_at) + "  " + channel_label(context, ticket.channel) +
                      "  " + who);
      heights.push_back(std::max(reprint_h, scene.text_height(texts.back(), m.small, text_w)) + 2 * m.dp(6));
      content_h += heights.back() + m.dp(6);
    }
    m_scroll = std::clamp(m_scroll, 0, std::max(0, content_h - right.h));
    scene.begin_viewport({"staff.recent", right, content_h, [this, &context, content_h, h = right.h](int dy) {
                            m_scroll = std::clamp(m_scroll - dy, 0, std::max(0, content_h - h));
                            context.changed();
                          }});
    int y = right.y - m_scroll;
    for (std::size_t i = 0; i < m_recent.size(); ++i) {
      ui::Rect r{right.x, y, right.w, heights[i]};
      y += heights[i] + m.dp(6);
      if (!r.intersects(right)) continue;
      scene.panel("staff.recent." + std::to_string(i) + ".panel", r, t.surface, m.radius / 2);
      ui::Rect inner = r.inset(m.dp(12), m.dp(6));
      ui::Rect reprint = inner.take_right(reprint_w, m.gap);
      reprint = {reprint.x, reprint.y + (reprint.h - reprint_h) / 2, reprint.w, reprint_h};
      scene
          .button("staff.recent." + std::to_string(i) + ".reprint", reprint,
                  context.tr("kiosk.staff.reprint"), ui::Style::secondary,
                  [this, &context, number = m_recent[i].number] {
                    if (PrintQueue* printing = context.services().printing) {
                      printing->print_receipt(number, ReceiptPrint::reprint);
                      m_message = "kiosk.staff.reprint_sent";
                      m_message_values = {{"number", number}};
                    } else {
                      m_message = "kiosk.staff.reprint_unavailable";
                    }
                    context.changed();
                  })
          .font = reprint_font;
      scene.label("staff.recent." + std::to_string(i), inner, texts[i], m.small, t.text);
    }
    scene.end_viewport();
  }

 private:
  // The last print failed: a red line across the top, with the reason and what to do.
  static void build_alert(ui::Scene& scene, AppContext& context, ui::Rect& area) {
    PrintQueue* printing = context.services().printing;
    const std::optional<PrinterAlert> alert = printing != nullptr ? printing->alert() : std::nullopt;
    if (!alert) return;
    const ui::Metrics& m = scene.metrics();
    const std::string reason = context.tr(alert->reason_key);
    const std::string text =
        alert->number.empty()
            ? context.tr("kiosk.staff.test_failed", {{"reason", reason}})
            : context.tr("receipt.print.staff_alert", {{"reason", reason}, {"number", alert->number}});
    const ui::Font bold{m.body.px, ui::Weight::bold};
    scene.label("staff.printer_alert", area.take_top(scene.text_height(text, bold, area.w), m.gap), text,
                bold, scene.theme().danger);
  }

  // Staff only (never a customer screen): deadlines into a year without its holiday list
  // may be wrong until the desk imports it and a sync brings it. Last in the column, so the
  // controls above keep their places.
  static void build_calendar_warning(ui::Scene& scene, AppContext& context, ui::Rect& left) {
    const std::set<int> missing =
        missing_calendar_years(context.services().calendar, context.services().clock.now());
    if (missing.empty()) return;
    const ui::Metrics& m = scene.metrics();
    const std::string text = context.tr("kiosk.staff.calendar_missing", {{"years", join_years(missing)}});
    scene.label("staff.calendar", left.take_top(scene.text_height(text, m.body, left.w), m.dp(4)), text,
                m.body, scene.theme().danger);
  }

  // The sync queue, when a round last succeeded and why the last one failed (or: sync is off).
  void build_sync(ui::Scene& scene, AppContext& context, ui::Rect& left) const {
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    const auto line = [&](const char* id, const std::string& text, ui::Colour colour) {
      scene.label(id, left.take_top(scene.text_height(text, m.body, left.w), m.dp(4)), text, m.body, colour);
    };
    const std::int64_t queued = m_sync.queued;
    line("staff.queue", context.tr("kiosk.staff.queue", {{"n", queued < 0 ? "?" : std::to_string(queued)}}),
         t.text_muted);
    if (!m_sync.running) {
      line("staff.sync", context.tr("kiosk.staff.sync_off"), t.text_muted);
      return;
    }
    line("staff.sync",
         m_sync.last_success
             ? context.tr("kiosk.staff.sync_last", {{"at", format_local(context, *m_sync.last_success)}})
             : context.tr("kiosk.staff.sync_never"),
         t.text_muted);
    if (m_sync.last_error) {
      // The reason in the staff's language when the error names a catalog text; English
      // messages are for the log only.
      const std::string& key = m_sync.last_error->key;
      line("staff.sync_error",
           context.texts().has(key) ? context.tr("kiosk.staff.sync_failed", {{"reason", context.tr(key)}})
                                    : context.tr("kiosk.staff.sync_failed_unknown"),
           t.danger);
    }
    // Refused rows are final (they no longer wait in the queue): say so, with the latest reason.
    if (const RefusalSummary& refusals = m_sync.refusals; refusals.count > 0 && refusals.latest) {
      const std::string& key = refusals.latest->reason.key;
      line("staff.sync_refused",
           context.tr(
               "kiosk.staff.sync_refused",
               {{"n", std::to_string(refusals.count)},
                {"number", refusals.latest->ticket_number},
                {"reason", context.texts().has(key) ? context.tr(key) : refusals.latest->reason.field}}),
           t.danger);
    }
  }

  // The printer line, the test page button and how the last test page went.
  void build_printer(ui::Scene& scene, AppContext& context, ui::Rect& left) {
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    const DeviceStatus& device = context.services().devices;
    PrintQueue* printing = context.services().printing;
    const std::string status = context.tr(
        "kiosk.staff.printer", {{"status", context.tr(device.printer_key, {{"name", device.printer_name}})}});
    scene.label("staff.printer", left.take_top(scene.text_height(status, m.body, left.w), m.dp(4)), status,
                m.body, t.text_muted);
    if (printing == nullptr) return;
    const int row_h = std::max(m.min_target, m.button_height * 4 / 5);
    scene.button("staff.test_page", left.take_top(row_h, m.dp(6)), context.tr("kiosk.staff.test_page"),
                 ui::Style::secondary, [this, &context, printing] {
                   printing->print_test_page(context.language(), test_page_url(context.services().config));
                   m_message.clear();
                   context.changed();
                 });
    const ReceiptProgress test = printing->test_page().progress;
    if (test != ReceiptProgress::none) {
      const std::string text = context.tr(test == ReceiptProgress::printed  ? "kiosk.staff.test_printed"
                                          : test == ReceiptProgress::failed ? "kiosk.staff.test_not_printed"
                                                                            : "kiosk.staff.test_printing");
      scene.label("staff.test_status", left.take_top(scene.text_height(text, m.body, left.w), m.dp(4)), text,
                  m.body, test == ReceiptProgress::failed ? t.danger : t.text_muted);
    }
  }

  // " · printed" after a recent ticket's number, as far as this run of the kiosk knows.
  static std::string receipt_note(AppContext& context, const std::string& number) {
    if (context.services().printing == nullptr) return {};
    switch (context.services().printing->receipt(number).progress) {
      case ReceiptProgress::none:
        return {};
      case ReceiptProgress::queued:
      case ReceiptProgress::printing:
        return "  · " + context.tr("kiosk.staff.receipt_printing");
      case ReceiptProgress::printed:
        return "  · " + context.tr("kiosk.staff.receipt_printed");
      case ReceiptProgress::failed:
        return "  · " + context.tr("kiosk.staff.receipt_failed");
    }
    return {};
  }

  void start_filing(AppContext& context) {
    FilingSession& s = context.session();
    s.wipe();
    s.mode = FilingMode::staff;
    s.channel = m_channel;
    s.recorded_by = "staff";
    s.kind = "complaint";
    s.consent = true;  // the clerk records consent given on the phone, by letter or at the desk
    s.filed_at = context.services().clock.now() - std::chrono::days(m_days_back);
    context.go(flow_first_step());
  }

  std::vector<Ticket> m_recent;
  SyncStatus m_sync;
  std::string m_channel = "phone";
  int m_days_back = 0;
  int m_scroll = 0;
  int m_left_scroll = 0;
  int m_left_height = 0;  // of the left column at the last build
  std::string m_message;
  std::map<std::string, std::string> m_message_values;
};

}  // namespace

std::unique_ptr<Screen> make_staff_menu_screen() {
  return std::make_unique<StaffMenuScreen>();
}

}  // namespace complaint
