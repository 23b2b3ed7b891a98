// ConnectionGuard (desk/connection_guard.h) with time passed in: the per-address cap (proxies
// exempt, IPv6 by /64), and the header and body deadlines that close slow connections.
#include "desk/connection_guard.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace complaint::desk {
namespace {

using std::chrono::seconds;

IpAddress ip(const char* text) {
  return parse_ip_address(text).value();
}

class ConnectionGuardTest : public ::testing::Test {
 protected:
  ConnectionGuardTest() : m_guard(limits(), {ip("10.0.0.1")}) {}

  static ConnectionLimits limits() {
    ConnectionLimits limits;
    limits.max_per_address = 3;
    limits.header_timeout = seconds(10);
    limits.body_timeout = seconds(30);
    return limits;
  }
  // Opens as many connections from `address` as the guard lets in, from id `first` on.
  int open_all(const char* address, ConnectionGuard::Id first, int tries = 10) {
    int opened = 0;
    for (int i = 0; i < tries; ++i) {
      if (!m_guard.may_open(ip(address))) continue;
      m_guard.opened(first + static_cast<ConnectionGuard::Id>(i), ip(address), m_start);
      ++opened;
    }
    return opened;
  }

  std::chrono::steady_clock::time_point m_start{seconds(1000)};
  ConnectionGuard m_guard;
};

TEST_F(ConnectionGuardTest, EachAddressMayHoldTheCapAndGetsItBackOnClose) {
  EXPECT_EQ(open_all("192.0.2.1", 1), 3);
  EXPECT_EQ(open_all("192.0.2.2", 101), 3) << "another address counts on its own";
  EXPECT_FALSE(m_guard.may_open(ip("192.0.2.1")));
  EXPECT_TRUE(m_guard.first_refusal(ip("192.0.2.1")));
  EXPECT_FALSE(m_guard.first_refusal(ip("192.0.2.1"))) << "logged once while over the cap";
  m_guard.closed(2);
  EXPECT_TRUE(m_guard.may_open(ip("192.0.2.1")));
  EXPECT_EQ(m_guard.open_from(ip("192.0.2.1")), 2);
  EXPECT_EQ(m_guard.open_connections(), 5u);
}

TEST_F(ConnectionGuardTest, ATrustedProxyIsNotCapped) {
  EXPECT_EQ(open_all("10.0.0.1", 1, 50), 50);
  EXPECT_EQ(m_guard.open_from(ip("10.0.0.1")), 0);
}

TEST_F(ConnectionGuardTest, AnIpv6ClientCountsByItsSlash64) {
  EXPECT_EQ(open_all("2001:db8:1:2::1", 1, 2), 2);
  EXPECT_EQ(open_all("2001:db8:1:2:ffff::9", 11, 5), 1) << "the same /64";
  EXPECT_EQ(open_all("2001:db8:1:3::1", 21, 5), 3) << "the next /64";
  EXPECT_EQ(open_all("::ffff:192.0.2.9", 31, 5), 3) << "IPv4 addresses stay whole";
}

TEST_F(ConnectionGuardTest, HeadersAndBodyMustArriveInTime) {
  for (ConnectionGuard::Id id : {1, 2, 3}) m_guard.opened(id, ip("192.0.2.1"), m_start);
  m_guard.headers_received(2, m_start + seconds(2));  // body due at 32 s
  m_guard.headers_received(3, m_start + seconds(2));
  m_guard.request_received(3);  // with the handler: no deadline
  EXPECT_TRUE(m_guard.overdue(m_start + seconds(9)).empty());
  EXPECT_EQ(m_guard.overdue(m_start + seconds(10)), std::vector<ConnectionGuard::Id>{1})
      << "headers not complete within 10 s";
  EXPECT_EQ(m_guard.overdue(m_start + seconds(32)).size(), 2u) << "and the body not within 30 s more";
  EXPECT_EQ(m_guard.idle().size(), 2u) << "the one with the handler is busy";
  m_guard.answered(3, m_start + seconds(100));
  EXPECT_EQ(m_guard.overdue(m_start + seconds(109)).size(), 2u);
  EXPECT_EQ(m_guard.overdue(m_start + seconds(110)).size(), 3u)
      << "after the answer, the next request's headers have 10 s";
}

}  // namespace
}  // namespace complaint::desk
