// InputEvent: what the screens see of the outside world. Produced only by the platform's
// translate function; finger and mouse both become press/move/release (a tap).
#pragma once

#include <string>

#include "kiosk/ui/geometry.h"

namespace complaint {

enum class InputKind {
  press,         // finger or mouse button down at `point`
  move,          // while pressed
  release,       // finger or mouse button up at `point`
  text,          // UTF-8 text from a USB keyboard or a barcode scanner
  key,           // a non-text key (see Key)
  resized,       // the window changed size
  control_line,  // one line from the test-control channel
  quit,
  expose,  // redraw needed (window shown, restored)
};

enum class Key { none, enter, backspace, escape, tab };

struct InputEvent {
  InputKind kind = InputKind::expose;
  ui::Point point;
  std::string text;
  Key key = Key::none;
};

}  // namespace complaint
