// The key rows of the pinyin, English, digits, symbols and handwriting layouts. Word labels are
// catalog keys (assets/i18n/*.keyboard.toml); letters, digits and punctuation are literal.
#include "core/input/keyboard_layouts.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

namespace complaint {
namespace {

constexpr float kRowUnits = 10.0F;

KeyboardKey character(std::string id, std::string label, float width = 1.0F) {
  return KeyboardKey{std::move(id), std::move(label), {}, KeyKind::character, width, KeyboardLayout::pinyin};
}

KeyboardKey word_key(std::string id, std::string label_key, KeyKind kind, float width) {
  return KeyboardKey{std::move(id), {}, std::move(label_key), kind, width, KeyboardLayout::pinyin};
}

KeyboardKey switch_key(KeyboardLayout target, float width) {
  static constexpr std::array<const char*, 7> kIds = {
      "layout.pinyin",      "layout.english", "layout.digits",       "layout.symbols",
      "layout.handwriting", "layout.phone",   "layout.ticket_number"};
  KeyboardKey key = word_key(kIds[static_cast<std::size_t>(target)], layout_label_key(target),
                             KeyKind::layout_switch, width);
  key.target = target;
  return key;
}

// Letters; in English the labels follow shift so the key shows what it inserts.
std::vector<KeyboardKey> letter_row(std::string_view letters, ShiftState shift) {
  std::vector<KeyboardKey> row;
  for (char letter : letters) {
    std::string label(1, letter);
    if (shift != ShiftState::off)
      label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(letter)));
    row.push_back(character(std::string(1, letter), label));
  }
  return row;
}

// Switch keys for every offered layout but the current one, in a fixed order (pinyin
// last: the digits layout puts the last one beside its 0 and may drop one before it).
std::vector<KeyboardKey> switch_keys(KeyboardLayout current, const std::vector<KeyboardLayout>& offered,
                                     float width) {
  std::vector<KeyboardKey> keys;
  for (KeyboardLayout layout : {KeyboardLayout::symbols, KeyboardLayout::digits, KeyboardLayout::english,
                                KeyboardLayout::handwriting, KeyboardLayout::pinyin}) {
    if (layout == current) continue;
    if (std::find(offered.begin(), offered.end(), layout) == offered.end()) continue;
    keys.push_back(switch_key(layout, width));
  }
  return keys;
}

// Bottom row of the text layouts: switches, a space bar filling the rest, enter.
std::vector<KeyboardKey> bottom_row(KeyboardLayout current, const std::vector<KeyboardLayout>& offered) {
  // Four switches (handwriting offered) narrow the side keys so the space bar keeps 3.75.
  const float side = switch_keys(current, offered, 1.0F).size() > 3 ? 1.25F : 1.5F;
  std::vector<KeyboardKey> row = switch_keys(current, offered, side);
  float used = side * static_cast<float>(row.size() + 1);
  row.push_back(word_key("space", "keyboard.space", KeyKind::space, std::max(3.0F, kRowUnits - used)));
  row.push_back(word_key("enter", "keyboard.enter", KeyKind::enter, side));
  return row;
}

// Handwriting: the keys beside the pad (the UI gives them the part of the keyboard the pad
// leaves): undo stroke and clear, punctuation and delete, space and enter, the switches.
std::vector<std::vector<KeyboardKey>> handwriting_rows(const std::vector<KeyboardLayout>& offered) {
  std::vector<std::vector<KeyboardKey>> rows;
  rows.push_back({word_key("ink.undo", "keyboard.handwriting.undo", KeyKind::ink_undo, 5.0F),
                  word_key("ink.clear", "keyboard.handwriting.clear", KeyKind::ink_clear, 5.0F)});
  rows.push_back({character("sym.comma", "，", 2.5F), character("sym.period", "。", 2.5F),
                  word_key("backspace", "keyboard.backspace", KeyKind::backspace, 5.0F)});
  rows.push_back({word_key("space", "keyboard.space", KeyKind::space, 5.0F),
                  word_key("enter", "keyboard.enter", KeyKind::enter, 5.0F)});
  std::vector<KeyboardKey> switches = switch_keys(KeyboardLayout::handwriting, offered, 1.0F);
  for (KeyboardKey& key : switches) key.width_units = kRowUnits / static_cast<float>(switches.size());
  if (!switches.empty()) rows.push_back(std::move(switches));
  return rows;
}

