// KeyboardModel: on-screen keyboard state (layouts, shift, pinyin composition, paged
// candidate bar, predictions) as a plain class; the renderer draws rows() and the
// candidate bar and forwards taps as press(key id). Text leaves only via take_edits().
// Invariant: composing() holds only a-z and '; it is empty outside the pinyin layout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.h"
#include "core/input/handwriting_recognizer.h"
#include "core/input/input_method.h"

namespace complaint {

// symbols: ，。？！、：；“”（）; handwriting: a pad (drawn by the UI, strokes via add_stroke())
// beside undo-stroke/clear keys, offered wherever pinyin is when a recognizer is given.
// phone: a telephone keypad, 0-9 and delete only (no Enter, no "." or "-"): a phone number
// is digits, and a key that types nothing valid only invites a validation error. Offer it
// alone; a physical keyboard's "+" is kept as the field's first character (+86), its other
// non-digits (spaces, hyphens) are dropped.
// ticket_number: the keys a ticket number is typed with, digits above the letters in
// alphabetical order (no QWERTY to search, no shift, no hyphen: one tap a character). Offer it
// alone; text from a physical keyboard or a scanner is inserted as is.
enum class KeyboardLayout { pinyin, english, digits, symbols, handwriting, phone, ticket_number };

enum class KeyKind {
  character,      // inserts (or in pinyin, composes) its label
  backspace,      // deletes a composing letter, else asks the text area to delete
  space,          // pinyin: commits the first candidate; else inserts " "
  enter,          // pinyin: commits the raw letters; else TextEditKind::enter
  shift,          // english: off -> once -> locked -> off
  layout_switch,  // to KeyboardKey::target
  page_prev,      // candidate bar paging (not in rows(); the renderer draws the bar)
  page_next,
  ink_undo,   // handwriting: removes the last stroke
  ink_clear,  // handwriting: removes every stroke
};

struct KeyboardKey {
  std::string id;         // stable; press(id). Letters "a".."z", digits "0".."9", others below
  std::string label;      // literal text shown and inserted (letters, digits, punctuation)
  std::string label_key;  // catalog key for word labels ("keyboard.space"); label is then empty
  KeyKind kind = KeyKind::character;
  float width_units = 1.0F;                        // a letter key is 1.0; a row's widths sum to at most 10
  KeyboardLayout target = KeyboardLayout::pinyin;  // only for layout_switch
};
// Non-letter key ids: "backspace", "space", "enter", "shift", "layout.pinyin",
// "layout.english", "layout.digits", "layout.symbols", "page.prev", "page.next",
// "layout.handwriting", "ink.undo", "ink.clear",
// "en.comma", "en.period", "en.at", "en.hyphen", "sym.comma", "sym.period", "sym.question",
// "sym.exclaim", "sym.enum_comma", "sym.colon", "sym.semicolon", "sym.lquote", "sym.rquote",
// "sym.lparen", "sym.rparen".

enum class TextEditKind {
  insert,           // insert `text` at the cursor
  delete_backward,  // delete one character before the cursor
  enter,            // newline in a multi-line area, "done" in a single-line field
};

struct TextEdit {
  TextEditKind kind = TextEditKind::insert;
  std::string text;  // only for insert

  friend bool operator==(const TextEdit&, const TextEdit&) = default;
};

enum class CandidateSource { none, conversion, prediction, handwriting };
enum class ShiftState { off, once, locked };
// Whether finished multi-step or non-first conversions are learned into the user
// dictionary. Off by default: what one customer types (names, addresses) must not be
// offered to the next one; turn it on only for fields where that is acceptable.
enum class Learning { disabled, enabled };
// What a field holds: a person's name asks the input method for surnames first while the
// field is empty (InputContext::name_start); any other field is plain text.
enum class FieldKind { text, person_name };

struct KeyboardOptions {
  // Layouts offered (switch keys appear only for these); the first is the initial one.
  // A phone number field uses {phone}.
  std::vector<KeyboardLayout> layouts = {KeyboardLayout::pinyin, KeyboardLayout::english,
                                         KeyboardLayout::digits, KeyboardLayout::symbols};
  std::size_t page_size = 6;  // candidates per page of the candidate bar
  Learning learning = Learning::disabled;
  std::size_t max_composing = 32;  // letters; further letters are ignored
  // Handwriting engine; non-null: the handwriting layout is offered wherever pinyin is.
  HandwritingRecognizer* handwriting = nullptr;
};

class KeyboardModel {
 public:
  explicit KeyboardModel(InputMethod& input_method, KeyboardOptions options = {});

