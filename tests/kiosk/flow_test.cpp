// The filing flow table (kiosk/app/flow.h): walking it forward and back visits every step
// once, in order, numbered 1..n, and leaves it at the right ends.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "kiosk/app/flow.h"

namespace complaint {
namespace {

TEST(FilingFlow, WalkingNextVisitsEveryStepInOrderThenDone) {
  std::vector<ScreenId> visited;
  ScreenId at = flow_first_step();
  while (at != ScreenId::done) {
    const std::optional<FlowStep> step = find_flow_step(at);
    ASSERT_TRUE(step.has_value()) << "Next led to a screen outside the flow";
    ASSERT_LT(visited.size(), 10U) << "Next goes round in a circle";
    EXPECT_EQ(step->screen, at);
    EXPECT_EQ(step->number, static_cast<int>(visited.size()) + 1);
    EXPECT_EQ(flow_step_number(at), step->number);
    visited.push_back(at);
    at = step->next;
  }
  EXPECT_EQ(visited, std::vector<ScreenId>(std::begin(k_filing_steps), std::end(k_filing_steps)));
  EXPECT_EQ(static_cast<int>(visited.size()), k_flow_step_count);
  EXPECT_EQ(visited.back(), flow_last_step());
}

TEST(FilingFlow, TheStepsAreKindDetailsOutcomeContactConsentReview) {
  const std::vector<ScreenId> expected{ScreenId::kind,    ScreenId::details, ScreenId::outcome,
                                       ScreenId::contact, ScreenId::consent, ScreenId::review};
  EXPECT_EQ(std::vector<ScreenId>(std::begin(k_filing_steps), std::end(k_filing_steps)), expected);
  EXPECT_EQ(k_flow_step_count, 6);
}

TEST(FilingFlow, WalkingBackRetracesNextAndLeavesAtTheFirstStep) {
  ScreenId at = flow_last_step();
  int steps = 1;
  while (const std::optional<ScreenId> back = flow_step(at).back) {
    EXPECT_EQ(flow_step(*back).next, at) << "Back and Next disagree";
    EXPECT_EQ(flow_step(*back).number, flow_step(at).number - 1);
    at = *back;
    ++steps;
  }
  EXPECT_EQ(at, flow_first_step());
  EXPECT_EQ(steps, k_flow_step_count);
  EXPECT_EQ(flow_exit(FilingMode::customer), ScreenId::welcome);
  EXPECT_EQ(flow_exit(FilingMode::staff), ScreenId::staff_menu);
}

TEST(FilingFlow, OtherScreensAreNoSteps) {
  for (const ScreenId screen : {ScreenId::welcome, ScreenId::done, ScreenId::check_progress,
                                ScreenId::staff_pin, ScreenId::staff_menu}) {
    EXPECT_FALSE(find_flow_step(screen).has_value());
    EXPECT_EQ(flow_step_number(screen), 0) << "no step indicator outside the flow";
  }
  const std::set<ScreenId> unique(std::begin(k_filing_steps), std::end(k_filing_steps));
  EXPECT_EQ(static_cast<int>(unique.size()), k_flow_step_count) << "a screen is listed twice";
}

}  // namespace
}  // namespace complaint
