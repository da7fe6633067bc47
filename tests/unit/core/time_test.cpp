// ISO 8601 times at the edges the fuzzer found: shapes date::parse must never
// see, years our clock cannot hold, and milliseconds that must survive a round
// trip.
#include "core/time.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

#include <optional>
#include <sstream>
#include <string>

namespace poblysh {
namespace {

TEST(Iso8601, AcceptsUtcOffsetsAndFractions) {
  auto utc = parse_iso8601("2026-05-04T09:30:00Z");
  ASSERT_TRUE(utc);
  EXPECT_EQ(format_iso8601_utc(*utc), "2026-05-04T09:30:00Z");
  auto zurich = parse_iso8601("2026-05-04T11:30:00+02:00");
  ASSERT_TRUE(zurich);
  EXPECT_EQ(*zurich, *utc);
  auto fraction = parse_iso8601("2026-05-04T09:30:00.250Z");
  ASSERT_TRUE(fraction);
  EXPECT_EQ(to_unix_ms(*fraction) - to_unix_ms(*utc), 250);
}

TEST(Iso8601, RefusesMalformedShapesBeforeParsing) {
  for (const char* text : {"", "2026-05-04", "2026-05-04T09:30Z", "2026-05-04T09:30:00", "2026-05-04 09:30:00Z",
                           "2026-05-04T08:00:+00:0200", "2026-05-04T09:30:00-+05:45", "2026-05-04T09:30:00.Z",
                           "2026-05-04T09:30:00+0200", "2026-05-04T09:30:00Z trailing", "２０２６-05-04T09:30:00Z"}) {
    auto parsed = parse_iso8601(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_input) << text;
  }
}

TEST(Iso8601, RefusesValuesOutOfRange) {
  for (const char* text : {"2026-13-04T09:30:00Z", "2026-05-04T25:30:00Z", "2026-02-30T09:30:00Z"}) {
    EXPECT_FALSE(parse_iso8601(text)) << text;
  }
}

TEST(Iso8601, RefusesYearsTheClockCannotHold) {
  EXPECT_FALSE(parse_iso8601("2300-01-01T00:00:00Z"));
  EXPECT_FALSE(parse_iso8601("9999-12-31T23:59:59Z"));
  EXPECT_FALSE(parse_iso8601("1600-01-01T00:00:00Z"));
  EXPECT_TRUE(parse_iso8601("2261-12-31T23:59:59Z"));
  EXPECT_TRUE(parse_iso8601("1970-01-01T00:00:00Z"));
}

// What parse_iso8601 did with date::parse before it read the fields itself: the reference.
std::optional<std::int64_t> date_parse_ms(std::string text) {
  if (text.back() == 'Z') {
    text.back() = '+';
    text += "00:00";
  }
  std::istringstream stream(text);
  date::sys_time<std::chrono::milliseconds> parsed;
  stream >> date::parse("%FT%T%Ez", parsed);
  if (stream.fail() || stream.peek() != std::char_traits<char>::eof()) return std::nullopt;
  return parsed.time_since_epoch().count();
}

TEST(Iso8601, ReadsFieldsAsDateParseDoes) {
  // Every combination of edge values: what date::parse refuses is refused, what it accepts
  // (within the years SystemTime holds) gives the same instant.
  const std::int64_t first_ms = to_unix_ms(SystemTime::min()) + 1;
  const std::int64_t last_ms = to_unix_ms(SystemTime::max()) - 1;
  int accepted = 0;
  for (const char* year : {"0000", "1677", "1678", "1969", "1970", "2024", "2026", "2261", "2262", "9999"}) {
    for (const char* month : {"00", "01", "02", "12", "13"}) {
      for (const char* day : {"00", "01", "28", "29", "31", "32"}) {
        for (const char* clock : {"00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "09:05:07"}) {
          for (const char* fraction : {"", ".5", ".25", ".125", ".1234", ".999"}) {
            for (const char* offset : {"Z", "z", "+00:00", "-00:00", "+05:45", "-12:00", "+99:59", "+05:60"}) {
              const std::string text = std::string(year) + "-" + month + "-" + day + "T" + clock + fraction + offset;
              const auto ours = parse_iso8601(text);
              const auto reference = std::string_view(offset) == "z"
                                         ? date_parse_ms(text.substr(0, text.size() - 1) + "Z")
                                         : date_parse_ms(text);
              const bool holds = reference && *reference > first_ms && *reference < last_ms;
              ASSERT_EQ(ours.has_value(), holds) << text;
              if (!ours) continue;
              ASSERT_EQ(to_unix_ms(*ours), *reference) << text;
              ++accepted;
            }
          }
        }
      }
    }
  }
  EXPECT_GT(accepted, 1000);
}

TEST(Iso8601, FormatsUtcLikeDateFormatToTheSecond) {
  // format_iso8601_utc writes its digits itself; date::format is the reference it must match.
  const std::int64_t start = to_unix_ms(*parse_iso8601("1700-01-01T00:00:00Z"));
  const std::int64_t end = to_unix_ms(*parse_iso8601("2260-01-01T00:00:00Z"));
  for (std::int64_t ms = start; ms < end; ms += 86'399'937'123) {
    const auto time = from_unix_ms(ms);
    ASSERT_EQ(format_iso8601_utc(time), date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(time))) << ms;
  }
  EXPECT_EQ(format_iso8601_utc(*parse_iso8601("1969-12-31T23:59:59.5Z")), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_iso8601_utc(*parse_iso8601("2026-05-04T09:30:00+02:00")), "2026-05-04T07:30:00Z");
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

}  // namespace
}  // namespace poblysh