  KeyboardLayout layout() const { return m_layout; }
  // Switching away from pinyin commits the first candidate (raw letters when none).
  void set_layout(KeyboardLayout layout);
  const std::vector<KeyboardLayout>& layouts() const { return m_options.layouts; }
  ShiftState shift() const { return m_shift; }
  const std::vector<std::vector<KeyboardKey>>& rows() const { return m_rows; }

  // A tap on a key (ids above); unknown ids are ignored.
  void press(std::string_view key_id);
  // Text from a physical (USB) keyboard. In pinyin, a-z and ' compose; while composing,
  // digits 1..page_size choose on the page and other characters first commit the first
  // candidate; ASCII , . ? ! : ; become ，。？！：；. Elsewhere text is inserted as is.
  void type_text(std::string_view utf8);

  const std::string& composing() const { return m_composing; }
  // Commits what is being composed or written (the first candidate, the raw letters when
  // there is none) and keeps the layout: what a screen does before it reads the text.
  void commit_composition();

  // The field typed into, and whether it is empty before the composition: the pair gives
  // the input method's context. The text area tells the model after every change.
  void set_field(FieldKind kind, bool empty);
  // As set_field, with the field's whole text (the cursor is at its end): handwriting ranks
  // its candidates for the character before (RankedHandwritingRecognizer).
  void set_field_text(FieldKind kind, std::string_view text);
  InputContext input_context() const;

  // Handwriting: the pad's size (pad units, as the strokes), then one stroke at a time;
  // every stroke is recognised at once and the candidate bar shows the result. Choosing a
  // candidate commits it and clears the pad. Strokes outside the handwriting layout are
  // ignored; empty strokes too.
  void set_pad_size(int width, int height);
  void add_stroke(InkStroke stroke);
  void undo_stroke();
  void clear_ink();
  const Ink& ink() const { return m_ink; }

  // The candidate bar: conversions while composing, else predictions after a commit.
  CandidateSource candidate_source() const;
  std::vector<std::string> candidate_page() const;
  std::size_t page_index() const { return m_page; }
  bool has_prev_page() const { return m_page > 0; }
  bool has_next_page() const;
  void next_page();
  void prev_page();
  // Commits the candidate (or prediction) at `index_on_page`; a partial conversion
  // leaves the rest of the pinyin composing. Out-of-range indexes are ignored.
  void choose_candidate(std::size_t index_on_page);
  const std::vector<std::string>& predictions() const { return m_predictions; }

  // Edits for the text area since the last call, in order.
  std::vector<TextEdit> take_edits();
  // Wipes composition, candidates, predictions, pending edits and shift (idle reset).
  void clear();
  // The last engine failure (the keyboard keeps working with raw letters), if any.
  const std::optional<Error>& last_error() const { return m_last_error; }
  // Increases on every visible change, so the UI redraws only when needed.
  std::uint64_t revision() const { return m_revision; }

 private:
  void rebuild_rows();
  void compose(char letter);
  void refresh_candidates();
  void commit(std::string text);
  void commit_all();
  void choose_conversion(std::size_t index);
  void finish_composition();
  void remember(const Result<void>& result);
  void load_predictions(std::string_view history);
  void backspace();
  void enter();
  void insert_character(const std::string& text);
  void changed() { ++m_revision; }
  void recognize();
  void choose_handwritten(std::size_t index);

  InputMethod& m_input_method;
  KeyboardOptions m_options;
  KeyboardLayout m_layout;
  ShiftState m_shift = ShiftState::off;
  std::vector<std::vector<KeyboardKey>> m_rows;
  std::string m_composing;
  FieldKind m_field = FieldKind::text;
  bool m_field_empty = true;
  std::vector<PinyinCandidate> m_candidates;
  std::size_t m_fetch_limit = 0;
  std::size_t m_page = 0;
  std::vector<std::string> m_predictions;
  Ink m_ink;
  std::vector<std::string> m_ink_candidates;
  std::string m_field_tail;  // the field's last character (set_field_text), for handwriting
  // The whole conversion in progress (pinyin typed, text chosen so far) for learning.
  std::string m_session_pinyin;
  std::string m_session_text;
  bool m_session_learnable = false;
  bool m_unflushed = false;  // learned since the last flush (done in clear())
  bool m_wrote = false;      // strokes since the last clear(): the engine may release memory then
  std::vector<TextEdit> m_edits;
  std::optional<Error> m_last_error;
  std::uint64_t m_revision = 0;
};

}  // namespace complaint
