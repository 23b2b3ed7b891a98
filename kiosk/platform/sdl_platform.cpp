// Platform over SDL2 + SDL_ttf: the only file that includes <SDL.h>.
// Sections: fonts and the fallback chain · text textures (cache) · shapes · window and
// renderer · event translation (the ONE function: translate) · control reader · Platform.
#include "kiosk/platform/platform.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <list>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/base/utf8.h"

namespace complaint {

using ui::Colour;
using ui::Font;
using ui::Point;
using ui::Rect;
using ui::Size;
using ui::TextMetrics;

std::vector<FontFace> default_font_chain(ui::Weight weight) {
  const bool bold = weight == ui::Weight::bold;
  // The kiosk image ships only the SC face, cut out of the collection (image/build-image).
  const std::string sc_only = bold ? "/usr/share/fonts/opentype/noto-cjk-sc/NotoSansCJKsc-Bold.otf"
                                   : "/usr/share/fonts/opentype/noto-cjk-sc/NotoSansCJKsc-Regular.otf";
  std::error_code ignored;
  FontFace cjk = std::filesystem::exists(sc_only, ignored)
                     ? FontFace{sc_only, 0}
                     : FontFace{bold ? "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
                                     : "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                2};  // index 2 = "Noto Sans CJK SC" (fc-query)
  return {
      cjk,
      {bold ? "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
            : "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
       0},
      {"/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf", 0},
  };
}

namespace {

// ---------------------------------------------------------------- fonts and the fallback chain

constexpr char32_t k_replacement = U'\u25A1';  // □: shown (and counted) for glyphs no font has

struct Run {
  int face = 0;
  std::string text;
};

class FontChain {
 public:
  explicit FontChain(std::vector<FontFace> faces) : m_faces(std::move(faces)) {}
  ~FontChain() {
    for (auto& [key, font] : m_open) {
      if (font != nullptr) TTF_CloseFont(font);
    }
  }
  bool usable(int px) { return font(0, px) != nullptr; }

  TTF_Font* font(int face, int px) {
    const auto key = std::pair{face, px};
    auto it = m_open.find(key);
    if (it != m_open.end()) return it->second;
    const FontFace& f = m_faces[static_cast<std::size_t>(face)];
    TTF_Font* opened =
        std::filesystem::exists(f.path) ? TTF_OpenFontIndex(f.path.c_str(), px, f.index) : nullptr;
    if (opened == nullptr && face == 0)
      std::fprintf(stderr, "kiosk: font %s: %s\n", f.path.c_str(), TTF_GetError());
    if (opened != nullptr) TTF_SetFontHinting(opened, TTF_HINTING_LIGHT);
    m_open.emplace(key, opened);
    return opened;
  }

  // Splits text into runs of one face each; code points no face has become □.
  std::vector<Run> runs(std::string_view text, int px, int& missing) {
    std::vector<Run> out;
    for (std::size_t i = 0; i < text.size();) {
      char32_t cp = utf8::decode_next(text, i);  // invalid bytes come back as U+FFFD
      int face = -1;
      if (cp == U'\n' || cp == U'\t') cp = U' ';
      for (int f = 0; f < static_cast<int>(m_faces.size()); ++f) {
        TTF_Font* candidate = font(f, px);
        if (candidate != nullptr && TTF_GlyphIsProvided32(candidate, static_cast<Uint32>(cp))) {
          face = f;
          break;
        }
      }
      if (face < 0) {
        ++missing;
        cp = k_replacement;
        face = 0;
      }
      if (out.empty() || out.back().face != face) out.push_back(Run{face, {}});
      utf8::append(out.back().text, cp);
    }
    return out;
  }

 private:
  std::vector<FontFace> m_faces;
  std::map<std::pair<int, int>, TTF_Font*> m_open;
};

std::string cache_key(std::string_view text, const Font& font, Colour colour) {
  std::string key;
  key.reserve(text.size() + 16);
  key += std::to_string(font.px);
  key += font.weight == ui::Weight::bold ? 'b' : 'r';
  key += static_cast<char>(colour.r);
  key += static_cast<char>(colour.g);
  key += static_cast<char>(colour.b);
  key += static_cast<char>(colour.a);
  key += '|';
  key += text;
  return key;
}

struct CachedText {
  SDL_Texture* texture = nullptr;
  int w = 0;
  int h = 0;
  std::list<std::string>::iterator age;
};

}  // namespace

// ---------------------------------------------------------------- Platform::Impl

struct Platform::Impl {
  SDL_Window* window = nullptr;
  SDL_Renderer* renderer = nullptr;
  std::unique_ptr<FontChain> regular;
  std::unique_ptr<FontChain> bold;
  std::unordered_map<std::string, CachedText> textures;
  std::list<std::string> ages;  // front: most recently used
  std::unordered_map<std::string, TextMetrics> measures;
  std::map<std::pair<int, int>, SDL_Texture*> rings;  // (radius, thickness) -> anti-aliased ring
  Uint32 control_event = 0;
  SDL_FingerID finger = -1;
  bool finger_down = false;
  bool mouse_down = false;
  std::thread reader;
  int reader_fd = -1;
  // SDL's window-less drivers have no blocking wait (SDL_WaitEventTimeout polls every
  // millisecond there); the control reader signals this instead, so an idle kiosk sleeps.
  bool headless = false;
  std::mutex wake_mutex;
  std::condition_variable wake;
  int pending = 0;
  static constexpr std::size_t k_texture_capacity = 768;

  FontChain& chain(ui::Weight weight) { return weight == ui::Weight::bold ? *bold : *regular; }

  ~Impl() {
    for (auto& [key, cached] : textures) SDL_DestroyTexture(cached.texture);
    for (auto& [key, texture] : rings) SDL_DestroyTexture(texture);
    regular.reset();
    bold.reset();
    if (renderer != nullptr) SDL_DestroyRenderer(renderer);
    if (window != nullptr) SDL_DestroyWindow(window);
    if (reader.joinable()) reader.detach();  // blocked in read(); the process is ending
    TTF_Quit();
    SDL_Quit();
  }

  // ---------------------------------------------------------------- text textures (cache)

  SDL_Surface* render_line(std::string_view text, const Font& font, Colour colour, int& missing) {
    FontChain& fonts = chain(font.weight);
    TTF_Font* primary = fonts.font(0, font.px);
    if (primary == nullptr) return nullptr;
    const int height = TTF_FontHeight(primary);
    const int ascent = TTF_FontAscent(primary);
    std::vector<Run> runs = fonts.runs(text, font.px, missing);
    std::vector<SDL_Surface*> parts;
    int width = 0;
    const SDL_Color c{colour.r, colour.g, colour.b, colour.a};
    for (const Run& run : runs) {
      TTF_Font* f = fonts.font(run.face, font.px);
      SDL_Surface* part = TTF_RenderUTF8_Blended(f, run.text.c_str(), c);
      if (part == nullptr) continue;
      if (part->h > height * 3 / 2) {  // a bitmap (emoji) strike: scale it to the line
        SDL_Surface* scaled = SDL_CreateRGBSurfaceWithFormat(0, part->w * height / part->h, height, 32,
                                                             SDL_PIXELFORMAT_ARGB8888);
        SDL_BlitScaled(part, nullptr, scaled, nullptr);
        SDL_FreeSurface(part);
        part = scaled;
      }
      width += part->w;
      parts.push_back(part);
    }
    SDL_Surface* line =
        SDL_CreateRGBSurfaceWithFormat(0, std::max(1, width), height, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_FillRect(line, nullptr, SDL_MapRGBA(line->format, colour.r, colour.g, colour.b, 0));
    int x = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      SDL_Surface* part = parts[i];
      TTF_Font* f = fonts.font(runs[i].face, font.px);
      const int y = part->h >= height ? 0 : std::max(0, ascent - TTF_FontAscent(f));
      SDL_SetSurfaceBlendMode(part, SDL_BLENDMODE_NONE);
      SDL_Rect dst{x, y, part->w, part->h};
      SDL_BlitSurface(part, nullptr, line, &dst);
      x += part->w;
      SDL_FreeSurface(part);
    }
    return line;
  }

  const CachedText* text_texture(std::string_view text, const Font& font, Colour colour, RenderStats& stats) {
    std::string key = cache_key(text, font, colour);
    auto it = textures.find(key);
    if (it != textures.end()) {
      ages.splice(ages.begin(), ages, it->second.age);
      ++stats.text_cache_hits;
      return &it->second;
    }
    int missing = 0;
    SDL_Surface* surface = render_line(text, font, colour, missing);
    if (surface == nullptr) return nullptr;
    stats.missing_glyphs += static_cast<std::uint64_t>(missing);
    ++stats.text_renders;
    CachedText cached;
    cached.texture = SDL_CreateTextureFromSurface(renderer, surface);
    cached.w = surface->w;
    cached.h = surface->h;
    SDL_FreeSurface(surface);
    if (cached.texture == nullptr) return nullptr;
    SDL_SetTextureBlendMode(cached.texture, SDL_BLENDMODE_BLEND);
    if (textures.size() >= k_texture_capacity) {  // evict the least recently used
      auto victim = textures.find(ages.back());
      SDL_DestroyTexture(victim->second.texture);
      textures.erase(victim);
      ages.pop_back();
    }
    ages.push_front(key);
    cached.age = ages.begin();
    return &textures.emplace(std::move(key), cached).first->second;
  }

  TextMetrics measure(std::string_view text, const Font& font) {
    std::string key = cache_key(text, font, Colour{});
    auto it = measures.find(key);
    if (it != measures.end()) return it->second;
    FontChain& fonts = chain(font.weight);
    TextMetrics metrics;
    TTF_Font* primary = fonts.font(0, font.px);
    if (primary == nullptr) return metrics;
    metrics.size.h = TTF_FontHeight(primary);
    for (const Run& run : fonts.runs(text, font.px, metrics.missing_glyphs)) {
      int w = 0;
      int h = 0;
      TTF_Font* f = fonts.font(run.face, font.px);
      if (TTF_SizeUTF8(f, run.text.c_str(), &w, &h) == 0) {
        metrics.size.w += h > metrics.size.h * 3 / 2 ? w * metrics.size.h / h : w;
      }
    }
    if (measures.size() > 20000) measures.clear();
    measures.emplace(std::move(key), metrics);
    return metrics;
  }

  // ---------------------------------------------------------------- shapes

  // An anti-aliased ring (a disc when thickness >= radius), white, coverage in alpha.
  SDL_Texture* ring(int radius, int thickness) {
    const auto key = std::pair{radius, thickness};
    if (auto it = rings.find(key); it != rings.end()) return it->second;
    const int d = radius * 2;
    SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, d, d, 32, SDL_PIXELFORMAT_ARGB8888);
    auto* px = static_cast<Uint32*>(s->pixels);
    const double outer = radius;
    const double inner = std::max(0, radius - thickness);
    for (int y = 0; y < d; ++y) {
      for (int x = 0; x < d; ++x) {
        int covered = 0;
        for (int sy = 0; sy < 4; ++sy) {
          for (int sx = 0; sx < 4; ++sx) {
            const double dx = x + (sx + 0.5) / 4 - radius;
            const double dy = y + (sy + 0.5) / 4 - radius;
            const double dist = std::sqrt(dx * dx + dy * dy);
            if (dist <= outer && dist >= inner) ++covered;
          }
        }
        px[y * (s->pitch / 4) + x] =
            SDL_MapRGBA(s->format, 255, 255, 255, static_cast<Uint8>(covered * 255 / 16));
      }
    }
    SDL_Texture* texture = SDL_CreateTextureFromSurface(renderer, s);
    SDL_FreeSurface(s);
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    rings.emplace(key, texture);
    return texture;
  }

  void corners(const Rect& r, int radius, int thickness, Colour c) {
    SDL_Texture* t = ring(radius, thickness);
    SDL_SetTextureColorMod(t, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(t, c.a);
    const int q = radius;
    const SDL_Rect src[4] = {{0, 0, q, q}, {q, 0, q, q}, {0, q, q, q}, {q, q, q, q}};
    const SDL_Rect dst[4] = {{r.x, r.y, q, q},
                             {r.right() - q, r.y, q, q},
                             {r.x, r.bottom() - q, q, q},
                             {r.right() - q, r.bottom() - q, q, q}};
    for (int i = 0; i < 4; ++i) SDL_RenderCopy(renderer, t, &src[i], &dst[i]);
  }

  void solid(Colour c, const SDL_Rect& r) {
    SDL_SetRenderDrawBlendMode(renderer, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(renderer, &r);
  }
};

// ---------------------------------------------------------------- event translation

namespace {

// The ONE function that turns SDL events into InputEvents. Finger and mouse both become
// press/move/release; mouse events SDL synthesises from touches are dropped so that a
// touch is never counted twice.
std::vector<InputEvent> translate(const SDL_Event& e, Platform::Impl& state) {
  std::vector<InputEvent> out;
  int w = 0;
  int h = 0;
  SDL_GetWindowSize(state.window, &w, &h);
  switch (e.type) {
    case SDL_MOUSEBUTTONDOWN:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) break;
      state.mouse_down = true;
      out.push_back({InputKind::press, {e.button.x, e.button.y}, {}, Key::none});
      break;
    case SDL_MOUSEMOTION:
      if (e.motion.which == SDL_TOUCH_MOUSEID || !state.mouse_down) break;
      out.push_back({InputKind::move, {e.motion.x, e.motion.y}, {}, Key::none});
      break;
    case SDL_MOUSEBUTTONUP:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT || !state.mouse_down)
        break;
      state.mouse_down = false;
      out.push_back({InputKind::release, {e.button.x, e.button.y}, {}, Key::none});
      break;
    case SDL_FINGERDOWN:
      if (state.finger_down) break;  // one finger at a time: a second finger is ignored
      state.finger_down = true;
      state.finger = e.tfinger.fingerId;
      out.push_back({InputKind::press,
                     {static_cast<int>(e.tfinger.x * static_cast<float>(w)),
                      static_cast<int>(e.tfinger.y * static_cast<float>(h))},
                     {},
                     Key::none});
      break;
    case SDL_FINGERMOTION:
      if (!state.finger_down || e.tfinger.fingerId != state.finger) break;
      out.push_back({InputKind::move,
                     {static_cast<int>(e.tfinger.x * static_cast<float>(w)),
                      static_cast<int>(e.tfinger.y * static_cast<float>(h))},
                     {},
                     Key::none});
      break;
    case SDL_FINGERUP:
      if (!state.finger_down || e.tfinger.fingerId != state.finger) break;
      state.finger_down = false;
      out.push_back({InputKind::release,
                     {static_cast<int>(e.tfinger.x * static_cast<float>(w)),
                      static_cast<int>(e.tfinger.y * static_cast<float>(h))},
                     {},
                     Key::none});
      break;
    case SDL_TEXTINPUT:
      out.push_back({InputKind::text, {}, e.text.text, Key::none});
      break;
    case SDL_KEYDOWN: {
      Key key = Key::none;
      switch (e.key.keysym.sym) {
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
          key = Key::enter;
          break;
        case SDLK_BACKSPACE:
          key = Key::backspace;
          break;
        case SDLK_ESCAPE:
          key = Key::escape;
          break;
        case SDLK_TAB:
          key = Key::tab;
          break;
        default:
          break;
      }
      if (key != Key::none) out.push_back({InputKind::key, {}, {}, key});
      break;
    }
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
        out.push_back({InputKind::resized, {}, {}, Key::none});
      } else if (e.window.event == SDL_WINDOWEVENT_EXPOSED || e.window.event == SDL_WINDOWEVENT_SHOWN ||
                 e.window.event == SDL_WINDOWEVENT_RESTORED) {
        out.push_back({InputKind::expose, {}, {}, Key::none});
      }
      break;
    case SDL_QUIT:
      out.push_back({InputKind::quit, {}, {}, Key::none});
      break;
    default:
      if (e.type == state.control_event) {
        auto* line = static_cast<std::string*>(e.user.data1);
        out.push_back({InputKind::control_line, {}, std::move(*line), Key::none});
        delete line;
      }
      break;
  }
  return out;
}

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

}  // namespace

