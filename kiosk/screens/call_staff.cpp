// CallStaffScreen: what "呼叫工作人员 / Call staff" shows. The request is kept in the kiosk's
// file before this screen appears (App::call_staff); the screen then tells the truth about it:
// "calling" while the sync thread takes it to the desk, "staff are on their way" once the desk
// has acknowledged it, and "please go to the counter" with the hotline when it cannot be
// (sync off, the desk unreachable, no answer within kWaitForDesk, or the request not kept).
// The customer's entries stay; Back returns to where they were.
#include <chrono>

#include "kiosk/screens/frame.h"
#include "kiosk/screens/screens.h"

namespace complaint {

namespace {

// How long "calling" may show before the screen sends the customer to the counter. A sync
// round on a working network takes well under a second; the worker wakes at once for it.
constexpr std::chrono::seconds kWaitForDesk{15};

enum class CallState { calling, coming, counter };

CallState call_state(AppContext& context) {
  const HelpCall& call = context.help_call();
  Services& services = context.services();
  if (!call.request || services.help == nullptr || services.sync == nullptr) return CallState::counter;
  const auto delivered = services.help->delivered(call.request->id);
  if (delivered.ok() && *delivered) return CallState::coming;
  const SyncStatus status = services.sync->status();
  if (!status.running || status.consecutive_failures > 0) return CallState::counter;
  if (services.clock.now() - call.at >= kWaitForDesk) return CallState::counter;
  return CallState::calling;
}

const char* state_key(CallState state) {
  switch (state) {
    case CallState::calling:
      return "kiosk.help.calling";
    case CallState::coming:
      return "kiosk.help.coming";
    case CallState::counter:
      break;
  }
  return "kiosk.help.counter";
}

class CallStaffScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::call_staff; }
  const char* name() const override { return "call_staff"; }

  void build(ui::Scene& scene, AppContext& context) override {
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    Frame frame = build_frame(scene, context, "kiosk.help.title", 0, Footer::shown, HelpButton::none);
    const ScreenId back_to = context.help_call().back_to;
    build_nav(
        scene, context, frame.footer, [&context, back_to] { context.go(back_to); }, {}, nullptr, false,
        "kiosk.help.back");
    ui::Rect area = frame.content;

    const CallState state = call_state(context);
    const std::string message = context.tr(state_key(state));
    const ui::Colour colour = state == CallState::coming    ? t.success
                              : state == CallState::counter ? t.text
                                                            : t.text_muted;
    const int text_w = area.w - 2 * m.dp(24);
    const int message_h = scene.text_height(message, m.heading, text_w) + 2 * m.dp(24);
    ui::Rect panel = area.take_top(message_h, m.gap * 2);
    scene.panel("help.panel", panel, t.surface, m.radius);
    scene.label("help.status", panel.inset(m.dp(24), m.dp(24)), message, m.heading, colour);

    const std::string& hotline = context.services().config.site.hotline;
    if (!hotline.empty()) {
      const std::string line = context.tr("kiosk.help.hotline", {{"hotline", hotline}});
      scene.label("help.hotline", area.take_top(scene.text_height(line, m.heading, area.w), m.gap), line,
                  m.heading, t.text);
    }
    if (!context.session().empty()) {
      const std::string kept = context.tr("kiosk.help.kept");
      scene.label("help.kept", area.take_top(scene.text_height(kept, m.body, area.w), m.gap), kept, m.body,
                  t.text_muted);
    }
  }
};

}  // namespace

std::unique_ptr<Screen> make_call_staff_screen() {
  return std::make_unique<CallStaffScreen>();
}

}  // namespace complaint
