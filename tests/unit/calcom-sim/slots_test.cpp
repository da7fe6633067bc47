#include "slots.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "iso_time.hpp"
#include "zones.hpp"

namespace poblysh::calcom_sim {
namespace {

using std::chrono::minutes;

using poblysh::testing::at;

WeeklyHours weekdays(int start_minute, int end_minute) {
  WeeklyHours hours;
  for (int day = 1; day <= 5; ++day) hours[static_cast<std::size_t>(day)].push_back(DayRange{start_minute, end_minute});
  return hours;
}

SlotRequest one_day(const WeeklyHours& hours, const std::string& zone, const char* day_start, const char* day_end) {
  SlotRequest request;
  request.window = Interval{at(day_start), at(day_end)};
  request.availability.push_back(working_intervals(hours, zone, request.window));
  request.earliest = at("2000-01-01T00:00:00Z");
  return request;
}

std::vector<std::string> texts(const std::vector<SystemTime>& slots) {
  std::vector<std::string> out;
  for (auto slot : slots) out.push_back(format_iso8601_utc(slot));
  return out;
}

TEST(Slots, WalksWorkingHoursInTheUsersZoneOnTheDurationGrid) {
  // Monday 2026-12-07, Paris is UTC+1: 09:00-11:00 local is 08:00-10:00Z.
  auto request = one_day(weekdays(9 * 60, 11 * 60), "Europe/Paris", "2026-12-07T00:00:00Z", "2026-12-08T00:00:00Z");
  request.duration = minutes{30};
  request.interval = minutes{30};
  EXPECT_EQ(texts(compute_slots(request)), (std::vector<std::string>{"2026-12-07T08:00:00Z", "2026-12-07T08:30:00Z",
                                                                     "2026-12-07T09:00:00Z", "2026-12-07T09:30:00Z"}));
}

TEST(Slots, FollowsDaylightSavingTime) {
  // Paris moves to UTC+2 on Sunday 2026-03-29: Friday 09:00 is 08:00Z, Monday 09:00 is 07:00Z.
  auto request = one_day(weekdays(9 * 60, 10 * 60), "Europe/Paris", "2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z");
  request.duration = minutes{60};
  request.interval = minutes{60};
  EXPECT_EQ(texts(compute_slots(request)), (std::vector<std::string>{"2026-03-27T08:00:00Z", "2026-03-30T07:00:00Z"}));
}

TEST(Slots, ExistingBookingsAndBuffersRemoveOverlappingSlots) {
  auto request = one_day(weekdays(9 * 60, 12 * 60), "UTC", "2026-12-07T00:00:00Z", "2026-12-08T00:00:00Z");
  request.duration = minutes{60};
  request.interval = minutes{60};
  request.busy.push_back(Interval{at("2026-12-07T10:15:00Z"), at("2026-12-07T10:45:00Z")});
  EXPECT_EQ(texts(compute_slots(request)), (std::vector<std::string>{"2026-12-07T09:00:00Z", "2026-12-07T11:00:00Z"}));
  // A 30-minute buffer after the new meeting makes 09:00-10:00 reach into the booking too.
  request.after_buffer = minutes{30};
  EXPECT_EQ(texts(compute_slots(request)), (std::vector<std::string>{"2026-12-07T11:00:00Z"}));
}

TEST(Slots, NothingBeforeTheEarliestAllowedStart) {
  auto request = one_day(weekdays(9 * 60, 12 * 60), "UTC", "2026-12-07T00:00:00Z", "2026-12-08T00:00:00Z");
  request.duration = minutes{60};
  request.interval = minutes{60};
  request.earliest = at("2026-12-07T09:30:00Z");
  EXPECT_EQ(texts(compute_slots(request)), (std::vector<std::string>{"2026-12-07T10:00:00Z", "2026-12-07T11:00:00Z"}));
}

TEST(Slots, GroupsOnlyGetTimesWhenEveryoneIsFree) {
  SlotRequest request;
  request.window = Interval{at("2026-12-07T00:00:00Z"), at("2026-12-08T00:00:00Z")};
  // Paris 09:00-12:00 (08-11Z) and New York 05:00-07:00 (10-12Z) overlap 10:00-11:00Z.
  request.availability.push_back(working_intervals(weekdays(9 * 60, 12 * 60), "Europe/Paris", request.window));
  request.availability.push_back(working_intervals(weekdays(5 * 60, 7 * 60), "America/New_York", request.window));
  request.duration = minutes{30};
  request.interval = minutes{30};
  request.earliest = at("2000-01-01T00:00:00Z");
  EXPECT_EQ(texts(compute_slots(request)), (std::vector<std::string>{"2026-12-07T10:00:00Z", "2026-12-07T10:30:00Z"}));
}

TEST(Slots, WeekendsWithoutHoursHaveNoSlots) {
  auto request = one_day(weekdays(9 * 60, 17 * 60), "UTC", "2026-12-05T00:00:00Z", "2026-12-07T00:00:00Z");
  EXPECT_TRUE(compute_slots(request).empty());
}

TEST(Slots, BookabilityAcceptsOffGridStartsInsideHoursOnly) {
  auto request = one_day(weekdays(9 * 60, 12 * 60), "UTC", "2026-12-07T00:00:00Z", "2026-12-08T00:00:00Z");
  request.duration = minutes{45};
  EXPECT_TRUE(is_bookable(request, at("2026-12-07T09:10:00Z")));
  EXPECT_TRUE(is_bookable(request, at("2026-12-07T11:15:00Z")));
  EXPECT_FALSE(is_bookable(request, at("2026-12-07T11:30:00Z")));  // would end after 12:00
  EXPECT_FALSE(is_bookable(request, at("2026-12-07T08:45:00Z")));
  request.busy.push_back(Interval{at("2026-12-07T10:00:00Z"), at("2026-12-07T10:30:00Z")});
  EXPECT_FALSE(is_bookable(request, at("2026-12-07T09:30:00Z")));
}

TEST(Zones, FormatsSlotsInTheRequestedZoneLikeCalcom) {
  // (Years after 2037 are avoided: the system tzdb files carry no DST rules that far.)
  EXPECT_EQ(format_in_zone(at("2026-09-07T07:00:00Z"), "Europe/Rome"), "2026-09-07T09:00:00.000+02:00");
  EXPECT_EQ(format_in_zone(at("2026-09-07T07:00:00Z"), "UTC"), "2026-09-07T07:00:00.000Z");
  EXPECT_EQ(local_date(at("2026-09-07T23:30:00Z"), "Europe/Rome"), "2026-09-08");
  // An end date covers that whole day in the requested zone.
  EXPECT_EQ(format_iso8601_utc(*parse_date_or_time("2026-09-08", "Europe/Rome", true)), "2026-09-08T22:00:00Z");
  EXPECT_EQ(format_iso8601_utc(*parse_date_or_time("2026-09-08T10:00:00+02:00", "UTC", false)), "2026-09-08T08:00:00Z");
  EXPECT_FALSE(parse_date_or_time("2026-13-45", "UTC", false).has_value());
}

}  // namespace
}  // namespace poblysh::calcom_sim
