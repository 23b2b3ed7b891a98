// The console's shared-state rules over the in-memory store: session expiry and hashing, the
// sign-in throttle's window and limits (also under parallel attempts), desk secrets, and
// that a failing store changes nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/desk_state/desk_secrets.h"
#include "core/desk_state/fake_desk_state_store.h"
#include "core/desk_state/login_throttle.h"
#include "core/desk_state/staff_sessions.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

const Instant kStart = Instant{std::chrono::seconds{1'800'000'000}};

std::function<std::string()> counting_random() {
  auto next = std::make_shared<int>(0);
  return [next] { return std::to_string(++*next) + std::string(31, 'f'); };
}

std::string test_hash(const std::string& id) {
  return "#" + std::string(id.rbegin(), id.rend());
}

template <class T>
T must(Result<T> result) {
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return std::move(*result);
}
void must(Result<void> result) {
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
}

bool admitted(LoginThrottle& throttle, const std::string& account, const std::string& address, Instant at) {
  return must(throttle.admit(account, address, at)).admitted();
}

TEST(StaffSessions, ExpireWhenIdleOrTooOldAndEndOnLogout) {
  FakeDeskStateStore store;
  StaffSessions sessions(store, counting_random(), test_hash, SessionLimits{30min, 2h});
  const StaffSession a = must(sessions.start("sam", Role::supervisor, kStart));
  EXPECT_NE(a.id, a.csrf);
  EXPECT_EQ(a.id.size(), 64u);
  EXPECT_TRUE(store.holds_session_hash(test_hash(a.id)));
  EXPECT_FALSE(store.holds_session_hash(a.id)) << "the id itself is never stored";
  EXPECT_TRUE(must(sessions.touch(a.id, kStart + 29min)));
  EXPECT_TRUE(must(sessions.touch(a.id, kStart + 58min)));  // touching restarted the idle clock
  EXPECT_FALSE(must(sessions.touch(a.id, kStart + 89min)));
  EXPECT_FALSE(must(sessions.touch(a.id, kStart + 58min)));  // and it is gone for good
  EXPECT_EQ(store.sessions(), 0u);

  const StaffSession b = must(sessions.start("hank", Role::handler, kStart));
  for (auto at = kStart; at < kStart + 2h; at += 20min) ASSERT_TRUE(must(sessions.touch(b.id, at)));
  EXPECT_FALSE(must(sessions.touch(b.id, kStart + 2h + 1s)));  // absolute limit despite activity

  const StaffSession c = must(sessions.start("hank", Role::handler, kStart));
  must(sessions.end(c.id));
  EXPECT_FALSE(must(sessions.touch(c.id, kStart)));
  EXPECT_FALSE(must(sessions.touch("", kStart)));
}

TEST(StaffSessions, SigningInForgetsExpiredSessionsAndPageViewsRarelyWrite) {
  FakeDeskStateStore store;
  StaffSessions sessions(store, counting_random(), test_hash, SessionLimits{30min, 2h});
  for (int i = 0; i < 5; ++i) must(sessions.start("sam", Role::supervisor, kStart));
  const StaffSession fresh = must(sessions.start("ann", Role::dispatcher, kStart + 31min));
  EXPECT_EQ(store.sessions(), 1u);
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(must(sessions.touch(fresh.id, kStart + 31min + i * 1s)));
  EXPECT_EQ(store.script().calls(DeskStateStep::set_last_seen), 0) << "within a minute: reads only";
  ASSERT_TRUE(must(sessions.touch(fresh.id, kStart + 33min)));
  EXPECT_EQ(store.script().calls(DeskStateStep::set_last_seen), 1);
}

TEST(StaffSessions, AFailingStoreStartsNoSessionAndKeepsLiveOnes) {
  FakeDeskStateStore store;
  StaffSessions sessions(store, counting_random(), test_hash);
  const StaffSession live = must(sessions.start("sam", Role::supervisor, kStart));
  store.script().fail(DeskStateStep::insert_session, 0, FailureMode::once,
                      Error::make(ErrorCode::storage, "disk full"));
  EXPECT_FALSE(sessions.start("ann", Role::dispatcher, kStart).ok());
  EXPECT_EQ(store.sessions(), 1u);
  store.script().fail(DeskStateStep::find_session, 0, FailureMode::once,
                      Error::make(ErrorCode::storage, "disk I/O error"));
  EXPECT_FALSE(sessions.touch(live.id, kStart).ok());
  EXPECT_TRUE(must(sessions.touch(live.id, kStart)));
}

TEST(LoginThrottle, LocksAnAccountAfterTheLimitUntilTheWindowPasses) {
  FakeDeskStateStore store;
  LoginThrottle throttle(store, ThrottleLimits{3, 5, 10min});
  // Three wrong passwords: each admitted attempt counts until it succeeds.
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(admitted(throttle, "sam", "10.0.0.1", kStart + i * 1s));
  const auto locked = must(throttle.admit("sam", "10.0.0.9", kStart + 5s));  // other address: still locked
  EXPECT_EQ(locked.wait, 10min - 5s);
  const auto ann = must(throttle.admit("ann", "10.0.0.9", kStart + 5s));
  ASSERT_TRUE(ann.admitted());
  must(throttle.succeeded(ann, "ann"));
  EXPECT_FALSE(admitted(throttle, "sam", "10.0.0.9", kStart + 10min - 1s));
  EXPECT_TRUE(admitted(throttle, "sam", "10.0.0.9", kStart + 10min + 1s));

  // Per address: many accounts from one address.
  std::vector<SignInAttempt> attempts;
  for (int i = 0; i < 5; ++i) {
    attempts.push_back(must(throttle.admit("user" + std::to_string(i), "10.0.0.2", kStart)));
    EXPECT_TRUE(attempts.back().admitted());
  }
  EXPECT_FALSE(admitted(throttle, "fresh", "10.0.0.2", kStart + 1s));
  EXPECT_TRUE(admitted(throttle, "fresh", "10.0.0.3", kStart + 1s));
  must(throttle.succeeded(attempts[0], "user0"));  // clears the account, one count of the address
  EXPECT_TRUE(admitted(throttle, "user0", "10.0.0.2", kStart + 2s));
  EXPECT_FALSE(admitted(throttle, "user1", "10.0.0.2", kStart + 2s)) << "the other failures stay";
}

TEST(LoginThrottle, SuccessesAndAbandonedAttemptsDoNotCount) {
  FakeDeskStateStore store;
  LoginThrottle throttle(store, ThrottleLimits{2, 3, 10min});
  for (int i = 0; i < 10; ++i) {
    const auto attempt = must(throttle.admit("sam", "10.0.0.1", kStart + i * 1s));
    ASSERT_TRUE(attempt.admitted()) << i;
    if (i % 2 == 0) {
      must(throttle.succeeded(attempt, "sam"));
    } else {
      must(throttle.abandoned(attempt));
    }
  }
  EXPECT_EQ(store.attempts(), 0u);
}

TEST(LoginThrottle, AttemptsThatLeftTheWindowAreForgotten) {
  FakeDeskStateStore store;
  LoginThrottle throttle(store, ThrottleLimits{5, 20, 10min});
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(admitted(throttle, "user" + std::to_string(i), "10.0.0.1", kStart));
  EXPECT_EQ(store.attempts(), 4u);
  ASSERT_TRUE(admitted(throttle, "late", "10.0.0.2", kStart + 10min));
  EXPECT_EQ(store.attempts(), 1u);
}

// 32 server threads trying one account at once: only the limit's worth are let through to
// the password check (the check and the count are one transaction).
TEST(LoginThrottle, TheLimitHoldsForParallelAttempts) {
  FakeDeskStateStore store;
  LoginThrottle throttle(store, ThrottleLimits{5, 1000, 10min});
  std::atomic<int> admitted_count{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 32; ++i) {
    threads.emplace_back([&] {
      const auto attempt = throttle.admit("sam", "10.0.0.1", kStart);
      if (attempt.ok() && attempt->admitted()) ++admitted_count;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(admitted_count.load(), 5);
}

TEST(LoginThrottle, AFailingStoreCountsNothing) {
  FakeDeskStateStore store;
  LoginThrottle throttle(store, ThrottleLimits{5, 20, 10min});
  store.script().fail(DeskStateStep::insert_attempt, 0, FailureMode::once,
                      Error::make(ErrorCode::storage, "database is locked"));
  EXPECT_FALSE(throttle.admit("sam", "10.0.0.1", kStart).ok());
  EXPECT_EQ(store.attempts(), 0u);
}

TEST(ThrottleWait, IsTheTimeUntilTheOldestCountingFailureLeavesTheWindow) {
  const std::vector<Instant> times{kStart, kStart + 1min, kStart + 2min};
  EXPECT_EQ(throttle_wait(times, 4, 10min, kStart + 3min), 0s);
  EXPECT_EQ(throttle_wait(times, 3, 10min, kStart + 3min), 7min);
  EXPECT_EQ(throttle_wait(times, 2, 10min, kStart + 3min), 8min);
  EXPECT_EQ(throttle_wait(times, 3, 10min, kStart + 10min), 1s) << "never less than a second";
  EXPECT_EQ(throttle_wait(times, 0, 10min, kStart), 0s) << "0: no limit";
}

TEST(DeskSecrets, MadeOnceThenReadAndCached) {
  FakeDeskStateStore store;
  DeskSecrets first(store, counting_random());
  DeskSecrets second(store, counting_random());
  const std::string secret = must(first.get("tracking_form"));
  EXPECT_EQ(secret.size(), 64u);
  EXPECT_EQ(must(second.get("tracking_form")), secret) << "another desk reads the stored one";
  const int reads = store.script().calls(DeskStateStep::find_secret);
  EXPECT_EQ(must(second.get("tracking_form")), secret);
  EXPECT_EQ(store.script().calls(DeskStateStep::find_secret), reads) << "cached";
  store.script().fail(DeskStateStep::find_secret, 0, FailureMode::once,
                      Error::make(ErrorCode::storage, "gone"));
  DeskSecrets third(store, counting_random());
  EXPECT_FALSE(third.get("tracking_form").ok());
  EXPECT_EQ(must(third.get("tracking_form")), secret);
}

}  // namespace
}  // namespace complaint
