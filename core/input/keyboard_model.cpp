// KeyboardModel: key handling, pinyin composition with partial choice, candidate paging,
// predictions and learning (see keyboard_model.h). Engine failures degrade to raw letters.
//
// Sections: helpers · construction and layouts · press() · type_text() (physical keyboard)
// · composition · candidate bar and paging · choosing and learning · backspace/enter/commit
// · edits and clear().
#include "core/input/keyboard_model.h"

#include <algorithm>
#include <cassert>

#include "core/base/utf8.h"
#include "core/input/keyboard_layouts.h"

namespace complaint {
namespace {

bool is_pinyin_letter(char c) {
  return c >= 'a' && c <= 'z';
}

// A physical keyboard's ASCII punctuation typed in pinyin becomes Chinese punctuation.
std::string chinese_punctuation(char c) {
  switch (c) {
    case ',':
      return "，";
    case '.':
      return "。";
    case '?':
      return "？";
    case '!':
      return "！";
    case ':':
      return "：";
    case ';':
      return "；";
    default:
      return std::string(1, c);
  }
}

}  // namespace

KeyboardModel::KeyboardModel(InputMethod& input_method, KeyboardOptions options)
    : m_input_method(input_method), m_options(std::move(options)) {
  if (m_options.layouts.empty()) m_options.layouts.push_back(KeyboardLayout::pinyin);
  if (m_options.page_size == 0) m_options.page_size = 1;
  auto offers = [this](KeyboardLayout layout) {
    return std::find(m_options.layouts.begin(), m_options.layouts.end(), layout) != m_options.layouts.end();
  };
  // Handwriting goes with pinyin (Chinese text) and needs an engine.
  if (m_options.handwriting != nullptr && offers(KeyboardLayout::pinyin) &&
      !offers(KeyboardLayout::handwriting))
    m_options.layouts.push_back(KeyboardLayout::handwriting);
  if (m_options.handwriting == nullptr) std::erase(m_options.layouts, KeyboardLayout::handwriting);
  if (m_options.layouts.empty()) m_options.layouts.push_back(KeyboardLayout::pinyin);
  m_layout = m_options.layouts.front();
  rebuild_rows();
}

void KeyboardModel::rebuild_rows() {
  m_rows = keyboard_rows(m_layout, m_shift, m_options.layouts);
}

void KeyboardModel::set_layout(KeyboardLayout layout) {
  if (layout == m_layout) return;
  if (std::find(m_options.layouts.begin(), m_options.layouts.end(), layout) == m_options.layouts.end())
    return;
  commit_all();
  m_predictions.clear();
  m_layout = layout;
  m_shift = ShiftState::off;
  rebuild_rows();
  changed();
}

void KeyboardModel::press(std::string_view key_id) {
  if (key_id == "page.next") return next_page();
  if (key_id == "page.prev") return prev_page();
  const KeyboardKey* found = nullptr;
  for (const auto& row : m_rows) {
    for (const auto& key : row) {
      if (key.id == key_id) found = &key;
    }
  }
  if (found == nullptr) return;
  const KeyboardKey key = *found;  // rows may be rebuilt below
  switch (key.kind) {
    case KeyKind::character:
      if (m_layout == KeyboardLayout::phone) {
        type_text(key.label);  // the phone rules: "+" only as the first character
      } else if (m_layout == KeyboardLayout::pinyin && key.label.size() == 1 &&
                 (is_pinyin_letter(key.label[0]) || key.label[0] == '\'')) {
        compose(key.label[0]);
      } else {
        insert_character(key.label);
      }
      break;
    case KeyKind::backspace:
      backspace();
      break;
    case KeyKind::space:
      if (!m_ink.empty()) {
        if (m_ink_candidates.empty())
          clear_ink();
        else
          choose_handwritten(0);
      } else if (!m_composing.empty()) {
        if (m_candidates.empty())
          commit_all();
        else
          choose_conversion(0);
      } else {
        commit(" ");
      }
      break;
    case KeyKind::enter:
      enter();
      break;
    case KeyKind::shift:
      m_shift = m_shift == ShiftState::off    ? ShiftState::once
                : m_shift == ShiftState::once ? ShiftState::locked
                                              : ShiftState::off;
      rebuild_rows();
      changed();
      break;
    case KeyKind::layout_switch:
      set_layout(key.target);
      break;
    case KeyKind::page_prev:
      prev_page();
      break;
    case KeyKind::page_next:
      next_page();
      break;
    case KeyKind::ink_undo:
      undo_stroke();
      break;
    case KeyKind::ink_clear:
      clear_ink();
      break;
  }
}

void KeyboardModel::type_text(std::string_view utf8) {
  for (std::size_t pos = 0; pos < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[pos]);
    const std::size_t length = utf8::length_at(utf8, pos);
    const std::string_view piece = utf8.substr(pos, length);
    pos += length;
    if (lead == '\n' || lead == '\r') {
      enter();
      continue;
    }
    if (lead < 0x20 || lead == 0x7F) continue;  // other controls never reach the text
    if (m_layout == KeyboardLayout::phone) {
      // Digits, and a "+" (ASCII or full-width) as the field's first character for +86: the
      // phone rule (normalize_phone) reads the prefix; separators only group and are dropped.
      const bool digit = length == 1 && lead >= '0' && lead <= '9';
      const bool plus = piece == "+" || piece == "\uFF0B";
      if (digit || (plus && m_field_empty && m_edits.empty()))
        insert_character(plus ? "+" : std::string(piece));
      continue;
    }
    if (m_layout != KeyboardLayout::pinyin) {
      insert_character(std::string(piece));
      continue;
    }
    const char c = static_cast<char>(lead);
    if (length == 1 && (is_pinyin_letter(c) || (c == '\'' && !m_composing.empty()))) {
      compose(c);
    } else if (length == 1 && c == ' ' && !m_composing.empty()) {
      press("space");
    } else if (length == 1 && c >= '1' && c <= '9' && !m_composing.empty() &&
               static_cast<std::size_t>(c - '1') < m_options.page_size) {
      choose_candidate(static_cast<std::size_t>(c - '1'));
    } else {
      commit_all();
      commit(length == 1 ? chinese_punctuation(c) : std::string(piece));
    }
  }
}