// ---------------------------------------------------------------- Platform

Result<std::unique_ptr<Platform>> Platform::open(const WindowOptions& options) {
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
  const bool headless = driver == "dummy" || driver == "offscreen";
  if (TTF_Init() != 0) {
    SDL_Quit();
    return Error::make(ErrorCode::unavailable, std::string("fonts: ") + TTF_GetError(), "TTF_Init");
  }
  auto impl = std::make_unique<Impl>();
  impl->headless = headless;
  Uint32 flags = options.mode == WindowMode::fullscreen ? static_cast<Uint32>(SDL_WINDOW_FULLSCREEN_DESKTOP)
                                                        : static_cast<Uint32>(SDL_WINDOW_RESIZABLE);
  if (driver == "KMSDRM") flags |= prepare_gles_window();
  impl->window = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                  options.size.w, options.size.h, flags);
  if (impl->window == nullptr) {
    return Error::make(ErrorCode::unavailable, std::string("window: ") + SDL_GetError(), "SDL_CreateWindow");
  }
  impl->renderer = SDL_CreateRenderer(impl->window, -1, SDL_RENDERER_ACCELERATED);
  if (impl->renderer == nullptr) impl->renderer = SDL_CreateRenderer(impl->window, -1, SDL_RENDERER_SOFTWARE);
  if (impl->renderer == nullptr) {
    return Error::make(ErrorCode::unavailable, std::string("renderer: ") + SDL_GetError(),
                       "SDL_CreateRenderer");
  }
  SDL_RendererInfo renderer_info{};
  if (SDL_GetRendererInfo(impl->renderer, &renderer_info) == 0) {
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
  impl->regular = std::make_unique<FontChain>(regular);
  impl->bold = std::make_unique<FontChain>(bold);
  if (!impl->regular->usable(20) || !impl->bold->usable(20)) {
    return Error::make(ErrorCode::unavailable,
                       "font " + regular.front().path + ": " + TTF_GetError() + " (install fonts-noto-cjk)",
                       "TTF_OpenFontIndex");
  }
  impl->control_event = SDL_RegisterEvents(1);
  SDL_StartTextInput();
  return std::unique_ptr<Platform>(new Platform(std::move(impl)));
}

