// SdlPlatform: SDL and SDL_ttf set-up and tear-down, the window and renderer, waiting for
// events (with a sleeping wait for the window-less drivers) and the control reader's glue.
// Drawing is SdlPainter's (sdl_painter.h), event translation EventTranslator's (sdl_events.h).
#include "kiosk/platform/sdl_platform.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>

#include "kiosk/platform/control_reader.h"
#include "kiosk/platform/sdl_events.h"
#include "kiosk/platform/sdl_painter.h"

namespace complaint {

namespace {

// Under KMS/DRM, EGL on GBM gives an OpenGL ES context (the kiosk image has no desktop
// libGL at all), yet SDL 2.26 tries its desktop "opengl" renderer first: every draw call
// then fails on the ES context and only the clear colour reaches the screen. Asking for
// OpenGL ES 2 before the window exists gives SDL's "opengles2" renderer the context it
// needs, on the window as created (it would otherwise tear the window down and make it again).
Uint32 prepare_gles_window() {
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 2);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "opengles2", SDL_HINT_DEFAULT);
  return SDL_WINDOW_OPENGL;
}

class SdlPlatform final : public Platform {
 public:
  explicit SdlPlatform(bool headless) : m_headless(headless) {}
  ~SdlPlatform() override {
    m_reader.reset();  // no more control lines pushed into a closing SDL
    m_painter.reset();
    m_events.reset();
    if (m_renderer != nullptr) SDL_DestroyRenderer(m_renderer);
    if (m_window != nullptr) SDL_DestroyWindow(m_window);
    TTF_Quit();
    SDL_Quit();
  }

  Result<void> open(const WindowOptions& options, const std::string& driver);

  std::vector<InputEvent> wait(int timeout_ms) override;
  std::vector<InputEvent> inject_tap(ui::Point point, InputKind kind) override {
    return m_events->inject_tap(point, kind);
  }
  std::vector<InputEvent> inject_text(const std::string& utf8) override {
    return m_events->inject_text(utf8);
  }
  std::vector<InputEvent> inject_key(Key key) override { return m_events->inject_key(key); }
  void start_control_reader(int fd) override;
  int display_dpi() const override {
    float ddpi = 0;
    return SDL_GetDisplayDPI(0, &ddpi, nullptr, nullptr) != 0 ? 0 : static_cast<int>(ddpi);
  }
  void present() override {
    SDL_RenderPresent(m_renderer);
    ++m_stats.frames;
  }
  Result<RgbaImage> read_pixels() override { return m_painter->read_pixels(); }
  const RenderStats& stats() const override { return m_stats; }
  std::uint64_t now_ms() const override { return SDL_GetTicks64(); }

  // ui::Painter
  ui::Size output_size() const override { return m_painter->output_size(); }
  void clear(ui::Colour colour) override { m_painter->clear(colour); }
  void fill_rect(const ui::Rect& rect, ui::Colour colour, int radius) override {
    m_painter->fill_rect(rect, colour, radius);
  }
  void stroke_rect(const ui::Rect& rect, ui::Colour colour, int thickness, int radius) override {
    m_painter->stroke_rect(rect, colour, thickness, radius);
  }
  ui::TextMetrics measure(std::string_view text, const ui::Font& font) override {
    return m_painter->measure(text, font);
  }
  void draw_text(std::string_view text, const ui::Font& font, ui::Colour colour,
                 ui::Point top_left) override {
    m_painter->draw_text(text, font, colour, top_left);
  }
  bool draw_icon(std::string_view icon, const ui::Rect& rect, ui::Colour colour) override {
    return m_painter->draw_icon(icon, rect, colour);
  }
  void set_clip(const ui::Rect& rect) override { m_painter->set_clip(rect); }
  void reset_clip() override { m_painter->reset_clip(); }
  int line_height(const ui::Font& font) override { return m_painter->line_height(font); }

 private:
  void wake();
  std::vector<InputEvent> drain(SDL_Event* first);

  SDL_Window* m_window = nullptr;
  SDL_Renderer* m_renderer = nullptr;
  RenderStats m_stats;
  std::unique_ptr<SdlPainter> m_painter;
  std::unique_ptr<EventTranslator> m_events;
  std::unique_ptr<ControlReader> m_reader;
  // SDL's window-less drivers have no blocking wait (SDL_WaitEventTimeout polls every
  // millisecond there); the control reader signals this instead, so an idle kiosk sleeps.
  bool m_headless;
  std::mutex m_wake_mutex;
  std::condition_variable m_wake;
  int m_pending = 0;
};