void KeyboardModel::insert_character(const std::string& text) {
  commit_all();
  commit(text);
  if (m_layout == KeyboardLayout::english && m_shift == ShiftState::once) {
    m_shift = ShiftState::off;
    rebuild_rows();
  }
}

void KeyboardModel::compose(char letter) {
  if (m_composing.size() >= m_options.max_composing) return;
  if (letter == '\'' && (m_composing.empty() || m_composing.back() == '\'')) return;
  if (m_composing.empty()) {
    m_predictions.clear();
    m_session_pinyin.clear();
    m_session_text.clear();
    m_session_learnable = false;
  }
  m_composing.push_back(letter);
  refresh_candidates();
}

void KeyboardModel::set_field(FieldKind kind, bool empty) {
  m_field = kind;
  m_field_empty = empty;
  if (empty) m_field_tail.clear();
}

void KeyboardModel::set_field_text(FieldKind kind, std::string_view text) {
  set_field(kind, text.empty());
  m_field_tail = text.substr(utf8::previous_start(text, text.size()));
}

InputContext KeyboardModel::input_context() const {
  // A part of this conversion already chosen (王 of "wangxiaoming") was the surname: the
  // rest is the given name, in the engine's order.
  const bool at_start = m_field_empty && m_session_text.empty();
  return m_field == FieldKind::person_name && at_start ? InputContext::name_start : InputContext::text;
}

void KeyboardModel::refresh_candidates() {
  m_page = 0;
  m_fetch_limit = 2 * m_options.page_size + 1;  // enough to know whether page 2 exists
  m_candidates.clear();
  if (!m_composing.empty()) {
    auto found = m_input_method.candidates(m_composing, m_fetch_limit, input_context());
    if (found.ok()) {
      m_candidates = std::move(found).value();
    } else {
      m_last_error = found.error();
    }
  }
  changed();
}

CandidateSource KeyboardModel::candidate_source() const {
  if (!m_ink.empty()) return m_ink_candidates.empty() ? CandidateSource::none : CandidateSource::handwriting;
  if (!m_composing.empty()) return m_candidates.empty() ? CandidateSource::none : CandidateSource::conversion;
  return m_predictions.empty() ? CandidateSource::none : CandidateSource::prediction;
}

