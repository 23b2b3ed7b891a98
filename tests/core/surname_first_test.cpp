// Surnames first in a name field (core/input/surname_first.h) over the scriptable engine:
// the list parses and ranks, only InputContext::name_start is reordered (most common
// surname first, the rest in the engine's order), the limit holds, the other calls pass
// through, and the keyboard model asks for name_start only while a name field is empty.
#include "core/input/surname_first.h"

#include <gtest/gtest.h>

#include "core/config/config.h"
#include "core/input/fake_input_method.h"
#include "core/input/keyboard_model.h"

namespace complaint {
namespace {

std::shared_ptr<const SurnameList> surnames_of(std::string_view text) {
  auto parsed = SurnameList::parse(text);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return std::make_shared<const SurnameList>(std::move(parsed).value());
}

std::vector<std::string> texts(const std::vector<PinyinCandidate>& candidates) {
  std::vector<std::string> out;
  for (const PinyinCandidate& candidate : candidates) out.push_back(candidate.text);
  return out;
}

TEST(SurnameList, ParsesOneALineInOrderAndRanksOnlyWholeSurnames) {
  const auto list = surnames_of("# most common first\n王\n李  # second\n\n欧阳\n");
  EXPECT_EQ(list->size(), 3u);
  EXPECT_EQ(list->rank("王"), 0u);
  EXPECT_EQ(list->rank("李"), 1u);
  EXPECT_EQ(list->rank("欧阳"), 2u);
  EXPECT_FALSE(list->rank("欧"));
  EXPECT_FALSE(list->rank("王小明"));
  EXPECT_FALSE(SurnameList{}.rank("王"));
}

TEST(SurnameList, RefusesTwoWordsOnALineOrBadUtf8NamingTheLine) {
  auto two = SurnameList::parse("王\n李 张\n");
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().code, ErrorCode::config);
  EXPECT_NE(two.error().message.find("line 2"), std::string::npos) << two.error().message;
  EXPECT_FALSE(SurnameList::parse("\xff\xfe\n").ok());
  EXPECT_FALSE(SurnameList::load_file("/nonexistent/surnames.txt").ok());
}

TEST(SurnameList, TheShippedListHasTheHundredCommonestWithTheBiggestFirst) {
  auto list = SurnameList::load_file(assets_dir() + "/pinyin/surnames.txt");
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_GE(list->size(), 100u);
  EXPECT_EQ(list->rank("王"), 0u);
  EXPECT_EQ(list->rank("李"), 1u);
  EXPECT_EQ(list->rank("张"), 2u);
  for (const char* surname : {"刘", "陈", "杨", "黄", "赵", "吴", "周", "欧阳"}) {
    EXPECT_TRUE(list->rank(surname)) << surname;
  }
  EXPECT_FALSE(list->rank("网"));
}

class SurnameFirstTest : public ::testing::Test {
 protected:
  SurnameFirstTest() {
    auto fake = std::make_unique<FakeInputMethod>();
    m_fake = fake.get();
    m_fake->add_words("wang", {"网", "往", "忘", "汪", "王", "望"});
    m_fake->add_predictions("王", {"先生"});
    m_engine = std::make_unique<SurnameFirstInputMethod>(std::move(fake), surnames_of("王\n李\n汪\n"));
  }

  FakeInputMethod* m_fake = nullptr;
  std::unique_ptr<SurnameFirstInputMethod> m_engine;
};

TEST_F(SurnameFirstTest, NameStartPutsSurnamesFirstMostCommonFirstAndKeepsTheRestInOrder) {
  EXPECT_EQ(texts(m_engine->candidates("wang", 6, InputContext::name_start).value()),
            (std::vector<std::string>{"王", "汪", "网", "往", "忘", "望"}));
  EXPECT_EQ(texts(m_engine->candidates("wang", 1, InputContext::name_start).value()),
            (std::vector<std::string>{"王"}));
  EXPECT_EQ(m_engine->candidates("wang", 6, InputContext::name_start)->front().pinyin_length, 4u);
}

TEST_F(SurnameFirstTest, OtherTextKeepsTheEngineOrder) {
  EXPECT_EQ(texts(m_engine->candidates("wang", 3, InputContext::text).value()),
            (std::vector<std::string>{"网", "往", "忘"}));
  EXPECT_EQ(m_fake->last_context(), InputContext::text);
}

TEST_F(SurnameFirstTest, PassesTheRestAndTheEngineErrorsThrough) {
  EXPECT_EQ(m_engine->predictions("王", 3).value(), (std::vector<std::string>{"先生"}));
  ASSERT_TRUE(m_engine->learn("wang", "王").ok());
  ASSERT_TRUE(m_engine->flush().ok());
  EXPECT_EQ(m_fake->learned().size(), 1u);
  EXPECT_EQ(m_fake->flushes(), 1u);
  m_fake->fail_after(0, FailureMode::once);
  EXPECT_FALSE(m_engine->candidates("wang", 6, InputContext::name_start).ok());
}

TEST(KeyboardModelContext, ANameFieldAsksForSurnamesOnlyUntilTheNameIsBegun) {
  FakeInputMethod ime;
  ime.add_words("wang", {"网", "王"});
  ime.add_words("xiao", {"小"});
  KeyboardModel keyboard(ime);
  keyboard.set_field(FieldKind::person_name, true);
  for (char c : std::string("wangxiao")) keyboard.press(std::string(1, c));
  EXPECT_EQ(ime.last_context(), InputContext::name_start);
  keyboard.choose_candidate(1);  // 王, leaving "xiao" to compose: the given name
  EXPECT_EQ(keyboard.composing(), "xiao");
  EXPECT_EQ(ime.last_context(), InputContext::text);
  keyboard.press("space");
  keyboard.take_edits();
  keyboard.set_field(FieldKind::person_name, false);  // what the text area says after 王小
  keyboard.press("w");
  EXPECT_EQ(ime.last_context(), InputContext::text);

  FakeInputMethod plain;
  plain.add_words("wang", {"网", "王"});
  KeyboardModel details(plain);
  details.set_field(FieldKind::text, true);
  details.press("w");
  EXPECT_EQ(plain.last_context(), InputContext::text);
}

}  // namespace
}  // namespace complaint
