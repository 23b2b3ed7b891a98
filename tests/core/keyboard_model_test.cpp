// KeyboardModel over the scriptable FakeInputMethod: composition, partial choice, paging,
// predictions, layouts, physical keyboard text, learning, and engine failures.
#include "core/input/keyboard_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "core/input/fake_handwriting_recognizer.h"
#include "core/input/fake_input_method.h"

namespace complaint {
namespace {

class KeyboardModelTest : public ::testing::Test {
 protected:
  KeyboardModelTest() {
    m_ime.add_words("tousu", {"投诉", "头速"});
    m_ime.add_words("wuye", {"物业", "无业"});
    m_ime.add_words("tousuwuye", {"投诉物业"});
    m_ime.add_words("dianti", {"电梯"});
    m_ime.add_predictions("投诉", {"物业", "电梯", "服务"});
    std::vector<std::string> many;
    for (int i = 0; i < 14; ++i) many.push_back("是" + std::to_string(i));
    m_ime.add_words("shi", many);
  }

  void tap_letters(KeyboardModel& model, std::string_view letters) {
    for (char c : letters) model.press(std::string(1, c));
  }

  // The text the area would hold after applying every edit.
  static std::string apply(const std::vector<TextEdit>& edits, std::string text = {}) {
    for (const auto& edit : edits) {
      if (edit.kind == TextEditKind::insert) text += edit.text;
      if (edit.kind == TextEditKind::enter) text += "\n";
      if (edit.kind == TextEditKind::delete_backward && !text.empty()) {
        // Drop one UTF-8 code point.
        std::size_t cut = text.size() - 1;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text.erase(cut);
      }
    }
    return text;
  }

