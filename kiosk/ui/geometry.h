// Rect, Point, Size and Colour: plain pixel geometry shared by the widget layer and the
// platform. No SDL types; rectangles are half-open [x, x+w) x [y, y+h).
#pragma once

#include <algorithm>
#include <cstdint>

namespace complaint::ui {

struct Point {
  int x = 0;
  int y = 0;
};

struct Size {
  int w = 0;
  int h = 0;
  friend bool operator==(const Size&, const Size&) = default;
};

struct Rect {
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;

  int right() const { return x + w; }
  int bottom() const { return y + h; }
  Point centre() const { return {x + w / 2, y + h / 2}; }
  bool contains(Point p) const { return p.x >= x && p.x < right() && p.y >= y && p.y < bottom(); }
  bool contains(const Rect& r) const {
    return r.x >= x && r.y >= y && r.right() <= right() && r.bottom() <= bottom();
  }
  bool intersects(const Rect& r) const {
    return x < r.right() && r.x < right() && y < r.bottom() && r.y < bottom();
  }
  bool empty() const { return w <= 0 || h <= 0; }
  Rect inset(int dx, int dy) const {
    return {x + dx, y + dy, std::max(0, w - 2 * dx), std::max(0, h - 2 * dy)};
  }
  // The top `height` pixels, and what remains below them (with `gap` between).
  Rect take_top(int height, int gap = 0) {
    const Rect top{x, y, w, std::min(height, h)};
    const int used = std::min(h, height + gap);
    y += used;
    h -= used;
    return top;
  }
  Rect take_bottom(int height, int gap = 0) {
    const int used = std::min(h, height + gap);
    const Rect bottom{x, y + h - std::min(height, h), w, std::min(height, h)};
    h -= used;
    return bottom;
  }
  Rect take_left(int width, int gap = 0) {
    const Rect left{x, y, std::min(width, w), h};
    const int used = std::min(w, width + gap);
    x += used;
    w -= used;
    return left;
  }
  Rect take_right(int width, int gap = 0) {
    const int used = std::min(w, width + gap);
    const Rect right_part{x + w - std::min(width, w), y, std::min(width, w), h};
    w -= used;
    return right_part;
  }
  friend bool operator==(const Rect&, const Rect&) = default;
};

struct Colour {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
  std::uint8_t a = 255;
  friend bool operator==(const Colour&, const Colour&) = default;
};

}  // namespace complaint::ui
