// The API's JSON: page cursors, and JsonWriter, which must write what rendering the DOM would.
#include "http/api/json_io.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "http/api/render.hpp"

namespace poblysh::http {
namespace {

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
  const std::vector<std::string> texts{"",
                                       "plain",
                                       "say \"hi\"",
                                       "back\\slash",
                                       "tab\there",
                                       "line\nbreak",
                                       std::string("nul\0byte", 8),
                                       "del\x7f",
                                       "Yılmaz — 東京",
                                       "bad \xff\xfe utf-8",
                                       "cut \xe6\x9d",
                                       "</script>"};
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

}  // namespace
}  // namespace poblysh::http
