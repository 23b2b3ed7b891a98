// ForwardingInputMethod: every call reaches the engine unchanged, errors too, so the
// wrappers built on it (block list, surnames first) pass on whatever they do not override.
#include "core/input/forwarding_input_method.h"

#include <gtest/gtest.h>

#include "core/input/blocking_input.h"
#include "core/input/fake_input_method.h"

namespace complaint {
namespace {

TEST(ForwardingInputMethod, PassesEveryCallAndItsErrorToTheEngine) {
  auto fake = std::make_unique<FakeInputMethod>();
  FakeInputMethod& engine = *fake;
  engine.add_words("ni", {"你", "尼"});
  engine.add_predictions("你", {"好"});
  ForwardingInputMethod forwarding(std::move(fake));

  const auto found = forwarding.candidates("ni", 1, InputContext::name_start);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, (std::vector<PinyinCandidate>{{"你", 2}}));
  EXPECT_EQ(engine.last_context(), InputContext::name_start);
  EXPECT_EQ(forwarding.predictions("你", 3).value(), std::vector<std::string>{"好"});
  ASSERT_TRUE(forwarding.learn("ni", "你").ok());
  ASSERT_TRUE(forwarding.flush().ok());
  EXPECT_EQ(engine.learned(), (std::vector<std::pair<std::string, std::string>>{{"ni", "你"}}));
  EXPECT_EQ(engine.flushes(), 1u);
  EXPECT_EQ(engine.calls(), 4u);

  engine.fail_after(0, FailureMode::once);
  EXPECT_FALSE(forwarding.flush().ok());
}

// The block list changes candidates, predictions and learning; flushing is the base's.
TEST(ForwardingInputMethod, TheBlockListFlushesThroughTheBase) {
  auto fake = std::make_unique<FakeInputMethod>();
  FakeInputMethod& engine = *fake;
  BlockingInputMethod blocking(std::move(fake), std::make_shared<const CandidateBlockList>());
  ASSERT_TRUE(blocking.flush().ok());
  EXPECT_EQ(engine.flushes(), 1u);
}

}  // namespace
}  // namespace complaint
