// App: navigation, input handling (taps, drags, text, keys), idle reset and staff timers,
// rendering on change. Sections: construction · AppContext · input · timers · rendering · run.
#include "kiosk/app/app.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "kiosk/app/test_control.h"
#include "kiosk/screens/screens.h"

namespace complaint {

// ---------------------------------------------------------------- construction

App::App(Platform& platform, Services services, AppOptions options)
    : m_platform(platform),
      m_services(std::move(services)),
      m_options(std::move(options)),
      m_language(m_services.kiosk.language),
      m_text_size(m_services.kiosk.large_text ? ui::TextSize::large : ui::TextSize::normal),
      m_contrast(m_services.kiosk.high_contrast ? ui::Contrast::high : ui::Contrast::normal),
      m_theme(ui::Theme::make(m_contrast)),
      m_lock(m_services.kiosk, m_services.clock) {
  m_screens.push_back(make_welcome_screen());
  m_screens.push_back(make_kind_screen());
  m_screens.push_back(make_details_screen());
  m_screens.push_back(make_outcome_screen());
  m_screens.push_back(make_contact_screen());
  m_screens.push_back(make_consent_screen());
  m_screens.push_back(make_review_screen());
  m_screens.push_back(make_done_screen());
  m_screens.push_back(make_check_progress_screen());
  m_screens.push_back(make_staff_pin_screen());
  m_screens.push_back(make_staff_menu_screen());
  m_screens.push_back(make_call_staff_screen());
  m_current = &screen(ScreenId::welcome);
  m_last_input = m_services.clock.now();
  if (m_services.speaker != nullptr) {
    m_narrator = std::make_unique<Narrator>(*m_services.speaker);
    m_voice = m_services.kiosk.voice;  // the first frame reads the welcome screen
  }
  if (m_options.test_control) m_control = std::make_unique<TestControl>(*this);
}

App::~App() = default;

Result<void> App::load_texts() {
  for (const char* language : {"zh-CN", "en"}) {
    TRY_ASSIGN(Texts texts, Texts::load(m_options.assets_dir + "/i18n", language));
    m_texts.emplace(language, std::move(texts));
  }
  return Ok{};
}

void App::use_texts(const Texts& zh_cn, const Texts& en) {
  m_texts.insert_or_assign("zh-CN", zh_cn);
  m_texts.insert_or_assign("en", en);
}

Screen& App::screen(ScreenId id) {
  for (auto& s : m_screens) {
    if (s->id() == id) return *s;
  }
  return *m_screens.front();
}

// ---------------------------------------------------------------- AppContext

const Texts& App::texts() const {
  return m_texts.at(m_language);
}

void App::set_language(const std::string& language) {
  if (m_texts.count(language) == 0) return;
  m_language = language;
  changed();
}

void App::set_text_size(ui::TextSize size) {
  m_text_size = size;
  changed();
}

void App::set_contrast(ui::Contrast contrast) {
  m_contrast = contrast;
  m_theme = ui::Theme::make(contrast);
  changed();
}

void App::set_voice(bool on) {
  if (!m_narrator || on == m_voice) return;
  m_voice = on;
  if (on) {
    m_narrator->start();
  } else {
    m_narrator->finish(texts());
  }
  m_tapped.clear();
  m_tapped_before.reset();
  changed();
}

void App::go(ScreenId id) {
  if (id == ScreenId::done) m_done_since = m_services.clock.now();
  m_current = &screen(id);
  m_current->enter(*this);
  changed();
}

void App::reset() {
  // Voice (and the language it speaks) survives a customer's own way back to the start (Back
  // on the first step, leaving check progress): someone who cannot read the screen must not
  // lose it there. It ends with the customer: the done screen, the idle countdown, staff mode.
  const bool keep_voice = m_voice && !m_asking_since && m_current->id() != ScreenId::done;
  m_session.wipe();
  m_help = HelpCall{};
  for (auto& s : m_screens) s->wipe();
  m_asking_since.reset();
  m_discard = nullptr;
  m_pressed.clear();
  m_inking.clear();
  m_dragging = false;
  m_corner_pressed_at.reset();
  if (m_staff) {
    go(ScreenId::staff_menu);
    return;
  }
  if (!keep_voice) {
    m_language = m_services.kiosk.language;
    // The next customer starts as configured; a voice left on by the last one is silenced.
    if (m_narrator && m_voice && !m_services.kiosk.voice) m_narrator->silence();
    m_voice = m_narrator && m_services.kiosk.voice;
  }
  m_tapped.clear();
  m_tapped_before.reset();
  m_text_size = m_services.kiosk.large_text ? ui::TextSize::large : ui::TextSize::normal;
  set_contrast(m_services.kiosk.high_contrast ? ui::Contrast::high : ui::Contrast::normal);
  go(ScreenId::welcome);
}

void App::call_staff() {
  m_help = HelpCall{};
  m_help.back_to = m_current->id();
  m_help.at = m_services.clock.now();
  if (m_services.help != nullptr) {
    // Kept before the screen says anything: the desk gets it with the next sync round.
    auto recorded = m_services.help->record(m_current->name(), m_language, m_help.at);
    if (recorded.ok()) {
      m_help.request = *recorded;
    } else {
      std::fprintf(stderr, "complaint-kiosk: help request not kept: %s\n", recorded.error().message.c_str());
    }
  }
  go(ScreenId::call_staff);
}

void App::confirm_discard(std::function<void()> discard) {
  m_discard = std::move(discard);
  changed();
}

int App::done_seconds_left() const {
  const auto shown = std::chrono::duration_cast<std::chrono::seconds>(m_services.clock.now() - m_done_since);
  return std::max(0, m_services.kiosk.done_seconds - static_cast<int>(shown.count()));
}

void App::leave_staff_mode() {
  m_staff = false;
  reset();
}

void App::enter_staff_mode() {
  if (m_voice) m_narrator->silence();  // staff screens are not read out (the PIN was typed here)
  m_voice = false;
  m_staff = true;
  m_session.wipe();
  go(ScreenId::staff_menu);
}

// ---------------------------------------------------------------- input

void App::handle(const InputEvent& event) {
  switch (event.kind) {
    case InputKind::press:
      m_last_input = m_services.clock.now();
      press(event.point);
      break;
    case InputKind::move:
      move(event.point);
      break;
    case InputKind::release:
      m_last_input = m_services.clock.now();
      release(event.point);
      break;
    case InputKind::text:
      m_last_input = m_services.clock.now();
      m_asking_since.reset();
      m_discard = nullptr;  // typing on: the entries stay
      m_current->on_text(event.text, *this);
      changed();
      break;
    case InputKind::key:
      m_last_input = m_services.clock.now();
      m_asking_since.reset();
      m_discard = nullptr;
      m_current->on_key(event.key, *this);
      changed();
      break;
    case InputKind::resized:
    case InputKind::expose:
      changed();
      break;
    case InputKind::quit:
      m_quit = true;
      break;
    case InputKind::control_line: {
      if (!m_control) break;
      const std::string reply = m_control->run(event.text) + "\n";
      const ssize_t written = ::write(STDOUT_FILENO, reply.data(), reply.size());
      (void)written;
      break;
    }
  }
}

ui::Rect App::staff_corner() const {
  const int side = m_metrics.min_target * 2;
  return {0, 0, side, side};
}

void App::press(ui::Point point) {
  m_press_point = point;
  m_last_drag_y = point.y;
  m_dragging = false;
  m_pressed.clear();
  m_inking.clear();
  if (!m_scene) return;
  if (!m_scene->has_modal() && staff_corner().contains(point) && !m_staff)
    m_corner_pressed_at = m_services.clock.now();
  if (const ui::InkPad* pad = m_scene->ink_pad_at(point)) {
    m_inking = pad->id;
    ink(ui::InkPhase::down, point);
    return;
  }
  if (const ui::Widget* widget = m_scene->hit(point)) m_pressed = widget->id;
}

// A stroke goes to its pad in the current scene (rebuilt between events, same id).
void App::ink(ui::InkPhase phase, ui::Point point) {
  const ui::InkPad* pad = m_scene ? m_scene->find_ink_pad(m_inking) : nullptr;
  if (pad == nullptr || !pad->on_ink) return;
  m_asking_since.reset();
  const auto on_ink = pad->on_ink;  // the callback may rebuild the scene
  on_ink(phase, point);
  changed();
}

void App::move(ui::Point point) {
  if (!m_scene) return;
  if (!m_inking.empty()) return ink(ui::InkPhase::move, point);
  const ui::Viewport* viewport = m_scene->viewport_at(m_press_point);
  if (viewport == nullptr) return;
  // A drag starts once the finger moved a third of a touch target: then it is not a tap.
  if (!m_dragging && std::abs(point.y - m_press_point.y) > m_metrics.min_target / 3) {
    m_dragging = true;
    m_pressed.clear();
  }
  if (m_dragging && viewport->on_drag) {
    viewport->on_drag(point.y - m_last_drag_y);
    m_last_drag_y = point.y;
  }
}

void App::release(ui::Point point) {
  if (!m_inking.empty()) {
    ink(ui::InkPhase::up, point);
    m_inking.clear();
    return;
  }
  const std::optional<Instant> corner = m_corner_pressed_at;
  m_corner_pressed_at.reset();
  if (corner && staff_corner().contains(point) &&
      m_services.clock.now() - *corner >= std::chrono::seconds(m_services.kiosk.staff_long_press_seconds)) {
    m_session.wipe();
    go(ScreenId::staff_pin);
    return;
  }
  if (m_dragging || m_pressed.empty() || !m_scene) return;
  const ui::Widget* widget = m_scene->hit(point);
  const std::string pressed = std::move(m_pressed);
  m_pressed.clear();
  // A tap: released over the widget it started on (sliding off cancels, as on phones).
  if (widget != nullptr && widget->id == pressed && widget->on_tap) {
    m_asking_since.reset();
    if (m_voice) {  // read after the next frame, as the control is then drawn
      m_tapped = widget->id;
      m_tapped_before = TappedControl{{widget->text, widget->key},
                                      widget->kind == ui::WidgetKind::toggle ? widget->state : ""};
    }
    const auto on_tap = widget->on_tap;  // the callback may rebuild the scene
    on_tap();
    changed();
  }
}

// ---------------------------------------------------------------- timers

void App::tick() {
  // A receipt printed or failed on the print thread: show it.
  if (m_services.printing != nullptr && m_services.printing->version() != m_print_version) {
    m_print_version = m_services.printing->version();
    changed();
  }
  const Instant now = m_services.clock.now();
  const KioskConfig& k = m_services.kiosk;
  const auto idle = now - m_last_input;
  // The done screen counts down to the start on its own ("are you still there?" would ask to
  // continue a form that is filed): at 0 the session goes, and the number and QR code with it.
  if (m_current->id() == ScreenId::done) {
    m_asking_since.reset();
    if (done_seconds_left() <= 0) {
      reset();
      return;
    }
    changed();  // the countdown number moves
    return;
  }
  // The call screen follows the desk's answer to the help request.
  if (m_current->id() == ScreenId::call_staff) changed();
  const bool at_rest = !m_staff && m_current->id() == ScreenId::welcome && m_session.empty();
  if (at_rest) {
    m_asking_since.reset();
    return;
  }
  // Customers and staff alike: no input for a while asks first, then a countdown.
  const int timeout = m_staff ? k.staff_idle_seconds : k.idle_timeout_seconds;
  if (!m_asking_since) {
    if (idle >= std::chrono::seconds(timeout)) {
      m_asking_since = now;
      m_discard = nullptr;  // one question at a time; not discarding is the safe answer
      changed();
    }
    return;
  }
  if (now - *m_asking_since >= std::chrono::seconds(k.idle_countdown_seconds)) {
    // Every field of the previous customer (or the clerk's draft) is wiped, from screen and memory.
    if (m_staff) {
      leave_staff_mode();
    } else {
      reset();
    }
    return;
  }
  changed();  // the countdown number moves
}

int App::next_timeout_ms() const {
  const bool timers = m_staff || m_asking_since || m_corner_pressed_at ||
                      m_current->id() != ScreenId::welcome || !m_session.empty();
  int timeout = timers ? 1000 : -1;  // at rest nothing changes: sleep until input
  const int watchdog = m_notifier.watchdog_interval_ms();
  if (watchdog > 0 && (timeout < 0 || watchdog < timeout)) timeout = watchdog;
  return timeout;
}

// ---------------------------------------------------------------- rendering

void App::build_scene() {
  m_metrics = ui::Metrics::make(m_platform.output_size(), m_options.dpi, m_text_size);
  m_scene = std::make_unique<ui::Scene>(m_platform, m_theme, m_metrics);
  m_current->build(*m_scene, *this);
  m_scene->zone("staff.corner", staff_corner(), nullptr);
  if (m_asking_since) {
    build_idle_prompt();
  } else if (m_discard) {
    build_discard_question();
  }
  m_scene->finish();
}

namespace {

struct ModalButton {
  std::string id;
  std::string label;
  ui::Style style;
  std::function<void()> on_tap;
};

// A question over the screen (the scene's modal layer: a scrim under it, nothing else
// tappable): a centred panel with a title, a line of text and large buttons, the first the
// safe default: on the right when they fit side by side, else on top.
void build_modal(ui::Scene& scene, const std::string& prefix, const std::string& title,
                 const std::string& body_id, const std::string& body,
                 const std::vector<ModalButton>& buttons) {
  const ui::Metrics& m = scene.metrics();
  const ui::Theme& t = scene.theme();
  scene.begin_modal();
  const int w = std::min(m.screen.w - 2 * m.margin, m.dp(640));
  const int pad = m.dp(32);
  const int inner_w = w - 2 * pad;
  const int n = static_cast<int>(buttons.size());
  const int side_w = (inner_w - (n - 1) * m.gap) / std::max(1, n);
  bool side_by_side = true;
  for (const ModalButton& b : buttons) {
    if (scene.painter().measure(b.label, m.button).size.w + 2 * m.dp(24) > side_w) side_by_side = false;
  }
  const int rows = side_by_side ? 1 : n;
  const int buttons_h = rows * m.button_height + (rows - 1) * m.gap;
  const int h = pad * 2 + scene.text_height(title, m.heading, inner_w) + m.gap +
                scene.text_height(body, m.body, inner_w) + m.gap * 2 + buttons_h;
  ui::Rect box{(m.screen.w - w) / 2, (m.screen.h - h) / 2, w, h};
  scene.panel(prefix + ".panel", box, t.surface, m.radius);
  ui::Rect inner = box.inset(pad, pad);
  scene.label(prefix + ".title", inner.take_top(scene.text_height(title, m.heading, inner.w), m.gap), title,
              m.heading, t.text, ui::Align::centre);
  scene.label(body_id, inner.take_top(scene.text_height(body, m.body, inner.w), m.gap * 2), body, m.body,
              t.text_muted, ui::Align::centre);
  ui::Rect row = inner.take_top(buttons_h);
  for (const ModalButton& b : buttons) {
    const ui::Rect r = side_by_side ? row.take_right(side_w, m.gap) : row.take_top(m.button_height, m.gap);
    scene.button(b.id, r, b.label, b.style, b.on_tap).align = ui::Align::centre;
  }
}

std::int64_t thread_cpu_ns() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

}  // namespace

// "Are you still there?" (a customer) or "still using staff mode?" (a clerk), with the seconds
// left before the reset; Continue keeps everything.
void App::build_idle_prompt() {
  const auto left =
      std::chrono::seconds(m_services.kiosk.idle_countdown_seconds) -
      std::chrono::duration_cast<std::chrono::seconds>(m_services.clock.now() - *m_asking_since);
  const std::map<std::string, std::string> seconds{
      {"seconds", std::to_string(std::max<long>(0, left.count()))}};
  // Filed (the call screen reached from the done screen): nothing is being filled in any more.
  const char* continue_key = m_staff           ? "kiosk.idle.staff_continue"
                             : m_session.filed ? "kiosk.idle.continue_filed"
                                               : "kiosk.idle.continue";
  build_modal(*m_scene, "idle", tr(m_staff ? "kiosk.idle.staff_title" : "kiosk.idle.title"), "idle.countdown",
              tr(m_staff ? "kiosk.idle.staff_countdown" : "kiosk.idle.countdown", seconds),
              {{"idle.continue", tr(continue_key), ui::Style::primary, [this] {
                  m_asking_since.reset();
                  m_last_input = m_services.clock.now();
                }}});
}

// "放弃已填写的内容？": Keep editing (the default) or Discard, which runs what Back was to do.
void App::build_discard_question() {
  build_modal(
      *m_scene, "discard", tr("kiosk.discard.title"), "discard.body",
      tr(m_staff ? "kiosk.discard.body_staff" : "kiosk.discard.body"),
      {{"discard.keep", tr("kiosk.discard.keep"), ui::Style::primary, [this] { m_discard = nullptr; }},
       {"discard.confirm", tr("kiosk.discard.confirm"), ui::Style::secondary, [this] {
          const std::function<void()> discard = std::move(m_discard);
          m_discard = nullptr;
          if (discard) discard();
        }}});
}

void App::render() {
  const std::int64_t start = thread_cpu_ns();
  build_scene();
  m_scene->draw();
  m_platform.present();
  m_dirty = false;
  if (m_voice) narrate();
  if (m_frame_cpu_ns.size() >= 4096)
    m_frame_cpu_ns.erase(m_frame_cpu_ns.begin(), m_frame_cpu_ns.begin() + 2048);
  m_frame_cpu_ns.push_back(thread_cpu_ns() - start);
}

// What voice mode reads of the frame just drawn: the title (a question over the screen counts
// as a screen of its own), the focused field, the done screen's number and dates, the tap.
void App::narrate() {
  const ui::Scene& scene = *m_scene;
  ScreenView view;
  view.screen = m_current->name();
  const ui::Widget* title = scene.find("frame.title");
  for (const char* modal : {"idle.title", "discard.title"}) {
    if (const ui::Widget* found = scene.find(modal)) {
      title = found;
      view.screen += std::string("/") + modal;
    }
  }
  if (title != nullptr) view.title = {title->text, title->key};
  for (const ui::Widget& w : scene.widgets()) {
    if (w.kind == ui::WidgetKind::text_area && w.focused && w.layer == (scene.has_modal() ? 1 : 0)) {
      view.focused_id = w.id;
      const ui::Widget* label = scene.find(w.id + ".label");
      view.focused_label = label != nullptr ? label->text : w.secondary;
      break;
    }
  }
  if (m_current->id() == ScreenId::done) {
    if (const ui::Widget* number = scene.find("done.number")) view.ticket_number = number->text;
    if (const ui::Widget* code = scene.find("done.check_code")) view.check_code = code->text;
    for (int i = 0; const ui::Widget* line = scene.find("done.deadline." + std::to_string(i)); ++i)
      view.promises.push_back(line->text);
  }
  std::optional<TappedControl> tap;
  // The staff PIN is never read out: anyone in the lobby could hear it.
  if (!m_tapped.empty() && m_current->id() != ScreenId::staff_pin) {
    const ui::Widget* now = scene.find(m_tapped);
    tap = now == nullptr
              ? m_tapped_before
              : TappedControl{{now->text, now->key}, now->kind == ui::WidgetKind::toggle ? now->state : ""};
  }
  m_tapped.clear();
  m_tapped_before.reset();
  m_narrator->frame(view, tap, texts());
}

// ---------------------------------------------------------------- run

int App::run() {
  start();
  while (step()) {
  }
  return 0;
}

void App::start() {
  render();
  if (m_options.after_first_frame) m_options.after_first_frame();
  m_notifier.ready();
  if (m_control) {
    m_platform.start_control_reader(STDIN_FILENO);
    const std::string ready = "{\"ok\":true,\"ready\":true}\n";
    const ssize_t written = ::write(STDOUT_FILENO, ready.data(), ready.size());
    (void)written;
  }
}

bool App::step() {
  for (const InputEvent& event : m_platform.wait(next_timeout_ms())) {
    handle(event);
    if (m_quit) break;
  }
  tick();
  if (m_dirty) render();
  m_notifier.keep_alive(std::chrono::steady_clock::now());
  return !m_quit;
}

}  // namespace complaint
