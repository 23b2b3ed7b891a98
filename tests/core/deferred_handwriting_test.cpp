// DeferredHandwritingRecognizer: the first stroke waits for the engine still opening on
// another thread; an engine that never opened makes each recognition an error; memory is
// given back only by an engine that is there.
#include "core/input/deferred_handwriting.h"

#include <gtest/gtest.h>

#include <future>

#include "core/input/fake_handwriting_recognizer.h"

namespace complaint {
namespace {

Ink one_stroke() {
  return Ink{100, 100, {InkStroke{{10, 10}, {90, 90}}}};
}

TEST(DeferredHandwritingRecognizer, TheFirstStrokeWaitsForTheOpeningEngineThenReachesIt) {
  std::promise<std::unique_ptr<HandwritingRecognizer>> opened;
  DeferredHandwritingRecognizer deferred(opened.get_future());
  deferred.release_memory();  // the session ended before the engine was there: nothing to do
  auto written = std::async(
      std::launch::async, [&deferred] { return deferred.recognize(one_stroke(), 5, HandwritingContext{}); });
  EXPECT_EQ(written.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout)
      << "answered before the engine was there";

  auto fake = std::make_unique<FakeHandwritingRecognizer>();
  FakeHandwritingRecognizer& engine = *fake;
  engine.add_result(1, {"一", "乙"});
  opened.set_value(std::move(fake));
  const auto found = written.get();
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, (std::vector<std::string>{"一", "乙"}));
  EXPECT_EQ(engine.releases(), 0u);
  deferred.release_memory();
  EXPECT_EQ(engine.releases(), 1u);
  engine.fail_after(0, FailureMode::once);
  EXPECT_FALSE(deferred.recognize(one_stroke(), 5, HandwritingContext{}).ok());
}

TEST(DeferredHandwritingRecognizer, AnEngineThatCouldNotOpenMakesEachRecognitionUnavailable) {
  std::promise<std::unique_ptr<HandwritingRecognizer>> opened;
  DeferredHandwritingRecognizer deferred(opened.get_future());
  opened.set_value(nullptr);
  deferred.release_memory();
  const auto found = deferred.recognize(one_stroke(), 5, HandwritingContext{});
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code, ErrorCode::unavailable);
}

}  // namespace
}  // namespace complaint