std::vector<std::string> KeyboardModel::candidate_page() const {
  std::vector<std::string> page;
  const std::size_t first = m_page * m_options.page_size;
  if (candidate_source() == CandidateSource::conversion) {
    for (std::size_t i = first; i < m_candidates.size() && page.size() < m_options.page_size; ++i) {
      page.push_back(m_candidates[i].text);
    }
  } else if (candidate_source() == CandidateSource::handwriting) {
    for (std::size_t i = first; i < m_ink_candidates.size() && page.size() < m_options.page_size; ++i) {
      page.push_back(m_ink_candidates[i]);
    }
  } else if (candidate_source() == CandidateSource::prediction) {
    for (std::size_t i = first; i < m_predictions.size() && page.size() < m_options.page_size; ++i) {
      page.push_back(m_predictions[i]);
    }
  }
  return page;
}

bool KeyboardModel::has_next_page() const {
  const std::size_t shown_through = (m_page + 1) * m_options.page_size;
  switch (candidate_source()) {
    case CandidateSource::conversion:
      return shown_through < m_candidates.size();
    case CandidateSource::prediction:
      return shown_through < m_predictions.size();
    case CandidateSource::handwriting:
      return shown_through < m_ink_candidates.size();
    case CandidateSource::none:
      break;
  }
  return false;
}

void KeyboardModel::next_page() {
  if (!has_next_page()) return;
  ++m_page;
  // Fetch lazily: one page beyond the one shown, plus one to know if more follow.
  const std::size_t wanted = (m_page + 2) * m_options.page_size + 1;
  if (candidate_source() == CandidateSource::conversion && m_candidates.size() == m_fetch_limit) {
    m_fetch_limit = wanted;
    auto found = m_input_method.candidates(m_composing, m_fetch_limit, input_context());
    if (found.ok())
      m_candidates = std::move(found).value();
    else
      m_last_error = found.error();
    // A failed or shrunken refetch must not leave the page past the end.
    while (m_page > 0 && m_page * m_options.page_size >= m_candidates.size()) --m_page;
  }
  changed();
}

void KeyboardModel::prev_page() {
  if (m_page == 0) return;
  --m_page;
  changed();
}

void KeyboardModel::choose_candidate(std::size_t index_on_page) {
  if (index_on_page >= m_options.page_size) return;
  const std::size_t index = m_page * m_options.page_size + index_on_page;
  if (candidate_source() == CandidateSource::handwriting) {
    choose_handwritten(index);
  } else if (candidate_source() == CandidateSource::conversion) {
    choose_conversion(index);
  } else if (candidate_source() == CandidateSource::prediction && index < m_predictions.size()) {
    const std::string chosen = m_predictions[index];
    commit(chosen);
    load_predictions(chosen);
  }
}

void KeyboardModel::choose_conversion(std::size_t index) {
  if (index >= m_candidates.size()) return;
  const PinyinCandidate chosen = m_candidates[index];
  // An engine claiming no letters (or more than exist) still consumes the whole input,
  // so the loop in commit_all() always ends.
  const std::size_t length =
      chosen.pinyin_length == 0 ? m_composing.size() : std::min(chosen.pinyin_length, m_composing.size());
  if (index != 0 || !m_session_text.empty()) m_session_learnable = true;
  m_session_pinyin += m_composing.substr(0, length);
  m_session_text += chosen.text;
  m_composing.erase(0, length);
  while (!m_composing.empty() && m_composing.front() == '\'') m_composing.erase(0, 1);
  commit(chosen.text);
  if (m_composing.empty()) {
    finish_composition();
  } else {
    refresh_candidates();
  }
}

void KeyboardModel::finish_composition() {
  m_candidates.clear();
  m_page = 0;
  if (m_session_learnable && m_options.learning == Learning::enabled) {
    remember(m_input_method.learn(m_session_pinyin, m_session_text));
    m_unflushed = true;
  }
  const std::string history = m_session_text;
  m_session_pinyin.clear();
  m_session_text.clear();
  m_session_learnable = false;
  load_predictions(history);
}

void KeyboardModel::commit_composition() {
  commit_all();
}

void KeyboardModel::commit_all() {
  // What is on the pad becomes its best candidate (nothing when there is none).
  if (!m_ink.empty()) {
    if (m_ink_candidates.empty())
      clear_ink();
    else
      choose_handwritten(0);
  }
  while (!m_composing.empty()) {
    if (m_candidates.empty()) {
      // Nothing converts (or the engine failed): the letters themselves are the text.
      std::string raw = std::move(m_composing);
      m_composing.clear();
      commit(raw);
      m_candidates.clear();
      m_session_pinyin.clear();
      m_session_text.clear();
      m_session_learnable = false;
      m_predictions.clear();
      break;
    }
    choose_conversion(0);
  }
  m_predictions.clear();
}

