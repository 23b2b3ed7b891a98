// DeferredInputMethod: the first call waits for the engine still opening on another thread,
// then every call (errors too) reaches that engine.
#include "core/input/deferred_input_method.h"

#include <gtest/gtest.h>

#include <future>

#include "core/input/fake_input_method.h"

namespace complaint {
namespace {

TEST(DeferredInputMethod, TheFirstCallWaitsForTheOpeningEngineThenEveryCallReachesIt) {
  std::promise<std::unique_ptr<InputMethod>> opened;
  DeferredInputMethod deferred(opened.get_future());
  // A key tapped while the engine is still opening: the call waits for it.
  auto tapped = std::async(std::launch::async,
                           [&deferred] { return deferred.candidates("ni", 2, InputContext::text); });
  EXPECT_EQ(tapped.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout)
      << "answered before the engine was there";

  auto fake = std::make_unique<FakeInputMethod>();
  FakeInputMethod& engine = *fake;
  engine.add_words("ni", {"你", "尼"});
  engine.add_predictions("你", {"好"});
  opened.set_value(std::move(fake));
  const auto found = tapped.get();
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, (std::vector<PinyinCandidate>{{"你", 2}, {"尼", 2}}));

  EXPECT_EQ(deferred.predictions("你", 3).value(), std::vector<std::string>{"好"});
  ASSERT_TRUE(deferred.learn("ni", "你").ok());
  ASSERT_TRUE(deferred.flush().ok());
  EXPECT_EQ(engine.learned(), (std::vector<std::pair<std::string, std::string>>{{"ni", "你"}}));
  EXPECT_EQ(engine.calls(), 4u);
  engine.fail_after(0, FailureMode::once);
  EXPECT_FALSE(deferred.flush().ok());
}

}  // namespace
}  // namespace complaint
