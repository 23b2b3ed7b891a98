// client_address: X-Forwarded-For is believed only from a trusted proxy, and only up to the
// first hop that is not a trusted proxy (a client may write anything left of that).
#include "desk/client_address.h"

#include <gtest/gtest.h>

namespace complaint::desk {
namespace {

std::vector<IpAddress> proxies(std::initializer_list<const char*> texts) {
  std::vector<IpAddress> out;
  for (const char* text : texts) out.push_back(*parse_ip_address(text));
  return out;
}

TEST(ClientAddress, WithoutTrustedProxiesTheHeaderIsIgnored) {
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.5", {}), "127.0.0.1");
  EXPECT_EQ(client_address("198.51.100.7", "203.0.113.5", proxies({"127.0.0.1"})), "198.51.100.7")
      << "a peer that is not a trusted proxy cannot name another client";
}

TEST(ClientAddress, BehindTrustedProxiesTheNearestUntrustedHopIsTheClient) {
  const auto trusted = proxies({"127.0.0.1", "10.0.0.2"});
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.5", trusted), "203.0.113.5");
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.5, 10.0.0.2", trusted), "203.0.113.5");
  EXPECT_EQ(client_address("::ffff:127.0.0.1", "1.2.3.4, 203.0.113.5", trusted), "203.0.113.5")
      << "what the client prepended is not believed";
  EXPECT_EQ(client_address("127.0.0.1", "2001:db8::1", trusted), "2001:db8::1");
  EXPECT_EQ(client_address("127.0.0.1", "", trusted), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "10.0.0.2", trusted), "127.0.0.1") << "only proxies: the peer";
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.5, not-an-address", trusted), "127.0.0.1")
      << "garbage in the nearest hop: the proxy is the last hop known";
}

TEST(IpAddress, ComparesByValueNotSpelling) {
  EXPECT_EQ(parse_ip_address("::ffff:10.0.0.1"), parse_ip_address("10.0.0.1"));
  EXPECT_EQ(parse_ip_address("0:0::1"), parse_ip_address("::1"));
  EXPECT_NE(parse_ip_address("10.0.0.1"), parse_ip_address("10.0.0.2"));
  EXPECT_FALSE(parse_ip_address("desk.example"));
  EXPECT_FALSE(parse_ip_address("10.0.0.0/8"));
  EXPECT_FALSE(parse_ip_address(""));
}

}  // namespace
}  // namespace complaint::desk