Platform::Platform(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Platform::~Platform() = default;

std::vector<InputEvent> Platform::wait(int timeout_ms) {
  std::vector<InputEvent> out;
  SDL_Event e;
  if (m_impl->headless) {
    std::unique_lock lock(m_impl->wake_mutex);
    const auto woken = [this] { return m_impl->pending > 0; };
    // Without a control reader nothing could wake us (SDL's Ctrl-C handler only queues an
    // event): look at the queue once a second then.
    if (timeout_ms < 0 && !m_impl->reader.joinable()) timeout_ms = 1000;
    if (timeout_ms < 0) {
      m_impl->wake.wait(lock, woken);
    } else {
      m_impl->wake.wait_for(lock, std::chrono::milliseconds(timeout_ms), woken);
    }
    m_impl->pending = 0;
    lock.unlock();
    while (SDL_PollEvent(&e) != 0) {
      for (InputEvent& event : translate(e, *m_impl)) out.push_back(std::move(event));
    }
    return out;
  }
  if (SDL_WaitEventTimeout(&e, timeout_ms) == 0) return out;
  do {
    for (InputEvent& event : translate(e, *m_impl)) out.push_back(std::move(event));
  } while (SDL_PollEvent(&e) != 0);
  return out;
}

std::vector<InputEvent> Platform::inject_tap(Point point, InputKind kind) {
  SDL_Event e{};
  if (kind == InputKind::move) {
    e.type = SDL_MOUSEMOTION;
    e.motion.x = point.x;
    e.motion.y = point.y;
    e.motion.state = SDL_BUTTON_LMASK;
  } else {
    e.type = kind == InputKind::press ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = point.x;
    e.button.y = point.y;
  }
  return translate(e, *m_impl);
}

std::vector<InputEvent> Platform::inject_text(const std::string& utf8) {
  std::vector<InputEvent> out;
  // SDL's text events carry at most 31 bytes, as a scanner's long URL would arrive.
  for (std::size_t i = 0; i < utf8.size();) {
    std::size_t n = std::min<std::size_t>(SDL_TEXTINPUTEVENT_TEXT_SIZE - 1, utf8.size() - i);
    while (i + n < utf8.size() && (static_cast<unsigned char>(utf8[i + n]) & 0xC0) == 0x80) --n;
    SDL_Event e{};
    e.type = SDL_TEXTINPUT;
    std::copy_n(utf8.data() + i, n, e.text.text);
    e.text.text[n] = '\0';
    for (InputEvent& event : translate(e, *m_impl)) out.push_back(std::move(event));
    i += n;
  }
  return out;
}

std::vector<InputEvent> Platform::inject_key(Key key) {
  SDL_Event e{};
  e.type = SDL_KEYDOWN;
  e.key.keysym.sym = key == Key::enter       ? SDLK_RETURN
                     : key == Key::backspace ? SDLK_BACKSPACE
                     : key == Key::escape    ? SDLK_ESCAPE
                                             : SDLK_TAB;
  return translate(e, *m_impl);
}

// ---------------------------------------------------------------- control reader

void Platform::start_control_reader(int fd) {
  m_impl->reader_fd = fd;
  const Uint32 type = m_impl->control_event;
  Impl* impl = m_impl.get();
  auto wake = [impl] {
    const std::lock_guard lock(impl->wake_mutex);
    ++impl->pending;
    impl->wake.notify_one();
  };
  m_impl->reader = std::thread([fd, type, wake] {
    std::string buffer;
    char chunk[4096];
    for (;;) {
      const ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n <= 0) break;
      buffer.append(chunk, static_cast<std::size_t>(n));
      for (std::size_t end; (end = buffer.find('\n')) != std::string::npos;) {
        SDL_Event e{};
        e.type = type;
        e.user.data1 = new std::string(buffer.substr(0, end));
        buffer.erase(0, end + 1);
        SDL_PushEvent(&e);
        wake();
      }
    }
    SDL_Event quit{};
    quit.type = SDL_QUIT;  // the controlling test went away: end with it
    SDL_PushEvent(&quit);
    wake();
  });
}