Result<void> SdlPlatform::open(const WindowOptions& options, const std::string& driver) {
  Uint32 flags = options.mode == WindowMode::fullscreen ? static_cast<Uint32>(SDL_WINDOW_FULLSCREEN_DESKTOP)
                                                        : static_cast<Uint32>(SDL_WINDOW_RESIZABLE);
  if (driver == "KMSDRM") flags |= prepare_gles_window();
  m_window = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                              options.size.w, options.size.h, flags);
  if (m_window == nullptr) {
    return Error::make(ErrorCode::unavailable, std::string("window: ") + SDL_GetError(), "SDL_CreateWindow");
  }
  m_renderer = SDL_CreateRenderer(m_window, -1, SDL_RENDERER_ACCELERATED);
  if (m_renderer == nullptr) m_renderer = SDL_CreateRenderer(m_window, -1, SDL_RENDERER_SOFTWARE);
  if (m_renderer == nullptr) {
    return Error::make(ErrorCode::unavailable, std::string("renderer: ") + SDL_GetError(),
                       "SDL_CreateRenderer");
  }
  SDL_RendererInfo renderer_info{};
  if (SDL_GetRendererInfo(m_renderer, &renderer_info) == 0) {
    std::fprintf(stderr, "kiosk: renderer %s\n", renderer_info.name);
  }
  std::vector<FontFace> regular;
  std::vector<FontFace> bold;
  for (const std::string& file : options.font_files) {
    regular.push_back({file, 0});
    bold.push_back({file, 0});
  }
  if (regular.empty()) {
    regular = default_font_chain(ui::Weight::regular);
    bold = default_font_chain(ui::Weight::bold);
  }
  auto regular_chain = std::make_unique<FontChain>(regular);
  auto bold_chain = std::make_unique<FontChain>(bold);
  if (!regular_chain->usable(20) || !bold_chain->usable(20)) {
    return Error::make(ErrorCode::unavailable,
                       "font " + regular.front().path + ": " + TTF_GetError() + " (install fonts-noto-cjk)",
                       "TTF_OpenFontIndex");
  }
  m_painter =
      std::make_unique<SdlPainter>(m_renderer, std::move(regular_chain), std::move(bold_chain), m_stats);
  m_painter->set_icons_dir(options.icons_dir);
  m_events = std::make_unique<EventTranslator>(m_window);
  SDL_StartTextInput();
  return Ok{};
}

std::vector<InputEvent> SdlPlatform::drain(SDL_Event* first) {
  std::vector<InputEvent> out;
  SDL_Event e;
  if (first != nullptr) {
    for (InputEvent& event : m_events->translate(*first)) out.push_back(std::move(event));
  }
  while (SDL_PollEvent(&e) != 0) {
    for (InputEvent& event : m_events->translate(e)) out.push_back(std::move(event));
  }
  return out;
}

std::vector<InputEvent> SdlPlatform::wait(int timeout_ms) {
  if (m_headless) {
    std::unique_lock lock(m_wake_mutex);
    const auto woken = [this] { return m_pending > 0; };
    // Without a control reader nothing could wake us (SDL's Ctrl-C handler only queues an
    // event): look at the queue once a second then.
    if (timeout_ms < 0 && !m_reader) timeout_ms = 1000;
    if (timeout_ms < 0) {
      m_wake.wait(lock, woken);
    } else {
      m_wake.wait_for(lock, std::chrono::milliseconds(timeout_ms), woken);
    }
    m_pending = 0;
    lock.unlock();
    return drain(nullptr);
  }
  SDL_Event first;
  if (SDL_WaitEventTimeout(&first, timeout_ms) == 0) return {};
  return drain(&first);
}

void SdlPlatform::wake() {
  const std::lock_guard lock(m_wake_mutex);
  ++m_pending;
  m_wake.notify_one();
}

void SdlPlatform::start_control_reader(int fd) {
  const EventTranslator* events = m_events.get();
  auto started = ControlReader::start(
      fd,
      [this, events](std::string line) {
        events->push_control_line(std::move(line));
        wake();
      },
      [this, events] {
        events->push_quit();  // the controlling test went away: end with it
        wake();
      });
  if (started.ok()) {
    m_reader = std::move(started).value();
    return;
  }
  std::fprintf(stderr, "kiosk: %s\n", started.error().message.c_str());
  m_events->push_quit();  // a test-control kiosk that cannot hear its test must not run on
  wake();
}

}  // namespace

Result<std::unique_ptr<Platform>> open_sdl_platform(const WindowOptions& options) {
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    return Error::make(ErrorCode::unavailable, std::string("no display: ") + SDL_GetError(), "SDL_Init");
  }
  // SDL falls back to its window-less drivers when there is no display; unless asked for
  // (SDL_VIDEODRIVER=dummy in tests), that means there is no screen to show the kiosk on.
  const std::string driver = SDL_GetCurrentVideoDriver() == nullptr ? "" : SDL_GetCurrentVideoDriver();
  const char* requested = SDL_getenv("SDL_VIDEODRIVER");
  if ((driver == "offscreen" || driver == "dummy" || driver == "evdev") &&
      (requested == nullptr || driver != requested)) {
    SDL_Quit();
    return Error::make(ErrorCode::unavailable, "no display (SDL chose the '" + driver + "' video driver)",
                       "SDL_Init");
  }
  std::fprintf(stderr, "kiosk: video driver %s\n", driver.c_str());
  if (TTF_Init() != 0) {
    SDL_Quit();
    return Error::make(ErrorCode::unavailable, std::string("fonts: ") + TTF_GetError(), "TTF_Init");
  }
  // From here on the platform's destructor undoes TTF_Init and SDL_Init, whatever fails.
  auto platform = std::make_unique<SdlPlatform>(driver == "dummy" || driver == "offscreen");
  TRY_VOID(platform->open(options, driver));
  return std::unique_ptr<Platform>(std::move(platform));
}

}  // namespace complaint
