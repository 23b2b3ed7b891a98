// App: the kiosk's shell. Owns the screens, the session and the current scene; turns input
// into taps (hit-testing by widget), drags, text and keys; runs the idle reset (customers and
// staff: a countdown first), the done screen's countdown and the hidden staff gesture on the
// injected Clock; asks before Back discards entries; renders only when something changed;
// and answers the test-control channel (test_control.cpp) when enabled.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/speech/fake_speaker.h"
#include "core/speech/narration.h"
#include "kiosk/app/context.h"
#include "kiosk/platform/platform.h"
#include "kiosk/platform/service_notify.h"

namespace complaint {

struct AppOptions {
  std::string assets_dir;
  bool test_control = false;            // commands on stdin, replies on stdout
  FixedClock* fake_clock = nullptr;     // test control may advance it
  FakeSpeaker* fake_speaker = nullptr;  // test control reads what was spoken ("spoken")
  int dpi = 0;
  // Called once the first frame is shown (main() then opens what the first frame did not need).
  std::function<void()> after_first_frame;
};

class App final : public AppContext {
 public:
  App(Platform& platform, Services services, AppOptions options);
  ~App() override;
  // The screens' catalogs by language ("zh-CN", "en"): loaded here (tests), or handed over
  // by main(), which loads them beside the screen's start and shares them with the receipts.
  Result<void> load_texts();
  void use_texts(const Texts& zh_cn, const Texts& en);
  // The whole life of the kiosk: start(), then step() until quit. Returns the exit code.
  int run();
  // Renders the first frame, tells systemd the kiosk is ready, starts the control channel.
  void start();
  // One turn of the loop: waits for input (or a timer), handles it, runs the timers and
  // redraws what changed. False once the kiosk is to quit. In-process tests drive this.
  bool step();
  // What is on screen now (null before the first frame): tests find widgets here.
  const ui::Scene* scene() const { return m_scene.get(); }
  const char* screen_name() const { return m_current->name(); }

  // AppContext
  Services& services() override { return m_services; }
  FilingSession& session() override { return m_session; }
  const Texts& texts() const override;
  const std::string& language() const override { return m_language; }
  void set_language(const std::string& language) override;
  ui::TextSize text_size() const override { return m_text_size; }
  void set_text_size(ui::TextSize size) override;
  ui::Contrast contrast() const override { return m_contrast; }
  void set_contrast(ui::Contrast contrast) override;
  bool voice() const override { return m_voice; }
  void set_voice(bool on) override;
  void go(ScreenId screen) override;
  void reset() override;
  void changed() override { m_dirty = true; }
  bool staff_mode() const override { return m_staff; }
  void leave_staff_mode() override;
  void enter_staff_mode() override;
  StaffLock& staff_lock() override { return m_lock; }
  void call_staff() override;
  const HelpCall& help_call() const override { return m_help; }
  void confirm_discard(std::function<void()> discard) override;
  int done_seconds_left() const override;

 private:
  friend class TestControl;
  void handle(const InputEvent& event);
  void press(ui::Point point);
  void move(ui::Point point);
  void release(ui::Point point);
  void ink(ui::InkPhase phase, ui::Point point);
  void tick();
  void render();
  void build_scene();
  void build_idle_prompt();
  void build_discard_question();
  void narrate();
  int next_timeout_ms() const;
  ui::Rect staff_corner() const;
  Screen& screen(ScreenId id);

  Platform& m_platform;
  Services m_services;
  AppOptions m_options;
  FilingSession m_session;
  std::map<std::string, Texts> m_texts;
  std::string m_language;
  ui::TextSize m_text_size = ui::TextSize::normal;
  ui::Contrast m_contrast = ui::Contrast::normal;
  bool m_voice = false;
  std::unique_ptr<Narrator> m_narrator;          // null without a speaker
  std::string m_tapped;                          // voice mode: the widget tapped since the last frame
  std::optional<TappedControl> m_tapped_before;  // ...as it was drawn when tapped
  ui::Theme m_theme;
  ui::Metrics m_metrics;
  std::vector<std::unique_ptr<Screen>> m_screens;
  Screen* m_current = nullptr;
  std::unique_ptr<ui::Scene> m_scene;
  bool m_dirty = true;
  std::uint64_t m_print_version = 0;  // PrintQueue::version() at the last redraw
  bool m_quit = false;

  // Pointer state: the widget under the press, or a drag of a viewport.
  std::string m_pressed;
  std::string m_inking;  // the ink pad a stroke is being written on (empty: none)
  ui::Point m_press_point;
  int m_last_drag_y = 0;
  bool m_dragging = false;
  std::optional<Instant> m_corner_pressed_at;

  // Idle reset and staff mode.
  Instant m_last_input{};
  std::optional<Instant> m_asking_since;  // "are you still there?" shown since
  std::function<void()> m_discard;        // "discard what you entered?" shown: what Discard does
  Instant m_done_since{};                 // the done screen shown since
  bool m_staff = false;
  StaffLock m_lock;
  HelpCall m_help;
  ServiceNotifier m_notifier;
  std::unique_ptr<class TestControl> m_control;
  std::vector<std::int64_t> m_frame_cpu_ns;  // CPU time of recent frames (benchmarks), at most 4096
};

}  // namespace complaint