  FakeInputMethod m_ime;
};

TEST_F(KeyboardModelTest, LettersComposeAndShowCandidates) {
  KeyboardModel model(m_ime);
  tap_letters(model, "tousu");
  EXPECT_EQ(model.composing(), "tousu");
  EXPECT_EQ(model.candidate_source(), CandidateSource::conversion);
  ASSERT_FALSE(model.candidate_page().empty());
  EXPECT_EQ(model.candidate_page()[0], "投诉");
  EXPECT_TRUE(model.take_edits().empty()) << "composing letters are not text yet";
}

TEST_F(KeyboardModelTest, PartialChoiceCommitsAndLeavesTheRestComposing) {
  KeyboardModel model(m_ime);
  tap_letters(model, "tousuwuye");
  auto page = model.candidate_page();
  auto it = std::find(page.begin(), page.end(), "投诉");
  ASSERT_NE(it, page.end());
  model.choose_candidate(static_cast<std::size_t>(it - page.begin()));
  EXPECT_EQ(apply(model.take_edits()), "投诉");
  EXPECT_EQ(model.composing(), "wuye");
  EXPECT_EQ(model.candidate_page().at(0), "物业");
  model.choose_candidate(0);
  EXPECT_EQ(apply(model.take_edits()), "物业");
  EXPECT_TRUE(model.composing().empty());
}

TEST_F(KeyboardModelTest, SpaceCommitsFirstCandidateEnterCommitsLetters) {
  KeyboardModel model(m_ime);
  tap_letters(model, "dianti");
  model.press("space");
  tap_letters(model, "dianti");
  model.press("enter");
  EXPECT_EQ(apply(model.take_edits()), "电梯dianti");
  model.press("enter");
  EXPECT_EQ(model.take_edits(), (std::vector<TextEdit>{{TextEditKind::enter, {}}}));
}

TEST_F(KeyboardModelTest, BackspaceDeletesComposingLettersFirst) {
  KeyboardModel model(m_ime);
  model.type_text("好");
  tap_letters(model, "wu");
  model.press("backspace");
  EXPECT_EQ(model.composing(), "w");
  model.press("backspace");
  EXPECT_EQ(model.composing(), "");
  EXPECT_EQ(model.candidate_source(), CandidateSource::none);
  model.press("backspace");
  auto edits = model.take_edits();
  ASSERT_EQ(edits.size(), 2U);
  EXPECT_EQ(edits[1].kind, TextEditKind::delete_backward);
  EXPECT_EQ(apply(edits), "");
}

TEST_F(KeyboardModelTest, PredictionsFollowACommitAndCanBeChosen) {
  KeyboardModel model(m_ime);
  tap_letters(model, "tousu");
  model.choose_candidate(0);
  EXPECT_EQ(model.candidate_source(), CandidateSource::prediction);
  EXPECT_EQ(model.predictions(), (std::vector<std::string>{"物业", "电梯", "服务"}));
  model.choose_candidate(1);
  EXPECT_EQ(apply(model.take_edits()), "投诉电梯");
  model.press("w");
  EXPECT_TRUE(model.predictions().empty()) << "typing replaces predictions with conversions";
}

TEST_F(KeyboardModelTest, CandidatesArePaged) {
  KeyboardModel model(m_ime, KeyboardOptions{.page_size = 6});
  tap_letters(model, "shi");
  EXPECT_EQ(model.candidate_page().size(), 6U);
  EXPECT_FALSE(model.has_prev_page());
  EXPECT_TRUE(model.has_next_page());
  model.next_page();
  model.next_page();
  EXPECT_EQ(model.page_index(), 2U);
  EXPECT_EQ(model.candidate_page(), (std::vector<std::string>{"是12", "是13"}));
  EXPECT_FALSE(model.has_next_page());
  model.next_page();
  EXPECT_EQ(model.page_index(), 2U);
  model.prev_page();
  model.choose_candidate(5);
  EXPECT_EQ(apply(model.take_edits()), "是11");
}

TEST_F(KeyboardModelTest, DigitsAndSymbolsCommitDirectly) {
  KeyboardModel model(m_ime);
  model.set_layout(KeyboardLayout::digits);
  model.press("1");
  model.press("3");
  model.press("8");
  model.set_layout(KeyboardLayout::symbols);
  model.press("sym.comma");
  model.press("sym.lquote");
  EXPECT_EQ(apply(model.take_edits()), "138，“");
  EXPECT_TRUE(model.composing().empty());
}

TEST_F(KeyboardModelTest, EnglishShiftOnceAndLocked) {
  KeyboardModel model(m_ime);
  model.press("layout.english");
  ASSERT_EQ(model.layout(), KeyboardLayout::english);
  model.press("shift");
  EXPECT_EQ(model.rows()[0][0].label, "Q");
  model.press("h");
  model.press("i");
  model.press("shift");
  model.press("shift");
  EXPECT_EQ(model.shift(), ShiftState::locked);
  model.press("o");
  model.press("k");
  model.press("space");
  EXPECT_EQ(apply(model.take_edits()), "HiOK ");
}

KeyboardOptions handwriting_options(HandwritingRecognizer* handwriting,
                                    std::vector<KeyboardLayout> layouts = {}) {
  KeyboardOptions options;
  if (!layouts.empty()) options.layouts = std::move(layouts);
  options.handwriting = handwriting;
  return options;
}

TEST_F(KeyboardModelTest, EveryLayoutHasUniqueIdsCatalogLabelsAndFits) {
  FakeHandwritingRecognizer handwriting;
  KeyboardModel text(m_ime, handwriting_options(&handwriting));
  KeyboardModel phone(m_ime, KeyboardOptions{.layouts = {KeyboardLayout::phone}});  // offered alone
  for (auto layout : {KeyboardLayout::pinyin, KeyboardLayout::english, KeyboardLayout::digits,
                      KeyboardLayout::symbols, KeyboardLayout::handwriting, KeyboardLayout::phone}) {
    KeyboardModel& model = layout == KeyboardLayout::phone ? phone : text;
    model.set_layout(layout);
    std::set<std::string> ids;
    for (const auto& row : model.rows()) {
      float width = 0;
      for (const auto& key : row) {
        EXPECT_TRUE(ids.insert(key.id).second) << "duplicate id " << key.id;
        width += key.width_units;
        // Word keys carry a catalog key, never English text baked into the code.
        if (key.kind == KeyKind::character) {
          EXPECT_FALSE(key.label.empty()) << key.id;
        } else {
          EXPECT_TRUE(key.label.empty()) << key.id;
          EXPECT_TRUE(key.label_key.starts_with("keyboard.")) << key.id;
        }
        if (key.kind == KeyKind::layout_switch) {
          EXPECT_NE(key.target, layout);
        }
      }
      EXPECT_LE(width, 10.0F + 1e-4F);
    }
    EXPECT_TRUE(ids.contains("backspace"));
  }
}

TEST_F(KeyboardModelTest, PhoneKeypadOffersOnlyDigits) {
  KeyboardModel model(m_ime, KeyboardOptions{.layouts = {KeyboardLayout::digits}});
  for (const auto& row : model.rows()) {
    for (const auto& key : row) EXPECT_NE(key.kind, KeyKind::layout_switch) << key.id;
  }
  model.set_layout(KeyboardLayout::pinyin);
  EXPECT_EQ(model.layout(), KeyboardLayout::digits);
  model.type_text("0571");
  EXPECT_EQ(apply(model.take_edits()), "0571");
}

// The contact screen's phone keypad: digits, "+" and delete, nothing that types a line break or
// other punctuation into a phone number, and a physical keyboard's non-digits dropped.
TEST_F(KeyboardModelTest, PhoneNumberKeypadHasDigitsPlusAndDeleteOnly) {
  KeyboardModel model(m_ime, KeyboardOptions{.layouts = {KeyboardLayout::phone}});
  ASSERT_EQ(model.layout(), KeyboardLayout::phone);
  std::set<std::string> ids;
  for (const auto& row : model.rows()) {
    for (const auto& key : row) {
      ids.insert(key.id);
      EXPECT_TRUE(key.kind == KeyKind::character || key.kind == KeyKind::backspace) << key.id;
      if (key.kind == KeyKind::character) {
        ASSERT_EQ(key.label.size(), 1U) << key.id;
        EXPECT_TRUE((key.label[0] >= '0' && key.label[0] <= '9') || key.id == "plus") << key.id;
      }
    }
  }
  EXPECT_EQ(ids,
            (std::set<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "plus", "backspace"}));
  EXPECT_FALSE(ids.contains("enter"));
  EXPECT_FALSE(ids.contains("en.period"));
  for (char d : std::string("1380013")) model.press(std::string(1, d));
  model.press("backspace");
  model.press("enter");  // no such key: nothing
  model.type_text("010-1234 5678.");
  const std::vector<TextEdit> edits = model.take_edits();
  EXPECT_EQ(std::count_if(edits.begin(), edits.end(),
                          [](const TextEdit& e) { return e.kind == TextEditKind::enter; }),
            0);
  EXPECT_EQ(apply(edits), "13800101012345678");
}

// The check-progress screen's keypad: the digits and A-Z in alphabetical order, delete, and
// nothing else (no shift, no layout switch, no hyphen); a letter key types its capital, so a
// number takes one tap a character.
TEST_F(KeyboardModelTest, TicketNumberKeypadHasDigitsLettersAndDeleteOnly) {
  KeyboardModel model(m_ime, KeyboardOptions{.layouts = {KeyboardLayout::ticket_number}});
  ASSERT_EQ(model.layout(), KeyboardLayout::ticket_number);
  std::string order;
  for (const auto& row : model.rows()) {
    float width = 0;
    for (const auto& key : row) {
      width += key.width_units;
      EXPECT_TRUE(key.kind == KeyKind::character || key.kind == KeyKind::backspace) << key.id;
      if (key.kind == KeyKind::character) order += key.label;
    }
    EXPECT_LE(width, 10.01F);
  }
  EXPECT_EQ(order, "1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  for (const char* id : {"w", "h", "0", "1", "k", "1", "1", "backspace"}) model.press(id);
  model.type_text("-x");  // a physical keyboard or a scanner: as is
  EXPECT_EQ(apply(model.take_edits()), "WH01K1-x");
}

// A USB keyboard's +86 keeps its "+" as the field's first character (the phone rule reads it);
// a "+" anywhere else, spaces and hyphens type nothing.
TEST_F(KeyboardModelTest, PhoneKeypadKeepsALeadingPlusFromAKeyboard) {
  KeyboardModel model(m_ime, KeyboardOptions{.layouts = {KeyboardLayout::phone}});
  model.set_field(FieldKind::text, true);
  model.type_text("+86 138-0013+8000");
  EXPECT_EQ(apply(model.take_edits()), "+8613800138000");
  model.set_field(FieldKind::text, true);
  model.type_text("\uFF0B86");  // full-width, from a Chinese input method
  EXPECT_EQ(apply(model.take_edits()), "+86");
  model.set_field(FieldKind::text, false);  // the field holds digits already
  model.type_text("+1");
  EXPECT_EQ(apply(model.take_edits()), "1");
}

// The keypad's own "+" key (a visitor's +86 without a USB keyboard) follows the same rule:
// the number's first character, and nowhere else.
TEST_F(KeyboardModelTest, PhoneKeypadsPlusKeyTypesOnlyTheFirstCharacter) {
  KeyboardModel model(m_ime, KeyboardOptions{.layouts = {KeyboardLayout::phone}});
  model.set_field(FieldKind::text, true);
  for (const char* id : {"plus", "plus", "8", "6", "plus", "1"}) model.press(id);
  EXPECT_EQ(apply(model.take_edits()), "+861");
  model.set_field(FieldKind::text, false);
  model.press("plus");
  model.press("3");
  EXPECT_EQ(apply(model.take_edits()), "3");
}

// What a screen does before it checks the text: the composition goes into the text and the
// keyboard stays as the customer left it (switching to English here once made the name field
// lose its pinyin after a validation error).
TEST_F(KeyboardModelTest, CommittingTheCompositionKeepsTheLayout) {
  KeyboardModel model(m_ime);
  tap_letters(model, "tousu");
  model.commit_composition();
  EXPECT_EQ(model.layout(), KeyboardLayout::pinyin);
  EXPECT_TRUE(model.composing().empty());
  EXPECT_EQ(apply(model.take_edits()), "投诉");
  FakeHandwritingRecognizer handwriting;
  KeyboardModel writing(m_ime, handwriting_options(&handwriting));
  writing.set_layout(KeyboardLayout::handwriting);
  writing.commit_composition();
  EXPECT_EQ(writing.layout(), KeyboardLayout::handwriting);
}

TEST_F(KeyboardModelTest, PhysicalKeyboardTextComposesAndChooses) {
  KeyboardModel model(m_ime);
  model.type_text("tousu,wuye2dianti");
  EXPECT_EQ(model.composing(), "dianti");
  model.type_text("!柜员");
  EXPECT_EQ(apply(model.take_edits()), "投诉，无业电梯！柜员");
}

TEST_F(KeyboardModelTest, LeavingPinyinCommitsTheComposition) {
  KeyboardModel model(m_ime);
  tap_letters(model, "tousuwuye");
  model.set_layout(KeyboardLayout::digits);
  EXPECT_TRUE(model.composing().empty());
  EXPECT_EQ(apply(model.take_edits()), "投诉物业");
}

TEST_F(KeyboardModelTest, EngineFailureFallsBackToRawLetters) {
  KeyboardModel model(m_ime);
  m_ime.fail_after(0, FailureMode::from_then_on);
  tap_letters(model, "tousu");
  EXPECT_EQ(model.candidate_source(), CandidateSource::none);
  ASSERT_TRUE(model.last_error().has_value());
  EXPECT_EQ(model.last_error()->code, ErrorCode::io);
  model.press("space");
  EXPECT_EQ(apply(model.take_edits()), "tousu");
}

TEST_F(KeyboardModelTest, OneFailedLookupRecoversOnTheNextLetter) {
  KeyboardModel model(m_ime);
  tap_letters(model, "tous");
  m_ime.fail_after(0, FailureMode::once);
  model.press("u");
  EXPECT_EQ(model.candidate_source(), CandidateSource::none);
  model.press("backspace");
  model.press("u");
  EXPECT_EQ(model.candidate_page().at(0), "投诉");
}

TEST_F(KeyboardModelTest, LearnsMultiStepConversionsOnlyWhenEnabled) {
  KeyboardModel quiet(m_ime);
  tap_letters(quiet, "tousuwuye");
  quiet.choose_candidate(1);  // 投诉 (partial), after the whole-input 投诉物业
  quiet.choose_candidate(1);  // 无业
  quiet.clear();
  EXPECT_TRUE(m_ime.learned().empty());
  EXPECT_EQ(m_ime.flushes(), 0U);

  KeyboardModel learning(m_ime, KeyboardOptions{.learning = Learning::enabled});
  tap_letters(learning, "tousuwuye");
  learning.choose_candidate(1);
  learning.choose_candidate(1);
  tap_letters(learning, "dianti");
  learning.choose_candidate(0);  // first choice in one step: nothing to learn
  using Learned = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(m_ime.learned(), (Learned{{"tousuwuye", "投诉无业"}}));
  learning.clear();
  EXPECT_EQ(m_ime.flushes(), 1U);
}

TEST_F(KeyboardModelTest, ClearWipesEverythingOfThePreviousCustomer) {
  KeyboardModel model(m_ime);
  tap_letters(model, "tousu");
  model.choose_candidate(0);
  model.press("layout.english");
  model.press("shift");
  model.press("w");
  const auto before = model.revision();
  model.clear();
  EXPECT_GT(model.revision(), before);
  EXPECT_TRUE(model.take_edits().empty());
  EXPECT_TRUE(model.composing().empty());
  EXPECT_TRUE(model.predictions().empty());
  EXPECT_EQ(model.layout(), KeyboardLayout::pinyin);
  EXPECT_EQ(model.shift(), ShiftState::off);
}

TEST_F(KeyboardModelTest, ComposingIsBoundedAndApostropheSeparates) {
  KeyboardModel model(m_ime, KeyboardOptions{.max_composing = 8});
  model.press("apostrophe");
  EXPECT_TRUE(model.composing().empty()) << "a leading separator is meaningless";
  tap_letters(model, "xi");
  model.press("apostrophe");
  model.press("apostrophe");
  tap_letters(model, "anxxxxxx");
  EXPECT_EQ(model.composing(), "xi'anxxx");
}

// ---------------------------------------------------------------- handwriting

InkStroke line(int x0, int y0, int x1, int y1) {
  return {{x0, y0}, {(x0 + x1) / 2, (y0 + y1) / 2}, {x1, y1}};
}

TEST_F(KeyboardModelTest, HandwritingIsOfferedBesidePinyinOnlyWithAnEngine) {
  KeyboardModel without(m_ime);
  EXPECT_EQ(std::count(without.layouts().begin(), without.layouts().end(), KeyboardLayout::handwriting), 0);
  FakeHandwritingRecognizer handwriting;
  KeyboardModel chinese(m_ime, handwriting_options(&handwriting));
  EXPECT_EQ(std::count(chinese.layouts().begin(), chinese.layouts().end(), KeyboardLayout::handwriting), 1);
  std::set<std::string> ids;
  for (const auto& row : chinese.rows())
    for (const auto& key : row) ids.insert(key.id);
  EXPECT_TRUE(ids.contains("layout.handwriting"));
  // A phone keypad never gets a pad, engine or not.
  KeyboardModel phone(m_ime, handwriting_options(&handwriting, {KeyboardLayout::digits}));
  EXPECT_EQ(phone.layouts(), std::vector<KeyboardLayout>{KeyboardLayout::digits});
}

TEST_F(KeyboardModelTest, EveryStrokeIsRecognisedAndAChosenCandidateIsCommitted) {
  FakeHandwritingRecognizer handwriting;
  handwriting.add_result(1, {"一", "二"});
  handwriting.add_result(2, {"十", "丁", "七"});
  KeyboardModel model(m_ime, handwriting_options(&handwriting));
  model.press("layout.handwriting");
  ASSERT_EQ(model.layout(), KeyboardLayout::handwriting);
  model.set_pad_size(400, 300);
  model.add_stroke(line(10, 150, 390, 150));
  EXPECT_EQ(model.candidate_source(), CandidateSource::handwriting);
  EXPECT_EQ(model.candidate_page(), (std::vector<std::string>{"一", "二"}));
  model.add_stroke(line(200, 10, 200, 290));
  EXPECT_EQ(model.candidate_page(), (std::vector<std::string>{"十", "丁", "七"}));
  ASSERT_EQ(handwriting.calls(), 2U);
  const Ink last = handwriting.inks().back();
  EXPECT_EQ(last.width, 400);
  EXPECT_EQ(last.height, 300);
  ASSERT_EQ(last.strokes.size(), 2U);
  EXPECT_EQ(last.strokes[1].front(), (InkPoint{200, 10}));
  EXPECT_TRUE(model.take_edits().empty());  // nothing reaches the text before a choice
  model.choose_candidate(1);
  EXPECT_EQ(apply(model.take_edits()), "丁");
  EXPECT_TRUE(model.ink().empty());
}

// The recognizer is told where the character goes: an empty name field is a name's start,
// and in text the field's last character (what the text area holds, not only what this
// keyboard typed) is the character before.
TEST_F(KeyboardModelTest, HandwritingIsToldTheFieldAndTheCharacterBefore) {
  FakeHandwritingRecognizer handwriting;
  handwriting.add_result(1, {"一"});
  KeyboardModel model(m_ime, handwriting_options(&handwriting));
  model.press("layout.handwriting");
  model.set_pad_size(400, 300);
  model.set_field_text(FieldKind::person_name, "");
  model.add_stroke(line(10, 150, 390, 150));
  model.clear_ink();
  model.set_field_text(FieldKind::text, "服务态");
  model.add_stroke(line(10, 150, 390, 150));
  model.clear_ink();
  model.set_field_text(FieldKind::person_name, "王");
  model.add_stroke(line(10, 150, 390, 150));
  const std::vector<HandwritingContext> seen = handwriting.contexts();
  ASSERT_EQ(seen.size(), 3U);
  EXPECT_EQ(seen[0].input, InputContext::name_start);
  EXPECT_EQ(seen[0].preceding, "");
  EXPECT_EQ(seen[1].input, InputContext::text);
  EXPECT_EQ(seen[1].preceding, "态");
  EXPECT_EQ(seen[2].input, InputContext::text) << "the given name after the surname";
  EXPECT_EQ(seen[2].preceding, "王");
}

TEST_F(KeyboardModelTest, UndoStrokeAndClearRecogniseAgainOrEmptyThePad) {
  FakeHandwritingRecognizer handwriting;
  handwriting.add_result(1, {"一"});
  handwriting.add_result(2, {"十"});
  KeyboardModel model(m_ime, handwriting_options(&handwriting));
  model.set_layout(KeyboardLayout::handwriting);
  model.add_stroke(line(0, 50, 100, 50));
  model.add_stroke(line(50, 0, 50, 100));
  model.press("ink.undo");
  EXPECT_EQ(model.ink().strokes.size(), 1U);
  EXPECT_EQ(model.candidate_page(), std::vector<std::string>{"一"});
  model.press("ink.clear");
  EXPECT_TRUE(model.ink().empty());
  EXPECT_EQ(model.candidate_source(), CandidateSource::none);
  // Delete on a written stroke takes the stroke back, not a character of the text.
  model.add_stroke(line(0, 50, 100, 50));
  model.press("backspace");
  EXPECT_TRUE(model.ink().empty());
  EXPECT_TRUE(model.take_edits().empty());
  model.press("backspace");
  const std::vector<TextEdit> expected = {TextEdit{TextEditKind::delete_backward, {}}};
  EXPECT_EQ(model.take_edits(), expected);
}

TEST_F(KeyboardModelTest, SpaceOrLeavingThePadTakesTheBestCandidate) {
  FakeHandwritingRecognizer handwriting;
  handwriting.add_result(1, {"一", "二"});
  KeyboardModel model(m_ime, handwriting_options(&handwriting));
  model.set_layout(KeyboardLayout::handwriting);
  model.add_stroke(line(0, 50, 100, 50));
  model.press("space");
  model.add_stroke(line(0, 50, 100, 50));
  model.set_layout(KeyboardLayout::pinyin);
  EXPECT_EQ(apply(model.take_edits()), "一一");
  EXPECT_TRUE(model.ink().empty());
  model.add_stroke(line(0, 50, 100, 50));  // no pad outside the handwriting layout
  EXPECT_TRUE(model.ink().empty());
}

TEST_F(KeyboardModelTest, ClearingAfterWritingLetsTheEngineReleaseMemory) {
  FakeHandwritingRecognizer handwriting;
  handwriting.add_result(1, {"一"});
  KeyboardModel model(m_ime, handwriting_options(&handwriting));
  model.clear();
  EXPECT_EQ(handwriting.releases(), 0U) << "nothing was written";
  model.set_layout(KeyboardLayout::handwriting);
  model.add_stroke(line(0, 50, 100, 50));
  model.clear();
  EXPECT_EQ(handwriting.releases(), 1U);
  EXPECT_TRUE(model.ink().empty());
  model.clear();
  EXPECT_EQ(handwriting.releases(), 1U);
}

TEST_F(KeyboardModelTest, AHandwritingFailureKeepsThePadAndIsReported) {
  FakeHandwritingRecognizer handwriting;
  handwriting.add_result(1, {"一"});
  handwriting.fail_after(0, FailureMode::once);
  KeyboardModel model(m_ime, handwriting_options(&handwriting));
  model.set_layout(KeyboardLayout::handwriting);
  model.add_stroke(line(0, 50, 100, 50));
  EXPECT_EQ(model.ink().strokes.size(), 1U);
  EXPECT_EQ(model.candidate_source(), CandidateSource::none);
  ASSERT_TRUE(model.last_error().has_value());
  model.press("ink.undo");
  model.add_stroke(line(0, 50, 100, 50));
  EXPECT_EQ(model.candidate_page(), std::vector<std::string>{"一"});
}

TEST_F(KeyboardModelTest, AHandwrittenCharacterIsFollowedByPredictions) {
  FakeHandwritingRecognizer handwriting;
  handwriting.add_result(1, {"投诉"});  // the fake may answer a word; the model commits it whole
  KeyboardModel model(m_ime, handwriting_options(&handwriting));
  model.set_layout(KeyboardLayout::handwriting);
  model.add_stroke(line(0, 50, 100, 50));
  model.choose_candidate(0);
  EXPECT_EQ(model.candidate_source(), CandidateSource::prediction);
  EXPECT_EQ(model.candidate_page().front(), "物业");
  model.add_stroke(line(0, 50, 100, 50));  // writing again replaces the predictions
  EXPECT_EQ(model.candidate_source(), CandidateSource::handwriting);
}

}  // namespace
}  // namespace complaint
