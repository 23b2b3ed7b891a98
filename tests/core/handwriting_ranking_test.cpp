// RankedHandwritingRecognizer: within the engine's best few, a surname first in an empty
// name field and a domain word's next character first after its first; the engine's order
// otherwise, and nothing from below the window.
#include "core/input/handwriting_ranking.h"

#include <gtest/gtest.h>

#include <memory>

#include "core/input/fake_handwriting_recognizer.h"

namespace complaint {
namespace {

Ink one_stroke() {
  return Ink{100, 100, {{{0, 50}, {100, 50}}}};
}

class HandwritingRankingTest : public ::testing::Test {
 protected:
  // Shapes as an engine might rank them for a written 王 / 度: the likely one is not first.
  RankedHandwritingRecognizer ranked(std::vector<std::string> engine_order) {
    auto engine = std::make_unique<FakeHandwritingRecognizer>();
    engine->add_result(1, std::move(engine_order));
    m_engine = engine.get();
    auto surnames = std::make_shared<SurnameList>(SurnameList::parse("李\n王\n张\n").value());
    return RankedHandwritingRecognizer(std::move(engine), surnames,
                                       DomainCharacterPairs({"态度", "投诉人", "服务"}));
  }
  FakeHandwritingRecognizer* m_engine = nullptr;
};

TEST_F(HandwritingRankingTest, ASurnameLeadsInAnEmptyNameField) {
  auto recognizer = ranked({"玉", "主", "王", "五", "丰", "李"});
  const HandwritingContext name{InputContext::name_start, ""};
  EXPECT_EQ(recognizer.recognize(one_stroke(), 10, name).value(),
            (std::vector<std::string>{"王", "玉", "主", "五", "丰", "李"}))
      << "王 moves up; 李, sixth, is below the window and stays";
  EXPECT_EQ(recognizer.recognize(one_stroke(), 10, HandwritingContext{}).value(),
            (std::vector<std::string>{"玉", "主", "王", "五", "丰", "李"}))
      << "in text the engine's order";
}

TEST_F(HandwritingRankingTest, TheNextCharacterOfADomainWordLeadsAfterItsFirst) {
  auto recognizer = ranked({"席", "庶", "度", "废"});
  EXPECT_EQ(recognizer.recognize(one_stroke(), 10, {InputContext::text, "服务态"}).value(),
            (std::vector<std::string>{"度", "席", "庶", "废"}));
  EXPECT_EQ(recognizer.recognize(one_stroke(), 10, {InputContext::text, "我的"}).value(),
            (std::vector<std::string>{"席", "庶", "度", "废"}))
      << "no domain word: the engine's order";
  EXPECT_EQ(recognizer.recognize(one_stroke(), 10, {InputContext::text, ""}).value(),
            (std::vector<std::string>{"席", "庶", "度", "废"}));
  EXPECT_EQ(recognizer.recognize(one_stroke(), 2, {InputContext::text, "态"}).value(),
            (std::vector<std::string>{"席", "庶"}))
      << "the caller's limit is the engine's: nothing is pulled up from beyond it";
}

TEST_F(HandwritingRankingTest, DomainPairsAreEachWordsAdjacentCharacters) {
  const DomainCharacterPairs pairs({"投诉人", "态度", "x"});
  EXPECT_EQ(pairs.size(), 3U);
  EXPECT_TRUE(pairs.contains("投", "诉"));
  EXPECT_TRUE(pairs.contains("诉", "人"));
  EXPECT_FALSE(pairs.contains("投", "人"));
  EXPECT_FALSE(pairs.contains("度", "态")) << "in the word's order only";
  EXPECT_FALSE(pairs.contains("", "度"));
}

TEST_F(HandwritingRankingTest, AnEngineFailureIsPassedOnAndReleaseReachesTheEngine) {
  auto recognizer = ranked({"一"});
  m_engine->fail_after(0, FailureMode::once);
  EXPECT_FALSE(recognizer.recognize(one_stroke(), 10, {}).ok());
  EXPECT_TRUE(recognizer.recognize(one_stroke(), 10, {}).ok());
  recognizer.release_memory();
  EXPECT_EQ(m_engine->releases(), 1U);
}

}  // namespace
}  // namespace complaint
