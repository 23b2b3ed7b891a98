// The frame every screen shares: a header band (organisation, title, step "2/7") and a footer
// with Back / Next, leaving the content area. Also small helpers used by several screens.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "kiosk/app/context.h"
#include "kiosk/app/flow.h"

namespace complaint {

struct Frame {
  ui::Rect content;
  ui::Rect footer;
};

// step: flow_step_number(screen), 0 for no step indicator. The footer is reserved only
// when `footer` is Footer::shown.
enum class Footer { shown, none };
// The header's "呼叫工作人员 / Call staff" button, on every customer screen; staff screens and
// the call screen itself leave it out (and so does staff mode).
enum class HelpButton { shown, none };
// `title_values` fills the title's placeholders (the done and review screens name the kind).
Frame build_frame(ui::Scene& scene, AppContext& context, std::string_view title_key, int step, Footer footer,
                  HelpButton help = HelpButton::shown,
                  const std::map<std::string, std::string>& title_values = {});

// Back on the left, the main action on the right of the footer. `back_key` labels the left
// button where it does more than go back (the staff menu's Exit).
void build_nav(ui::Scene& scene, AppContext& context, ui::Rect footer, std::function<void()> back,
               std::string_view next_key, std::function<void()> next, bool next_enabled,
               std::string_view back_key = "kiosk.nav.back");

// The free part of the footer between Back and Next (as build_nav lays them out).
ui::Rect footer_middle(const ui::Metrics& metrics, ui::Rect footer);

// Next from the filing step `from` (kiosk/app/flow.h), or back to review when the customer
// came from there to edit.
void go_next(AppContext& context, ScreenId from);
// Back from the filing step `from`; on the first step it leaves the flow (flow_exit), after
// asking "放弃已填写的内容？" when anything was entered (AppContext::confirm_discard).
void go_back(AppContext& context, ScreenId from);

// An error line (validation): red text in the given rect; nothing when key is empty.
void build_error(ui::Scene& scene, AppContext& context, ui::Rect rect, const std::string& key,
                 const std::map<std::string, std::string>& values = {});

// The chosen desired-outcome quick choices in the current language, joined ("道歉、赔偿" /
// "Apology, compensation"); "" when none.
std::string outcome_choices_label(AppContext& context);

// A label for a taxonomy id in the current language ("" when unknown).
std::string kind_label(AppContext& context, const std::string& id);
std::string channel_label(AppContext& context, const std::string& id);

// "2026-11-21 16:00 周六" / "Sat 2026-11-21 16:00" in the site's zone.
std::string format_local(AppContext& context, Instant at);
// A promised deadline the way a customer reads it, as on the receipt and the tracking page
// (core/i18n/deadline_text.h), counted from the UI's Clock: "12月8日（周二）当天内（还有3天）".
std::string format_deadline_local(AppContext& context, Instant at);

struct Period;
// "1 hour", "3 working days" in the current language.
std::string period_text(AppContext& context, const Period& period);

}  // namespace complaint
