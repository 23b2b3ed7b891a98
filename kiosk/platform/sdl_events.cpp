// EventTranslator: SDL events to InputEvents (translate) and back for test injection.
#include "kiosk/platform/sdl_events.h"

#include <SDL.h>

#include <algorithm>

#include "core/base/utf8.h"

namespace complaint {

EventTranslator::EventTranslator(SDL_Window* window)
    : m_window(window), m_control_event(SDL_RegisterEvents(1)) {}

ui::Point EventTranslator::finger_point(float x, float y) const {
  int w = 0;
  int h = 0;
  SDL_GetWindowSize(m_window, &w, &h);
  return {static_cast<int>(x * static_cast<float>(w)), static_cast<int>(y * static_cast<float>(h))};
}

namespace {

Key key_of(SDL_Keycode sym) {
  switch (sym) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
      return Key::enter;
    case SDLK_BACKSPACE:
      return Key::backspace;
    case SDLK_ESCAPE:
      return Key::escape;
    case SDLK_TAB:
      return Key::tab;
    default:
      return Key::none;
  }
}

InputEvent at(InputKind kind, ui::Point point) {
  return {kind, point, {}, Key::none};
}

InputEvent plain(InputKind kind) {
  return {kind, {}, {}, Key::none};
}

}  // namespace

std::vector<InputEvent> EventTranslator::translate(const SDL_Event& e) {
  std::vector<InputEvent> out;
  switch (e.type) {
    case SDL_MOUSEBUTTONDOWN:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) break;
      m_mouse_down = true;
      out.push_back(at(InputKind::press, {e.button.x, e.button.y}));
      break;
    case SDL_MOUSEMOTION:
      if (e.motion.which == SDL_TOUCH_MOUSEID || !m_mouse_down) break;
      out.push_back(at(InputKind::move, {e.motion.x, e.motion.y}));
      break;
    case SDL_MOUSEBUTTONUP:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT || !m_mouse_down) break;
      m_mouse_down = false;
      out.push_back(at(InputKind::release, {e.button.x, e.button.y}));
      break;
    case SDL_FINGERDOWN:
      if (m_finger_down) break;  // one finger at a time: a second finger is ignored
      m_finger_down = true;
      m_finger = e.tfinger.fingerId;
      out.push_back(at(InputKind::press, finger_point(e.tfinger.x, e.tfinger.y)));
      break;
    case SDL_FINGERMOTION:
      if (!m_finger_down || e.tfinger.fingerId != m_finger) break;
      out.push_back(at(InputKind::move, finger_point(e.tfinger.x, e.tfinger.y)));
      break;
    case SDL_FINGERUP:
      if (!m_finger_down || e.tfinger.fingerId != m_finger) break;
      m_finger_down = false;
      out.push_back(at(InputKind::release, finger_point(e.tfinger.x, e.tfinger.y)));
      break;
    case SDL_TEXTINPUT:
      out.push_back({InputKind::text, {}, e.text.text, Key::none});
      break;
    case SDL_KEYDOWN:
      if (const Key key = key_of(e.key.keysym.sym); key != Key::none)
        out.push_back({InputKind::key, {}, {}, key});
      break;
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
        out.push_back(plain(InputKind::resized));
      } else if (e.window.event == SDL_WINDOWEVENT_EXPOSED || e.window.event == SDL_WINDOWEVENT_SHOWN ||
                 e.window.event == SDL_WINDOWEVENT_RESTORED) {
        out.push_back(plain(InputKind::expose));
      }
      break;
    case SDL_QUIT:
      out.push_back(plain(InputKind::quit));
      break;
    default:
      if (e.type == m_control_event) {
        auto* line = static_cast<std::string*>(e.user.data1);
        out.push_back({InputKind::control_line, {}, std::move(*line), Key::none});
        delete line;
      }
      break;
  }
  return out;
}

std::vector<InputEvent> EventTranslator::inject_tap(ui::Point point, InputKind kind) {
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
  return translate(e);
}

std::vector<InputEvent> EventTranslator::inject_text(const std::string& utf8) {
  std::vector<InputEvent> out;
  for (std::size_t i = 0; i < utf8.size();) {
    std::size_t end = std::min<std::size_t>(utf8.size(), i + SDL_TEXTINPUTEVENT_TEXT_SIZE - 1);
    // The code point that `end` falls into goes whole into the next event.
    if (end < utf8.size()) end = std::max(i + 1, utf8::previous_start(utf8, end + 1));
    const std::size_t n = end - i;
    SDL_Event e{};
    e.type = SDL_TEXTINPUT;
    std::copy_n(utf8.data() + i, n, e.text.text);
    e.text.text[n] = '\0';
    for (InputEvent& event : translate(e)) out.push_back(std::move(event));
    i += n;
  }
  return out;
}

std::vector<InputEvent> EventTranslator::inject_key(Key key) {
  SDL_Event e{};
  e.type = SDL_KEYDOWN;
  e.key.keysym.sym = key == Key::enter       ? SDLK_RETURN
                     : key == Key::backspace ? SDLK_BACKSPACE
                     : key == Key::escape    ? SDLK_ESCAPE
                                             : SDLK_TAB;
  return translate(e);
}

void EventTranslator::push_control_line(std::string line) const {
  SDL_Event e{};
  e.type = m_control_event;
  e.user.data1 = new std::string(std::move(line));  // freed by translate()
  SDL_PushEvent(&e);
}

void EventTranslator::push_quit() const {
  SDL_Event quit{};
  quit.type = SDL_QUIT;
  SDL_PushEvent(&quit);
}

}  // namespace complaint
