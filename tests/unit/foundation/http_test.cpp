#include <gtest/gtest.h>

#include <limits>

#include "core/time.hpp"
#include "http/api/json_io.hpp"
#include "http/api/render.hpp"
#include "http/router.hpp"

using namespace poblysh;
using namespace poblysh::http;

TEST(Router, MatchesParametersAndTellsMethodFromPath) {
  Router router({{Method::get, "/api/v1/startups/:id/contacts", [](Request&) { return Response::text(200, "ok"); }},
                 {Method::get, "/api/v1/startups", [](Request&) { return Response::text(200, "list"); }}});
  auto match = router.match(Method::get, "/api/v1/startups/42/contacts");
  ASSERT_NE(match.handler, nullptr);
  EXPECT_EQ(match.params.at("id"), "42");
  EXPECT_EQ(router.match(Method::get, "/api/v1/startups/").handler != nullptr,
            true);  // trailing slash
  auto wrong_method = router.match(Method::post, "/api/v1/startups");
  EXPECT_EQ(wrong_method.handler, nullptr);
  EXPECT_TRUE(wrong_method.path_exists);
  EXPECT_FALSE(router.match(Method::get, "/api/v1/nothing").path_exists);
  EXPECT_EQ(router.match(Method::get, "/api/v1/startups/a%20b/contacts").params.at("id"), "a b");
}

TEST(Request, ReadsCookiesAndHeadersCaseInsensitively) {
  Request request;
  request.headers = {{"cookie", "a=1; poblysh_session=abc; b=2"}, {"X-Thing", "v"}};
  EXPECT_EQ(request.cookie("poblysh_session"), "abc");
  EXPECT_FALSE(request.cookie("missing"));
  EXPECT_EQ(request.header("x-thing"), "v");
}

TEST(Pagination, CursorsRoundTripAndBadOnesAreRefused) {
  Request request;
  request.query.emplace("cursor", api::encode_cursor("zoë smith", 17));
  request.query.emplace("limit", "20");
  auto page = api::page_request(request);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->after_key, "zoë smith");
  EXPECT_EQ(page->after_id, 17);
  EXPECT_EQ(page->limit, 20);
  Request bad;
  bad.query.emplace("cursor", "xyz");
  EXPECT_FALSE(api::page_request(bad));
  Request big;
  big.query.emplace("limit", "201");
  EXPECT_FALSE(api::page_request(big));
}

TEST(Time, ParsesTheFormsCalComSends) {
  const auto expected = parse_iso8601("2026-03-29T01:30:00Z");
  ASSERT_TRUE(expected);
  for (const char* same : {"2026-03-29T01:30:00+00:00", "2026-03-29T01:30:00.000Z", "2026-03-29T03:30:00+02:00"}) {
    auto parsed = parse_iso8601(same);
    ASSERT_TRUE(parsed) << same;
    EXPECT_EQ(*parsed, *expected) << same;
  }
  EXPECT_EQ(format_iso8601_utc(*expected), "2026-03-29T01:30:00Z");
  EXPECT_FALSE(parse_iso8601("29/03/2026"));
  EXPECT_FALSE(parse_iso8601("2026-03-29T01:30:00Zjunk"));
  EXPECT_FALSE(parse_iso8601(""));
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

TEST(JsonWriter, WritesAContactAsRenderDoes) {
  domain::Contact contact;
  contact.id = 7;
  contact.startup_id = 3;
  contact.fields = {"Tomás Álvarez", "tomas@northwind.example", "CTO \"tech\"", "Northwind Robotics", std::nullopt};
  contact.created_at = SystemTime(std::chrono::milliseconds(1'764'000'000'123));
  contact.updated_at = SystemTime(std::chrono::milliseconds(1'764'000'100'000));
  for (const auto& phone : {std::optional<std::string>(), std::optional<std::string>("+49 30 1234")}) {
    contact.fields.phone = phone;
    api::JsonWriter out;
    api::write(out, contact);
    EXPECT_EQ(out.take(), api::render(contact).dump());
  }
}

// JsonWriter writes answers as text; json_response's dump of the same DOM is the reference,
// escaping included (quotes, control characters, non-ASCII, invalid UTF-8 replaced).
TEST(JsonWriter, WritesWhatTheDomWouldDump) {
  const std::vector<std::string> texts{"", "plain", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak",
                                       std::string("nul\0byte", 8), "del\x7f", "Yılmaz — 東京", "bad \xff\xfe utf-8",
                                       "cut \xe6\x9d", "</script>"};
  api::json dom = api::json::object();
  api::json list = api::json::array();
  for (const auto& text : texts) list.push_back(text);
  dom["a_texts"] = list;
  dom["b_numbers"] = {std::int64_t{-9'223'372'036'854'775'807} - 1, 0, 42, std::numeric_limits<std::uint64_t>::max()};
  dom["c_flags"] = {true, false, nullptr};
  dom["d_nested"] = {{"empty_array", api::json::array()}, {"empty_object", api::json::object()}, {"x", 1}};

  api::JsonWriter out;
  out.begin_object().key("a_texts").begin_array();
  for (const auto& text : texts) out.value(text);
  out.end_array().key("b_numbers").begin_array();
  out.value(std::int64_t{-9'223'372'036'854'775'807} - 1).value(0).value(std::int64_t{42});
  out.value(std::numeric_limits<std::uint64_t>::max()).end_array();
  out.key("c_flags").begin_array().value(true).value(false).value(nullptr).end_array();
  out.key("d_nested").begin_object().key("empty_array").begin_array().end_array();
  out.key("empty_object").value(api::json::object()).key("x").value(std::optional<std::int64_t>(1)).end_object();
  out.end_object();
  EXPECT_EQ(out.take(), api::json_response(200, dom).body);
  EXPECT_EQ(out.value(std::optional<std::int64_t>()).take(), "null");  // reusable after take()
}
