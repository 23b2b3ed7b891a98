// wrap_text(): greedy line breaking over tokens (a CJK character, a Latin word, a space).
#include "kiosk/ui/text_layout.h"

#include <algorithm>

#include "core/base/utf8.h"

namespace complaint::ui {

namespace {

bool is_word_byte(unsigned char c) {
  return c >= 0x21 && c < 0x80;  // printable ASCII other than space: part of a Latin word
}

// Punctuation that must not begin a line (禁则): it joins the token before it.
bool is_closing(std::string_view cp) {
  static constexpr std::string_view k_closing[] = {"，", "。", "、", "；", "：", "？",
                                                   "！", "”",  "’",  "）", "》", "…"};
  return std::find(std::begin(k_closing), std::end(k_closing), cp) != std::end(k_closing);
}

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_word_byte(c)) {
      std::size_t j = i;
      while (j < text.size() && is_word_byte(static_cast<unsigned char>(text[j]))) ++j;
      tokens.emplace_back(text.substr(i, j - i));
      i = j;
      continue;
    }
    const std::size_t n = utf8::length_at(text, i);
    const std::string_view cp = text.substr(i, n);
    if (is_closing(cp) && !tokens.empty() && tokens.back() != " " && tokens.back() != "\n") {
      tokens.back() += cp;
    } else {
      tokens.emplace_back(cp);
    }
    i += n;
  }
  return tokens;
}

}  // namespace

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); i += utf8::length_at(text, i)) ++count;
  return count;
}

void pop_code_point(std::string& text) {
  if (text.empty()) return;
  text.erase(utf8::previous_start(text, text.size()));
}

WrappedText wrap_text(Painter& painter, std::string_view text, const Font& font, int max_width) {
  WrappedText out;
  out.line_height = painter.line_height(font);
  std::string line;
  auto finish_line = [&] {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    const TextMetrics metrics = painter.measure(line, font);
    out.size.w = std::max(out.size.w, metrics.size.w);
    out.missing_glyphs += metrics.missing_glyphs;
    out.lines.push_back(std::move(line));
    line.clear();
  };
  for (std::string& token : tokenize(text)) {
    if (token == "\n") {
      finish_line();
      continue;
    }
    if (token == " " && line.empty() && !out.lines.empty()) continue;  // no leading space on a wrapped line
    const int width = painter.measure(token, font).size.w;
    if (width > max_width && count_code_points(token) > 1) {
      // A word wider than the line: split it by character.
      if (!line.empty()) finish_line();
      for (std::size_t i = 0; i < token.size();) {
        const std::size_t n = utf8::length_at(token, i);
        const std::string cp = token.substr(i, n);
        const int cp_width = painter.measure(cp, font).size.w;
        if (!line.empty() && painter.measure(line + cp, font).size.w > max_width) finish_line();
        if (cp_width > max_width) out.overflow = true;
        line += cp;
        i += n;
      }
      continue;
    }
    // The whole line is measured (not the sum of tokens): kerning and rounding can add a pixel.
    if (line.empty() || painter.measure(line + token, font).size.w <= max_width) {
      if (width > max_width) out.overflow = true;
      line += token;
      continue;
    }
    finish_line();
    if (token == " ") continue;
    if (width > max_width) out.overflow = true;
    line = std::move(token);
  }
  if (!line.empty() || out.lines.empty()) finish_line();
  out.size.h = out.line_height * static_cast<int>(out.lines.size());
  return out;
}

}  // namespace complaint::ui
