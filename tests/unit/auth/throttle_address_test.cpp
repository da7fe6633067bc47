// Sign-in attempts are counted per client address; an IPv6 client holds a whole /64.
#include <gtest/gtest.h>

#include "auth/auth_service.hpp"

namespace poblysh::auth {
namespace {

TEST(ThrottledAddress, AnIpv6ClientIsCountedByItsSlash64) {
  EXPECT_EQ(throttled_address("2001:db8:1:2::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(throttled_address("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
  EXPECT_NE(throttled_address("2001:db8:1:3::1"), throttled_address("2001:db8:1:2::1"));
}

TEST(ThrottledAddress, Ipv4AndAnythingElseStayAsTheyAre) {
  EXPECT_EQ(throttled_address("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(throttled_address("::ffff:203.0.113.7"), "::ffff:203.0.113.7");
  EXPECT_EQ(throttled_address("not-an-address"), "not-an-address");
}

}  // namespace
}  // namespace poblysh::auth
