// The candidate block list (core/input/candidate_block_list.h, blocking_input.h) over the
// scriptable engines: blocked candidates are dropped and their places taken by the next ones,
// predictions and handwriting alike, a blocked word is never learned, engine errors pass
// through, and the shipped list parses and blocks what it says.
#include <gtest/gtest.h>

#include "core/config/config.h"
#include "core/input/blocking_input.h"
#include "core/input/fake_handwriting_recognizer.h"
#include "core/input/fake_input_method.h"

namespace complaint {
namespace {

std::shared_ptr<const CandidateBlockList> list_of(std::string_view text) {
  auto parsed = CandidateBlockList::parse(text);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return std::make_shared<const CandidateBlockList>(std::move(parsed).value());
}

std::vector<std::string> texts(const std::vector<PinyinCandidate>& candidates) {
  std::vector<std::string> out;
  for (const PinyinCandidate& candidate : candidates) out.push_back(candidate.text);
  return out;
}

TEST(CandidateBlockList, ParsesAWordALineWithCommentsAndBlocksWhatContainsOne) {
  const auto list = list_of("# politics\n台独  # separatism\n\n  傻逼\n");
  EXPECT_EQ(list->size(), 2u);
  EXPECT_TRUE(list->blocks("台独"));
  EXPECT_TRUE(list->blocks("台独分子"));
  EXPECT_TRUE(list->blocks("你这个傻逼"));
  EXPECT_FALSE(list->blocks("态度"));
  EXPECT_FALSE(list->blocks("台"));  // a single character of a listed word is not blocked
  EXPECT_FALSE(CandidateBlockList{}.blocks("台独"));
}

TEST(CandidateBlockList, RefusesALineWithTwoWordsOrBadUtf8NamingTheLine) {
  auto two = CandidateBlockList::parse("台独\n台独 藏独\n");
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().code, ErrorCode::config);
  EXPECT_NE(two.error().message.find("line 2"), std::string::npos) << two.error().message;
  EXPECT_EQ(two.error().field, "pinyin.block_list");
  auto bad = CandidateBlockList::parse("ok\n\xff\xfe\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("line 2"), std::string::npos) << bad.error().message;
  auto missing = CandidateBlockList::load_file("/nonexistent/blocked_words.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "pinyin.block_list");
}

TEST(BlockingInputMethod, DropsBlockedCandidatesAndFillsTheirPlaces) {
  auto engine = std::make_unique<FakeInputMethod>();
  engine->add_words("taidu", {"态度", "台独", "台独分子", "太多", "抬肚"});
  BlockingInputMethod blocking(std::move(engine), list_of("台独\n"));
  EXPECT_EQ(texts(blocking.candidates("taidu", 3, InputContext::text).value()),
            (std::vector<std::string>{"态度", "太多", "抬肚"}));
  EXPECT_EQ(texts(blocking.candidates("taidu", 1, InputContext::text).value()),
            (std::vector<std::string>{"态度"}));
}

TEST(BlockingInputMethod, FiltersPredictionsAndNeverLearnsABlockedWord) {
  auto engine = std::make_unique<FakeInputMethod>();
  FakeInputMethod& fake = *engine;
  fake.add_predictions("你", {"他妈的", "好"});
  BlockingInputMethod blocking(std::move(engine), list_of("他妈的\n"));
  EXPECT_EQ(blocking.predictions("你", 2).value(), std::vector<std::string>{"好"});
  ASSERT_TRUE(blocking.learn("tamade", "他妈的").ok());
  ASSERT_TRUE(blocking.learn("taidu", "态度").ok());
  EXPECT_EQ(fake.learned(), (std::vector<std::pair<std::string, std::string>>{{"taidu", "态度"}}));
}

TEST(BlockingInputMethod, PassesTheEnginesErrorsThrough) {
  auto engine = std::make_unique<FakeInputMethod>();
  engine->add_words("taidu", {"态度"});
  engine->fail_after(0, FailureMode::once);
  BlockingInputMethod blocking(std::move(engine), list_of("台独\n"));
  EXPECT_FALSE(blocking.candidates("taidu", 5, InputContext::text).ok());
  EXPECT_TRUE(blocking.candidates("taidu", 5, InputContext::text).ok());
}

TEST(BlockingHandwritingRecognizer, DropsBlockedCharactersAndFillsTheirPlaces) {
  auto engine = std::make_unique<FakeHandwritingRecognizer>();
  engine->add_result(2, {"乂", "人", "入", "八"});
  BlockingHandwritingRecognizer blocking(std::move(engine), list_of("乂\n"));  // a stand-in
  Ink ink{100, 100, {{{10, 10}, {50, 50}}, {{50, 10}, {10, 50}}}};
  EXPECT_EQ(blocking.recognize(ink, 2, {}).value(), (std::vector<std::string>{"人", "入"}));
}

TEST(CandidateBlockList, TheShippedListParsesAndBlocksSeparatismAndInsults) {
  auto shipped = CandidateBlockList::load_file(assets_dir() + "/pinyin/blocked_words.txt");
  ASSERT_TRUE(shipped.ok()) << shipped.error().message;
  EXPECT_GE(shipped->size(), 10u);
  for (const char* word : {"台独", "法轮功", "傻逼", "他妈的"}) EXPECT_TRUE(shipped->blocks(word)) << word;
  for (const char* word : {"态度", "投诉", "台", "赔偿", "王", "经理", "妈妈"}) {
    EXPECT_FALSE(shipped->blocks(word)) << word;
  }
}

}  // namespace
}  // namespace complaint
