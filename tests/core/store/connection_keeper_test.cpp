// ConnectionKeeper with FakeDatabaseLink and a FixedClock: a lost connection is retried at
// once, then after growing waits (no attempt in between), given up on only after the policy's
// time; and the fault siblings: connects that fail once, fail from then on, or fail at start.
#include "core/store/connection_keeper.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/store/fake_database_link.h"

namespace complaint {
namespace {

using std::chrono::seconds;

const Instant kStart = Instant{seconds{1795400000}};

Error refused() {
  return Error::make(ErrorCode::unavailable, "connection refused", "PQconnectdb");
}

// One link and its generation, as a pg::Session holds them.
class OneLinkKeeper {
 public:
  OneLinkKeeper(DatabaseLink& link, const Clock& clock, ReconnectPolicy policy, DatabaseLog log = {},
                std::function<double()> jitter = {})
      : m_link(link), m_keeper(clock, policy, std::move(log), std::move(jitter)) {}
  Result<void> open() { return m_keeper.open(m_link, m_generation); }
  Result<void> ensure() { return m_keeper.ensure(m_link, m_generation); }
  void lost(const std::string& why) { m_keeper.lost(m_link, why); }
  DatabaseState state() const { return m_keeper.state(); }

 private:
  DatabaseLink& m_link;
  ConnectionKeeper m_keeper;
  ConnectionKeeper::Generation m_generation = ConnectionKeeper::kNeverConnected;
};

class ConnectionKeeperTest : public ::testing::Test {
 protected:
  // base 1 s, cap 8 s, jitter at its top: the waits are exactly 1, 2, 4, 8, 8 s.
  ReconnectPolicy policy{{std::chrono::milliseconds(1000), std::chrono::milliseconds(8000)}, seconds(60)};
  FakeDatabaseLink link;
  FixedClock clock{kStart};
  std::vector<std::string> log;
  double jitter = 1.0;
  OneLinkKeeper keeper{link, clock, policy, [this](std::string_view line) { log.emplace_back(line); },
                       [this] { return jitter; }};
};

TEST_F(ConnectionKeeperTest, AnOpenConnectionIsUsedAsItIs) {
  ASSERT_TRUE(keeper.open().ok());
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(keeper.ensure().ok());
  EXPECT_EQ(link.connects(), 1);
  EXPECT_TRUE(keeper.state().up);
  EXPECT_TRUE(log.empty());
}

TEST_F(ConnectionKeeperTest, ALostConnectionIsRetriedAtOnceThenAfterGrowingWaitsAndNeverInBetween) {
  ASSERT_TRUE(keeper.open().ok());
  link.faults().fail(LinkOperation::connect, 0, FailureMode::from_then_on, refused());
  keeper.lost("server closed the connection unexpectedly");
  EXPECT_FALSE(link.connected());
  EXPECT_EQ(link.disconnects(), 1);
  EXPECT_FALSE(keeper.state().up);
  EXPECT_EQ(keeper.state().down_since, kStart);

  // The first attempt at once; then 1, 2, 4, 8 and 8 s (capped) apart.
  int attempts = 1;
  for (const int wait : {0, 1, 2, 4, 8, 8}) {
    if (wait > 1) {
      clock.advance(seconds(wait - 1));
      const auto early = keeper.ensure();
      ASSERT_FALSE(early.ok());
      EXPECT_EQ(early.error().code, ErrorCode::unavailable);
      EXPECT_EQ(link.connects(), attempts) << "an attempt before its wait of " << wait << " s";
      EXPECT_EQ(keeper.state().retry_after, seconds(1));
      clock.advance(seconds(1));
    } else {
      clock.advance(seconds(wait));
    }
    const auto attempt = keeper.ensure();
    ASSERT_FALSE(attempt.ok());
    EXPECT_EQ(attempt.error().code, ErrorCode::unavailable);
    EXPECT_EQ(http_status_for(attempt.error()), 503);
    EXPECT_NE(attempt.error().message.find("connection refused"), std::string::npos)
        << attempt.error().message;
    EXPECT_EQ(link.connects(), ++attempts);
  }
  EXPECT_EQ(keeper.state().failed_attempts, 6);
  EXPECT_EQ(keeper.state().retry_after, seconds(8));
  EXPECT_EQ(keeper.state().last_error, "connection refused");

  link.faults().clear();
  clock.advance(seconds(8));
  ASSERT_TRUE(keeper.ensure().ok());
  EXPECT_TRUE(link.connected());
  const DatabaseState state = keeper.state();
  EXPECT_TRUE(state.up);
  EXPECT_EQ(state.failed_attempts, 0);
  EXPECT_FALSE(state.down_since.has_value());
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.front(), "database: connection lost: server closed the connection unexpectedly");
  EXPECT_EQ(log.back(), "database: reconnected after 31 s (6 failed attempts)");
}

TEST_F(ConnectionKeeperTest, AServerBackAtOnceCostsNoWait) {
  ASSERT_TRUE(keeper.open().ok());
  keeper.lost("terminating connection due to administrator command");
  ASSERT_TRUE(keeper.ensure().ok());  // same second: the first attempt needs no wait
  EXPECT_EQ(link.connects(), 2);
  EXPECT_TRUE(keeper.state().up);
}

TEST_F(ConnectionKeeperTest, AnAttemptThatFailsOnceIsFollowedByTheFirstWaitOnly) {
  ASSERT_TRUE(keeper.open().ok());
  link.faults().fail(LinkOperation::connect, 0, FailureMode::once, refused());
  keeper.lost("admin shutdown");
  EXPECT_FALSE(keeper.ensure().ok());
  EXPECT_FALSE(keeper.ensure().ok());  // no second attempt in the same second
  EXPECT_EQ(link.connects(), 2);
  clock.advance(seconds(1));
  EXPECT_TRUE(keeper.ensure().ok());
  EXPECT_EQ(link.connects(), 3);
}

TEST_F(ConnectionKeeperTest, JitterDrawsTheWaitFromTheUpperHalf) {
  jitter = 0.0;
  ASSERT_TRUE(keeper.open().ok());
  link.faults().fail(LinkOperation::connect, 0, FailureMode::from_then_on, refused());
  keeper.lost("gone");
  for (int i = 0; i < 4; ++i) {
    EXPECT_FALSE(keeper.ensure().ok());
    clock.advance(keeper.state().retry_after);
  }
  // Waits of 0.5 -> 1 (rounded up to the clock's second), 1, 2 and 4 s: half the full ones.
  EXPECT_EQ(keeper.state().failed_attempts, 4);
  EXPECT_EQ(clock.now() - kStart, seconds(1 + 1 + 2 + 4));
}

TEST_F(ConnectionKeeperTest, ASecondLossWhileDownKeepsWhenItWasLost) {
  ASSERT_TRUE(keeper.open().ok());
  keeper.lost("first");
  clock.advance(seconds(5));
  keeper.lost("second");
  EXPECT_EQ(keeper.state().down_since, kStart);
  EXPECT_EQ(keeper.state().last_error, "first");
  EXPECT_EQ(link.disconnects(), 2);  // closed again all the same: nothing is sent on it
}

TEST_F(ConnectionKeeperTest, GivenUpOnlyAfterThePolicysTimeAndNeverWhenItIsZero) {
  ASSERT_TRUE(keeper.open().ok());
  link.faults().fail(LinkOperation::connect, 0, FailureMode::from_then_on, refused());
  keeper.lost("gone");
  clock.advance(seconds(59));
  EXPECT_FALSE(keeper.state().given_up);
  clock.advance(seconds(1));
  EXPECT_TRUE(keeper.state().given_up);
  link.faults().clear();
  ASSERT_TRUE(keeper.ensure().ok());
  EXPECT_FALSE(keeper.state().given_up);

  FakeDatabaseLink other;
  OneLinkKeeper patient(other, clock, ReconnectPolicy{});  // give_up_after 0
  ASSERT_TRUE(patient.open().ok());
  other.faults().fail(LinkOperation::connect, 0, FailureMode::from_then_on, refused());
  patient.lost("gone");
  clock.advance(seconds(86400));
  EXPECT_FALSE(patient.state().given_up);
}

TEST_F(ConnectionKeeperTest, AFailedOpenIsReturnedAsItIsAndBacksOff) {
  link.faults().fail(LinkOperation::connect, 0, FailureMode::once, refused());
  const auto opened = keeper.open();
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().call, "PQconnectdb");
  EXPECT_FALSE(keeper.state().up);
  EXPECT_FALSE(keeper.ensure().ok());
  EXPECT_EQ(link.connects(), 1);
  clock.advance(seconds(1));
  EXPECT_TRUE(keeper.ensure().ok());
}

