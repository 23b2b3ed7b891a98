// FallbackHandwritingRecognizer: the primary's order, with every sixth place the fallback's best
// new candidate; the primary's failure is reported, the fallback's costs only its places.
#include "core/input/handwriting_fallback.h"

#include <gtest/gtest.h>

#include <memory>

#include "core/input/fake_handwriting_recognizer.h"

namespace complaint {
namespace {

Ink one_stroke() {
  return Ink{100, 100, {{{0, 50}, {100, 50}}}};
}

struct Engines {
  FakeHandwritingRecognizer* primary = nullptr;
  FakeHandwritingRecognizer* fallback = nullptr;
  std::unique_ptr<FallbackHandwritingRecognizer> merged;
};

Engines make(std::vector<std::string> primary, std::vector<std::string> fallback) {
  auto first = std::make_unique<FakeHandwritingRecognizer>();
  auto second = std::make_unique<FakeHandwritingRecognizer>();
  first->add_result(1, std::move(primary));
  second->add_result(1, std::move(fallback));
  Engines e{first.get(), second.get(), nullptr};
  e.merged = std::make_unique<FallbackHandwritingRecognizer>(std::move(first), std::move(second));
  return e;
}

TEST(HandwritingFallback, EverySixthPlaceIsTheFallbacksBestNewCandidate) {
  Engines e = make({"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万"},
                   {"二", "邝", "一", "亓"});
  EXPECT_EQ(e.merged->recognize(one_stroke(), 13, {}).value(),
            (std::vector<std::string>{"一", "二", "三", "四", "五", "邝", "六", "七", "八", "九", "十", "亓",
                                      "百"}));
  EXPECT_EQ(e.merged->recognize(one_stroke(), 5, {}).value(),
            (std::vector<std::string>{"一", "二", "三", "四", "五"}))
      << "the primary's top 5 are its own";
}

// Scores of two models are on two scales: the ranking in front compares the primary's only.
TEST(HandwritingFallback, ThePrimarysScoresAreKeptAndTheFallbacksCandidatesHaveNone) {
  auto first = std::make_unique<FakeHandwritingRecognizer>();
  auto second = std::make_unique<FakeHandwritingRecognizer>();
  first->add_scored_result(1, {{"一", 0.9}, {"二", 0.4}});
  second->add_scored_result(1, {{"邝", 3.0}, {"一", 2.0}});
  FallbackHandwritingRecognizer merged(std::move(first), std::move(second));
  EXPECT_EQ(merged.recognize_scored(one_stroke(), 10, {}).value(),
            (std::vector<HandwritingCandidate>{{"一", 0.9}, {"二", 0.4}, {"邝", std::nullopt}}));
}

TEST(HandwritingFallback, FewerPrimaryCandidatesLeaveTheRestToTheFallback) {
  Engines e = make({"一", "二"}, {"二", "邝", "亓"});
  EXPECT_EQ(e.merged->recognize(one_stroke(), 10, {}).value(),
            (std::vector<std::string>{"一", "二", "邝", "亓"}));
}

TEST(HandwritingFallback, APrimaryFailureIsReportedAFallbackFailureOnlyCostsItsPlaces) {
  Engines e = make({"一", "二", "三", "四", "五", "六"}, {"邝"});
  e.fallback->fail_after(0, FailureMode::once);
  EXPECT_EQ(e.merged->recognize(one_stroke(), 6, {}).value(),
            (std::vector<std::string>{"一", "二", "三", "四", "五", "六"}));
  e.primary->fail_after(0, FailureMode::once);
  EXPECT_FALSE(e.merged->recognize(one_stroke(), 6, {}).ok());
  e.merged->release_memory();
  EXPECT_EQ(e.primary->releases(), 1U);
  EXPECT_EQ(e.fallback->releases(), 1U);
}

}  // namespace
}  // namespace complaint
