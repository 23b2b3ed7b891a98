// ConsentScreen: what is stored, who sees it and how long it is kept; "I agree" continues.
// An anonymous customer is told only what an anonymous ticket keeps: no name or phone (the
// address only where the deployment asks for it).
#include <algorithm>

#include "core/retention/retention_notice.h"
#include "kiosk/screens/frame.h"
#include "kiosk/screens/screens.h"

namespace complaint {

namespace {

class ConsentScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::consent; }
  const char* name() const override { return "consent"; }
  void enter(AppContext&) override { m_scroll = 0; }
  void wipe() override { m_scroll = 0; }

  void build(ui::Scene& scene, AppContext& context) override {
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    Frame frame = build_frame(scene, context, "kiosk.consent.title", flow_step_number(id()), Footer::shown);
    build_nav(
        scene, context, frame.footer, [this, &context] { go_back(context, id()); }, "kiosk.consent.agree",
        [this, &context] {
          context.session().consent = true;
          go_next(context, id());
        },
        true);
    ui::Rect area = frame.content;
    scene.panel("consent.panel", area, t.surface, m.radius);
    const ui::Rect view = area.inset(m.dp(28), m.dp(20));
    const bool anonymous = context.session().anonymous;
    const bool address = context.services().kiosk.address_field != AddressField::none;
    const char* stored_key = !anonymous ? "kiosk.consent.stored"
                             : address  ? "kiosk.consent.stored_anonymous_address"
                                        : "kiosk.consent.stored_anonymous";
    // How long: generated from [retention], so it says what the desk and this kiosk do.
    const std::string kept =
        retention_notice(context.texts(), context.services().config.retention, context.services().taxonomy,
                         anonymous ? "kiosk.consent.kept.end_anonymous" : "kiosk.consent.kept.end");
    const std::string sections[][2] = {
        {context.tr("kiosk.consent.stored_title"), context.tr(stored_key)},
        {context.tr("kiosk.consent.who_title"),
         context.tr(anonymous ? "kiosk.consent.who_anonymous" : "kiosk.consent.who")},
        {context.tr("kiosk.consent.kept_title"), kept}};
    const ui::Font heading{m.body.px, ui::Weight::bold};
    // Measure first: in large text on a small screen the notice scrolls (drag), never clips.
    int content_h = 0;
    for (const auto& section : sections) {
      content_h += scene.text_height(section[0], heading, view.w) + m.dp(4);
      content_h += scene.text_height(section[1], m.body, view.w) + m.gap;
    }
    m_scroll = std::clamp(m_scroll, 0, std::max(0, content_h - view.h));
    scene.begin_viewport({"consent.text", view, content_h, [this, &context, content_h, h = view.h](int dy) {
                            m_scroll = std::clamp(m_scroll - dy, 0, std::max(0, content_h - h));
                            context.changed();
                          }});
    int y = view.y - m_scroll;
    for (std::size_t i = 0; i < std::size(sections); ++i) {
      const std::string& title = sections[i][0];
      const std::string& body = sections[i][1];
      const int title_h = scene.text_height(title, heading, view.w);
      scene.label("consent.title." + std::to_string(i), {view.x, y, view.w, title_h}, title, heading,
                  t.primary);
      y += title_h + m.dp(4);
      const int body_h = scene.text_height(body, m.body, view.w);
      scene.label("consent.text." + std::to_string(i), {view.x, y, view.w, body_h}, body, m.body, t.text);
      y += body_h + m.gap;
    }
    scene.end_viewport();
  }

 private:
  int m_scroll = 0;
};

}  // namespace

std::unique_ptr<Screen> make_consent_screen() {
  return std::make_unique<ConsentScreen>();
}

}  // namespace complaint
