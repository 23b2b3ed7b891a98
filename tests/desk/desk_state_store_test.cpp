// The console's shared state on both desk stores (SQLite and PostgreSQL): sessions survive a
// reopen and are stored only as hashes, the sign-in limit holds for parallel attempts made
// through two stores on one database (two desks), and every desk gets the same secret.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/desk_state/desk_secrets.h"
#include "core/desk_state/login_throttle.h"
#include "core/desk_state/staff_sessions.h"
#include "desk_store_fixture.h"

namespace complaint::testing {
namespace {

using namespace std::chrono_literals;

class DeskStateStoreTest : public DeskStoreFixture {
 protected:
  static std::function<std::string()> random() {
    return [] {
      static std::atomic<int> next{0};
      return std::to_string(++next) + std::string(31, 'a');
    };
  }
  static std::string hash(const std::string& id) { return "h:" + std::string(id.rbegin(), id.rend()); }
};

TEST_P(DeskStateStoreTest, SessionsOutliveAReopenExpireAndEnd) {
  StaffSessions sessions(*state, random(), hash, SessionLimits{30min, 2h});
  const StaffSession session = must(sessions.start("sam", Role::supervisor, kNow));
  reopen();  // the desk restarting
  StaffSessions after(*state, random(), hash, SessionLimits{30min, 2h});
  const auto live = must(after.touch(session.id, kNow + 20min));
  ASSERT_TRUE(live.has_value());
  EXPECT_EQ(live->user, "sam");
  EXPECT_EQ(live->role, Role::supervisor);
  EXPECT_EQ(live->csrf, session.csrf);
  EXPECT_TRUE(must(after.touch(session.id, kNow + 45min))) << "the touch at 20 min restarted the idle clock";
  EXPECT_FALSE(must(after.touch(session.id, kNow + 80min)));
  EXPECT_FALSE(must(after.touch(session.id, kNow + 45min))) << "an expired session is gone for good";

  const StaffSession other = must(after.start("ann", Role::dispatcher, kNow));
  ASSERT_TRUE(
      raw_sql("UPDATE staff_sessions SET user_name = 'ann2' WHERE id_hash = '" + hash(other.id) + "'"));
  EXPECT_EQ(must(after.touch(other.id, kNow))->user, "ann2") << "the row is keyed by the id's hash";
  must(after.end(other.id));
  EXPECT_FALSE(must(after.touch(other.id, kNow)));
}

TEST_P(DeskStateStoreTest, TheSignInLimitHoldsForParallelAttemptsThroughTwoDesks) {
  // A second desk: its own stores (connections) on the same database.
  DeskStores second = must(open_desk_stores(database()));
  LoginThrottle desk_a(*state, ThrottleLimits{5, 1000, 10min});
  LoginThrottle desk_b(second.state(), ThrottleLimits{5, 1000, 10min});
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      const auto attempt = (i % 2 == 0 ? desk_a : desk_b).admit("sam", "10.0.0." + std::to_string(i), kNow);
      if (attempt.ok() && attempt->admitted()) ++admitted;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(admitted.load(), 5);

  // The window passes on both desks; a success clears the account but not the address.
  const auto later = must(desk_b.admit("sam", "10.0.0.1", kNow + 10min));
  ASSERT_TRUE(later.admitted());
  must(desk_b.succeeded(later, "sam"));
  EXPECT_TRUE(must(desk_a.admit("sam", "10.0.0.1", kNow + 10min + 1s)).admitted());
}

TEST_P(DeskStateStoreTest, EveryDeskGetsTheSameSecretAndKeepsItAcrossRestarts) {
  DeskStores second = must(open_desk_stores(database()));
  DeskSecrets desk_a(*state, random());
  DeskSecrets desk_b(second.state(), random());
  const std::string secret = must(desk_b.get("tracking_form"));
  EXPECT_EQ(secret.size(), 64u);
  EXPECT_EQ(must(desk_a.get("tracking_form")), secret);
  EXPECT_NE(must(desk_a.get("other")), secret);
  reopen();
  DeskSecrets restarted(*state, random());
  EXPECT_EQ(must(restarted.get("tracking_form")), secret);
}

INSTANTIATE_TEST_SUITE_P(BothStores, DeskStateStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
