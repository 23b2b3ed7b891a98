// The sync lane's door (desk/sync_admission.h) with time passed in: which requests are sync,
// how many the lane holds, the busy answer a kiosk gets beyond that, and the log tally that
// counts refusals instead of writing a line for each.
#include "desk/sync_admission.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/sync/sync_protocol.h"

namespace complaint::desk {
namespace {

using std::chrono::milliseconds;

TEST(SyncLane, OnlyTheSyncPathTakesTheSyncLane) {
  EXPECT_EQ(lane_of(kSyncPath), Lane::sync);
  EXPECT_EQ(lane_of("/api/v1/sync"), Lane::sync);
  EXPECT_EQ(lane_of("/healthz"), Lane::pages);
  EXPECT_EQ(lane_of("/t/WH01-K1-20261120-0001-E"), Lane::pages);
  EXPECT_EQ(lane_of("/console"), Lane::pages);
  EXPECT_EQ(lane_of("/api/v1/sync/other"), Lane::pages) << "the router answers that 404 on the pages' lane";
}

TEST(SyncAdmission, HoldsItsThreadsAndItsQueueAndNoMore) {
  SyncAdmission lane(2, 3);
  EXPECT_EQ(lane.capacity(), 5);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(lane.admit()) << i;
  EXPECT_FALSE(lane.admit()) << "two answering and three waiting: full";
  EXPECT_EQ(lane.inside(), 5) << "a refusal takes no place";
  lane.leave();
  EXPECT_TRUE(lane.admit()) << "a handler that returned made room for one";
  EXPECT_FALSE(lane.admit());
}

TEST(SyncAdmission, AQueueLimitOfZeroAdmitsOnlyWhatTheThreadsTake) {
  SyncAdmission lane(1, 0);
  EXPECT_TRUE(lane.admit());
  EXPECT_FALSE(lane.admit());
  lane.leave();
  EXPECT_TRUE(lane.admit());
}

TEST(SyncAdmission, TheBusyAnswerIsASyncErrorWithRetryAfter) {
  const DeskResponse busy = busy_response(7);
  EXPECT_EQ(busy.status, 503);
  EXPECT_EQ(busy.content_type, "application/json");
  ASSERT_EQ(busy.headers.size(), 1u);
  EXPECT_EQ(busy.headers[0], (std::pair<std::string, std::string>{"Retry-After", "7"}));
  // What the kiosk reads back (error_from_json) keeps the key, for its staff screen.
  const nlohmann::json body = nlohmann::json::parse(busy.body);
  EXPECT_EQ(body["key"], kDeskBusyKey);
  EXPECT_EQ(body["code"], "unavailable");
  EXPECT_EQ(error_from_json(busy.body, busy.status).key, kDeskBusyKey);
}

TEST(RefusalTally, TheFirstRefusalIsReportedAtOnceThenAtMostOncePerInterval) {
  RefusalTally tally(std::chrono::seconds(1));
  const RefusalTally::TimePoint start{};
  EXPECT_FALSE(tally.due(start).has_value()) << "nothing refused, nothing to say";
  tally.refused(start);
  const auto first = tally.due(start);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->refused, 1);
  // A burst within the second is held back and summed.
  for (int i = 1; i <= 40; ++i) tally.refused(start + milliseconds(10 * i));
  EXPECT_FALSE(tally.due(start + milliseconds(500)).has_value());
  EXPECT_FALSE(tally.due(start + milliseconds(999)).has_value());
  const auto second = tally.due(start + milliseconds(1000));
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->refused, 40);
  EXPECT_EQ(second->over, milliseconds(990)) << "from the first of them to the report";
  EXPECT_FALSE(tally.due(start + milliseconds(5000)).has_value()) << "all reported";
  // After a quiet spell the next refusal is reported at once again.
  tally.refused(start + milliseconds(9000));
  EXPECT_EQ(tally.due(start + milliseconds(9000)).value().refused, 1);
}

}  // namespace
// A crowd refused at one moment is told to come back spread out at the lane's rate, not all
// after the same Retry-After.
TEST(RetrySchedule, ACrowdIsSpreadOverTheComingSecondsAtTheFloorRate) {
  RetrySchedule schedule(2, 10);  // nothing answered yet: the floor, 10 a second
  const auto now = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  std::vector<int> waits;
  for (int i = 0; i < 30; ++i) waits.push_back(schedule.retry_after(now));
  EXPECT_EQ(waits.front(), 2);  // never sooner than the base
  EXPECT_EQ(waits.back(), 5);   // 30 at 10 a second: 3 s more
  EXPECT_TRUE(std::is_sorted(waits.begin(), waits.end()));
  EXPECT_EQ(std::count(waits.begin(), waits.end(), 3), 10);  // ten a second
}

TEST(RetrySchedule, AFasterLaneSpreadsTheCrowdOverLessTime) {
  RetrySchedule schedule(1, 10);
  auto now = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 100; ++i) schedule.answered(now + std::chrono::milliseconds(5 * i));
  now += std::chrono::seconds(1);
  schedule.answered(now);  // closes the second: 100 answers in it
  std::vector<int> waits;
  for (int i = 0; i < 100; ++i) waits.push_back(schedule.retry_after(now));
  EXPECT_EQ(waits.front(), 1);
  EXPECT_LE(waits.back(), 2);  // 100 at 100 a second; at the floor it would be 11
}

TEST(RetrySchedule, NoRetryAfterPassesTheCap) {
  RetrySchedule schedule(1, 1);
  const auto now = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  int last = 0;
  for (int i = 0; i < 500; ++i) last = schedule.retry_after(now);
  EXPECT_EQ(last, RetrySchedule::kMaxSeconds);
}

}  // namespace complaint::desk