// A pool's connections share one keeper: one state, one backoff.
class SharedConnectionKeeperTest : public ::testing::Test {
 protected:
  ReconnectPolicy policy{{std::chrono::milliseconds(1000), std::chrono::milliseconds(8000)}, seconds(60)};
  FixedClock clock{kStart};
  ConnectionKeeper keeper{clock, policy, {}, [] { return 1.0; }};
  FakeDatabaseLink first;
  FakeDatabaseLink second;
  ConnectionKeeper::Generation first_generation = ConnectionKeeper::kNeverConnected;
  ConnectionKeeper::Generation second_generation = ConnectionKeeper::kNeverConnected;

  void SetUp() override {
    ASSERT_TRUE(keeper.open(first, first_generation).ok());
    ASSERT_TRUE(keeper.open(second, second_generation).ok());
  }
};

TEST_F(SharedConnectionKeeperTest, OneConnectionBackMeansTheOthersReconnectAtOnceNotAfterABackoff) {
  // The server restarts: the first connection finds out, cannot reconnect for a while.
  first.faults().fail(LinkOperation::connect, 0, FailureMode::once, refused());
  keeper.lost(first, "terminating connection due to administrator command");
  EXPECT_FALSE(keeper.ensure(first, first_generation).ok());  // the attempt at once fails
  EXPECT_FALSE(keeper.state().up);
  // The second connection does not try before the shared backoff is over...
  EXPECT_FALSE(keeper.ensure(second, second_generation).ok());
  EXPECT_EQ(second.connects(), 1);
  // ...and once the first is back, the second, connected before the loss, reconnects at once.
  clock.advance(seconds(1));
  ASSERT_TRUE(keeper.ensure(first, first_generation).ok());
  EXPECT_TRUE(keeper.state().up);
  ASSERT_TRUE(keeper.ensure(second, second_generation).ok());
  EXPECT_EQ(second.connects(), 2);
  EXPECT_TRUE(second.connected());
  // Both are current now: no more reconnects.
  EXPECT_TRUE(keeper.ensure(first, first_generation).ok());
  EXPECT_TRUE(keeper.ensure(second, second_generation).ok());
  EXPECT_EQ(first.connects(), 3);
  EXPECT_EQ(second.connects(), 2);
}

TEST_F(SharedConnectionKeeperTest, ASuspectConnectionThatCannotReconnectTakesTheWholePoolDown) {
  keeper.lost(first, "server closed the connection unexpectedly");
  ASSERT_TRUE(keeper.ensure(first, first_generation).ok());  // back at once
  second.faults().fail(LinkOperation::connect, 0, FailureMode::from_then_on, refused());
  const auto suspect = keeper.ensure(second, second_generation);
  ASSERT_FALSE(suspect.ok());
  EXPECT_EQ(suspect.error().code, ErrorCode::unavailable);
  EXPECT_FALSE(keeper.state().up);
  // The first connection is suspect again too: it waits for the shared backoff.
  EXPECT_FALSE(keeper.ensure(first, first_generation).ok());
  EXPECT_EQ(first.connects(), 2);
}

}  // namespace
}  // namespace complaint