std::vector<std::vector<KeyboardKey>> letter_rows(KeyboardLayout layout, ShiftState shift,
                                                  const std::vector<KeyboardLayout>& offered) {
  std::vector<std::vector<KeyboardKey>> rows;
  rows.push_back(letter_row("qwertyuiop", shift));
  rows.push_back(letter_row("asdfghjkl", shift));
  // The apostrophe separates syllables in pinyin (xi'an) and is one in English.
  rows.back().push_back(character("apostrophe", "'"));
  std::vector<KeyboardKey> third;
  if (layout == KeyboardLayout::english) {
    third.push_back(word_key("shift",
                             shift == ShiftState::locked ? "keyboard.shift_locked" : "keyboard.shift",
                             KeyKind::shift, 1.5F));
    for (auto& key : letter_row("zxcvbnm", shift)) third.push_back(std::move(key));
    third.push_back(word_key("backspace", "keyboard.backspace", KeyKind::backspace, 1.5F));
  } else {
    third.push_back(character("sym.comma", "，"));
    for (auto& key : letter_row("zxcvbnm", ShiftState::off)) third.push_back(std::move(key));
    third.push_back(character("sym.period", "。"));
    third.push_back(word_key("backspace", "keyboard.backspace", KeyKind::backspace, 1.0F));
  }
  rows.push_back(std::move(third));
  if (layout == KeyboardLayout::english) {
    // English punctuation sits beside the space bar, which shrinks to make room.
    auto bottom = bottom_row(layout, offered);
    auto space = std::find_if(bottom.begin(), bottom.end(), [](const auto& k) { return k.id == "space"; });
    space->width_units -= 2.0F;
    space = bottom.insert(space, character("en.comma", ","));
    bottom.insert(space + 2, character("en.period", "."));
    rows.push_back(std::move(bottom));
  } else {
    rows.push_back(bottom_row(layout, offered));
  }
  return rows;
}

std::vector<std::vector<KeyboardKey>> digit_rows(const std::vector<KeyboardLayout>& offered) {
  constexpr float kWidth = 2.5F;
  std::vector<std::vector<KeyboardKey>> rows;
  auto digits = [&](std::string_view list) {
    std::vector<KeyboardKey> row;
    for (char digit : list) row.push_back(character(std::string(1, digit), std::string(1, digit), kWidth));
    return row;
  };
  rows.push_back(digits("123"));
  rows.back().push_back(word_key("backspace", "keyboard.backspace", KeyKind::backspace, kWidth));
  rows.push_back(digits("456"));
  rows.back().push_back(word_key("enter", "keyboard.enter", KeyKind::enter, kWidth));
  rows.push_back(digits("789"));
  rows.back().push_back(character("en.hyphen", "-", kWidth));
  // The 0 stays under the 8 as on a phone: one switch key (if any) goes to its left.
  std::vector<KeyboardKey> switches = switch_keys(KeyboardLayout::digits, offered, kWidth);
  std::vector<KeyboardKey> last;
  if (!switches.empty())
    last.push_back(switches.back());
  else
    last.push_back(character("en.period", ".", kWidth));
  last.push_back(character("0", "0", kWidth));
  for (std::size_t i = 0; i + 1 < switches.size() && last.size() < 4; ++i) last.push_back(switches[i]);
  rows.push_back(std::move(last));
  return rows;
}