int Platform::display_dpi() const {
  float ddpi = 0;
  if (SDL_GetDisplayDPI(0, &ddpi, nullptr, nullptr) != 0) return 0;
  return static_cast<int>(ddpi);
}

void Platform::present() {
  SDL_RenderPresent(m_impl->renderer);
  ++m_stats.frames;
}

Result<RgbaImage> Platform::read_pixels() {
  RgbaImage image;
  const Size size = output_size();
  image.width = size.w;
  image.height = size.h;
  image.pixels.resize(static_cast<std::size_t>(size.w) * static_cast<std::size_t>(size.h) * 4);
  if (SDL_RenderReadPixels(m_impl->renderer, nullptr, SDL_PIXELFORMAT_ABGR8888, image.pixels.data(),
                           size.w * 4) != 0) {
    return Error::make(ErrorCode::io, std::string("read pixels: ") + SDL_GetError(), "SDL_RenderReadPixels");
  }
  return image;
}

std::uint64_t Platform::now_ms() const {
  return SDL_GetTicks64();
}

Size Platform::output_size() const {
  int w = 0;
  int h = 0;
  SDL_GetRendererOutputSize(m_impl->renderer, &w, &h);
  return {w, h};
}

void Platform::clear(Colour colour) {
  SDL_SetRenderDrawColor(m_impl->renderer, colour.r, colour.g, colour.b, 255);
  SDL_RenderClear(m_impl->renderer);
}

