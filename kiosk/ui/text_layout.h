// wrap_text(): breaks UTF-8 text into lines that fit a width. Chinese breaks between any
// two characters (not before closing punctuation), Latin at spaces; a word wider than the
// line is split by character. Newlines force a break.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/painter.h"

namespace complaint::ui {

struct WrappedText {
  std::vector<std::string> lines;
  Size size;  // of the widest line x all lines
  int line_height = 0;
  bool overflow = false;  // a single character is wider than max_width
  int missing_glyphs = 0;
};

WrappedText wrap_text(Painter& painter, std::string_view text, const Font& font, int max_width);

// Code points of UTF-8 text (invalid bytes count one each), for counters and limits.
std::size_t count_code_points(std::string_view text);
// Removes the last code point (backspace).
void pop_code_point(std::string& text);

}  // namespace complaint::ui