// A telephone keypad: 1-2-3 on top, the 0 under the 8 with "+" (for +86; the keyboard model
// types it only as the number's first character) to its left, where a phone has it, and delete
// to its right. No Enter and no other punctuation.
std::vector<std::vector<KeyboardKey>> phone_rows() {
  constexpr float kWidth = kRowUnits / 3;
  std::vector<std::vector<KeyboardKey>> rows;
  for (std::string_view list : {"123", "456", "789"}) {
    std::vector<KeyboardKey> row;
    for (char digit : list) row.push_back(character(std::string(1, digit), std::string(1, digit), kWidth));
    rows.push_back(std::move(row));
  }
  rows.push_back({character("plus", "+", kWidth), character("0", "0", kWidth),
                  word_key("backspace", "keyboard.backspace", KeyKind::backspace, kWidth)});
  return rows;
}

// A ticket number's keys: 1-0 on top, then A-Z in alphabetical order, nine a row (so each key
// is wider than a QWERTY key), delete after Z. Ids as on the letter layouts; labels upper case,
// as the number is printed.
std::vector<std::vector<KeyboardKey>> ticket_number_rows() {
  constexpr float kWidth = kRowUnits / 9;
  std::vector<std::vector<KeyboardKey>> rows(1);
  for (char digit : std::string_view("1234567890"))
    rows[0].push_back(character(std::string(1, digit), std::string(1, digit)));
  for (std::string_view letters : {"abcdefghi", "jklmnopqr", "stuvwxyz"}) {
    std::vector<KeyboardKey> row;
    for (char letter : letters)
      row.push_back(character(
          std::string(1, letter),
          std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(letter)))), kWidth));
    rows.push_back(std::move(row));
  }
  rows.back().push_back(word_key("backspace", "keyboard.backspace", KeyKind::backspace, kWidth));
  return rows;
}

std::vector<std::vector<KeyboardKey>> symbol_rows(const std::vector<KeyboardLayout>& offered) {
  std::vector<std::vector<KeyboardKey>> rows;
  rows.push_back({character("sym.comma", "，"), character("sym.period", "。"),
                  character("sym.question", "？"), character("sym.exclaim", "！"),
                  character("sym.enum_comma", "、"), character("sym.colon", "："),
                  character("sym.semicolon", "；")});
  rows.push_back({character("sym.lquote", "“"), character("sym.rquote", "”"), character("sym.lparen", "（"),
                  character("sym.rparen", "）"), character("en.comma", ","), character("en.period", "."),
                  character("en.hyphen", "-"), character("en.at", "@")});
  rows.back().push_back(word_key("backspace", "keyboard.backspace", KeyKind::backspace, 2.0F));
  rows.push_back(bottom_row(KeyboardLayout::symbols, offered));
  return rows;
}

}  // namespace

const char* layout_label_key(KeyboardLayout layout) {
  switch (layout) {
    case KeyboardLayout::pinyin:
      return "keyboard.layout.pinyin";
    case KeyboardLayout::english:
      return "keyboard.layout.english";
    case KeyboardLayout::digits:
      return "keyboard.layout.digits";
    case KeyboardLayout::symbols:
      return "keyboard.layout.symbols";
    case KeyboardLayout::handwriting:
      return "keyboard.layout.handwriting";
    case KeyboardLayout::phone:  // never a switch key; named as the digits it types
      return "keyboard.layout.digits";
    case KeyboardLayout::ticket_number:  // never a switch key either
      return "keyboard.layout.english";
  }
  return "keyboard.layout.pinyin";
}

std::vector<std::vector<KeyboardKey>> keyboard_rows(KeyboardLayout layout, ShiftState shift,
                                                    const std::vector<KeyboardLayout>& offered) {
  switch (layout) {
    case KeyboardLayout::pinyin:
      return letter_rows(layout, ShiftState::off, offered);
    case KeyboardLayout::english:
      return letter_rows(layout, shift, offered);
    case KeyboardLayout::digits:
      return digit_rows(offered);
    case KeyboardLayout::symbols:
      return symbol_rows(offered);
    case KeyboardLayout::handwriting:
      return handwriting_rows(offered);
    case KeyboardLayout::phone:
      return phone_rows();
    case KeyboardLayout::ticket_number:
      return ticket_number_rows();
  }
  return {};
}

}  // namespace complaint