void Platform::fill_rect(const Rect& r, Colour colour, int radius) {
  radius = std::min({radius, r.w / 2, r.h / 2});
  if (radius <= 1) {
    m_impl->solid(colour, SDL_Rect{r.x, r.y, r.w, r.h});
    return;
  }
  m_impl->corners(r, radius, radius, colour);
  m_impl->solid(colour, SDL_Rect{r.x + radius, r.y, r.w - 2 * radius, r.h});
  m_impl->solid(colour, SDL_Rect{r.x, r.y + radius, radius, r.h - 2 * radius});
  m_impl->solid(colour, SDL_Rect{r.right() - radius, r.y + radius, radius, r.h - 2 * radius});
}

void Platform::stroke_rect(const Rect& r, Colour colour, int thickness, int radius) {
  radius = std::min({radius, r.w / 2, r.h / 2});
  const int t = thickness;
  if (radius <= t) {
    m_impl->solid(colour, SDL_Rect{r.x, r.y, r.w, t});
    m_impl->solid(colour, SDL_Rect{r.x, r.bottom() - t, r.w, t});
    m_impl->solid(colour, SDL_Rect{r.x, r.y + t, t, r.h - 2 * t});
    m_impl->solid(colour, SDL_Rect{r.right() - t, r.y + t, t, r.h - 2 * t});
    return;
  }
  m_impl->corners(r, radius, t, colour);
  m_impl->solid(colour, SDL_Rect{r.x + radius, r.y, r.w - 2 * radius, t});
  m_impl->solid(colour, SDL_Rect{r.x + radius, r.bottom() - t, r.w - 2 * radius, t});
  m_impl->solid(colour, SDL_Rect{r.x, r.y + radius, t, r.h - 2 * radius});
  m_impl->solid(colour, SDL_Rect{r.right() - t, r.y + radius, t, r.h - 2 * radius});
}

TextMetrics Platform::measure(std::string_view text, const Font& font) {
  return m_impl->measure(text, font);
}

void Platform::draw_text(std::string_view text, const Font& font, Colour colour, Point top_left) {
  if (text.empty()) return;
  const CachedText* cached = m_impl->text_texture(text, font, colour, m_stats);
  if (cached == nullptr) return;
  const SDL_Rect dst{top_left.x, top_left.y, cached->w, cached->h};
  SDL_RenderCopy(m_impl->renderer, cached->texture, nullptr, &dst);
}

void Platform::set_clip(const Rect& rect) {
  const SDL_Rect clip{rect.x, rect.y, rect.w, rect.h};
  SDL_RenderSetClipRect(m_impl->renderer, &clip);
}

void Platform::reset_clip() {
  SDL_RenderSetClipRect(m_impl->renderer, nullptr);
}

int Platform::line_height(const Font& font) {
  TTF_Font* f = m_impl->chain(font.weight).font(0, font.px);
  return f == nullptr ? font.px : std::max(TTF_FontLineSkip(f), TTF_FontHeight(f));
}

}  // namespace complaint