void KeyboardModel::load_predictions(std::string_view history) {
  m_predictions.clear();
  m_page = 0;
  if (!history.empty()) {
    auto found = m_input_method.predictions(history, 4 * m_options.page_size);
    if (found.ok())
      m_predictions = std::move(found).value();
    else
      m_last_error = found.error();
  }
  changed();
}

void KeyboardModel::backspace() {
  if (!m_ink.empty()) return undo_stroke();
  if (!m_composing.empty()) {
    m_composing.pop_back();
    if (m_composing.empty()) {
      m_session_pinyin.clear();
      m_session_text.clear();
      m_session_learnable = false;
    }
    refresh_candidates();
    return;
  }
  m_predictions.clear();
  m_edits.push_back(TextEdit{TextEditKind::delete_backward, {}});
  changed();
}

void KeyboardModel::enter() {
  if (!m_ink.empty()) return commit_all();  // enter on a written character takes it
  if (!m_composing.empty()) {
    m_candidates.clear();  // enter means "these letters, as typed"
    commit_all();
    return;
  }
  m_predictions.clear();
  m_edits.push_back(TextEdit{TextEditKind::enter, {}});
  changed();
}

void KeyboardModel::commit(std::string text) {
  if (text.empty()) return;
  m_predictions.clear();
  // Adjacent inserts merge so the text area applies one edit per burst of typing.
  if (!m_edits.empty() && m_edits.back().kind == TextEditKind::insert) {
    m_edits.back().text += text;
  } else {
    m_edits.push_back(TextEdit{TextEditKind::insert, std::move(text)});
  }
  changed();
}

void KeyboardModel::remember(const Result<void>& result) {
  if (!result.ok()) m_last_error = result.error();
}

std::vector<TextEdit> KeyboardModel::take_edits() {
  std::vector<TextEdit> edits;
  edits.swap(m_edits);
  return edits;
}

void KeyboardModel::clear() {
  if (m_unflushed) {
    remember(m_input_method.flush());
    m_unflushed = false;
  }
  if (m_wrote && m_options.handwriting != nullptr) m_options.handwriting->release_memory();
  m_wrote = false;
  m_composing.clear();
  m_candidates.clear();
  m_predictions.clear();
  m_ink.strokes.clear();
  m_ink_candidates.clear();
  m_session_pinyin.clear();
  m_session_text.clear();
  m_session_learnable = false;
  m_edits.clear();
  m_last_error.reset();
  m_page = 0;
  m_shift = ShiftState::off;
  m_layout = m_options.layouts.front();
  rebuild_rows();
  changed();
}

// ---------------------------------------------------------------- handwriting

void KeyboardModel::set_pad_size(int width, int height) {
  m_ink.width = width;
  m_ink.height = height;
}

void KeyboardModel::add_stroke(InkStroke stroke) {
  if (m_layout != KeyboardLayout::handwriting || stroke.empty()) return;
  if (m_ink.empty()) m_predictions.clear();
  m_wrote = true;
  m_ink.strokes.push_back(std::move(stroke));
  recognize();
}

void KeyboardModel::undo_stroke() {
  if (m_ink.empty()) return;
  m_ink.strokes.pop_back();
  recognize();
}

void KeyboardModel::clear_ink() {
  m_ink.strokes.clear();
  m_ink_candidates.clear();
  m_page = 0;
  changed();
}

void KeyboardModel::recognize() {
  m_page = 0;
  m_ink_candidates.clear();
  if (!m_ink.empty() && m_options.handwriting != nullptr) {
    // Four pages at once: one call per stroke, paging needs no further call.
    const HandwritingContext context{input_context(), m_field_tail};
    auto found = m_options.handwriting->recognize(m_ink, 4 * m_options.page_size, context);
    if (found.ok())
      m_ink_candidates = std::move(found).value();
    else
      m_last_error = found.error();
  }
  changed();
}

void KeyboardModel::choose_handwritten(std::size_t index) {
  if (index >= m_ink_candidates.size()) return;
  const std::string chosen = m_ink_candidates[index];
  m_ink.strokes.clear();
  m_ink_candidates.clear();
  commit(chosen);
  load_predictions(chosen);  // the next word, as after pinyin
}

}  // namespace complaint
