// EventTranslator: the ONE place that turns SDL events into InputEvents. Finger and mouse
// both become press/move/release, one finger at a time; mouse events SDL synthesises from
// touches are dropped so that a touch is never counted twice. The test-control injections
// build SDL events and go through the same translation. Control lines arrive as an SDL user
// event pushed from the reader thread (push_control_line is thread-safe, as SDL_PushEvent).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/platform/input_event.h"

union SDL_Event;
struct SDL_Window;

namespace complaint {

class EventTranslator {
 public:
  // `window` gives the size that finger coordinates (0..1) are scaled to.
  explicit EventTranslator(SDL_Window* window);

  std::vector<InputEvent> translate(const SDL_Event& event);
  std::vector<InputEvent> inject_tap(ui::Point point, InputKind kind);
  // Split into SDL's text-event size (31 bytes, on code point boundaries), as a scanner's
  // long URL arrives.
  std::vector<InputEvent> inject_text(const std::string& utf8);
  std::vector<InputEvent> inject_key(Key key);

  // Thread-safe: queue a control line, or a quit (the control channel ended).
  void push_control_line(std::string line) const;
  void push_quit() const;

 private:
  ui::Point finger_point(float x, float y) const;

  SDL_Window* m_window;
  std::uint32_t m_control_event;  // SDL user event type of control lines
  std::int64_t m_finger = -1;
  bool m_finger_down = false;
  bool m_mouse_down = false;
};

}  // namespace complaint
