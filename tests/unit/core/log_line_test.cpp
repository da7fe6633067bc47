#include "core/log_line.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

using namespace poblysh;
using nlohmann::json;

TEST(LogLine, WritesMsgFirstThenTheFieldsInOrder) {
  const auto line = LogLine("email sent").number("outbox_id", 42).flag("retry", false).null("interview_id").str();
  EXPECT_EQ(line, R"({"msg":"email sent","outbox_id":42,"retry":false,"interview_id":null})");
}

// What an attacker or another program may put into a field: quotes, newlines, control
// characters, bytes that are not UTF-8, braces that look like a format string.
TEST(LogLine, EveryTextIsEscapedIntoOneValidObject) {
  const std::string hostile = "a\"b\\c\nd\te\x01{}\x7f";
  const std::string broken = std::string("bad \xff\xfe byte");
  const auto line = LogLine(hostile).text("path", hostile).text(hostile, "key").text("broken", broken).str();
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto parsed = json::parse(line);
  EXPECT_EQ(parsed["msg"], hostile);
  EXPECT_EQ(parsed["path"], hostile);
  EXPECT_EQ(parsed[hostile], "key");
  EXPECT_EQ(parsed["broken"], "bad \xEF\xBF\xBD\xEF\xBF\xBD byte");
}

TEST(LogLine, NumbersKeepTheirValueAndNonFiniteOnesBecomeNull) {
  const auto line = LogLine("figures")
                        .number("min", std::numeric_limits<std::int64_t>::min())
                        .number("size", std::size_t{18446744073709551})
                        .decimal("ms", 0.1234567, 3)
                        .decimal("share", 1.0 / 3.0)
                        .decimal("nan", std::nan(""), 3)
                        .decimal("inf", std::numeric_limits<double>::infinity())
                        .str();
  const auto parsed = json::parse(line);
  EXPECT_EQ(parsed["min"], std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(parsed["size"], 18446744073709551);
  EXPECT_NE(line.find(R"("ms":0.123)"), std::string::npos) << line;
  EXPECT_EQ(parsed["share"].get<double>(), 1.0 / 3.0);
  EXPECT_TRUE(parsed["nan"].is_null());
  EXPECT_TRUE(parsed["inf"].is_null());
}

TEST(LogLine, AFragmentAddsItsFieldsToALine) {
  const auto fragment = LogLine::fragment().text("trigger", "BOOKING_CREATED").number("delivery_id", 7).str();
  EXPECT_EQ(fragment, R"(,"trigger":"BOOKING_CREATED","delivery_id":7)");
  EXPECT_EQ(LogLine::fragment().str(), "");
  const auto line = LogLine("request").number("status", 200).fields(fragment).str();
  EXPECT_EQ(json::parse(line)["delivery_id"], 7);
}
