// ZinniaRecognizer with Debian's Simplified Chinese model: real standard-order strokes are
// recognised wherever and however large they are written, empty ink gives nothing, a
// missing model is an error, and the keyboard model shows its candidates.
#include "drivers/handwriting/zinnia_recognizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "core/input/fake_input_method.h"
#include "core/input/keyboard_model.h"

namespace complaint {
namespace {

// 口 in standard order (hanzi-writer-data 2.0.1 medians, from Make Me a Hanzi, Arphic
// Public License), in its 1024-unit box with y up and offset 900.
const std::vector<std::vector<std::pair<int, int>>> kKou = {
    {{229, 584}, {272, 548}, {287, 517}, {330, 203}, {348, 152}},
    {{304, 569},
     {333, 552},
     {488, 574},
     {663, 608},
     {700, 607},
     {720, 598},
     {759, 559},
     {758, 552},
     {694, 295},
     {661, 273}},
    {{369, 185}, {394, 203}, {651, 238}, {710, 236}, {744, 224}},
};

// The strokes on a pad of `side` pixels, the character occupying `scale` of it at `offset`.
Ink written(int side, double scale, int offset_x, int offset_y) {
  Ink ink{side, side, {}};
  for (const auto& median : kKou) {
    InkStroke stroke;
    for (const auto& [x, y] : median) {
      stroke.push_back(InkPoint{offset_x + static_cast<int>(x * scale * side / 1024),
                                offset_y + static_cast<int>((900 - y) * scale * side / 1024)});
    }
    ink.strokes.push_back(std::move(stroke));
  }
  return ink;
}

class ZinniaRecognizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = ZinniaRecognizer::open({});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    m_engine = std::move(opened).value();
  }
  std::unique_ptr<ZinniaRecognizer> m_engine;
};

bool in_top(const std::vector<std::string>& candidates, const std::string& character, std::size_t n) {
  const auto found = std::find(candidates.begin(), candidates.end(), character);
  return found != candidates.end() && static_cast<std::size_t>(found - candidates.begin()) < n;
}

TEST_F(ZinniaRecognizerTest, StandardOrderStrokesAreRecognisedAtAnySizeAndPlace) {
  for (const auto& [scale, dx, dy] : std::vector<std::tuple<double, int, int>>{
           {1.0, 0, 0}, {0.4, 20, 30}, {0.4, 500, 10}, {0.7, 300, 100}}) {
    auto found = m_engine->recognize(written(900, scale, dx, dy), 10, {});
    ASSERT_TRUE(found.ok()) << found.error().message;
    EXPECT_TRUE(in_top(found.value(), "口", 5)) << "scale " << scale << " at " << dx << "," << dy;
    EXPECT_LE(found.value().size(), 10U);
  }
}

// Where the fitted ink lies: {centre x, centre y, larger side}.
std::tuple<int, int, int> extent(const Ink& ink) {
  int min_x = ZinniaRecognizer::kBox;
  int max_x = 0;
  int min_y = ZinniaRecognizer::kBox;
  int max_y = 0;
  for (const auto& stroke : ink.strokes) {
    for (const auto& p : stroke) {
      min_x = std::min(min_x, p.x);
      max_x = std::max(max_x, p.x);
      min_y = std::min(min_y, p.y);
      max_y = std::max(max_y, p.y);
    }
  }
  return {(min_x + max_x) / 2, (min_y + max_y) / 2, std::max(max_x - min_x, max_y - min_y)};
}

TEST_F(ZinniaRecognizerTest, TheInkIsFittedCentredWithItsAspectKept) {
  // Written large anywhere: centred, its larger side 60 % of the box.
  const auto [x, y, side] = extent(ZinniaRecognizer::normalized(written(900, 1.6, -250, -100)));
  EXPECT_NEAR(x, ZinniaRecognizer::kBox / 2, 2);
  EXPECT_NEAR(y, ZinniaRecognizer::kBox / 2, 2);
  EXPECT_NEAR(side, ZinniaRecognizer::kBox * 6 / 10, 3);
  // Written small in a corner: centred too, but not blown up past half the pad.
  const auto [sx, sy, small] = extent(ZinniaRecognizer::normalized(written(900, 0.3, 600, 40)));
  EXPECT_NEAR(sx, ZinniaRecognizer::kBox / 2, 2);
  EXPECT_NEAR(sy, ZinniaRecognizer::kBox / 2, 2);
  EXPECT_LT(small, ZinniaRecognizer::kBox * 6 / 10 / 2);
  EXPECT_GT(small, 100);
}

TEST_F(ZinniaRecognizerTest, AfterReleasingMemoryItRecognisesTheSame) {
  auto before = m_engine->recognize(written(900, 0.8, 40, 40), 10, {});
  m_engine->release_memory();
  auto after = m_engine->recognize(written(900, 0.8, 40, 40), 10, {});
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(before.value(), after.value());
  EXPECT_TRUE(in_top(after.value(), "口", 5));
}

// The ranking in front weighs the context against these scores (handwriting_ranking.h).
TEST_F(ZinniaRecognizerTest, ScoredCandidatesAreTheSameListBestScoreFirst) {
  const Ink ink = written(900, 0.8, 40, 40);
  auto plain = m_engine->recognize(ink, 10, {});
  auto scored = m_engine->recognize_scored(ink, 10, {});
  ASSERT_TRUE(plain.ok() && scored.ok());
  ASSERT_FALSE(scored.value().empty());
  EXPECT_EQ(candidate_characters(scored.value()), plain.value());
  for (std::size_t i = 0; i < scored.value().size(); ++i) {
    ASSERT_TRUE(scored.value()[i].score.has_value()) << i;
    if (i > 0) {
      EXPECT_GE(*scored.value()[i - 1].score, *scored.value()[i].score) << i;
    }
  }
}

TEST_F(ZinniaRecognizerTest, EmptyInkGivesNoCandidates) {
  auto found = m_engine->recognize(Ink{400, 400, {}}, 10, {});
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found.value().empty());
}

TEST(ZinniaRecognizer, AMissingModelIsUnavailable) {
  auto opened = ZinniaRecognizer::open({"/nonexistent/handwriting.model"});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::unavailable);
}

TEST_F(ZinniaRecognizerTest, TheKeyboardOffersWhatTheEngineRecognisesAfterEachStroke) {
  FakeInputMethod pinyin;
  KeyboardOptions options;
  options.handwriting = m_engine.get();
  KeyboardModel model(pinyin, options);
  model.set_layout(KeyboardLayout::handwriting);
  model.set_pad_size(900, 900);
  const Ink ink = written(900, 0.8, 50, 50);
  for (const InkStroke& stroke : ink.strokes) {
    model.add_stroke(stroke);
    EXPECT_FALSE(model.candidate_page().empty());
  }
  const std::vector<std::string> page = model.candidate_page();
  const auto found = std::find(page.begin(), page.end(), "口");
  ASSERT_NE(found, page.end());
  model.choose_candidate(static_cast<std::size_t>(found - page.begin()));
  const auto edits = model.take_edits();
  ASSERT_EQ(edits.size(), 1U);
  EXPECT_EQ(edits[0].text, "口");
}

}  // namespace
}  // namespace complaint
