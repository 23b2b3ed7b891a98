// build_frame / build_nav and the shared helpers of frame.h.
#include "kiosk/screens/frame.h"

#include <chrono>

#include "core/deadlines/deadline_policy.h"
#include "core/domain/subject_label.h"
#include "core/i18n/deadline_text.h"
#include "core/i18n/local_time_text.h"

namespace complaint {

Frame build_frame(ui::Scene& scene, AppContext& context, std::string_view title_key, int step, Footer footer,
                  HelpButton help, const std::map<std::string, std::string>& title_values) {
  const ui::Metrics& m = scene.metrics();
  const ui::Theme& t = scene.theme();
  ui::Rect screen{0, 0, m.screen.w, m.screen.h};
  const ui::Font org_font{m.small.px, ui::Weight::regular};
  // The help button as wide as its label (up to half the header); the title wraps below
  // it, and the header grows, when one line cannot hold it (large text in portrait).
  const bool help_shown = help == HelpButton::shown && !context.staff_mode();
  const std::string help_label = context.tr("kiosk.help.button");
  const int inner_w = m.screen.w - 2 * m.margin;
  const int help_w =
      help_shown ? std::min(inner_w / 2, scene.painter().measure(help_label, m.button).size.w + 2 * m.dp(24))
                 : 0;
  const std::string title = context.tr(title_key, title_values);
  const int title_h =
      std::max(scene.painter().line_height(m.title),
               scene.text_height(title, m.title, inner_w - (help_shown ? help_w + m.gap : 0)));
  // The organisation's name and the step share a line; each gets its own when both do not fit
  // (English in large text, portrait): the name never wraps into the title.
  const Config& config = context.services().config;
  const std::string& org = context.language() == "en" ? config.site.name_en : config.site.name_zh;
  // On each filing step, what is being filed beside the step ("投诉 · 态度不好  第 3 步，共 7 步"):
  // the details, outcome and contact screens would otherwise not say it is an inquiry.
  const FilingSession& session = context.session();
  const std::string subject = step > 0 && !session.kind.empty()
                                  ? subject_label(context.services().taxonomy, session.kind, session.category,
                                                  context.language(), session.topic)
                                        .text()
                                  : std::string();
  std::string step_text = step > 0
                              ? context.tr(subject.empty() ? "kiosk.frame.step" : "kiosk.frame.step_subject",
                                           {{"step", std::to_string(step)},
                                            {"steps", std::to_string(k_flow_step_count)},
                                            {"subject", subject}})
                              : std::string();
  const int org_w = scene.painter().measure(org, org_font).size.w;
  const int step_text_w = step > 0 ? scene.painter().measure(step_text, org_font).size.w : 0;
  const int org_line_w = inner_w - (help_shown ? help_w + m.gap : 0);
  const bool step_own_line = step > 0 && org_w + m.gap + step_text_w > org_line_w;
  // On its own line, what is filed and the step part at the line break where even that line
  // is too short (portrait, large text), rather than wherever the words happen to wrap.
  if (step_own_line && !subject.empty() && step_text_w > org_line_w) {
    step_text = subject + "\n" +
                context.tr("kiosk.frame.step",
                           {{"step", std::to_string(step)}, {"steps", std::to_string(k_flow_step_count)}});
  }
  const int step_own_h = step_own_line ? scene.text_height(step_text, org_font, org_line_w) : 0;
  const int header_h =
      m.margin / 2 + scene.painter().line_height(org_font) + step_own_h + title_h + m.margin / 2;
  ui::Rect header = screen.take_top(header_h);
  scene.panel("frame.header", header, t.header, 0);
  ui::Rect inner = header.inset(m.margin, m.margin / 2);
  if (help_shown) {
    // Top right, away from the hidden staff corner (top left); always the same place.
    ui::Rect button = inner.take_right(help_w, m.gap);
    const int h = std::min(button.h, std::max(m.min_target, m.button_height * 4 / 5));
    button.y += (button.h - h) / 2;
    button.h = h;
    scene
        .button("frame.call_staff", button, help_label, ui::Style::secondary,
                [&context] { context.call_staff(); })
        .align = ui::Align::centre;
  }
  ui::Rect org_line = inner.take_top(scene.painter().line_height(org_font));
  if (step_own_line) {
    ui::Rect step_rect = inner.take_top(step_own_h);
    scene.label("frame.step", step_rect, step_text, org_font, t.on_header);
  } else if (step > 0) {
    // A third of the line when the name leaves that much (a steady place), else what it needs.
    const int step_w = std::max(std::min(org_line.w / 3, org_line.w - org_w - m.gap), step_text_w);
    ui::Rect step_rect = org_line.take_right(std::min(step_w, org_line.w), m.gap);
    scene.label("frame.step", step_rect, step_text, org_font, t.on_header, ui::Align::end);
  }
  scene.label("frame.org", org_line, org, org_font, t.on_header);
  // A filled-in title is no longer its key's plain text: no recorded clip for it.
  scene.label("frame.title", inner, title, m.title, t.on_header).key = title_values.empty() ? title_key : "";
  if (step > 0) {  // a progress bar under the header: calm orientation for a first-time user
    const int bar_h = std::max(3, m.dp(6));
    scene.panel("frame.progress.track", {0, header.bottom() - bar_h, m.screen.w, bar_h}, t.border, 0);
    scene.panel("frame.progress", {0, header.bottom() - bar_h, m.screen.w * step / k_flow_step_count, bar_h},
                t.accent, 0);
  }
  ui::Rect body = screen.inset(m.margin, m.margin / 2);
  body.y = header.bottom() + m.margin / 2;
  body.h = m.screen.h - body.y - m.margin / 2;
  Frame frame;
  if (footer == Footer::shown) frame.footer = body.take_bottom(m.button_height, m.gap);
  frame.content = body;
  return frame;
}

ui::Rect footer_middle(const ui::Metrics& m, ui::Rect footer) {
  const int next_w = std::min(footer.w / 2 - m.gap, m.dp(360));
  const int back_w = std::min(next_w, m.dp(240));
  return {footer.x + back_w + m.gap, footer.y, std::max(0, footer.w - back_w - next_w - 2 * m.gap), footer.h};
}

void build_nav(ui::Scene& scene, AppContext& context, ui::Rect footer, std::function<void()> back,
               std::string_view next_key, std::function<void()> next, bool next_enabled,
               std::string_view back_key) {
  const ui::Metrics& m = scene.metrics();
  const int w = std::min(footer.w / 2 - m.gap, m.dp(360));  // keep in step with footer_middle()
  if (back)
    scene
        .button("nav.back", footer.take_left(std::min(w, m.dp(240)), m.gap), context.tr(back_key),
                ui::Style::secondary, std::move(back))
        .key = back_key;
  if (next) {
    ui::Widget& button = scene.button("nav.next", footer.take_right(w), context.tr(next_key),
                                      ui::Style::primary, std::move(next));
    button.enabled = next_enabled;
    button.key = next_key;
  }
}

void go_next(AppContext& context, ScreenId from) {
  FilingSession& session = context.session();
  if (session.return_to_review) {
    session.return_to_review = false;
    context.go(flow_last_step());
    return;
  }
  context.go(flow_step(from).next);
}

void go_back(AppContext& context, ScreenId from) {
  const FlowStep step = flow_step(from);
  if (step.back) {
    context.go(*step.back);
    return;
  }
  // Leaving the flow discards the entries: a customer's are wiped (reset shows the welcome
  // screen); a clerk's draft is wiped and the staff menu returns with its channel and date
  // still chosen. With anything entered, a slip of the finger must not do it: ask first.
  auto leave = [&context] {
    const FilingMode mode = context.session().mode;
    if (mode == FilingMode::customer) {
      context.reset();
      return;
    }
    context.session().wipe();
    context.go(flow_exit(mode));
  };
  if (context.session().has_entries()) {
    context.confirm_discard(leave);
    return;
  }
  leave();
}

void build_error(ui::Scene& scene, AppContext& context, ui::Rect rect, const std::string& key,
                 const std::map<std::string, std::string>& values) {
  if (key.empty()) return;
  const ui::Metrics& m = scene.metrics();
  scene.label("error", rect, context.tr(key, values), ui::Font{m.body.px, ui::Weight::bold},
              scene.theme().danger);
}

namespace {

std::string label_of(const TaxonomyEntry* entry, AppContext& context) {
  return entry == nullptr ? std::string{} : entry->label(context.language());
}

}  // namespace

std::string outcome_choices_label(AppContext& context) {
  std::string label;
  for (const std::string& key : context.session().outcome_choices) {
    label += (label.empty() ? "" : context.tr("kiosk.outcome.separator")) + context.tr(key);
  }
  return label;
}

std::string kind_label(AppContext& context, const std::string& id) {
  return label_of(context.services().taxonomy.kind(id), context);
}

std::string channel_label(AppContext& context, const std::string& id) {
  return label_of(context.services().taxonomy.channel(id), context);
}

std::string format_local(AppContext& context, Instant at) {
  return format_local_with_weekday(context.texts(), context.services().calendar.zone(), at);
}

std::string format_deadline_local(AppContext& context, Instant at) {
  return deadline_phrase(context.texts(), context.services().calendar.zone(), at,
                         context.services().clock.now());
}

std::string period_text(AppContext& context, const Period& period) {
  // English needs "1 hour" beside "24 hours"; Chinese has one form, kept in both keys.
  const bool one = period.amount == 1;
  const char* key = period.unit == PeriodUnit::hours ? (one ? "kiosk.period.hour" : "kiosk.period.hours")
                    : period.unit == PeriodUnit::working_days
                        ? (one ? "kiosk.period.working_day" : "kiosk.period.working_days")
                        : (one ? "kiosk.period.calendar_day" : "kiosk.period.calendar_days");
  return context.tr(key, {{"n", std::to_string(period.amount)}});
}

}  // namespace complaint
