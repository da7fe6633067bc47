// Times in an IANA zone: the local time and the display text the emails and pages show.
#include "core/zone_time.hpp"

#include <date/tz.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/time.hpp"

namespace poblysh {
namespace {

TEST(TimeZones, LocalTimesFollowDaylightSaving) {
  EXPECT_TRUE(is_known_zone("Europe/Berlin"));
  EXPECT_FALSE(is_known_zone("Europe/Atlantis"));
  EXPECT_FALSE(is_known_zone(""));
  // 2027-03-28 01:00 UTC is the switch: before it Berlin is +01:00, after it +02:00.
  const auto before = *parse_iso8601("2027-03-28T00:30:00Z");
  const auto after = *parse_iso8601("2027-03-28T01:30:00Z");
  EXPECT_EQ(in_zone(before, "Europe/Berlin").local, "2027-03-28T01:30:00+01:00");
  EXPECT_EQ(in_zone(after, "Europe/Berlin").local, "2027-03-28T03:30:00+02:00");
}

TEST(TimeZones, DisplayNamesTheDayAndTheZonesAbbreviation) {
  const auto time = *parse_iso8601("2026-03-29T01:30:45Z");
  const auto berlin = in_zone(time, "Europe/Berlin");
  EXPECT_EQ(berlin.zone, "Europe/Berlin");
  EXPECT_EQ(berlin.local, "2026-03-29T03:30:45+02:00");
  EXPECT_EQ(berlin.display, "Sun 29 Mar 2026, 03:30 CEST");
  EXPECT_EQ(in_zone(time, "America/New_York").display, "Sat 28 Mar 2026, 21:30 EDT");
  EXPECT_EQ(in_zone(time, "Asia/Kolkata").local, "2026-03-29T07:00:45+05:30");
  EXPECT_EQ(in_zone(time, "Europe/Atlantis").local, "2026-03-29T01:30:45+00:00");
}

// in_zone writes its text by hand for speed; date::format is the reference it must match, also
// across daylight-saving switches, negative and half-hour offsets and far-off years.
TEST(TimeZones, LocalTimesMatchDateFormat) {
  const std::vector<std::string> zones{"UTC",
                                       "Europe/Berlin",
                                       "America/New_York",
                                       "Asia/Kolkata",
                                       "Australia/Lord_Howe",
                                       "America/St_Johns",
                                       "Pacific/Kiritimati",
                                       "Africa/Monrovia"};
  const std::int64_t start = to_unix_ms(*parse_iso8601("1900-01-01T00:00:00Z"));
  const std::int64_t end = to_unix_ms(*parse_iso8601("2200-01-01T00:00:00Z"));
  const std::int64_t step = (end - start) / 3001 + 7'919'777;  // irregular, to hit every minute and weekday
  for (const auto& name : zones) {
    const auto* zone = date::locate_zone(name);
    for (std::int64_t ms = start; ms < end; ms += step) {
      const auto time = from_unix_ms(ms);
      const auto zoned = date::make_zoned(zone, std::chrono::floor<std::chrono::seconds>(time));
      const auto local = in_zone(time, name);
      ASSERT_EQ(local.local, date::format("%FT%T%Ez", zoned)) << name << " " << ms;
      ASSERT_EQ(local.display, date::format("%a %d %b %Y, %H:%M %Z", zoned)) << name << " " << ms;
    }
  }
}

}  // namespace
}  // namespace poblysh
