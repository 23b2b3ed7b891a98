// RankedHandwritingRecognizer: within the engine's best few, a surname first in an empty
// name field and a domain word's next character first after its first (when the engine's
// scores are close); the engine's order otherwise, and nothing from below the window.
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
  // The same with the engine's scores, and the ranking's margin.
  RankedHandwritingRecognizer ranked(std::vector<HandwritingCandidate> engine_order, double margin) {
    auto engine = std::make_unique<FakeHandwritingRecognizer>();
    engine->add_scored_result(1, std::move(engine_order));
    auto surnames = std::make_shared<SurnameList>(SurnameList::parse("李\n王\n张\n").value());
    return RankedHandwritingRecognizer(std::move(engine), surnames, DomainCharacterPairs({"态度"}), margin);
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

// The shipped model is usually sure of what was written: the context reorders only the
// candidates the engine scores near its best, never past a confident first guess.
TEST_F(HandwritingRankingTest, ALikelyCharacterMovesOnlyWhenTheEnginesScoresAreClose) {
  const HandwritingContext name{InputContext::name_start, ""};
  auto unsure = ranked({{"玉", 1.0}, {"主", 0.9}, {"王", 0.7}, {"五", 0.6}}, 0.5);
  EXPECT_EQ(unsure.recognize(one_stroke(), 10, name).value(),
            (std::vector<std::string>{"王", "玉", "主", "五"}));
  auto sure = ranked({{"玉", 2.0}, {"主", 0.9}, {"王", 0.7}, {"五", 0.6}}, 0.5);
  EXPECT_EQ(sure.recognize(one_stroke(), 10, name).value(),
            (std::vector<std::string>{"玉", "主", "王", "五"}))
      << "玉 scored 1.3 above 王: the writing wins";
  auto pair_unsure = ranked({{"席", 1.0}, {"度", 0.8}}, 0.5);
  EXPECT_EQ(pair_unsure.recognize(one_stroke(), 10, {InputContext::text, "态"}).value(),
            (std::vector<std::string>{"度", "席"}));
  auto pair_sure = ranked({{"席", 1.0}, {"度", 0.2}}, 0.5);
  EXPECT_EQ(pair_sure.recognize(one_stroke(), 10, {InputContext::text, "态"}).value(),
            (std::vector<std::string>{"席", "度"}));
  // An engine without scores (or a candidate without one): the context alone decides.
  auto unscored = ranked({{"玉", std::nullopt}, {"王", std::nullopt}}, 0.5);
  EXPECT_EQ(unscored.recognize(one_stroke(), 10, name).value(), (std::vector<std::string>{"王", "玉"}));
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
