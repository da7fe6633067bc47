// What a request tells about itself: cookies, headers, and the client's address behind a proxy.
#include "http/message.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace poblysh::http {
namespace {

TEST(Request, ReadsCookiesAndHeadersCaseInsensitively) {
  Request request;
  request.headers = {{"cookie", "a=1; poblysh_session=abc; b=2"}, {"X-Thing", "v"}};
  EXPECT_EQ(request.cookie("poblysh_session"), "abc");
  EXPECT_FALSE(request.cookie("missing"));
  EXPECT_EQ(request.header("x-thing"), "v");
}

TEST(ClientAddress, OnlyATrustedProxyMayNameTheClient) {
  const std::vector<std::string> proxies{"127.0.0.1", "10.0.0.5"};
  // No proxies configured, or a peer that is not one: the header is the
  // client's own invention.
  EXPECT_EQ(http::client_address("203.0.113.9", "198.51.100.1", {}), "203.0.113.9");
  EXPECT_EQ(http::client_address("203.0.113.9", "198.51.100.1", proxies), "203.0.113.9");
  // Through the proxy: the right-most address that is not a trusted hop.
  EXPECT_EQ(http::client_address("127.0.0.1", "198.51.100.1", proxies), "198.51.100.1");
  EXPECT_EQ(http::client_address("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.5", proxies), "198.51.100.1");
  EXPECT_EQ(http::client_address("127.0.0.1", "2001:db8::1", proxies), "2001:db8::1");
  // Only proxies in the list: the left-most. Malformed or missing: the peer.
  EXPECT_EQ(http::client_address("127.0.0.1", "10.0.0.5", proxies), "10.0.0.5");
  EXPECT_EQ(http::client_address("127.0.0.1", "evil<script>", proxies), "127.0.0.1");
  EXPECT_EQ(http::client_address("127.0.0.1", "198.51.100.1,,", proxies), "127.0.0.1");
  EXPECT_EQ(http::client_address("127.0.0.1", std::nullopt, proxies), "127.0.0.1");
  // A dual-stack listener sees an IPv4 proxy as an IPv4-mapped IPv6 address.
  EXPECT_EQ(http::client_address("::ffff:127.0.0.1", "198.51.100.1", proxies), "198.51.100.1");
  EXPECT_EQ(http::client_address("::ffff:203.0.113.9", "198.51.100.1", proxies), "203.0.113.9");
}

}  // namespace
}  // namespace poblysh::http
